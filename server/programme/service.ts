import type { EventDetail, EventSummary, Session, SessionList, SpeakerSession } from '../../shared/api/programme.ts';
import type { SessionKind, SessionVisibility } from '../../shared/domain.ts';
import { datesBetween, nextDate, zonedTimeToInstant } from '../../shared/time.ts';
import type { ServiceContext } from '../context.ts';
import { reference } from '../directory/reference.ts';
import { AppError, notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { presentEventDetail, presentEventSummary, presentSession } from './presenter.ts';
import {
  type EventRow,
  type SessionFilters,
  selectEvents,
  selectSessionOrganizations,
  selectSessions,
  selectSpeakers,
  selectVenues,
  viewerAttendsEvent,
} from './queries.ts';

/** Until accounts exist, every reader is the public. */
const PUBLIC: readonly SessionVisibility[] = ['public'];

export async function listEvents(ctx: ServiceContext): Promise<EventSummary[]> {
  const [ref, rows] = await Promise.all([reference(ctx), selectEvents(ctx.db, PUBLIC)]);
  return rows.map((row) => presentEventSummary(ref, row));
}

/**
 * The sessions of an event a viewer may see: public ones for everybody,
 * members-only ones for any signed-in account, delegates-only ones for admins
 * and the people attending the event.
 */
export async function visibilitiesFor(
  ctx: ServiceContext,
  viewer: Viewer | null | undefined,
  eventId: string,
): Promise<SessionVisibility[]> {
  if (!viewer) return [...PUBLIC];
  if (viewer.role === 'admin') return ['public', 'members', 'delegates'];
  const attends = viewer.personId ? await viewerAttendsEvent(ctx.db, eventId, viewer.personId) : false;
  return attends ? ['public', 'members', 'delegates'] : ['public', 'members'];
}

async function findEvent(
  ctx: ServiceContext,
  slug: string,
  visibilities: readonly SessionVisibility[] = PUBLIC,
): Promise<EventRow> {
  const [row] = await selectEvents(ctx.db, visibilities, slug);
  if (!row) throw notFound('error.not_found.event', { slug });
  return row;
}

async function sessionsWhere(ctx: ServiceContext, filters: SessionFilters) {
  const [ref, sessionRows, venueRows] = await Promise.all([
    reference(ctx),
    selectSessions(ctx.db, filters),
    selectVenues(ctx.db),
  ]);
  const ids = sessionRows.map((row) => row.session.id);
  const [speakers, organizations] = await Promise.all([
    selectSpeakers(ctx.db, ids),
    selectSessionOrganizations(ctx.db, ids),
  ]);
  const related = { speakers, organizations, venues: new Map(venueRows.map((venue) => [venue.id, venue])) };
  return sessionRows.map((row) => ({ row, session: presentSession(ref, row, related) }));
}

/** With a viewer, the sessions they may see besides the public ones (never cached: see routes.ts). */
export async function getEvent(ctx: ServiceContext, slug: string, viewer?: Viewer | null): Promise<EventDetail> {
  let row = await findEvent(ctx, slug);
  const visibilities = await visibilitiesFor(ctx, viewer, row.id);
  if (visibilities.length > PUBLIC.length) row = await findEvent(ctx, slug, visibilities);
  const [ref, programme] = await Promise.all([reference(ctx), sessionsWhere(ctx, { eventId: row.id, visibilities })]);
  return presentEventDetail(
    ref,
    row,
    programme.map((entry) => entry.session),
    datesBetween(row.starts_on, row.ends_on),
  );
}

export interface ProgrammeQuery {
  day?: string | undefined;
  kind?: SessionKind | undefined;
}

export async function listSessions(
  ctx: ServiceContext,
  slug: string,
  query: ProgrammeQuery,
  viewer?: Viewer | null,
): Promise<SessionList> {
  const event = await findEvent(ctx, slug);
  const visibilities = await visibilitiesFor(ctx, viewer, event.id);
  const filters: SessionFilters = { eventId: event.id, kind: query.kind, visibilities };
  if (query.day) {
    if (query.day < event.starts_on || query.day > event.ends_on) {
      throw new AppError('invalid_input', 'error.day_outside_event', {
        day: query.day,
        event: event.name_en,
        first: event.starts_on,
        last: event.ends_on,
      });
    }
    // The day is the event's local day: midnight to midnight in its zone.
    filters.from = zonedTimeToInstant(query.day, '00:00', event.time_zone);
    filters.until = zonedTimeToInstant(nextDate(query.day), '00:00', event.time_zone);
  }
  const programme = await sessionsWhere(ctx, filters);
  return { event: { slug: event.slug, timeZone: event.time_zone }, items: programme.map((entry) => entry.session) };
}

export async function listSessionsOfSpeaker(ctx: ServiceContext, personId: string): Promise<SpeakerSession[]> {
  const programme = await sessionsWhere(ctx, { speakerId: personId, visibilities: PUBLIC });
  return programme.map(({ row, session }) => ({
    ...session,
    event: {
      slug: row.eventSlug,
      name: { en: row.eventNameEn, es: row.eventNameEs },
      timeZone: row.eventTimeZone,
    },
  }));
}

/** The whole public programme of an event, for the calendar feed. */
export async function eventProgramme(
  ctx: ServiceContext,
  slug: string,
): Promise<{ event: EventRow; sessions: Session[] }> {
  const event = await findEvent(ctx, slug);
  const programme = await sessionsWhere(ctx, { eventId: event.id, visibilities: PUBLIC });
  return { event, sessions: programme.map((entry) => entry.session) };
}
