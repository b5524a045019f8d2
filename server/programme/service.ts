import type { EventDetail, EventSummary, Session, SessionList, SpeakerSession } from '../../shared/api/programme.ts';
import type { SessionKind, SessionVisibility } from '../../shared/domain.ts';
import { datesBetween, nextDate, zonedTimeToInstant } from '../../shared/time.ts';
import type { ServiceContext } from '../context.ts';
import { reference } from '../directory/reference.ts';
import { AppError, notFound } from '../errors.ts';
import { presentEventDetail, presentEventSummary, presentSession } from './presenter.ts';
import {
  type EventRow,
  type SessionFilters,
  selectEvents,
  selectSessionOrganizations,
  selectSessions,
  selectSpeakers,
  selectVenues,
} from './queries.ts';

/** Until accounts exist, every reader is the public. */
const PUBLIC: readonly SessionVisibility[] = ['public'];

export async function listEvents(ctx: ServiceContext): Promise<EventSummary[]> {
  const [ref, rows] = await Promise.all([reference(ctx), selectEvents(ctx.db, PUBLIC)]);
  return rows.map((row) => presentEventSummary(ref, row));
}

async function findEvent(ctx: ServiceContext, slug: string): Promise<EventRow> {
  const [row] = await selectEvents(ctx.db, PUBLIC, slug);
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

export async function getEvent(ctx: ServiceContext, slug: string): Promise<EventDetail> {
  const row = await findEvent(ctx, slug);
  const [ref, programme] = await Promise.all([
    reference(ctx),
    sessionsWhere(ctx, { eventId: row.id, visibilities: PUBLIC }),
  ]);
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

export async function listSessions(ctx: ServiceContext, slug: string, query: ProgrammeQuery): Promise<SessionList> {
  const event = await findEvent(ctx, slug);
  const filters: SessionFilters = { eventId: event.id, kind: query.kind, visibilities: PUBLIC };
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
