import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { SessionKind, SessionVisibility } from '../../shared/domain.ts';
import { type Queryable, rows } from '../db/client.ts';
import { organizations, people } from '../directory/tables.ts';
import { events, sessionOrganizations, sessionSpeakers, sessions, stages, venues } from './tables.ts';

export interface EventRow {
  id: string;
  slug: string;
  name_en: string;
  name_es: string | null;
  city: string;
  country_code: string | null;
  time_zone: string;
  starts_on: string;
  ends_on: string;
  description_en: string | null;
  description_es: string | null;
  website: string | null;
  host_slug: string | null;
  host_kind: 'conference' | null;
  host_name: string | null;
  host_acronym: string | null;
  sessions_count: number;
  version: number;
}

export function selectEvents(db: Queryable, visibilities: readonly SessionVisibility[], slug?: string) {
  return rows<EventRow>(
    db,
    sql`
      select e.id, e.slug, e.name_en, e.name_es, e.city, e.country_code, e.time_zone,
             to_char(e.starts_on, 'YYYY-MM-DD') as starts_on, to_char(e.ends_on, 'YYYY-MM-DD') as ends_on,
             e.description_en, e.description_es, e.website, e.version,
             h.slug as host_slug, h.kind as host_kind, h.name as host_name, h.acronym as host_acronym,
             (select count(*)::int from sessions s
               where s.event_id = e.id and s.visibility::text in ${visibilities}) as sessions_count
      from events e
      left join organizations h on h.id = e.host_organization_id
      ${slug ? sql`where e.slug = ${slug}` : sql``}
      order by e.starts_on desc, e.slug`,
  );
}

export interface SessionFilters {
  sessionId?: string;
  eventId?: string;
  speakerId?: string;
  kind?: SessionKind | undefined;
  from?: Date;
  until?: Date;
  visibilities: readonly SessionVisibility[];
}

export function selectSessions(db: Queryable, filters: SessionFilters) {
  const conditions = [inArray(sessions.visibility, [...filters.visibilities])];
  if (filters.sessionId) conditions.push(eq(sessions.id, filters.sessionId));
  if (filters.eventId) conditions.push(eq(sessions.eventId, filters.eventId));
  if (filters.kind) conditions.push(eq(sessions.kind, filters.kind));
  if (filters.from) conditions.push(sql`${sessions.startsAt} >= ${filters.from.toISOString()}`);
  if (filters.until) conditions.push(sql`${sessions.startsAt} < ${filters.until.toISOString()}`);
  if (filters.speakerId) {
    conditions.push(
      sql`exists (select 1 from session_speakers ss where ss.session_id = ${sessions.id} and ss.person_id = ${filters.speakerId})`,
    );
  }
  return db
    .select({
      session: sessions,
      stageName: stages.name,
      eventSlug: events.slug,
      eventNameEn: events.nameEn,
      eventNameEs: events.nameEs,
      eventTimeZone: events.timeZone,
    })
    .from(sessions)
    .innerJoin(events, eq(events.id, sessions.eventId))
    .leftJoin(stages, eq(stages.id, sessions.stageId))
    .where(sql.join(conditions, sql` and `))
    .orderBy(asc(sessions.startsAt), asc(sessions.titleEn));
}

export function selectSpeakers(db: Queryable, sessionIds: string[]) {
  return db
    .select({
      sessionId: sessionSpeakers.sessionId,
      part: sessionSpeakers.part,
      id: people.id,
      name: people.name,
      countryCode: people.countryCode,
      fictional: people.fictional,
      photoHash: people.photoHash,
    })
    .from(sessionSpeakers)
    .innerJoin(people, eq(people.id, sessionSpeakers.personId))
    .where(inArray(sessionSpeakers.sessionId, sessionIds))
    .orderBy(asc(sessionSpeakers.position), asc(people.name));
}

export function selectSessionOrganizations(db: Queryable, sessionIds: string[]) {
  return db
    .select({
      sessionId: sessionOrganizations.sessionId,
      role: sessionOrganizations.role,
      slug: organizations.slug,
      kind: organizations.kind,
      name: organizations.name,
      acronym: organizations.acronym,
    })
    .from(sessionOrganizations)
    .innerJoin(organizations, eq(organizations.id, sessionOrganizations.organizationId))
    .where(inArray(sessionOrganizations.sessionId, sessionIds))
    .orderBy(asc(sessionOrganizations.position), asc(organizations.name));
}

export function selectVenues(db: Queryable) {
  return db.select().from(venues).orderBy(asc(venues.name));
}

/** The id of the event with this slug, for routes of other capabilities keyed by the event's slug. */
export async function eventIdForSlug(db: Queryable, slug: string): Promise<string | undefined> {
  const [row] = await db.select({ id: events.id }).from(events).where(eq(events.slug, slug)).limit(1);
  return row?.id;
}

/**
 * Does the person attend the event (delegates-only sessions are theirs to see)?
 * Raw SQL on the delegations' `attendances` table: the programme must not import that capability.
 */
export async function viewerAttendsEvent(db: Queryable, eventId: string, personId: string): Promise<boolean> {
  const [row] = await rows<{ attends: boolean }>(
    db,
    sql`select exists (select 1 from attendances where event_id = ${eventId} and person_id = ${personId}) as attends`,
  );
  return row?.attends ?? false;
}
