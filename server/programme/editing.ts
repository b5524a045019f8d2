import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type {
  EventChanges,
  NewEvent,
  NewSession,
  NewVenue,
  SessionChanges,
  VenueChanges,
} from '../../shared/api/editing.ts';
import type { EventDetail, Session, VenueDetail } from '../../shared/api/programme.ts';
import { SESSION_VISIBILITIES, type SessionVisibility } from '../../shared/domain.ts';
import { isValidTimeZone, localDate, nextDate, zonedTimeToInstant } from '../../shared/time.ts';
import { requireAdmin } from '../accounts/policy.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { type Queryable, rows } from '../db/client.ts';
import { checkedCountry, checkedTopics, organizationIdsOf } from '../directory/editing.ts';
import { countryOf, reference } from '../directory/reference.ts';
import { organizations, people } from '../directory/tables.ts';
import {
  changesBetween,
  cleanText,
  createdChanges,
  deletedChanges,
  expectVersion,
  given,
  givenTexts,
  nothingChanged,
  versionConflict,
} from '../editing/changes.ts';
import { commitWrite } from '../editing/commit.ts';
import { AppError, notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { presentSession, presentVenue } from './presenter.ts';
import { selectSessionOrganizations, selectSessions, selectSpeakers, selectVenues } from './queries.ts';
import { getEvent, visibilitiesFor } from './service.ts';
import { events, sessionOrganizations, sessionSpeakers, sessions, stages, venues } from './tables.ts';

/** What one session edit did, told after its commit to whoever cares (agendas, seats, open pages). */
export interface SessionChangeNotice {
  sessionId: string;
  eventId: string;
  change: 'added' | 'moved' | 'cancelled' | 'updated' | 'removed';
  /** The session's version after the change (the last one it had, for a removal). */
  version: number;
  capacityChanged: boolean;
}

/**
 * Handed in by server/app.ts: the programme tells of a
 * changed session without importing the capabilities that react to it.
 */
export interface SessionHooks {
  afterSessionChange(notice: SessionChangeNotice): Promise<void>;
}

/** The kind of change a session edit is, as the people holding it would describe it. */
function sessionChangeOf(changes: Record<string, unknown>, after: { status: string }): SessionChangeNotice['change'] {
  if ('status' in changes && after.status === 'cancelled') return 'cancelled';
  if (['startsAt', 'endsAt', 'venue', 'stage'].some((field) => field in changes)) return 'moved';
  return 'updated';
}

// === Events ===============================================================

type EventRow = typeof events.$inferSelect;

async function eventBySlug(db: Queryable, slug: string, lock = false) {
  const query = db.select().from(events).where(eq(events.slug, slug));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('error.not_found.event', { slug });
  return row;
}

async function organizationSlugOf(db: Queryable, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, id));
  return row?.slug ?? null;
}

async function eventState(db: Queryable, row: EventRow) {
  return {
    'name.en': row.nameEn,
    'name.es': row.nameEs,
    hostOrganization: await organizationSlugOf(db, row.hostOrganizationId),
    city: row.city,
    country: row.countryCode,
    timeZone: row.timeZone,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    'description.en': row.descriptionEn,
    'description.es': row.descriptionEs,
    website: row.website,
  };
}
type EventState = Awaited<ReturnType<typeof eventState>>;

async function eventInput(ctx: ServiceContext, input: Omit<EventChanges, 'version'>) {
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone)) {
    throw new AppError(
      'rule_broken',
      'editing.error.unknown_time_zone',
      { zone: input.timeZone },
      { field: 'timeZone' },
    );
  }
  return given({
    ...givenTexts('name', input.name),
    hostOrganization: cleanText(input.hostOrganization),
    city: input.city?.trim(),
    country: await checkedCountry(ctx, input.country),
    timeZone: input.timeZone,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    ...givenTexts('description', input.description),
    website: cleanText(input.website),
  }) as Partial<EventState>;
}

function checkEventDates(state: Pick<EventState, 'startsOn' | 'endsOn'>) {
  if (state.endsOn < state.startsOn)
    throw new AppError('rule_broken', 'editing.error.last_day_before_first', {}, { field: 'endsOn' });
}

async function eventColumns(tx: Queryable, state: EventState) {
  const [hostId] = state.hostOrganization
    ? await organizationIdsOf(tx, [state.hostOrganization], 'hostOrganization')
    : [];
  return {
    nameEn: state['name.en'],
    nameEs: state['name.es'],
    hostOrganizationId: hostId ?? null,
    city: state.city,
    countryCode: state.country,
    timeZone: state.timeZone,
    startsOn: state.startsOn,
    endsOn: state.endsOn,
    descriptionEn: state['description.en'],
    descriptionEs: state['description.es'],
    website: state.website,
  };
}

export async function createEvent(ctx: AppContext, viewer: Viewer | null, input: NewEvent): Promise<EventDetail> {
  const actor = requireAdmin(viewer);
  const wanted = await eventInput(ctx, input);
  const state: EventState = {
    'name.en': input.name.en,
    'name.es': null,
    hostOrganization: null,
    city: input.city,
    country: null,
    timeZone: input.timeZone,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    'description.en': null,
    'description.es': null,
    website: null,
    ...wanted,
  };
  checkEventDates(state);
  await commitWrite(ctx, actor, 'programme', async (tx, log) => {
    const [taken] = await tx.select({ id: events.id }).from(events).where(eq(events.slug, input.slug));
    if (taken) throw new AppError('conflict', 'editing.error.slug_taken', { slug: input.slug }, { field: 'slug' });
    const [row] = await tx
      .insert(events)
      .values({ slug: input.slug, ...(await eventColumns(tx, state)) })
      .returning({ id: events.id });
    await log({
      action: 'create',
      entityType: 'event',
      entityId: row?.id as string,
      changes: createdChanges({ slug: input.slug, ...state }),
    });
  });
  return getEvent(ctx, input.slug);
}

/** Sessions of the event that would fall outside its days (in its zone) if the dates or zone became these. */
async function sessionsOutside(tx: Queryable, eventId: string, state: EventState): Promise<number> {
  const from = zonedTimeToInstant(state.startsOn, '00:00', state.timeZone);
  const until = zonedTimeToInstant(nextDate(state.endsOn), '00:00', state.timeZone);
  const [row] = await tx
    .select({ n: count() })
    .from(sessions)
    .where(
      and(
        eq(sessions.eventId, eventId),
        sql`(${sessions.startsAt} < ${from.toISOString()} or ${sessions.startsAt} >= ${until.toISOString()})`,
      ),
    );
  return row?.n ?? 0;
}

export async function updateEvent(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  input: EventChanges,
): Promise<EventDetail> {
  const actor = requireAdmin(viewer);
  const wanted = await eventInput(ctx, input);
  await commitWrite(ctx, actor, 'programme', async (tx, log) => {
    const row = await eventBySlug(tx, slug, true);
    expectVersion('event', row.version, input.version);
    const before = await eventState(tx, row);
    const after = { ...before, ...wanted };
    const changes = changesBetween(before, after);
    if (nothingChanged(changes)) return;
    checkEventDates(after);
    if ('startsOn' in changes || 'endsOn' in changes || 'timeZone' in changes) {
      const outside = await sessionsOutside(tx, row.id, after);
      if (outside > 0) {
        const field = 'startsOn' in changes ? 'startsOn' : 'endsOn' in changes ? 'endsOn' : 'timeZone';
        throw new AppError('rule_broken', 'editing.error.sessions_outside_dates', { count: outside }, { field });
      }
    }
    const updated = await tx
      .update(events)
      .set({ ...(await eventColumns(tx, after)), version: sql`${events.version} + 1`, updatedAt: ctx.clock.now() })
      .where(and(eq(events.id, row.id), eq(events.version, input.version)))
      .returning({ id: events.id });
    if (updated.length === 0) throw versionConflict('event', input.version, row.version);
    await log({ action: 'update', entityType: 'event', entityId: row.id, changes });
  });
  return getEvent(ctx, slug);
}

export async function deleteEvent(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  version: number | undefined,
): Promise<EventDetail> {
  const actor = requireAdmin(viewer);
  const shown = await getEvent(ctx, slug);
  await commitWrite(ctx, actor, 'programme', async (tx, log) => {
    const row = await eventBySlug(tx, slug, true);
    expectVersion('event', row.version, version);
    const [programme] = await tx.select({ n: count() }).from(sessions).where(eq(sessions.eventId, row.id));
    // Its sessions go with it (on delete cascade); the record says how many.
    await tx.delete(events).where(eq(events.id, row.id));
    await log({
      action: 'delete',
      entityType: 'event',
      entityId: row.id,
      changes: deletedChanges({ slug, ...(await eventState(tx, row)), sessions: programme?.n ?? 0 }),
    });
  });
  return shown;
}

// === Venues ===============================================================

/*
 * Venues predate optimistic concurrency and have no version column. Rather
 * than a migration for it, their version is PostgreSQL's `xmin`: the id of
 * the transaction that last wrote the row, which changes at every update on
 * both PGlite and PostgreSQL. Every venue change rewrites the venue row (even
 * when only its stages change), so the version moves with any change.
 */
interface VenueRow {
  id: string;
  slug: string;
  name: string;
  address: string | null;
  city: string | null;
  country_code: string | null;
  map_url: string | null;
  description_en: string | null;
  description_es: string | null;
  version: number;
}

async function venueRows(db: Queryable, slug?: string, lock = false): Promise<VenueRow[]> {
  return rows<VenueRow>(
    db,
    sql`select id, slug, name, address, city, country_code, map_url, description_en, description_es,
               xmin::text::bigint as version
        from venues ${slug ? sql`where slug = ${slug}` : sql``}
        order by lower(name), slug ${lock ? sql`for update` : sql``}`,
  );
}

async function venueBySlug(db: Queryable, slug: string, lock = false): Promise<VenueRow> {
  const [row] = await venueRows(db, slug, lock);
  if (!row) throw notFound('editing.error.not_found.venue', { slug });
  return { ...row, version: Number(row.version) };
}

async function stageNames(db: Queryable, venueIds: string[]) {
  if (venueIds.length === 0) return [];
  return db
    .select({ venueId: stages.venueId, id: stages.id, name: stages.name })
    .from(stages)
    .where(inArray(stages.venueId, venueIds))
    .orderBy(asc(stages.name));
}

function venueState(row: VenueRow, stageList: string[]) {
  return {
    name: row.name,
    address: row.address,
    city: row.city,
    country: row.country_code,
    mapUrl: row.map_url,
    'description.en': row.description_en,
    'description.es': row.description_es,
    stages: stageList,
  };
}
type VenueState = ReturnType<typeof venueState>;

async function venueInput(ctx: ServiceContext, input: Omit<VenueChanges, 'version'>) {
  return given({
    name: input.name?.trim(),
    address: cleanText(input.address),
    city: cleanText(input.city),
    country: await checkedCountry(ctx, input.country),
    mapUrl: cleanText(input.mapUrl),
    ...givenTexts('description', input.description),
    stages: input.stages?.map((name) => name.trim()).toSorted((a, b) => a.localeCompare(b)),
  }) as Partial<VenueState>;
}

const venueColumns = (state: VenueState) => ({
  name: state.name,
  address: state.address,
  city: state.city,
  countryCode: state.country,
  mapUrl: state.mapUrl,
  descriptionEn: state['description.en'],
  descriptionEs: state['description.es'],
});

export async function listVenues(ctx: ServiceContext): Promise<VenueDetail[]> {
  const [ref, found] = await Promise.all([reference(ctx), venueRows(ctx.db)]);
  const stageRows = await stageNames(
    ctx.db,
    found.map((row) => row.id),
  );
  return found.map((row) => ({
    ...presentVenue({
      id: row.id,
      slug: row.slug,
      name: row.name,
      address: row.address,
      city: row.city,
      countryCode: row.country_code,
      mapUrl: row.map_url,
      descriptionEn: row.description_en,
      descriptionEs: row.description_es,
    }),
    country: countryOf(ref, row.country_code),
    stages: stageRows.filter((stage) => stage.venueId === row.id).map((stage) => stage.name),
    version: Number(row.version),
  }));
}

async function getVenue(ctx: ServiceContext, slug: string): Promise<VenueDetail> {
  const venue = (await listVenues(ctx)).find((v) => v.slug === slug);
  if (!venue) throw notFound('editing.error.not_found.venue', { slug });
  return venue;
}

export async function createVenue(ctx: AppContext, viewer: Viewer | null, input: NewVenue): Promise<VenueDetail> {
  const actor = requireAdmin(viewer);
  const state: VenueState = {
    name: input.name,
    address: null,
    city: null,
    country: null,
    mapUrl: null,
    'description.en': null,
    'description.es': null,
    stages: [],
    ...(await venueInput(ctx, input)),
  };
  await commitWrite(ctx, actor, 'programme', async (tx, log) => {
    const [taken] = await tx.select({ id: venues.id }).from(venues).where(eq(venues.slug, input.slug));
    if (taken) throw new AppError('conflict', 'editing.error.slug_taken', { slug: input.slug }, { field: 'slug' });
    const [row] = await tx
      .insert(venues)
      .values({ slug: input.slug, ...venueColumns(state) })
      .returning({ id: venues.id });
    const venueId = row?.id as string;
    if (state.stages.length > 0) await tx.insert(stages).values(state.stages.map((name) => ({ venueId, name })));
    await log({
      action: 'create',
      entityType: 'venue',
      entityId: venueId,
      changes: createdChanges({ slug: input.slug, ...state }),
    });
  });
  return getVenue(ctx, input.slug);
}

export async function updateVenue(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  input: VenueChanges,
): Promise<VenueDetail> {
  const actor = requireAdmin(viewer);
  const wanted = await venueInput(ctx, input);
  await commitWrite(ctx, actor, 'programme', async (tx, log) => {
    const row = await venueBySlug(tx, slug, true);
    expectVersion('venue', row.version, input.version);
    const current = await stageNames(tx, [row.id]);
    const before = venueState(
      row,
      current.map((stage) => stage.name),
    );
    const after = { ...before, ...wanted };
    const changes = changesBetween(before, after);
    if (nothingChanged(changes)) return;
    const removed = current.filter((stage) => !after.stages.includes(stage.name));
    if (removed.length > 0) {
      const [used] = await tx
        .select({ stageId: sessions.stageId })
        .from(sessions)
        .where(
          inArray(
            sessions.stageId,
            removed.map((stage) => stage.id),
          ),
        )
        .limit(1);
      const stage = removed.find((s) => s.id === used?.stageId);
      if (stage)
        throw new AppError('rule_broken', 'editing.error.stage_in_use', { stage: stage.name }, { field: 'stages' });
      await tx.delete(stages).where(
        inArray(
          stages.id,
          removed.map((s) => s.id),
        ),
      );
    }
    const added = after.stages.filter((name) => !current.some((stage) => stage.name === name));
    if (added.length > 0) await tx.insert(stages).values(added.map((name) => ({ venueId: row.id, name })));
    // Rewriting the row moves xmin, the venue's version, even when only its stages changed.
    const updated = await tx
      .update(venues)
      .set(venueColumns(after))
      .where(and(eq(venues.id, row.id), sql`xmin::text = ${String(input.version)}`))
      .returning({ id: venues.id });
    if (updated.length === 0) throw versionConflict('venue', input.version, row.version);
    await log({ action: 'update', entityType: 'venue', entityId: row.id, changes });
  });
  return getVenue(ctx, slug);
}

export async function deleteVenue(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  version: number | undefined,
): Promise<VenueDetail> {
  const actor = requireAdmin(viewer);
  const shown = await getVenue(ctx, slug);
  await commitWrite(ctx, actor, 'programme', async (tx, log) => {
    const row = await venueBySlug(tx, slug, true);
    expectVersion('venue', row.version, version);
    const [used] = await tx.select({ n: count() }).from(sessions).where(eq(sessions.venueId, row.id));
    if (used && used.n > 0)
      throw new AppError('conflict', 'editing.error.venue_in_use', { name: row.name, count: used.n });
    await tx.delete(venues).where(eq(venues.id, row.id));
    await log({
      action: 'delete',
      entityType: 'venue',
      entityId: row.id,
      changes: deletedChanges({ slug, ...venueState(row, shown.stages) }),
    });
  });
  return shown;
}

// === Sessions =============================================================

const EVERY_VISIBILITY: readonly SessionVisibility[] = SESSION_VISIBILITIES;
const ORGANIZATION_ROLES = ['hosts', 'presenters', 'partners'] as const;
const ROLE_OF = { hosts: 'host', presenters: 'presenter', partners: 'partner' } as const;

/**
 * One session as GET /api/sessions/:id shows it: to whoever may see it in the
 * programme (public; members-only to signed-in members; delegates-only to the
 * event's attendees; everything to admins). To anyone else it does not exist.
 */
export async function getSession(ctx: ServiceContext, id: string, viewer: Viewer | null): Promise<Session> {
  const [ref, [row], venueRows] = await Promise.all([
    reference(ctx),
    selectSessions(ctx.db, { sessionId: id, visibilities: EVERY_VISIBILITY }),
    selectVenues(ctx.db),
  ]);
  if (!row || !(await visibilitiesFor(ctx, viewer, row.session.eventId)).includes(row.session.visibility)) {
    throw notFound('editing.error.not_found.session', { id });
  }
  const [speakers, organizationRows] = await Promise.all([
    selectSpeakers(ctx.db, [id]),
    selectSessionOrganizations(ctx.db, [id]),
  ]);
  return presentSession(ref, row, {
    speakers,
    organizations: organizationRows,
    venues: new Map(venueRows.map((venue) => [venue.id, venue])),
  });
}

type SessionRow = typeof sessions.$inferSelect;

async function sessionState(db: Queryable, row: SessionRow) {
  const [venue] = row.venueId
    ? await db.select({ slug: venues.slug }).from(venues).where(eq(venues.id, row.venueId))
    : [];
  const [stage] = row.stageId
    ? await db.select({ name: stages.name }).from(stages).where(eq(stages.id, row.stageId))
    : [];
  const speakers = await db
    .select({ person: sessionSpeakers.personId, part: sessionSpeakers.part })
    .from(sessionSpeakers)
    .where(eq(sessionSpeakers.sessionId, row.id))
    .orderBy(asc(sessionSpeakers.position));
  const credited = await db
    .select({ role: sessionOrganizations.role, slug: organizations.slug })
    .from(sessionOrganizations)
    .innerJoin(organizations, eq(organizations.id, sessionOrganizations.organizationId))
    .where(eq(sessionOrganizations.sessionId, row.id))
    .orderBy(asc(sessionOrganizations.position));
  const slugsAs = (role: string) => credited.filter((c) => c.role === role).map((c) => c.slug);
  return {
    kind: row.kind,
    'title.en': row.titleEn,
    'title.es': row.titleEs,
    'description.en': row.descriptionEn,
    'description.es': row.descriptionEs,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    venue: venue?.slug ?? null,
    stage: stage?.name ?? null,
    capacity: row.capacity,
    visibility: row.visibility,
    status: row.status,
    timeIsIllustrative: row.timeIsIllustrative,
    topics: row.topics,
    speakers,
    hosts: slugsAs('host'),
    presenters: slugsAs('presenter'),
    partners: slugsAs('partner'),
  };
}
type SessionState = Awaited<ReturnType<typeof sessionState>>;

async function sessionInput(ctx: ServiceContext, input: Omit<SessionChanges, 'version'>) {
  const speakers = input.speakers?.map(({ person, part }) => ({ person, part }));
  if (speakers && new Set(speakers.map((s) => s.person)).size !== speakers.length) {
    throw new AppError('rule_broken', 'editing.error.speaker_twice', {}, { field: 'speakers' });
  }
  return given({
    kind: input.kind,
    ...givenTexts('title', input.title),
    ...givenTexts('description', input.description),
    startsAt: input.startsAt === undefined ? undefined : new Date(input.startsAt).toISOString(),
    endsAt: input.endsAt === undefined ? undefined : new Date(input.endsAt).toISOString(),
    venue: cleanText(input.venue),
    stage: cleanText(input.stage),
    capacity: input.capacity,
    visibility: input.visibility,
    status: input.status,
    timeIsIllustrative: input.timeIsIllustrative,
    topics: await checkedTopics(ctx, input.topics),
    speakers,
    hosts: input.hosts,
    presenters: input.presenters,
    partners: input.partners,
  }) as Partial<SessionState>;
}

/** The session's rules against its event, venue and people; returns the ids its columns need. */
async function resolveSession(tx: Queryable, event: EventRow, state: SessionState) {
  if (Date.parse(state.endsAt) <= Date.parse(state.startsAt)) {
    throw new AppError('rule_broken', 'editing.error.ends_before_start', {}, { field: 'endsAt' });
  }
  const day = localDate(state.startsAt, event.timeZone);
  if (day < event.startsOn || day > event.endsOn) {
    throw new AppError(
      'rule_broken',
      'editing.error.session_outside_event',
      { day, first: event.startsOn, last: event.endsOn },
      { field: 'startsAt' },
    );
  }
  let venueId: string | null = null;
  let stageId: string | null = null;
  if (state.venue) {
    const [venue] = await tx.select({ id: venues.id }).from(venues).where(eq(venues.slug, state.venue));
    if (!venue)
      throw new AppError('rule_broken', 'editing.error.unknown_venue', { slug: state.venue }, { field: 'venue' });
    venueId = venue.id;
  }
  if (state.stage) {
    if (!venueId) throw new AppError('rule_broken', 'editing.error.stage_without_venue', {}, { field: 'stage' });
    const [stage] = await tx
      .select({ id: stages.id })
      .from(stages)
      .where(and(eq(stages.venueId, venueId), eq(stages.name, state.stage)));
    if (!stage) {
      throw new AppError(
        'rule_broken',
        'editing.error.unknown_stage',
        { venue: state.venue, stage: state.stage },
        { field: 'stage' },
      );
    }
    stageId = stage.id;
  }
  const personIds = state.speakers.map((s) => s.person);
  if (personIds.length > 0) {
    const found = await tx.select({ id: people.id }).from(people).where(inArray(people.id, personIds));
    const missing = personIds.find((id) => !found.some((row) => row.id === id));
    if (missing)
      throw new AppError('rule_broken', 'editing.error.unknown_person', { id: missing }, { field: 'speakers' });
  }
  const credits = [];
  for (const role of ORGANIZATION_ROLES) {
    const ids = await organizationIdsOf(tx, state[role], role);
    credits.push(...ids.map((organizationId, position) => ({ organizationId, role: ROLE_OF[role], position })));
  }
  return { venueId, stageId, credits };
}

const sessionColumns = (state: SessionState, resolved: { venueId: string | null; stageId: string | null }) => ({
  kind: state.kind,
  titleEn: state['title.en'],
  titleEs: state['title.es'],
  descriptionEn: state['description.en'],
  descriptionEs: state['description.es'],
  startsAt: new Date(state.startsAt),
  endsAt: new Date(state.endsAt),
  venueId: resolved.venueId,
  stageId: resolved.stageId,
  capacity: state.capacity,
  visibility: state.visibility,
  status: state.status,
  timeIsIllustrative: state.timeIsIllustrative,
  topics: state.topics,
});

async function replaceSessionPeopleAndCredits(
  tx: Queryable,
  sessionId: string,
  state: SessionState,
  credits: { organizationId: string; role: 'host' | 'presenter' | 'partner'; position: number }[],
) {
  await tx.delete(sessionSpeakers).where(eq(sessionSpeakers.sessionId, sessionId));
  await tx.delete(sessionOrganizations).where(eq(sessionOrganizations.sessionId, sessionId));
  if (state.speakers.length > 0) {
    await tx
      .insert(sessionSpeakers)
      .values(state.speakers.map((s, position) => ({ sessionId, personId: s.person, part: s.part, position })));
  }
  if (credits.length > 0) await tx.insert(sessionOrganizations).values(credits.map((c) => ({ sessionId, ...c })));
}

export async function createSession(
  ctx: AppContext,
  viewer: Viewer | null,
  eventSlug: string,
  input: NewSession,
  hooks?: SessionHooks,
): Promise<Session> {
  const actor = requireAdmin(viewer);
  const event = await eventBySlug(ctx.db, eventSlug);
  const state: SessionState = {
    kind: input.kind,
    'title.en': input.title.en,
    'title.es': null,
    'description.en': null,
    'description.es': null,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    venue: null,
    stage: null,
    capacity: null,
    visibility: 'public',
    status: 'scheduled',
    timeIsIllustrative: false,
    topics: [],
    speakers: [],
    hosts: [],
    presenters: [],
    partners: [],
    ...(await sessionInput(ctx, input)),
  };
  const id = await commitWrite(ctx, actor, 'programme', async (tx, log) => {
    const resolved = await resolveSession(tx, event, state);
    const [row] = await tx
      .insert(sessions)
      .values({ eventId: event.id, ...sessionColumns(state, resolved) })
      .returning({ id: sessions.id });
    const sessionId = row?.id as string;
    await replaceSessionPeopleAndCredits(tx, sessionId, state, resolved.credits);
    await log({
      action: 'create',
      entityType: 'session',
      entityId: sessionId,
      changes: createdChanges({ event: eventSlug, ...state }),
    });
    return sessionId;
  });
  await hooks?.afterSessionChange({
    sessionId: id,
    eventId: event.id,
    change: 'added',
    version: 1,
    capacityChanged: false,
  });
  return getSession(ctx, id, actor);
}

async function sessionById(db: Queryable, id: string, lock = false) {
  const query = db.select().from(sessions).where(eq(sessions.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('editing.error.not_found.session', { id });
  return row;
}

export async function updateSession(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  input: SessionChanges,
  hooks?: SessionHooks,
): Promise<Session> {
  const actor = requireAdmin(viewer);
  const wanted = await sessionInput(ctx, input);
  const notice = await commitWrite(
    ctx,
    actor,
    'programme',
    async (tx, log): Promise<SessionChangeNotice | undefined> => {
      const row = await sessionById(tx, id, true);
      expectVersion('session', row.version, input.version);
      const [event] = await tx.select().from(events).where(eq(events.id, row.eventId));
      const before = await sessionState(tx, row);
      const after = { ...before, ...wanted };
      // Choosing another venue without naming a stage leaves the old venue's stage behind.
      if ('venue' in wanted && wanted.venue !== before.venue && !('stage' in wanted)) after.stage = null;
      const changes = changesBetween(before, after);
      if (nothingChanged(changes) || !event) return undefined;
      const resolved = await resolveSession(tx, event, after);
      const updated = await tx
        .update(sessions)
        .set({
          ...sessionColumns(after, resolved),
          version: sql`${sessions.version} + 1`,
          updatedAt: ctx.clock.now(),
        })
        .where(and(eq(sessions.id, id), eq(sessions.version, input.version)))
        .returning({ id: sessions.id });
      if (updated.length === 0) throw versionConflict('session', input.version, row.version);
      if (['speakers', ...ORGANIZATION_ROLES].some((field) => field in changes)) {
        await replaceSessionPeopleAndCredits(tx, id, after, resolved.credits);
      }
      await log({ action: 'update', entityType: 'session', entityId: id, changes });
      return {
        sessionId: id,
        eventId: row.eventId,
        change: sessionChangeOf(changes, after),
        version: row.version + 1,
        capacityChanged: 'capacity' in changes,
      };
    },
  );
  if (notice) await hooks?.afterSessionChange(notice);
  return getSession(ctx, id, actor);
}

export async function deleteSession(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  version: number | undefined,
  hooks?: SessionHooks,
): Promise<Session> {
  const actor = requireAdmin(viewer);
  const shown = await getSession(ctx, id, actor);
  const eventId = await commitWrite(ctx, actor, 'programme', async (tx, log) => {
    const row = await sessionById(tx, id, true);
    expectVersion('session', row.version, version);
    const state = await sessionState(tx, row);
    await tx.delete(sessions).where(eq(sessions.id, id));
    await log({ action: 'delete', entityType: 'session', entityId: id, changes: deletedChanges(state) });
    return row.eventId;
  });
  await hooks?.afterSessionChange({
    sessionId: id,
    eventId,
    change: 'removed',
    version: shown.version,
    capacityChanged: false,
  });
  return shown;
}
