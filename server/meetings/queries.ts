import { sql } from 'drizzle-orm';
import type { MeetingOutcome, MeetingStatus } from '../../shared/api/meetings.ts';
import { type Queryable, rows } from '../db/client.ts';

/*
 * All SQL of the meetings. Reads of the programme (events, sessions, venues),
 * the delegations (attendances), the rsvp (seats, notifications), the
 * networking (connections) and the bingo (cells) are raw SQL here: the
 * meetings own none of those tables.
 */

export interface EventRow {
  id: string;
  slug: string;
  timeZone: string;
}

export async function selectEvent(db: Queryable, slug: string): Promise<EventRow | undefined> {
  const [row] = await rows<EventRow>(
    db,
    sql`select id, slug, time_zone as "timeZone" from events where slug = ${slug} limit 1`,
  );
  return row;
}

export async function isAttending(db: Queryable, eventId: string, personId: string): Promise<boolean> {
  const found = await rows<{ one: number }>(
    db,
    sql`select 1 as one from attendances where event_id = ${eventId} and person_id = ${personId}`,
  );
  return found.length > 0;
}

// --- Spaces and slots ------------------------------------------------------

export interface SpaceRow {
  id: string;
  name: string;
  tables: number;
  slotMinutes: number;
  venueSlug: string | null;
  venueName: string | null;
}

export function selectSpaces(db: Queryable, eventId: string): Promise<SpaceRow[]> {
  return rows<SpaceRow>(
    db,
    sql`select s.id, s.name, s.tables, s.slot_minutes as "slotMinutes", v.slug as "venueSlug", v.name as "venueName"
        from meeting_spaces s left join venues v on v.id = s.venue_id
        where s.event_id = ${eventId} order by s.created_at, s.name`,
  );
}

export interface SlotRow {
  id: string;
  spaceId: string;
  startsAt: Date | string;
  endsAt: Date | string;
  taken: number;
}

export function selectSlots(db: Queryable, eventId: string): Promise<SlotRow[]> {
  return rows<SlotRow>(
    db,
    sql`select sl.id, sl.space_id as "spaceId", sl.starts_at as "startsAt", sl.ends_at as "endsAt",
               (select count(*)::int from meetings m where m.slot_id = sl.id and m.status = 'confirmed') as taken
        from meeting_slots sl where sl.event_id = ${eventId} order by sl.starts_at, sl.id`,
  );
}

export async function selectVenueId(db: Queryable, slug: string): Promise<string | undefined> {
  const [row] = await rows<{ id: string }>(db, sql`select id from venues where slug = ${slug}`);
  return row?.id;
}

export async function insertSpace(
  db: Queryable,
  space: { eventId: string; name: string; venueId: string | null; tables: number; slotMinutes: number },
  slots: { startsAt: string; endsAt: string }[],
): Promise<string> {
  const [row] = await rows<{ id: string }>(
    db,
    sql`insert into meeting_spaces (event_id, name, venue_id, tables, slot_minutes)
        values (${space.eventId}, ${space.name}, ${space.venueId}, ${space.tables}, ${space.slotMinutes}) returning id`,
  );
  const id = (row as { id: string }).id;
  for (const slot of slots) {
    await db.execute(
      sql`insert into meeting_slots (space_id, event_id, starts_at, ends_at)
          values (${id}, ${space.eventId}, ${slot.startsAt}, ${slot.endsAt}) on conflict do nothing`,
    );
  }
  return id;
}

export interface PlacedSlotRow {
  id: string;
  startsAt: Date | string;
  endsAt: Date | string;
  spaceId: string;
  space: string;
  venue: string | null;
  tables: number;
}

export function selectSlotsById(db: Queryable, eventId: string, ids: string[]): Promise<PlacedSlotRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return rows<PlacedSlotRow>(
    db,
    sql`select sl.id, sl.starts_at as "startsAt", sl.ends_at as "endsAt", sp.id as "spaceId", sp.name as space,
               v.name as venue, sp.tables
        from meeting_slots sl join meeting_spaces sp on sp.id = sl.space_id left join venues v on v.id = sp.venue_id
        where sl.event_id = ${eventId} and sl.id in ${ids}`,
  );
}

// --- Availability ----------------------------------------------------------

export interface Interval {
  startsAt: Date | string;
  endsAt: Date | string;
}

export function selectBlocks(db: Queryable, eventId: string, personId: string): Promise<Interval[]> {
  return rows<Interval>(
    db,
    sql`select starts_at as "startsAt", ends_at as "endsAt" from meeting_blocks
        where event_id = ${eventId} and person_id = ${personId} order by starts_at`,
  );
}

/** The sessions a person holds a seat at (or was assigned to with their delegation): busy then. */
export function selectAgendaBusy(
  db: Queryable,
  eventId: string,
  personId: string,
): Promise<(Interval & { title: string })[]> {
  return rows<Interval & { title: string }>(
    db,
    sql`select s.starts_at as "startsAt", s.ends_at as "endsAt", s.title_en as title from sessions s
        where s.event_id = ${eventId} and s.status <> 'cancelled' and (
          exists (select 1 from rsvps r where r.session_id = s.id and r.person_id = ${personId} and r.status = 'confirmed')
          or exists (select 1 from session_assignments sa join attendances a on a.delegation_id = sa.delegation_id
                     where sa.session_id = s.id and a.person_id = ${personId} and a.event_id = s.event_id))
        order by s.starts_at`,
  );
}

export async function selectInboxClosed(db: Queryable, eventId: string, personId: string): Promise<boolean> {
  const [row] = await rows<{ closed: boolean }>(
    db,
    sql`select closed from meeting_inboxes where event_id = ${eventId} and person_id = ${personId}`,
  );
  return row?.closed ?? false;
}

export async function replaceAvailability(
  db: Queryable,
  eventId: string,
  personId: string,
  blocks: { startsAt: string; endsAt: string }[],
  inboxClosed: boolean,
): Promise<void> {
  await db.execute(sql`delete from meeting_blocks where event_id = ${eventId} and person_id = ${personId}`);
  for (const block of blocks) {
    await db.execute(
      sql`insert into meeting_blocks (event_id, person_id, starts_at, ends_at)
          values (${eventId}, ${personId}, ${block.startsAt}, ${block.endsAt})`,
    );
  }
  await db.execute(
    sql`insert into meeting_inboxes (event_id, person_id, closed) values (${eventId}, ${personId}, ${inboxClosed})
        on conflict (event_id, person_id) do update set closed = excluded.closed`,
  );
}

/** Every person's blocked times and held sessions at an event, for the scheduler. */
export function selectEveryoneBusy(db: Queryable, eventId: string): Promise<(Interval & { personId: string })[]> {
  return rows<Interval & { personId: string }>(
    db,
    sql`select person_id as "personId", starts_at as "startsAt", ends_at as "endsAt" from meeting_blocks
        where event_id = ${eventId}
        union all
        select r.person_id, s.starts_at, s.ends_at from rsvps r join sessions s on s.id = r.session_id
        where s.event_id = ${eventId} and r.status = 'confirmed' and s.status <> 'cancelled'`,
  );
}

// --- Meetings --------------------------------------------------------------

export interface MeetingRow {
  id: string;
  eventId: string;
  eventSlug: string;
  requesterId: string;
  inviteeId: string;
  message: string | null;
  status: MeetingStatus;
  awaitingId: string | null;
  offered: string[];
  slotId: string | null;
  tableNo: number | null;
  scheduled: boolean;
  requesterOutcome: MeetingOutcome | null;
  inviteeOutcome: MeetingOutcome | null;
  version: number;
}

const meetingColumns = sql`m.id, m.event_id as "eventId", e.slug as "eventSlug", m.requester_id as "requesterId",
  m.invitee_id as "inviteeId", m.message, m.status, m.awaiting_id as "awaitingId", m.offered, m.slot_id as "slotId",
  m.table_no as "tableNo", m.scheduled, m.requester_outcome as "requesterOutcome",
  m.invitee_outcome as "inviteeOutcome", m.version`;

export async function selectMeeting(db: Queryable, id: string, lock = false): Promise<MeetingRow | undefined> {
  const [row] = await rows<MeetingRow>(
    db,
    sql`select ${meetingColumns} from meetings m join events e on e.id = m.event_id where m.id = ${id}
        ${lock ? sql`for update of m` : sql``}`,
  );
  return row;
}

export function selectMeetingsOf(db: Queryable, personId: string, eventId: string | null): Promise<MeetingRow[]> {
  return rows<MeetingRow>(
    db,
    sql`select ${meetingColumns} from meetings m join events e on e.id = m.event_id
        left join meeting_slots sl on sl.id = m.slot_id
        where (m.requester_id = ${personId} or m.invitee_id = ${personId})
          ${eventId ? sql`and m.event_id = ${eventId}` : sql``}
        order by sl.starts_at nulls last, m.created_at desc, m.id`,
  );
}

export function selectEventMeetings(db: Queryable, eventId: string): Promise<MeetingRow[]> {
  return rows<MeetingRow>(
    db,
    sql`select ${meetingColumns} from meetings m join events e on e.id = m.event_id
        left join meeting_slots sl on sl.id = m.slot_id
        where m.event_id = ${eventId} order by sl.starts_at nulls last, m.created_at, m.id`,
  );
}

export async function countPendingRequests(db: Queryable, eventId: string, personId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from meetings
        where event_id = ${eventId} and requester_id = ${personId} and status = 'pending'`,
  );
  return row?.n ?? 0;
}

/** A pending or confirmed meeting between two people at an event, whoever asked. */
export async function selectOpenBetween(db: Queryable, eventId: string, a: string, b: string) {
  const [row] = await rows<{ id: string }>(
    db,
    sql`select id from meetings where event_id = ${eventId} and status in ('pending', 'confirmed')
        and ((requester_id = ${a} and invitee_id = ${b}) or (requester_id = ${b} and invitee_id = ${a}))`,
  );
  return row;
}

export async function insertMeeting(
  db: Queryable,
  meeting: {
    eventId: string;
    requesterId: string;
    inviteeId: string;
    createdBy: string;
    message: string | null;
    offered: string[];
    at: string;
  },
): Promise<string> {
  const [row] = await rows<{ id: string }>(
    db,
    sql`insert into meetings (event_id, requester_id, invitee_id, created_by, message, status, awaiting_id, offered,
                              created_at, updated_at)
        values (${meeting.eventId}, ${meeting.requesterId}, ${meeting.inviteeId}, ${meeting.createdBy},
                ${meeting.message}, 'pending', ${meeting.inviteeId}, ${JSON.stringify(meeting.offered)}::jsonb,
                ${meeting.at}, ${meeting.at})
        returning id`,
  );
  return (row as { id: string }).id;
}

/**
 * The attendances of both people, locked in a fixed order: every booking of
 * either of them is decided one at a time, on any instance, and two
 * bookings locking the same pair can never deadlock.
 */
export async function lockPeople(db: Queryable, eventId: string, people: string[]): Promise<void> {
  await db.execute(
    sql`select id from attendances where event_id = ${eventId} and person_id in ${people}
        order by person_id for update`,
  );
}

/** The confirmed meetings of these people that overlap an interval (and the people they hold). */
export async function selectClashes(
  db: Queryable,
  people: string[],
  interval: { startsAt: string; endsAt: string },
  ignoring: string | null,
): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from meeting_bookings b join meeting_slots sl on sl.id = b.slot_id
        where b.person_id in ${people} and sl.starts_at < ${interval.endsAt} and ${interval.startsAt} < sl.ends_at
          ${ignoring ? sql`and b.meeting_id <> ${ignoring}` : sql``}`,
  );
  return row?.n ?? 0;
}

/** Blocked times of these people overlapping an interval. */
export async function countBlocked(
  db: Queryable,
  eventId: string,
  people: string[],
  interval: { startsAt: string; endsAt: string },
): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from meeting_blocks
        where event_id = ${eventId} and person_id in ${people}
          and starts_at < ${interval.endsAt} and ${interval.startsAt} < ends_at`,
  );
  return row?.n ?? 0;
}

/** Sessions on these people's agendas (confirmed seats) overlapping an interval: they are busy then. */
export async function countAgendaClashes(
  db: Queryable,
  eventId: string,
  people: string[],
  interval: { startsAt: string; endsAt: string },
): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from rsvps r join sessions s on s.id = r.session_id
        where s.event_id = ${eventId} and r.person_id in ${people} and r.status = 'confirmed'
          and s.status <> 'cancelled' and s.starts_at < ${interval.endsAt} and ${interval.startsAt} < s.ends_at`,
  );
  return row?.n ?? 0;
}

export function selectTakenTables(db: Queryable, slotId: string): Promise<{ tableNo: number }[]> {
  return rows<{ tableNo: number }>(
    db,
    sql`select table_no as "tableNo" from meetings where slot_id = ${slotId} and status = 'confirmed'`,
  );
}

export async function confirmMeeting(
  db: Queryable,
  meeting: { id: string; slotId: string; tableNo: number; people: string[]; scheduled: boolean; at: string },
): Promise<void> {
  await db.execute(
    sql`update meetings set status = 'confirmed', slot_id = ${meeting.slotId}, table_no = ${meeting.tableNo},
               awaiting_id = null, offered = '[]'::jsonb, scheduled = ${meeting.scheduled},
               version = version + 1, updated_at = ${meeting.at}
        where id = ${meeting.id}`,
  );
  for (const person of meeting.people) {
    await db.execute(
      sql`insert into meeting_bookings (meeting_id, slot_id, person_id) values (${meeting.id}, ${meeting.slotId}, ${person})`,
    );
  }
}

export async function endMeeting(
  db: Queryable,
  id: string,
  status: 'declined' | 'cancelled',
  at: string,
): Promise<void> {
  await db.execute(sql`delete from meeting_bookings where meeting_id = ${id}`);
  await db.execute(
    sql`update meetings set status = ${status}, awaiting_id = null, version = version + 1, updated_at = ${at}
        where id = ${id}`,
  );
}

export async function proposeSlots(
  db: Queryable,
  id: string,
  offered: string[],
  awaitingId: string,
  at: string,
): Promise<void> {
  await db.execute(
    sql`update meetings set offered = ${JSON.stringify(offered)}::jsonb, awaiting_id = ${awaitingId},
               version = version + 1, updated_at = ${at}
        where id = ${id}`,
  );
}

export async function recordOutcome(
  db: Queryable,
  id: string,
  side: 'requester' | 'invitee',
  outcome: MeetingOutcome,
  at: string,
): Promise<void> {
  await db.execute(
    side === 'requester'
      ? sql`update meetings set requester_outcome = ${outcome}, version = version + 1, updated_at = ${at} where id = ${id}`
      : sql`update meetings set invitee_outcome = ${outcome}, version = version + 1, updated_at = ${at} where id = ${id}`,
  );
}

export async function notify(
  db: Queryable,
  notices: { personId: string; kind: string; meetingId: string; eventSlug: string }[],
  at: string,
): Promise<void> {
  for (const notice of notices) {
    await db.execute(
      sql`insert into notifications (person_id, kind, payload, created_at)
          values (${notice.personId}, ${notice.kind},
                  ${JSON.stringify({ meetingId: notice.meetingId, eventSlug: notice.eventSlug })}::jsonb, ${at})`,
    );
  }
}

// --- People ----------------------------------------------------------------

export interface PersonRow {
  id: string;
  name: string;
  country: string | null;
  organization: string | null;
  organizationKind: string | null;
  organizationCountry: string | null;
  languages: string[];
  topics: string[];
}

const personColumns = sql`p.id, p.name, coalesce(a.country_code, p.country_code) as country, p.languages, p.topics,
  (select coalesce(o.acronym, o.name) from affiliations af join organizations o on o.id = af.organization_id
   where af.person_id = p.id order by af.position, o.name limit 1) as organization,
  (select o.kind::text from affiliations af join organizations o on o.id = af.organization_id
   where af.person_id = p.id order by af.position, o.name limit 1) as "organizationKind",
  (select o.country_code from affiliations af join organizations o on o.id = af.organization_id
   where af.person_id = p.id order by af.position, o.name limit 1) as "organizationCountry"`;

export function selectPeople(db: Queryable, eventId: string, ids: string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return rows<PersonRow>(
    db,
    sql`select ${personColumns} from people p
        left join attendances a on a.event_id = ${eventId} and a.person_id = p.id
        where p.id in ${ids}`,
  );
}

/** Everyone attending an event but me, who has not closed their inbox. */
export function selectOpenAttendees(db: Queryable, eventId: string, personId: string): Promise<PersonRow[]> {
  return rows<PersonRow>(
    db,
    sql`select ${personColumns} from attendances a join people p on p.id = a.person_id
        where a.event_id = ${eventId} and a.person_id <> ${personId} and not a.is_staff
          and not exists (select 1 from meeting_inboxes i
                          where i.event_id = a.event_id and i.person_id = a.person_id and i.closed)`,
  );
}

/** Whom I have met: connections at any event of the network, and meetings both confirmed. */
export function selectMetBefore(db: Queryable, personId: string): Promise<{ personId: string; eventId: string }[]> {
  return rows<{ personId: string; eventId: string }>(
    db,
    sql`select case when person_low = ${personId} then person_high else person_low end as "personId",
               event_id as "eventId"
        from connections where person_low = ${personId} or person_high = ${personId}
        union
        select case when requester_id = ${personId} then invitee_id else requester_id end, event_id
        from meetings where (requester_id = ${personId} or invitee_id = ${personId})
          and requester_outcome = 'met' and invitee_outcome = 'met'`,
  );
}

/** The countries of the running bingo game's cells I have not stamped yet (by a connection with someone from there). */
export function selectMissingBingoCountries(
  db: Queryable,
  eventId: string,
  personId: string,
  now: string,
): Promise<{ country: string }[]> {
  return rows<{ country: string }>(
    db,
    sql`select distinct c.country_code as country from bingo_games g join bingo_cells c on c.game_id = g.id
        where g.event_id = ${eventId} and g.starts_at <= ${now} and ${now} < g.ends_at and c.country_code is not null
          and c.country_code not in (
            select coalesce(a.country_code, p.country_code) from connections k
            join people p on p.id = case when k.person_low = ${personId} then k.person_high else k.person_low end
            left join attendances a on a.event_id = k.event_id and a.person_id = p.id
            where k.event_id = ${eventId} and (k.person_low = ${personId} or k.person_high = ${personId})
              and coalesce(a.country_code, p.country_code) is not null)`,
  );
}

export async function selectEventCountry(db: Queryable, eventId: string): Promise<string | null> {
  const [row] = await rows<{ country: string | null }>(
    db,
    sql`select country_code as country from events where id = ${eventId}`,
  );
  return row?.country ?? null;
}

// --- Calendar --------------------------------------------------------------

export interface CalendarMeetingRow {
  id: string;
  version: number;
  eventSlug: string;
  timeZone: string;
  startsAt: Date | string;
  endsAt: Date | string;
  tableNo: number;
  space: string;
  venue: string | null;
  address: string | null;
  withName: string;
}

/** My confirmed meetings at every event, for the personal calendar feed. */
export function selectConfirmedForCalendar(db: Queryable, personId: string): Promise<CalendarMeetingRow[]> {
  return rows<CalendarMeetingRow>(
    db,
    sql`select m.id, m.version, e.slug as "eventSlug", e.time_zone as "timeZone", sl.starts_at as "startsAt",
               sl.ends_at as "endsAt", m.table_no as "tableNo", sp.name as space, v.name as venue, v.address,
               p.name as "withName"
        from meeting_bookings b join meetings m on m.id = b.meeting_id
        join events e on e.id = m.event_id
        join meeting_slots sl on sl.id = m.slot_id join meeting_spaces sp on sp.id = sl.space_id
        left join venues v on v.id = sp.venue_id
        join people p on p.id = case when m.requester_id = ${personId} then m.invitee_id else m.requester_id end
        where b.person_id = ${personId} and m.status = 'confirmed'
        order by sl.starts_at`,
  );
}
