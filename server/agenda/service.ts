import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Agenda, AgendaItem, CalendarFeed, CalendarFeedState, MyEvents } from '../../shared/api/agenda.ts';
import type { Session, VenueSummary } from '../../shared/api/programme.ts';
import { chooseCurrentEvent } from '../../shared/current-event.ts';
import { LANGUAGES, type Language, SESSION_VISIBILITIES } from '../../shared/domain.ts';
import type enAgenda from '../../shared/i18n/en/agenda.json';
import type { MessageValues } from '../../shared/i18n/index.ts';
import { isValidTimeZone, localDate } from '../../shared/time.ts';
import { requireSignedIn } from '../accounts/policy.ts';
import type { ServiceContext } from '../context.ts';
import { localized, presentOrganizationRef } from '../directory/presenter.ts';
import { reference } from '../directory/reference.ts';
import { AppError } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { presentSession } from '../programme/presenter.ts';
import {
  type EventRow,
  selectEvents,
  selectSessionOrganizations,
  selectSessions,
  selectSpeakers,
  selectVenues,
} from '../programme/queries.ts';
import {
  activeTokenOf,
  type HeldRow,
  personOfToken,
  selectAttendedEventSlugs,
  selectHeldSessions,
  selectLatestChanges,
} from './queries.ts';

export type AgendaKey = keyof typeof enAgenda;
/** The agenda's own catalog keys, for errors raised here. */
export const agendaError = (code: ConstructorParameters<typeof AppError>[0], key: AgendaKey, values?: MessageValues) =>
  new AppError(code, key, values);

const STATUS_RANK = { confirmed: 0, assigned: 1, waitlisted: 2 } as const;

/** One entry per session: my own seat beats an assignment, which beats a waitlist place. */
function strongestHold(held: HeldRow[]): Map<string, HeldRow> {
  const bySession = new Map<string, HeldRow>();
  for (const row of held) {
    const current = bySession.get(row.session_id);
    if (!current || STATUS_RANK[row.status] < STATUS_RANK[current.status]) bySession.set(row.session_id, row);
  }
  return bySession;
}

/** Sessions of one event by id, as the programme presents them, whatever their visibility (I hold them). */
async function presentSessionsOf(ctx: ServiceContext, eventId: string, ids: Set<string>): Promise<Session[]> {
  if (ids.size === 0) return [];
  const [ref, sessionRows, venueRows] = await Promise.all([
    reference(ctx),
    selectSessions(ctx.db, { eventId, visibilities: SESSION_VISIBILITIES }),
    selectVenues(ctx.db),
  ]);
  const mine = sessionRows.filter((row) => ids.has(row.session.id));
  const sessionIds = mine.map((row) => row.session.id);
  const [speakers, organizations] = await Promise.all([
    selectSpeakers(ctx.db, sessionIds),
    selectSessionOrganizations(ctx.db, sessionIds),
  ]);
  const related = { speakers, organizations, venues: new Map(venueRows.map((venue) => [venue.id, venue])) };
  return mine.map((row) => presentSession(ref, row, related));
}

/** Pairs of held, not cancelled sessions whose times overlap (touching end to start is no clash). */
export function findClashes(sessions: Pick<Session, 'id' | 'startsAt' | 'endsAt' | 'status'>[]): Map<string, string[]> {
  const live = sessions
    .filter((s) => s.status !== 'cancelled')
    .map((s) => ({ id: s.id, start: Date.parse(s.startsAt), end: Date.parse(s.endsAt) }))
    .sort((a, b) => a.start - b.start);
  const clashes = new Map<string, string[]>(sessions.map((s) => [s.id, []]));
  for (let i = 0; i < live.length; i++) {
    const a = live[i] as (typeof live)[number];
    for (let j = i + 1; j < live.length; j++) {
      const b = live[j] as (typeof live)[number];
      if (b.start >= a.end) break;
      clashes.get(a.id)?.push(b.id);
      clashes.get(b.id)?.push(a.id);
    }
  }
  return clashes;
}

async function eventRowBySlug(ctx: ServiceContext, slug: string): Promise<EventRow> {
  const [row] = await selectEvents(ctx.db, SESSION_VISIBILITIES, slug);
  if (!row) throw new AppError('not_found', 'error.not_found.event', { slug });
  return row;
}

/** The events I attend (a badge, or a session held there): the tabs' choice of event starts from them. */
export async function myEvents(ctx: ServiceContext, viewer: Viewer | null): Promise<MyEvents> {
  const me = requireSignedIn(viewer);
  const slugs = me.personId ? await selectAttendedEventSlugs(ctx.db, me.personId) : [];
  return { items: slugs.map((slug) => ({ slug })) };
}

/** Without a named event, the agenda opens on the one the tabs choose (shared/current-event.ts). */
async function currentEventRow(ctx: ServiceContext, me: Viewer): Promise<EventRow | undefined> {
  const [events, mine] = await Promise.all([
    selectEvents(ctx.db, SESSION_VISIBILITIES),
    me.personId ? selectAttendedEventSlugs(ctx.db, me.personId) : Promise.resolve([]),
  ]);
  const dated = events.map((row) => ({
    row,
    slug: row.slug,
    timeZone: row.time_zone,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
  }));
  return chooseCurrentEvent(dated, new Set(mine), ctx.clock.now())?.row;
}

export interface AgendaQuery {
  event?: string | undefined;
  tz?: string | undefined;
}

/** My agenda at one event: what I confirmed, wait for or was assigned, by day in the zone asked for. */
export async function getAgenda(ctx: ServiceContext, viewer: Viewer | null, query: AgendaQuery): Promise<Agenda> {
  const me = requireSignedIn(viewer);
  if (query.tz !== undefined && !isValidTimeZone(query.tz)) {
    throw agendaError('invalid_input', 'agenda.error.unknown_time_zone', { zone: query.tz });
  }
  const event = query.event ? await eventRowBySlug(ctx, query.event) : await currentEventRow(ctx, me);
  if (!event) throw agendaError('not_found', 'agenda.error.no_event');
  const zone = query.tz ?? event.time_zone;

  // An account not bound to a person (an admin, say) holds nothing: an empty agenda, not an error.
  const held = me.personId ? strongestHold(await selectHeldSessions(ctx.db, me.personId, event.id)) : new Map();
  const sessions = await presentSessionsOf(ctx, event.id, new Set(held.keys()));
  const changes = me.personId
    ? await selectLatestChanges(
        ctx.db,
        me.personId,
        sessions.map((s) => s.id),
      )
    : [];
  const changeOf = new Map(changes.map((row) => [row.session_id, row]));
  const clashes = findClashes(sessions);

  const days = new Map<string, AgendaItem[]>();
  const venues = new Map<string, VenueSummary>();
  for (const session of sessions) {
    const hold = held.get(session.id) as HeldRow;
    const change = changeOf.get(session.id);
    const item: AgendaItem = {
      ...session,
      myStatus: hold.status,
      assignedWith:
        hold.status === 'assigned' && hold.delegation_slug
          ? presentOrganizationRef({
              slug: hold.delegation_slug,
              kind: hold.delegation_kind ?? 'association',
              name: hold.delegation_name ?? hold.delegation_slug,
              acronym: hold.delegation_acronym,
            })
          : null,
      clashesWith: clashes.get(session.id) ?? [],
      lastChange: change ? { change: change.change, at: new Date(change.at).toISOString() } : null,
    };
    const day = localDate(session.startsAt, zone);
    days.set(day, [...(days.get(day) ?? []), item]);
    if (session.venue) venues.set(session.venue.slug, session.venue);
  }
  let pairs = 0;
  for (const list of clashes.values()) pairs += list.length;

  return {
    event: {
      slug: event.slug,
      name: localized(event.name_en, event.name_es),
      city: event.city,
      timeZone: event.time_zone,
      startsOn: event.starts_on,
      endsOn: event.ends_on,
    },
    timeZone: zone,
    days: [...days].sort(([a], [b]) => a.localeCompare(b)).map(([date, items]) => ({ date, items })),
    venues: [...venues.values()].sort((a, b) => a.name.localeCompare(b.name)),
    clashes: pairs / 2,
    generatedAt: ctx.clock.now().toISOString(),
  };
}

/** Every session a person holds, at every event, with its event: the personal calendar feed. */
export async function heldEverywhere(
  ctx: ServiceContext,
  personId: string,
): Promise<{ event: EventRow; sessions: Session[] }[]> {
  const held = strongestHold(await selectHeldSessions(ctx.db, personId));
  const byEvent = new Map<string, Set<string>>();
  for (const row of held.values())
    byEvent.set(row.event_id, (byEvent.get(row.event_id) ?? new Set()).add(row.session_id));
  const events = await selectEvents(ctx.db, SESSION_VISIBILITIES);
  const result = [];
  for (const event of events) {
    const ids = byEvent.get(event.id);
    if (ids) result.push({ event, sessions: await presentSessionsOf(ctx, event.id, ids) });
  }
  return result;
}

// === Personal calendar feed ================================================

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function requirePerson(viewer: Viewer | null): Viewer & { personId: string } {
  const me = requireSignedIn(viewer);
  if (!me.personId) throw agendaError('forbidden', 'agenda.error.no_person');
  return me as Viewer & { personId: string };
}

export async function calendarFeedState(ctx: ServiceContext, viewer: Viewer | null): Promise<CalendarFeedState> {
  const me = requireSignedIn(viewer);
  const active = me.personId ? await activeTokenOf(ctx.db, me.personId) : undefined;
  return { active: Boolean(active), createdAt: active ? new Date(active.created_at).toISOString() : null };
}

/**
 * A new secret feed address. Any earlier one stops working in the same
 * transaction, so at most one token per person is ever live. Only the hash
 * is kept: the address is shown this once.
 */
export async function createCalendarToken(
  ctx: ServiceContext,
  viewer: Viewer | null,
  origin: string,
  language: Language,
): Promise<CalendarFeed> {
  const me = requirePerson(viewer);
  const token = randomBytes(24).toString('base64url');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.execute(
      sql`update calendar_tokens set revoked_at = ${now.toISOString()}
          where person_id = ${me.personId} and revoked_at is null`,
    );
    await tx.execute(
      sql`insert into calendar_tokens (token_hash, person_id, created_at)
          values (${hashToken(token)}, ${me.personId}, ${now.toISOString()})`,
    );
  });
  const url = `${origin}/api/me/calendar.ics?token=${token}&lang=${language}`;
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:'), createdAt: now.toISOString() };
}

/** Revoke the feed: calendars subscribed to it get an error from now on. */
export async function revokeCalendarToken(ctx: ServiceContext, viewer: Viewer | null): Promise<CalendarFeedState> {
  const me = requirePerson(viewer);
  await ctx.db.execute(
    sql`update calendar_tokens set revoked_at = ${ctx.clock.now().toISOString()}
        where person_id = ${me.personId} and revoked_at is null`,
  );
  return { active: false, createdAt: null };
}

/** Whose feed this token opens, and in which language: `lang=` first, else the person's own, else the request's. */
export async function feedOwner(
  ctx: ServiceContext,
  token: string,
  asked: Language | undefined,
  fallback: Language,
): Promise<{ personId: string; language: Language }> {
  const owner = await personOfToken(ctx.db, hashToken(token));
  // One answer for unknown and revoked tokens: the feed never says which secrets once existed.
  if (!owner) throw agendaError('not_found', 'agenda.error.feed_not_found');
  const spoken = owner.languages.find((l): l is Language => (LANGUAGES as readonly string[]).includes(l));
  return { personId: owner.person_id, language: asked ?? spoken ?? fallback };
}
