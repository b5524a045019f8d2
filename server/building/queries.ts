import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Queryable, rows } from '../db/client.ts';
import { organizations, people } from '../directory/tables.ts';
import { sessions } from '../programme/tables.ts';
import {
  buildingMilestones,
  buildingProgrammeArticles,
  buildingProgrammeSessions,
  buildingProgrammes,
  buildingPromoters,
} from './tables.ts';

// The SQL of the building programmes' writes. Each function takes the
// transaction (or the database) it runs in; the rules stay in editing.ts.

export type ProgrammeRow = typeof buildingProgrammes.$inferSelect;
type ProgrammeValues = Omit<typeof buildingProgrammes.$inferInsert, 'id' | 'version'>;
type PromoterValues = Omit<typeof buildingPromoters.$inferInsert, 'id'>;
type MilestoneValues = Omit<typeof buildingMilestones.$inferInsert, 'id' | 'version'>;

// --- Programmes --------------------------------------------------------------

/** The programme with this slug, locked for the rest of the transaction when `lock`. */
export async function selectProgrammeBySlug(tx: Queryable, slug: string, lock = false) {
  const query = tx.select().from(buildingProgrammes).where(eq(buildingProgrammes.slug, slug));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function programmeSlugTaken(tx: Queryable, slug: string): Promise<boolean> {
  const [taken] = await tx
    .select({ id: buildingProgrammes.id })
    .from(buildingProgrammes)
    .where(eq(buildingProgrammes.slug, slug));
  return taken !== undefined;
}

export async function insertProgramme(tx: Queryable, values: ProgrammeValues): Promise<string> {
  const [row] = await tx.insert(buildingProgrammes).values(values).returning({ id: buildingProgrammes.id });
  return (row as { id: string }).id;
}

/** Changes the programme if it is still at `version` (bumping it); false when another save came first. */
export async function updateProgrammeAtVersion(
  tx: Queryable,
  id: string,
  version: number,
  values: Partial<ProgrammeValues>,
): Promise<boolean> {
  const updated = await tx
    .update(buildingProgrammes)
    .set({ ...values, version: sql`${buildingProgrammes.version} + 1` })
    .where(and(eq(buildingProgrammes.id, id), eq(buildingProgrammes.version, version)))
    .returning({ id: buildingProgrammes.id });
  return updated.length > 0;
}

export async function deleteProgramme(tx: Queryable, id: string): Promise<void> {
  await tx.delete(buildingProgrammes).where(eq(buildingProgrammes.id, id));
}

export async function selectLinkedSessionIds(tx: Queryable, programmeId: string): Promise<string[]> {
  const found = await tx
    .select({ id: buildingProgrammeSessions.sessionId })
    .from(buildingProgrammeSessions)
    .where(eq(buildingProgrammeSessions.programmeId, programmeId));
  return found.map((s) => s.id);
}

export async function selectLinkedArticleSlugs(tx: Queryable, programmeId: string): Promise<string[]> {
  const found = await tx
    .select({ slug: buildingProgrammeArticles.articleSlug })
    .from(buildingProgrammeArticles)
    .where(eq(buildingProgrammeArticles.programmeId, programmeId));
  return found.map((a) => a.slug);
}

export async function replaceLinkedSessions(tx: Queryable, programmeId: string, sessionIds: string[]): Promise<void> {
  await tx.delete(buildingProgrammeSessions).where(eq(buildingProgrammeSessions.programmeId, programmeId));
  if (sessionIds.length > 0) {
    await tx.insert(buildingProgrammeSessions).values(sessionIds.map((sessionId) => ({ programmeId, sessionId })));
  }
}

export async function replaceLinkedArticles(tx: Queryable, programmeId: string, articleSlugs: string[]): Promise<void> {
  await tx.delete(buildingProgrammeArticles).where(eq(buildingProgrammeArticles.programmeId, programmeId));
  if (articleSlugs.length > 0) {
    await tx
      .insert(buildingProgrammeArticles)
      .values(articleSlugs.map((articleSlug) => ({ programmeId, articleSlug })));
  }
}

// --- What a programme refers to ------------------------------------------------

/** Which of these sessions exist. */
export async function selectKnownSessionIds(tx: Queryable, ids: string[]): Promise<Set<string>> {
  const found = await tx.select({ id: sessions.id }).from(sessions).where(inArray(sessions.id, ids));
  return new Set(found.map((s) => s.id));
}

/** Which of these articles exist (the news builds on the directory only, so its table is read by name). */
export async function selectKnownArticleSlugs(tx: Queryable, slugs: string[]): Promise<Set<string>> {
  const found = await rows<{ slug: string }>(
    tx,
    sql`select slug from articles where slug in (${sql.join(
      slugs.map((s) => sql`${s}`),
      sql`, `,
    )})`,
  );
  return new Set(found.map((a) => a.slug));
}

export async function selectOrganizationSlug(tx: Queryable, organizationId: string | null): Promise<string | null> {
  if (!organizationId) return null;
  const [organization] = await tx
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return organization?.slug ?? null;
}

export async function personExists(tx: Queryable, personId: string): Promise<boolean> {
  const [person] = await tx.select({ id: people.id }).from(people).where(eq(people.id, personId));
  return person !== undefined;
}

// --- Promoters ---------------------------------------------------------------

/** The slug of the programme a promoter belongs to. */
export async function selectPromoterProgrammeSlug(tx: Queryable, id: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ slug: buildingProgrammes.slug })
    .from(buildingPromoters)
    .innerJoin(buildingProgrammes, eq(buildingProgrammes.id, buildingPromoters.programmeId))
    .where(eq(buildingPromoters.id, id));
  return row?.slug;
}

export async function isPromoterOf(tx: Queryable, programmeId: string, personId: string): Promise<boolean> {
  const [already] = await tx
    .select({ id: buildingPromoters.id })
    .from(buildingPromoters)
    .where(and(eq(buildingPromoters.programmeId, programmeId), eq(buildingPromoters.personId, personId)));
  return already !== undefined;
}

export async function nextPromoterPosition(tx: Queryable, programmeId: string): Promise<number> {
  const [{ next } = { next: 0 }] = await tx
    .select({ next: sql<number>`coalesce(max(${buildingPromoters.position}) + 1, 0)::int` })
    .from(buildingPromoters)
    .where(eq(buildingPromoters.programmeId, programmeId));
  return next;
}

export async function insertPromoter(tx: Queryable, values: PromoterValues): Promise<string | undefined> {
  const [row] = await tx.insert(buildingPromoters).values(values).returning({ id: buildingPromoters.id });
  return row?.id;
}

export async function selectPromoterForUpdate(tx: Queryable, id: string) {
  const [row] = await tx.select().from(buildingPromoters).where(eq(buildingPromoters.id, id)).for('update');
  return row;
}

export async function updatePromoterRow(tx: Queryable, id: string, values: Partial<PromoterValues>): Promise<void> {
  await tx.update(buildingPromoters).set(values).where(eq(buildingPromoters.id, id));
}

/** Removes the promoter and answers it as it was (undefined when there was none). */
export async function deletePromoterRow(tx: Queryable, id: string) {
  const [row] = await tx.delete(buildingPromoters).where(eq(buildingPromoters.id, id)).returning();
  return row;
}

// --- Milestones --------------------------------------------------------------

/** The slug of the programme a milestone belongs to. */
export async function selectMilestoneProgrammeSlug(tx: Queryable, id: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ slug: buildingProgrammes.slug })
    .from(buildingMilestones)
    .innerJoin(buildingProgrammes, eq(buildingProgrammes.id, buildingMilestones.programmeId))
    .where(eq(buildingMilestones.id, id));
  return row?.slug;
}

export async function nextMilestonePosition(tx: Queryable, programmeId: string): Promise<number> {
  const [{ next } = { next: 0 }] = await tx
    .select({ next: sql<number>`coalesce(max(${buildingMilestones.position}) + 1, 0)::int` })
    .from(buildingMilestones)
    .where(eq(buildingMilestones.programmeId, programmeId));
  return next;
}

export async function insertMilestone(tx: Queryable, values: MilestoneValues): Promise<string | undefined> {
  const [row] = await tx.insert(buildingMilestones).values(values).returning({ id: buildingMilestones.id });
  return row?.id;
}

export async function selectMilestoneForUpdate(tx: Queryable, id: string) {
  const [row] = await tx.select().from(buildingMilestones).where(eq(buildingMilestones.id, id)).for('update');
  return row;
}

/** Changes the milestone if it is still at `version` (bumping it); false when another save came first. */
export async function updateMilestoneAtVersion(
  tx: Queryable,
  id: string,
  version: number,
  values: Partial<MilestoneValues>,
): Promise<boolean> {
  const updated = await tx
    .update(buildingMilestones)
    .set({ ...values, version: sql`${buildingMilestones.version} + 1` })
    .where(and(eq(buildingMilestones.id, id), eq(buildingMilestones.version, version)))
    .returning({ id: buildingMilestones.id });
  return updated.length > 0;
}

/** Removes the milestone and answers it as it was (undefined when there was none). */
export async function deleteMilestoneRow(tx: Queryable, id: string) {
  const [row] = await tx.delete(buildingMilestones).where(eq(buildingMilestones.id, id)).returning();
  return row;
}
