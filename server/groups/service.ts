import type { WorkingGroupDetail, WorkingGroupSummary } from '../../shared/api/groups.ts';
import type { ServiceContext } from '../context.ts';
import { reference } from '../directory/reference.ts';
import { notFound } from '../errors.ts';
import { presentWorkingGroupDetail, presentWorkingGroupSummary } from './presenter.ts';
import { selectGroupCountries, selectGroupMeetings, selectGroupOrganizations, selectWorkingGroups } from './queries.ts';

export async function listWorkingGroups(
  ctx: ServiceContext,
  filters: { organization?: string | undefined },
): Promise<WorkingGroupSummary[]> {
  const [ref, groups] = await Promise.all([reference(ctx), selectWorkingGroups(ctx.db, filters)]);
  const ids = groups.map((g) => g.group.id);
  const [countries, organizations] = await Promise.all([
    selectGroupCountries(ctx.db, ids),
    selectGroupOrganizations(ctx.db, ids),
  ]);
  return groups.map((row) =>
    presentWorkingGroupSummary(
      ref,
      row,
      countries.filter((c) => c.workingGroupId === row.group.id).map((c) => c.countryCode),
      organizations,
    ),
  );
}

export async function getWorkingGroup(ctx: ServiceContext, slug: string): Promise<WorkingGroupDetail> {
  const [row] = await selectWorkingGroups(ctx.db, { slug });
  if (!row) throw notFound('error.not_found.working_group', { slug });
  const [ref, countries, organizations, meetings] = await Promise.all([
    reference(ctx),
    selectGroupCountries(ctx.db, [row.group.id]),
    selectGroupOrganizations(ctx.db, [row.group.id]),
    selectGroupMeetings(ctx.db, row.group.id, ['public']),
  ]);
  return presentWorkingGroupDetail(
    ref,
    row,
    countries.map((c) => c.countryCode),
    organizations,
    meetings,
  );
}
