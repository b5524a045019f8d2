import { and, asc, eq, sql } from 'drizzle-orm';
import type { WorkingGroupChanges } from '../../shared/api/editing.ts';
import type { WorkingGroupDetail } from '../../shared/api/groups.ts';
import { requireAdmin } from '../accounts/policy.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import type { Queryable } from '../db/client.ts';
import { checkedCountry, checkedTopics, organizationIdsOf } from '../directory/editing.ts';
import { organizations } from '../directory/tables.ts';
import {
  changesBetween,
  cleanText,
  expectVersion,
  given,
  givenTexts,
  nothingChanged,
  versionConflict,
} from '../editing/changes.ts';
import { commitWrite } from '../editing/commit.ts';
import { notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { getWorkingGroup } from './service.ts';
import { workingGroupCountries, workingGroupOrganizations, workingGroups } from './tables.ts';

type GroupRow = typeof workingGroups.$inferSelect;

async function groupState(db: Queryable, row: GroupRow) {
  const [network] = row.networkId
    ? await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, row.networkId))
    : [];
  const countries = await db
    .select({ code: workingGroupCountries.countryCode })
    .from(workingGroupCountries)
    .where(eq(workingGroupCountries.workingGroupId, row.id))
    .orderBy(asc(workingGroupCountries.countryCode));
  const members = await db
    .select({ slug: organizations.slug })
    .from(workingGroupOrganizations)
    .innerJoin(organizations, eq(organizations.id, workingGroupOrganizations.organizationId))
    .where(eq(workingGroupOrganizations.workingGroupId, row.id))
    .orderBy(asc(organizations.slug));
  return {
    'name.en': row.nameEn,
    'name.es': row.nameEs,
    'description.en': row.descriptionEn,
    'description.es': row.descriptionEs,
    network: network?.slug ?? null,
    topics: row.topics,
    countries: countries.map((c) => c.code),
    organizations: members.map((m) => m.slug),
  };
}
type GroupState = Awaited<ReturnType<typeof groupState>>;

async function groupInput(ctx: ServiceContext, input: Omit<WorkingGroupChanges, 'version'>) {
  const countries = input.countries
    ? await Promise.all(input.countries.map((code) => checkedCountry(ctx, code, 'countries')))
    : undefined;
  return given({
    ...givenTexts('name', input.name),
    ...givenTexts('description', input.description),
    network: cleanText(input.network),
    topics: await checkedTopics(ctx, input.topics),
    // Sets, kept sorted so that the same members in another order are no change.
    countries: countries?.map((code) => code as string).toSorted(),
    organizations: input.organizations?.toSorted(),
  }) as Partial<GroupState>;
}

/** PATCH /api/working-groups/:slug (admins): name, description, network, topics, countries and member organisations. */
export async function updateWorkingGroup(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  input: WorkingGroupChanges,
): Promise<WorkingGroupDetail> {
  const actor = requireAdmin(viewer);
  const wanted = await groupInput(ctx, input);
  await commitWrite(ctx, actor, 'groups', async (tx, log) => {
    const [row] = await tx.select().from(workingGroups).where(eq(workingGroups.slug, slug)).for('update');
    if (!row) throw notFound('error.not_found.working_group', { slug });
    expectVersion('working_group', row.version, input.version);
    const before = await groupState(tx, row);
    const after = { ...before, ...wanted };
    const changes = changesBetween(before, after);
    if (nothingChanged(changes)) return;
    const [networkId] = after.network ? await organizationIdsOf(tx, [after.network], 'network') : [];
    const memberIds = await organizationIdsOf(tx, after.organizations, 'organizations');
    const updated = await tx
      .update(workingGroups)
      .set({
        nameEn: after['name.en'],
        nameEs: after['name.es'],
        descriptionEn: after['description.en'],
        descriptionEs: after['description.es'],
        networkId: networkId ?? null,
        topics: after.topics,
        version: sql`${workingGroups.version} + 1`,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(workingGroups.id, row.id), eq(workingGroups.version, input.version)))
      .returning({ id: workingGroups.id });
    if (updated.length === 0) throw versionConflict('working_group', input.version, row.version);
    if ('countries' in changes) {
      await tx.delete(workingGroupCountries).where(eq(workingGroupCountries.workingGroupId, row.id));
      if (after.countries.length > 0) {
        await tx
          .insert(workingGroupCountries)
          .values(after.countries.map((countryCode) => ({ workingGroupId: row.id, countryCode })));
      }
    }
    if ('organizations' in changes) {
      await tx.delete(workingGroupOrganizations).where(eq(workingGroupOrganizations.workingGroupId, row.id));
      if (memberIds.length > 0) {
        await tx
          .insert(workingGroupOrganizations)
          .values(memberIds.map((organizationId) => ({ workingGroupId: row.id, organizationId })));
      }
    }
    await log({ action: 'update', entityType: 'working_group', entityId: row.id, changes });
  });
  return getWorkingGroup(ctx, slug);
}
