import type {
  BuildingProgrammeChanges,
  BuildingProgrammeDetail,
  MilestoneChanges,
  NewBuildingProgramme,
  NewMilestone,
  NewPromoter,
  PromoterChanges,
} from '../../shared/api/building.ts';
import type { AuditedEntity } from '../../shared/api/editing.ts';
import { requireAdmin } from '../accounts/policy.ts';
import type { AppContext } from '../context.ts';
import type { Queryable, Tx } from '../db/client.ts';
import { checkedCountry, organizationIdsOf } from '../directory/editing.ts';
import {
  changesBetween,
  cleanText,
  createdChanges,
  deletedChanges,
  expectVersion,
  nothingChanged,
  versionConflict,
} from '../editing/changes.ts';
import { type AuditLog, type ChangeTopic, commitWrite } from '../editing/commit.ts';
import { AppError, notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import {
  deleteMilestoneRow,
  deleteProgramme,
  deletePromoterRow,
  insertMilestone,
  insertProgramme,
  insertPromoter,
  isPromoterOf,
  nextMilestonePosition,
  nextPromoterPosition,
  type ProgrammeRow,
  personExists,
  programmeSlugTaken,
  replaceLinkedArticles,
  replaceLinkedSessions,
  selectKnownArticleSlugs,
  selectKnownSessionIds,
  selectLinkedArticleSlugs,
  selectLinkedSessionIds,
  selectMilestoneForUpdate,
  selectMilestoneProgrammeSlug,
  selectOrganizationSlug,
  selectProgrammeBySlug,
  selectPromoterForUpdate,
  selectPromoterProgrammeSlug,
  updateMilestoneAtVersion,
  updateProgrammeAtVersion,
  updatePromoterRow,
} from './queries.ts';
import { getBuildingProgramme } from './service.ts';

/*
 * Writes of the association-building programmes: the network's staff
 * (admins) only, since a programme is the network's own work plan. Every
 * change is audited on the programme (promoters and milestones as its
 * fields, `promoters.<id>.role.en`, `milestones.<id>.doneOn`), and answered
 * with the programme as GET /api/building-programmes/:slug shows it.
 */
const PROGRAMME: AuditedEntity = 'building_programme';
const TOPIC: ChangeTopic = 'building';

async function programmeBySlug(tx: Queryable, slug: string, lock = false) {
  const row = await selectProgrammeBySlug(tx, slug, lock);
  if (!row) throw notFound('building.error.not_found.programme', { slug });
  return row;
}

async function checkedSessions(tx: Queryable, ids: string[] | undefined, field: string) {
  if (!ids || ids.length === 0) return ids;
  const known = await selectKnownSessionIds(tx, ids);
  const unknown = ids.find((id) => !known.has(id));
  if (unknown) throw new AppError('rule_broken', 'building.error.unknown_session', { id: unknown }, { field });
  return ids;
}

async function checkedArticles(tx: Queryable, slugs: string[] | undefined, field: string) {
  if (!slugs || slugs.length === 0) return slugs;
  const known = await selectKnownArticleSlugs(tx, slugs);
  const unknown = slugs.find((slug) => !known.has(slug));
  if (unknown) throw new AppError('rule_broken', 'building.error.unknown_article', { slug: unknown }, { field });
  return slugs;
}

async function programmeState(tx: Queryable, row: ProgrammeRow) {
  const organization = await selectOrganizationSlug(tx, row.organizationId);
  const linkedSessions = await selectLinkedSessionIds(tx, row.id);
  const linkedArticles = await selectLinkedArticleSlugs(tx, row.id);
  return {
    country: row.countryCode as string,
    workingName: row.workingName,
    organization,
    status: row.status as string,
    'summary.en': row.summaryEn,
    'summary.es': row.summaryEs,
    sessions: linkedSessions.toSorted(),
    articles: linkedArticles.toSorted(),
  };
}
type ProgrammeState = Awaited<ReturnType<typeof programmeState>>;

async function writeLinks(tx: Tx, programmeId: string, state: ProgrammeState, changed: (field: string) => boolean) {
  if (changed('sessions')) await replaceLinkedSessions(tx, programmeId, state.sessions);
  if (changed('articles')) await replaceLinkedArticles(tx, programmeId, state.articles);
}

function write(ctx: AppContext, viewer: Viewer | null, work: (tx: Tx, log: AuditLog) => Promise<void>) {
  const actor = requireAdmin(viewer);
  return commitWrite(ctx, actor, TOPIC, work);
}

export async function createBuildingProgramme(
  ctx: AppContext,
  viewer: Viewer | null,
  input: NewBuildingProgramme,
): Promise<BuildingProgrammeDetail> {
  requireAdmin(viewer);
  const country = (await checkedCountry(ctx, input.country)) as string;
  await write(ctx, viewer, async (tx, log) => {
    if (await programmeSlugTaken(tx, input.slug))
      throw new AppError('conflict', 'building.error.slug_taken', { slug: input.slug }, { field: 'slug' });
    const organization = cleanText(input.organization) ?? null;
    const [organizationId] = organization ? await organizationIdsOf(tx, [organization], 'organization') : [];
    const state: ProgrammeState = {
      country,
      workingName: input.workingName.trim(),
      organization,
      status: input.status ?? 'planned',
      'summary.en': cleanText(input.summary?.en) ?? null,
      'summary.es': cleanText(input.summary?.es) ?? null,
      sessions: ((await checkedSessions(tx, input.sessions, 'sessions')) ?? []).toSorted(),
      articles: ((await checkedArticles(tx, input.articles, 'articles')) ?? []).toSorted(),
    };
    const id = await insertProgramme(tx, {
      slug: input.slug,
      countryCode: country,
      workingName: state.workingName,
      organizationId: organizationId ?? null,
      status: input.status ?? 'planned',
      summaryEn: state['summary.en'],
      summaryEs: state['summary.es'],
      createdAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
    });
    await writeLinks(tx, id, state, () => true);
    await log({
      action: 'create',
      entityType: PROGRAMME,
      entityId: id,
      changes: createdChanges({ slug: input.slug, ...state }),
    });
  });
  return getBuildingProgramme(ctx, input.slug);
}

export async function updateBuildingProgramme(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  input: BuildingProgrammeChanges,
): Promise<BuildingProgrammeDetail> {
  requireAdmin(viewer);
  const country = await checkedCountry(ctx, input.country);
  await write(ctx, viewer, async (tx, log) => {
    const row = await programmeBySlug(tx, slug, true);
    expectVersion(PROGRAMME, row.version, input.version);
    const before = await programmeState(tx, row);
    const after: ProgrammeState = {
      country: country ?? before.country,
      workingName: input.workingName?.trim() ?? before.workingName,
      organization: input.organization === undefined ? before.organization : (cleanText(input.organization) ?? null),
      status: input.status ?? before.status,
      'summary.en':
        input.summary && 'en' in input.summary ? (cleanText(input.summary.en) ?? null) : before['summary.en'],
      'summary.es':
        input.summary && 'es' in input.summary ? (cleanText(input.summary.es) ?? null) : before['summary.es'],
      sessions: ((await checkedSessions(tx, input.sessions, 'sessions')) ?? before.sessions).toSorted(),
      articles: ((await checkedArticles(tx, input.articles, 'articles')) ?? before.articles).toSorted(),
    };
    const changes = changesBetween(before, after);
    if (nothingChanged(changes)) return;
    const [organizationId] = after.organization
      ? await organizationIdsOf(tx, [after.organization], 'organization')
      : [];
    const updated = await updateProgrammeAtVersion(tx, row.id, input.version, {
      countryCode: after.country,
      workingName: after.workingName,
      organizationId: organizationId ?? null,
      status: after.status as ProgrammeRow['status'],
      summaryEn: after['summary.en'],
      summaryEs: after['summary.es'],
      updatedAt: ctx.clock.now(),
    });
    if (!updated) throw versionConflict(PROGRAMME, input.version, row.version);
    await writeLinks(tx, row.id, after, (field) => field in changes);
    await log({ action: 'update', entityType: PROGRAMME, entityId: row.id, changes });
  });
  return getBuildingProgramme(ctx, slug);
}

export async function deleteBuildingProgramme(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  version: number | undefined,
): Promise<BuildingProgrammeDetail> {
  requireAdmin(viewer);
  const shown = await getBuildingProgramme(ctx, slug);
  await write(ctx, viewer, async (tx, log) => {
    const row = await programmeBySlug(tx, slug, true);
    expectVersion(PROGRAMME, row.version, version);
    const state = await programmeState(tx, row);
    await deleteProgramme(tx, row.id);
    await log({
      action: 'delete',
      entityType: PROGRAMME,
      entityId: row.id,
      changes: deletedChanges({ slug, ...state }),
    });
  });
  return shown;
}

// --- Promoters ---------------------------------------------------------------

async function promoterProgramme(ctx: AppContext, id: string) {
  const slug = await selectPromoterProgrammeSlug(ctx.db, id);
  if (!slug) throw notFound('building.error.not_found.promoter', { id });
  return slug;
}

export async function addPromoter(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  input: NewPromoter,
): Promise<BuildingProgrammeDetail> {
  requireAdmin(viewer);
  await write(ctx, viewer, async (tx, log) => {
    const programme = await programmeBySlug(tx, slug, true);
    if (!(await personExists(tx, input.person)))
      throw new AppError('rule_broken', 'building.error.unknown_person', { id: input.person }, { field: 'person' });
    if (await isPromoterOf(tx, programme.id, input.person))
      throw new AppError('conflict', 'building.error.promoter_twice', {}, { field: 'person' });
    const organization = cleanText(input.organization) ?? null;
    const [organizationId] = organization ? await organizationIdsOf(tx, [organization], 'organization') : [];
    const next = await nextPromoterPosition(tx, programme.id);
    const state = {
      person: input.person,
      organization,
      'role.en': cleanText(input.role?.en) ?? null,
      'role.es': cleanText(input.role?.es) ?? null,
    };
    const promoterId = await insertPromoter(tx, {
      programmeId: programme.id,
      personId: input.person,
      organizationId: organizationId ?? null,
      roleEn: state['role.en'],
      roleEs: state['role.es'],
      position: next,
    });
    await log({
      action: 'update',
      entityType: PROGRAMME,
      entityId: programme.id,
      changes: prefixed(`promoters.${promoterId}`, createdChanges(state)),
    });
  });
  return getBuildingProgramme(ctx, slug);
}

const prefixed = (prefix: string, changes: Record<string, { before: unknown; after: unknown }>) =>
  Object.fromEntries(Object.entries(changes).map(([field, change]) => [`${prefix}.${field}`, change]));

export async function updatePromoter(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  input: PromoterChanges,
): Promise<BuildingProgrammeDetail> {
  requireAdmin(viewer);
  const slug = await promoterProgramme(ctx, id);
  await write(ctx, viewer, async (tx, log) => {
    const row = await selectPromoterForUpdate(tx, id);
    if (!row) throw notFound('building.error.not_found.promoter', { id });
    const organization = await selectOrganizationSlug(tx, row.organizationId);
    const before = { organization, 'role.en': row.roleEn, 'role.es': row.roleEs };
    const after = {
      organization: input.organization === undefined ? before.organization : (cleanText(input.organization) ?? null),
      'role.en': input.role && 'en' in input.role ? (cleanText(input.role.en) ?? null) : row.roleEn,
      'role.es': input.role && 'es' in input.role ? (cleanText(input.role.es) ?? null) : row.roleEs,
    };
    const changes = changesBetween(before, after);
    if (nothingChanged(changes)) return;
    const [organizationId] = after.organization
      ? await organizationIdsOf(tx, [after.organization], 'organization')
      : [];
    await updatePromoterRow(tx, id, {
      organizationId: organizationId ?? null,
      roleEn: after['role.en'],
      roleEs: after['role.es'],
    });
    await log({
      action: 'update',
      entityType: PROGRAMME,
      entityId: row.programmeId,
      changes: prefixed(`promoters.${id}`, changes),
    });
  });
  return getBuildingProgramme(ctx, slug);
}

export async function deletePromoter(ctx: AppContext, viewer: Viewer | null, id: string) {
  requireAdmin(viewer);
  const slug = await promoterProgramme(ctx, id);
  await write(ctx, viewer, async (tx, log) => {
    const row = await deletePromoterRow(tx, id);
    if (!row) throw notFound('building.error.not_found.promoter', { id });
    await log({
      action: 'update',
      entityType: PROGRAMME,
      entityId: row.programmeId,
      changes: prefixed(`promoters.${id}`, deletedChanges({ person: row.personId, 'role.en': row.roleEn })),
    });
  });
  return getBuildingProgramme(ctx, slug);
}

// --- Milestones --------------------------------------------------------------

async function milestoneProgramme(ctx: AppContext, id: string) {
  const slug = await selectMilestoneProgrammeSlug(ctx.db, id);
  if (!slug) throw notFound('building.error.not_found.milestone', { id });
  return slug;
}

export async function addMilestone(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  input: NewMilestone,
): Promise<BuildingProgrammeDetail> {
  requireAdmin(viewer);
  await write(ctx, viewer, async (tx, log) => {
    const programme = await programmeBySlug(tx, slug, true);
    const [session] = (await checkedSessions(tx, input.session ? [input.session] : undefined, 'session')) ?? [];
    const [article] = (await checkedArticles(tx, input.article ? [input.article] : undefined, 'article')) ?? [];
    const next = await nextMilestonePosition(tx, programme.id);
    const state = {
      'title.en': input.title.en.trim(),
      'title.es': cleanText(input.title.es) ?? null,
      plannedOn: input.plannedOn ?? null,
      doneOn: input.doneOn ?? null,
      position: input.position ?? next,
      session: session ?? null,
      article: article ?? null,
    };
    const milestoneId = await insertMilestone(tx, {
      programmeId: programme.id,
      titleEn: state['title.en'],
      titleEs: state['title.es'],
      plannedOn: state.plannedOn,
      doneOn: state.doneOn,
      position: state.position,
      sessionId: state.session,
      articleSlug: state.article,
    });
    await log({
      action: 'update',
      entityType: PROGRAMME,
      entityId: programme.id,
      changes: prefixed(`milestones.${milestoneId}`, createdChanges(state)),
    });
  });
  return getBuildingProgramme(ctx, slug);
}

export async function updateMilestone(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  input: MilestoneChanges,
): Promise<BuildingProgrammeDetail> {
  requireAdmin(viewer);
  const slug = await milestoneProgramme(ctx, id);
  await write(ctx, viewer, async (tx, log) => {
    const row = await selectMilestoneForUpdate(tx, id);
    if (!row) throw notFound('building.error.not_found.milestone', { id });
    expectVersion(PROGRAMME, row.version, input.version);
    const before = {
      'title.en': row.titleEn,
      'title.es': row.titleEs,
      plannedOn: row.plannedOn,
      doneOn: row.doneOn,
      position: row.position,
      session: row.sessionId,
      article: row.articleSlug,
    };
    const after = {
      'title.en': input.title?.en?.trim() ?? row.titleEn,
      'title.es': input.title && 'es' in input.title ? (cleanText(input.title.es) ?? null) : row.titleEs,
      plannedOn: input.plannedOn === undefined ? row.plannedOn : input.plannedOn,
      doneOn: input.doneOn === undefined ? row.doneOn : input.doneOn,
      position: input.position ?? row.position,
      session:
        input.session === undefined
          ? row.sessionId
          : ((await checkedSessions(tx, input.session ? [input.session] : undefined, 'session'))?.[0] ?? null),
      article:
        input.article === undefined
          ? row.articleSlug
          : ((await checkedArticles(tx, input.article ? [input.article] : undefined, 'article'))?.[0] ?? null),
    };
    const changes = changesBetween(before, after);
    if (nothingChanged(changes)) return;
    const updated = await updateMilestoneAtVersion(tx, id, input.version, {
      titleEn: after['title.en'],
      titleEs: after['title.es'],
      plannedOn: after.plannedOn,
      doneOn: after.doneOn,
      position: after.position,
      sessionId: after.session,
      articleSlug: after.article,
    });
    if (!updated) throw versionConflict(PROGRAMME, input.version, row.version);
    await log({
      action: 'update',
      entityType: PROGRAMME,
      entityId: row.programmeId,
      changes: prefixed(`milestones.${id}`, changes),
    });
  });
  return getBuildingProgramme(ctx, slug);
}

export async function deleteMilestone(ctx: AppContext, viewer: Viewer | null, id: string) {
  requireAdmin(viewer);
  const slug = await milestoneProgramme(ctx, id);
  await write(ctx, viewer, async (tx, log) => {
    const row = await deleteMilestoneRow(tx, id);
    if (!row) throw notFound('building.error.not_found.milestone', { id });
    await log({
      action: 'update',
      entityType: PROGRAMME,
      entityId: row.programmeId,
      changes: prefixed(`milestones.${id}`, deletedChanges({ 'title.en': row.titleEn, doneOn: row.doneOn })),
    });
  });
  return getBuildingProgramme(ctx, slug);
}
