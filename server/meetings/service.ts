import type {
  Availability,
  AvailabilityChange,
  Match,
  MatchList,
  MatchReason,
  Meeting,
  MeetingChange,
  MeetingList,
  MeetingPerson,
  MeetingRequest,
  MeetingSpace,
  MeetingSpaceList,
  NewMeetingSpace,
  PlacedSlot,
  ScheduleRequest,
  ScheduleResult,
  StaffMeetingList,
} from '../../shared/api/meetings.ts';
import { PENDING_REQUEST_CAP } from '../../shared/api/meetings.ts';
import type { Language } from '../../shared/domain.ts';
import { type MessageKey, type MessageValues, translate } from '../../shared/i18n/index.ts';
import { canAnswerMeeting, requireAllowed, requireRole, requireSignedIn } from '../accounts/policy.ts';
import type { ServiceContext } from '../context.ts';
import type { Queryable } from '../db/client.ts';
import { AppError, notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import {
  confirmMeeting,
  countAgendaClashes,
  countBlocked,
  countPendingRequests,
  type EventRow,
  endMeeting,
  insertMeeting,
  insertSpace,
  isAttending,
  lockPeople,
  type MeetingRow,
  notify,
  type PersonRow,
  type PlacedSlotRow,
  proposeSlots,
  recordOutcome,
  replaceAvailability,
  selectAgendaBusy,
  selectBlocks,
  selectClashes,
  selectConfirmedForCalendar,
  selectEvent,
  selectEventCountry,
  selectEventMeetings,
  selectEveryoneBusy,
  selectInboxClosed,
  selectMeeting,
  selectMeetingsOf,
  selectMetBefore,
  selectMissingBingoCountries,
  selectOpenAttendees,
  selectOpenBetween,
  selectPeople,
  selectSlots,
  selectSlotsById,
  selectSpaces,
  selectTakenTables,
  selectVenueId,
} from './queries.ts';
import { type SchedulerRequest, schedule, scheduleGreedy } from './scheduler.ts';

const iso = (value: Date | string) => new Date(value).toISOString();
const rule = (key: MessageKey, values: MessageValues = {}, field?: string, reason?: string) =>
  new AppError('rule_broken', key, values, { field, reason });

/** Minutes a person needs between two meetings at different venues. */
export const TRAVEL_MINUTES = 20;
/** The longest a space's windows may add up to, in slots (a typo of the slot length must not make thousands). */
const MAX_SLOTS_PER_SPACE = 500;

async function eventOrNotFound(db: Queryable, slug: string): Promise<EventRow> {
  const event = await selectEvent(db, slug);
  if (!event) throw notFound('error.not_found.event', { slug });
  return event;
}

/** The signed-in person attending this event: only attendees meet. */
async function attendee(ctx: ServiceContext, viewer: Viewer | null, event: EventRow): Promise<string> {
  const me = requireSignedIn(viewer);
  if (!me.personId || !(await isAttending(ctx.db, event.id, me.personId))) {
    throw new AppError('forbidden', 'meetings.error.not_attending', { event: event.slug });
  }
  return me.personId;
}

const presentPerson = (row: PersonRow | undefined, id: string): MeetingPerson => ({
  id,
  name: row?.name ?? '',
  country: row?.country ?? null,
  organization: row?.organization ?? null,
});

const presentSlot = (row: PlacedSlotRow): PlacedSlot => ({
  id: row.id,
  startsAt: iso(row.startsAt),
  endsAt: iso(row.endsAt),
  space: row.space,
  venue: row.venue,
});

// --- Spaces ----------------------------------------------------------------

/** Where and when meetings happen at an event, with the tables still free in each slot (GET …/meeting-spaces). */
export async function listSpaces(ctx: ServiceContext, slug: string): Promise<MeetingSpaceList> {
  const event = await eventOrNotFound(ctx.db, slug);
  const [spaces, slots] = await Promise.all([selectSpaces(ctx.db, event.id), selectSlots(ctx.db, event.id)]);
  return {
    timeZone: event.timeZone,
    items: spaces.map(
      (space): MeetingSpace => ({
        id: space.id,
        name: space.name,
        venue: space.venueSlug ? { slug: space.venueSlug, name: space.venueName ?? space.venueSlug } : null,
        tables: space.tables,
        slotMinutes: space.slotMinutes,
        slots: slots
          .filter((slot) => slot.spaceId === space.id)
          .map((slot) => ({
            id: slot.id,
            startsAt: iso(slot.startsAt),
            endsAt: iso(slot.endsAt),
            freeTables: Math.max(0, space.tables - slot.taken),
          })),
      }),
    ),
  };
}

/** Staff add a space: its tables, and slots of the given length cut from each window (POST …/meeting-spaces). */
export async function createSpace(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string,
  input: NewMeetingSpace,
): Promise<MeetingSpace> {
  requireRole(viewer, 'admin');
  const event = await eventOrNotFound(ctx.db, slug);
  const venueId = input.venue ? await selectVenueId(ctx.db, input.venue) : null;
  if (input.venue && !venueId) throw notFound('meetings.error.no_venue', { venue: input.venue });
  const step = input.slotMinutes * 60_000;
  const slots: { startsAt: string; endsAt: string }[] = [];
  for (const [i, window] of input.windows.entries()) {
    const start = Date.parse(window.startsAt);
    const end = Date.parse(window.endsAt);
    if (!(end - start >= step)) throw rule('meetings.error.short_window', {}, `windows.${i}.endsAt`);
    // Counted before any is made: a window of years must be refused, not cut.
    if (slots.length + Math.floor((end - start) / step) > MAX_SLOTS_PER_SPACE) {
      throw rule('meetings.error.too_many_slots', { max: MAX_SLOTS_PER_SPACE }, 'slotMinutes');
    }
    for (let at = start; at + step <= end; at += step) {
      slots.push({ startsAt: new Date(at).toISOString(), endsAt: new Date(at + step).toISOString() });
    }
  }
  const id = await ctx.db.transaction((tx) =>
    insertSpace(
      tx,
      {
        eventId: event.id,
        name: input.name.trim(),
        venueId: venueId ?? null,
        tables: input.tables,
        slotMinutes: input.slotMinutes,
      },
      slots,
    ),
  );
  const list = await listSpaces(ctx, slug);
  return list.items.find((space) => space.id === id) as MeetingSpace;
}

// --- Availability ----------------------------------------------------------

export async function getAvailability(ctx: ServiceContext, viewer: Viewer | null, slug: string): Promise<Availability> {
  const event = await eventOrNotFound(ctx.db, slug);
  const me = await attendee(ctx, viewer, event);
  const [blocks, busy, inboxClosed] = await Promise.all([
    selectBlocks(ctx.db, event.id, me),
    selectAgendaBusy(ctx.db, event.id, me),
    selectInboxClosed(ctx.db, event.id, me),
  ]);
  return {
    blocks: blocks.map((b) => ({ startsAt: iso(b.startsAt), endsAt: iso(b.endsAt) })),
    busy: busy.map((b) => ({ startsAt: iso(b.startsAt), endsAt: iso(b.endsAt), title: b.title })),
    inboxClosed,
  };
}

/** Replace my blocked times and open or close my inbox (PUT …/availability). Confirmed meetings stay. */
export async function putAvailability(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string,
  input: AvailabilityChange,
): Promise<Availability> {
  const event = await eventOrNotFound(ctx.db, slug);
  const me = await attendee(ctx, viewer, event);
  const blocks = input.blocks.map((block, i) => {
    const startsAt = Date.parse(block.startsAt);
    const endsAt = Date.parse(block.endsAt);
    if (!(endsAt > startsAt)) throw rule('meetings.error.bad_interval', {}, `blocks.${i}.endsAt`);
    return { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() };
  });
  await ctx.db.transaction((tx) => replaceAvailability(tx, event.id, me, blocks, input.inboxClosed));
  return getAvailability(ctx, viewer, slug);
}

// --- Meetings --------------------------------------------------------------

async function presentMeetings(ctx: ServiceContext, rows: MeetingRow[], me: string): Promise<Meeting[]> {
  if (rows.length === 0) return [];
  const slotIds = [...new Set(rows.flatMap((row) => [...row.offered, ...(row.slotId ? [row.slotId] : [])]))];
  const personIds = [...new Set(rows.flatMap((row) => [row.requesterId, row.inviteeId]))];
  const byEvent = new Map<string, PlacedSlotRow>();
  const byPerson = new Map<string, PersonRow>();
  for (const id of new Set(rows.map((row) => row.eventId))) {
    for (const slot of await selectSlotsById(ctx.db, id, slotIds)) byEvent.set(slot.id, slot);
    for (const person of await selectPeople(ctx.db, id, personIds))
      if (!byPerson.has(person.id)) byPerson.set(person.id, person);
  }
  return rows.map((row): Meeting => {
    const outgoing = row.requesterId === me;
    const other = outgoing ? row.inviteeId : row.requesterId;
    const slot = row.slotId ? byEvent.get(row.slotId) : undefined;
    return {
      id: row.id,
      event: row.eventSlug,
      version: row.version,
      status: row.status,
      direction: outgoing ? 'outgoing' : 'incoming',
      with: presentPerson(byPerson.get(other), other),
      message: row.message,
      awaiting: row.status === 'pending' && row.awaitingId ? (row.awaitingId === me ? 'me' : 'them') : null,
      offered: row.offered
        .map((id) => byEvent.get(id))
        .filter((s): s is PlacedSlotRow => Boolean(s))
        .sort((a, b) => iso(a.startsAt).localeCompare(iso(b.startsAt)))
        .map(presentSlot),
      slot: slot ? presentSlot(slot) : null,
      table: row.tableNo,
      scheduled: row.scheduled,
      myOutcome: outgoing ? row.requesterOutcome : row.inviteeOutcome,
      theirOutcome: outgoing ? row.inviteeOutcome : row.requesterOutcome,
    };
  });
}

/** My meetings, at one event or all (GET /api/me/meetings?event=). An account without a person has none. */
export async function myMeetings(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string | undefined,
): Promise<MeetingList> {
  const me = requireSignedIn(viewer);
  const event = slug ? await eventOrNotFound(ctx.db, slug) : null;
  if (!me.personId) return { timeZone: event?.timeZone ?? 'UTC', items: [] };
  const found = await selectMeetingsOf(ctx.db, me.personId, event?.id ?? null);
  return { timeZone: event?.timeZone ?? 'UTC', items: await presentMeetings(ctx, found, me.personId) };
}

async function oneMeeting(ctx: ServiceContext, id: string, me: string): Promise<Meeting> {
  const row = await selectMeeting(ctx.db, id);
  if (!row) throw notFound('meetings.error.not_found', { id });
  return (await presentMeetings(ctx, [row], me))[0] as Meeting;
}

/** Offered slots must be slots of this event, still ahead. */
async function checkOffer(ctx: ServiceContext, eventId: string, ids: string[], field: string): Promise<void> {
  const found = await selectSlotsById(ctx.db, eventId, ids);
  if (found.length !== ids.length) throw rule('meetings.error.unknown_slot', {}, field, 'unknown_slot');
  const now = ctx.clock.now().getTime();
  if (found.some((slot) => new Date(slot.startsAt).getTime() <= now)) {
    throw rule('meetings.error.slot_past', {}, field, 'slot_past');
  }
}

/** Ask someone at the event for a meeting in one of the slots that suit me (POST …/meetings). */
export async function requestMeeting(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string,
  input: MeetingRequest,
): Promise<Meeting> {
  const event = await eventOrNotFound(ctx.db, slug);
  const me = await attendee(ctx, viewer, event);
  if (input.with === me) throw rule('meetings.error.self', {}, 'with', 'self');
  if (!(await isAttending(ctx.db, event.id, input.with)))
    throw notFound('meetings.error.no_attendee', { id: input.with });
  if (await selectInboxClosed(ctx.db, event.id, input.with))
    throw rule('meetings.error.inbox_closed', {}, 'with', 'inbox_closed');
  await checkOffer(ctx, event.id, input.slots, 'slots');
  const at = ctx.clock.now().toISOString();
  const id = await ctx.db.transaction(async (tx) => {
    // One request at a time per pair: the cap and the "already asked" rule cannot be passed by sending twice at once.
    await lockPeople(tx, event.id, [me, input.with].sort());
    if ((await countPendingRequests(tx, event.id, me)) >= PENDING_REQUEST_CAP) {
      throw new AppError(
        'rate_limited',
        'meetings.error.too_many_pending',
        { max: PENDING_REQUEST_CAP },
        { reason: 'pending_cap' },
      );
    }
    if (await selectOpenBetween(tx, event.id, me, input.with)) {
      throw new AppError('conflict', 'meetings.error.already_open', {}, { field: 'with', reason: 'already_open' });
    }
    const created = await insertMeeting(tx, {
      eventId: event.id,
      requesterId: me,
      inviteeId: input.with,
      createdBy: (viewer as Viewer).userId,
      message: input.message?.trim() || null,
      offered: input.slots,
      at,
    });
    await notify(
      tx,
      [{ personId: input.with, kind: 'meeting_requested', meetingId: created, eventSlug: event.slug }],
      at,
    );
    return created;
  });
  return oneMeeting(ctx, id, me);
}

/**
 * Book a meeting into a slot, inside the caller's transaction: both people's
 * attendances are locked first, so two accepts touching the same person are
 * judged one after the other on any instance; the unique keys on (person,
 * slot) and (slot, table) stand behind that.
 */
async function book(
  tx: Queryable,
  meeting: MeetingRow,
  slot: PlacedSlotRow,
  scheduled: boolean,
  at: string,
): Promise<'booked' | 'person_busy' | 'slot_full'> {
  const people = [meeting.requesterId, meeting.inviteeId].sort();
  await lockPeople(tx, meeting.eventId, people);
  const interval = { startsAt: iso(slot.startsAt), endsAt: iso(slot.endsAt) };
  if ((await selectClashes(tx, people, interval, meeting.id)) > 0) return 'person_busy';
  if ((await countBlocked(tx, meeting.eventId, people, interval)) > 0) return 'person_busy';
  if ((await countAgendaClashes(tx, meeting.eventId, people, interval)) > 0) return 'person_busy';
  const taken = new Set((await selectTakenTables(tx, slot.id)).map((row) => row.tableNo));
  let table = 1;
  while (taken.has(table)) table++;
  if (table > slot.tables) return 'slot_full';
  await confirmMeeting(tx, { id: meeting.id, slotId: slot.id, tableNo: table, people, scheduled, at });
  return 'booked';
}

const isUniqueViolation = (error: unknown): boolean => {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
};

/** Accept, decline, propose other slots, cancel, or say whether it happened (PATCH /api/meetings/:id). */
export async function changeMeeting(
  ctx: ServiceContext,
  viewer: Viewer | null,
  id: string,
  input: MeetingChange,
): Promise<Meeting> {
  const me = requireSignedIn(viewer).personId;
  const found = await selectMeeting(ctx.db, id);
  if (!found) throw notFound('meetings.error.not_found', { id });
  // Only the two people of a meeting answer it; to anyone else it says nothing but no.
  requireAllowed(viewer, canAnswerMeeting(viewer, found));
  if (!me) throw notFound('meetings.error.not_found', { id });
  const other = found.requesterId === me ? found.inviteeId : found.requesterId;
  const at = ctx.clock.now().toISOString();
  if (input.action === 'propose') {
    if (!input.slots?.length) throw rule('meetings.error.unknown_slot', {}, 'slots', 'no_slots');
    await checkOffer(ctx, found.eventId, input.slots, 'slots');
  }

  try {
    await ctx.db.transaction(async (tx) => {
      const meeting = (await selectMeeting(tx, id, true)) as MeetingRow;
      if (meeting.version !== input.version) {
        throw new AppError(
          'conflict',
          'meetings.error.changed',
          { read: input.version, current: meeting.version },
          { field: 'version' },
        );
      }
      const notice = (kind: string) =>
        notify(tx, [{ personId: other, kind, meetingId: id, eventSlug: meeting.eventSlug }], at);
      const pendingForMe = meeting.status === 'pending' && meeting.awaitingId === me;
      switch (input.action) {
        case 'accept': {
          if (!pendingForMe) throw rule('meetings.error.not_yours_to_answer', {}, 'action', 'not_awaiting');
          if (!input.slot || !meeting.offered.includes(input.slot)) {
            throw rule('meetings.error.slot_not_offered', {}, 'slot', 'slot_not_offered');
          }
          const [slot] = await selectSlotsById(tx, meeting.eventId, [input.slot]);
          if (!slot || new Date(slot.startsAt).getTime() <= Date.parse(at)) {
            throw rule('meetings.error.slot_past', {}, 'slot', 'slot_past');
          }
          const result = await book(tx, meeting, slot, false, at);
          if (result === 'person_busy')
            throw new AppError('conflict', 'meetings.error.person_busy', {}, { field: 'slot', reason: result });
          if (result === 'slot_full')
            throw new AppError('conflict', 'meetings.error.slot_full', {}, { field: 'slot', reason: result });
          await notice('meeting_confirmed');
          return;
        }
        case 'decline':
          if (!pendingForMe) throw rule('meetings.error.not_yours_to_answer', {}, 'action', 'not_awaiting');
          await endMeeting(tx, id, 'declined', at);
          await notice('meeting_declined');
          return;
        case 'propose':
          if (!pendingForMe) throw rule('meetings.error.not_yours_to_answer', {}, 'action', 'not_awaiting');
          await proposeSlots(tx, id, input.slots ?? [], other, at);
          await notice('meeting_proposed');
          return;
        case 'cancel':
          if (meeting.status !== 'pending' && meeting.status !== 'confirmed') {
            throw rule('meetings.error.over', {}, 'action', 'over');
          }
          await endMeeting(tx, id, 'cancelled', at);
          await notice('meeting_cancelled');
          return;
        case 'met':
        case 'missed': {
          if (meeting.status !== 'confirmed' || !meeting.slotId)
            throw rule('meetings.error.not_confirmed', {}, 'action');
          const [slot] = await selectSlotsById(tx, meeting.eventId, [meeting.slotId]);
          if (!slot || new Date(slot.startsAt).getTime() > Date.parse(at)) {
            throw rule('meetings.error.not_yet', {}, 'action', 'not_yet');
          }
          await recordOutcome(tx, id, meeting.requesterId === me ? 'requester' : 'invitee', input.action, at);
          return;
        }
      }
    });
  } catch (error) {
    // The unique keys caught a booking another instance made between our checks: the same answer as a clash.
    if (isUniqueViolation(error)) throw new AppError('conflict', 'meetings.error.person_busy', {}, { field: 'slot' });
    throw error;
  }
  return oneMeeting(ctx, id, me);
}

// --- Matchmaking -----------------------------------------------------------

const MAX_MATCHES = 20;

/**
 * Whom to meet, best first, each with its reasons in my language: topics in
 * common, local industry for visitors (and visitors for the locals), the
 * countries still missing from my bingo card while a game runs, languages in
 * common, and whether we have met, here or on an earlier trip.
 */
export async function listMatches(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string,
  language: Language,
): Promise<MatchList> {
  const event = await eventOrNotFound(ctx.db, slug);
  const me = await attendee(ctx, viewer, event);
  const [[mine], others, met, missing, host, open] = await Promise.all([
    selectPeople(ctx.db, event.id, [me]),
    selectOpenAttendees(ctx.db, event.id, me),
    selectMetBefore(ctx.db, me),
    selectMissingBingoCountries(ctx.db, event.id, me, ctx.clock.now().toISOString()),
    selectEventCountry(ctx.db, event.id),
    selectMeetingsOf(ctx.db, me, event.id),
  ]);
  const metHere = new Set(met.filter((m) => m.eventId === event.id).map((m) => m.personId));
  const metElsewhere = new Set(met.filter((m) => m.eventId !== event.id).map((m) => m.personId));
  const asked = new Set(
    open.filter((m) => m.status === 'pending' || m.status === 'confirmed').flatMap((m) => [m.requesterId, m.inviteeId]),
  );
  const missingCountries = new Set(missing.map((m) => m.country));
  const myTopics = new Set(mine?.topics ?? []);
  const myLanguages = new Set(mine?.languages ?? []);
  const iAmLocal = Boolean(host && mine?.country === host);
  const say = (key: MessageKey, values: MessageValues = {}) => translate(language, key, values);

  const matches: Match[] = [];
  for (const person of others) {
    if (asked.has(person.id) || metHere.has(person.id)) continue;
    const reasons: Match['reasons'] = [];
    let score = 0;
    const add = (code: MatchReason, weight: number, key: MessageKey, values: MessageValues = {}) => {
      reasons.push({ code, text: say(key, values) });
      score += weight;
    };
    const topics = person.topics.filter((topic) => myTopics.has(topic));
    if (topics.length > 0)
      add('topics', 2 * topics.length, 'meetings.reason.topics', { count: topics.length, topics: topics.join(', ') });
    const local = Boolean(host && person.country === host);
    if (local && !iAmLocal) add('local_industry', 3, 'meetings.reason.local_industry');
    if (!local && iAmLocal) add('local_industry', 2, 'meetings.reason.visitor', { country: person.country ?? '' });
    if (person.country && missingCountries.has(person.country)) {
      add('bingo_country', 3, 'meetings.reason.bingo_country', { country: person.country });
    } else if (person.country && person.country !== mine?.country) {
      add('new_country', 1, 'meetings.reason.new_country', { country: person.country });
    }
    const languages = person.languages.filter((l) => myLanguages.has(l));
    if (languages.length > 0) add('languages', 1, 'meetings.reason.languages', { languages: languages.join(', ') });
    if (metElsewhere.has(person.id)) add('met_before', 1, 'meetings.reason.met_before');
    else add('not_met', 1, 'meetings.reason.not_met');
    if (score <= 1) continue;
    matches.push({ person: presentPerson(person, person.id), score, reasons });
  }
  matches.sort((a, b) => b.score - a.score || a.person.name.localeCompare(b.person.name));
  return { items: matches.slice(0, MAX_MATCHES) };
}

// --- Staff -----------------------------------------------------------------

/** Every meeting of an event, with what each side said after it (GET …/meetings, staff). */
export async function staffMeetings(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string,
): Promise<StaffMeetingList> {
  requireRole(viewer, 'admin');
  const event = await eventOrNotFound(ctx.db, slug);
  const found = await selectEventMeetings(ctx.db, event.id);
  const slots = new Map(
    (
      await selectSlotsById(
        ctx.db,
        event.id,
        found.flatMap((m) => (m.slotId ? [m.slotId] : [])),
      )
    ).map((s) => [s.id, s]),
  );
  const people = new Map(
    (await selectPeople(ctx.db, event.id, [...new Set(found.flatMap((m) => [m.requesterId, m.inviteeId]))])).map(
      (p) => [p.id, p],
    ),
  );
  const now = ctx.clock.now().getTime();
  let noShows = 0;
  const items = found.map((m) => {
    const slot = m.slotId ? slots.get(m.slotId) : undefined;
    if (
      m.status === 'confirmed' &&
      slot &&
      new Date(slot.endsAt).getTime() <= now &&
      (m.requesterOutcome === 'missed' || m.inviteeOutcome === 'missed')
    ) {
      noShows++;
    }
    return {
      id: m.id,
      status: m.status,
      requester: presentPerson(people.get(m.requesterId), m.requesterId),
      invitee: presentPerson(people.get(m.inviteeId), m.inviteeId),
      slot: slot ? presentSlot(slot) : null,
      table: m.tableNo,
      scheduled: m.scheduled,
      requesterOutcome: m.requesterOutcome,
      inviteeOutcome: m.inviteeOutcome,
    };
  });
  return { timeZone: event.timeZone, items, noShows };
}

/**
 * The organisers' scheduler over every pending request of an event (POST
 * …/meetings/schedule): a preview, or the publication of the placements staff
 * kept. Publishing books each placement like an accept would (a placement
 * that became impossible meanwhile stays pending) and tells both people.
 */
export async function runSchedule(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string,
  input: ScheduleRequest,
): Promise<ScheduleResult> {
  requireRole(viewer, 'admin');
  const event = await eventOrNotFound(ctx.db, slug);
  const now = ctx.clock.now();
  const [spaces, slotRows, all, busyRows] = await Promise.all([
    selectSpaces(ctx.db, event.id),
    selectSlots(ctx.db, event.id),
    selectEventMeetings(ctx.db, event.id),
    selectEveryoneBusy(ctx.db, event.id),
  ]);
  const spaceById = new Map(spaces.map((space) => [space.id, space]));
  const slots = slotRows
    .filter((slot) => new Date(slot.startsAt).getTime() > now.getTime())
    .map((slot) => {
      const space = spaceById.get(slot.spaceId);
      return {
        id: slot.id,
        start: new Date(slot.startsAt).getTime(),
        end: new Date(slot.endsAt).getTime(),
        venue: space?.venueSlug ?? space?.id ?? slot.spaceId,
        tables: space?.tables ?? 0,
      };
    });
  const busy = new Map<string, { start: number; end: number }[]>();
  for (const row of busyRows) {
    const list = busy.get(row.personId) ?? [];
    list.push({ start: new Date(row.startsAt).getTime(), end: new Date(row.endsAt).getTime() });
    busy.set(row.personId, list);
  }
  const pending = all.filter((m) => m.status === 'pending');
  const requests: SchedulerRequest[] = pending.map((m) => ({
    id: m.id,
    a: m.requesterId,
    b: m.inviteeId,
    slots: m.offered.length > 0 ? m.offered : undefined,
  }));
  const fixed = all
    .filter((m) => m.status === 'confirmed' && m.slotId && m.tableNo)
    .map((m) => ({ a: m.requesterId, b: m.inviteeId, slot: m.slotId as string, table: m.tableNo as number }));
  const input2 = { slots, requests, busy, fixed, travelMs: TRAVEL_MINUTES * 60_000 };
  const outcome = schedule(input2);
  const greedyCount = scheduleGreedy(input2).placements.length;

  const keep = input.keep ? new Set(input.keep) : null;
  let placements = outcome.placements.filter((p) => !keep || keep.has(p.request));
  const byId = new Map(pending.map((m) => [m.id, m]));
  const slotDetails = new Map(
    (await selectSlotsById(ctx.db, event.id, [...new Set(placements.map((p) => p.slot))])).map((s) => [s.id, s]),
  );

  if (input.publish) {
    const at = now.toISOString();
    const booked: typeof placements = [];
    for (const placement of placements) {
      const meeting = byId.get(placement.request) as MeetingRow;
      const slot = slotDetails.get(placement.slot) as PlacedSlotRow;
      try {
        const done = await ctx.db.transaction(async (tx) => {
          const current = await selectMeeting(tx, meeting.id, true);
          if (current?.status !== 'pending') return false;
          if ((await book(tx, current, slot, true, at)) !== 'booked') return false;
          await notify(
            tx,
            [current.requesterId, current.inviteeId].map((personId) => ({
              personId,
              kind: 'meeting_scheduled',
              meetingId: current.id,
              eventSlug: event.slug,
            })),
            at,
          );
          return true;
        });
        if (done) booked.push(placement);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    placements = booked;
  }

  const people = new Map(
    (await selectPeople(ctx.db, event.id, [...new Set(pending.flatMap((m) => [m.requesterId, m.inviteeId]))])).map(
      (p) => [p.id, p],
    ),
  );
  const pair = (m: MeetingRow) => ({
    requester: presentPerson(people.get(m.requesterId), m.requesterId),
    invitee: presentPerson(people.get(m.inviteeId), m.inviteeId),
  });
  const placedIds = new Set(placements.map((p) => p.request));
  return {
    published: input.publish,
    placements: placements.map((p) => {
      const m = byId.get(p.request) as MeetingRow;
      // The table a publication booked may differ from the preview's when someone accepted meanwhile.
      return { meeting: m.id, ...pair(m), slot: presentSlot(slotDetails.get(p.slot) as PlacedSlotRow), table: p.table };
    }),
    unplaced: pending.filter((m) => !placedIds.has(m.id)).map((m) => ({ meeting: m.id, ...pair(m) })),
    greedyCount,
  };
}

// --- Calendar --------------------------------------------------------------

/** My confirmed meetings everywhere, for the personal calendar feed (the agenda writes them out). */
export async function confirmedMeetingsFor(ctx: ServiceContext, personId: string) {
  const found = await selectConfirmedForCalendar(ctx.db, personId);
  return found.map((row) => ({
    id: row.id,
    version: row.version,
    eventSlug: row.eventSlug,
    timeZone: row.timeZone,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    table: row.tableNo,
    space: row.space,
    venue: row.venue,
    address: row.address,
    withName: row.withName,
  }));
}
