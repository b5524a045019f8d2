import type { Country } from '../../shared/api/common.ts';
import type { WorkingGroupDetail, WorkingGroupSummary } from '../../shared/api/groups.ts';
import { localized, presentOrganizationRef } from '../directory/presenter.ts';
import { countryOf, type Reference, topicsOf } from '../directory/reference.ts';
import type { selectGroupMeetings, selectGroupOrganizations, selectWorkingGroups } from './queries.ts';

type GroupRow = Awaited<ReturnType<typeof selectWorkingGroups>>[number];
type GroupOrganizationRow = Awaited<ReturnType<typeof selectGroupOrganizations>>[number];
type MeetingRow = Awaited<ReturnType<typeof selectGroupMeetings>>[number];

export function presentWorkingGroupSummary(
  ref: Reference,
  row: GroupRow,
  countryCodes: string[],
  organizations: GroupOrganizationRow[],
): WorkingGroupSummary {
  return {
    slug: row.group.slug,
    name: localized(row.group.nameEn, row.group.nameEs),
    network:
      row.networkSlug && row.networkKind && row.networkName
        ? presentOrganizationRef({
            slug: row.networkSlug,
            kind: row.networkKind,
            name: row.networkName,
            acronym: row.networkAcronym,
          })
        : null,
    countries: countryCodes.map((code) => countryOf(ref, code)).filter((c): c is Country => c !== null),
    organizationsCount: organizations.filter((o) => o.workingGroupId === row.group.id).length,
  };
}

export function presentWorkingGroupDetail(
  ref: Reference,
  row: GroupRow,
  countryCodes: string[],
  organizations: GroupOrganizationRow[],
  meetings: MeetingRow[],
): WorkingGroupDetail {
  return {
    ...presentWorkingGroupSummary(ref, row, countryCodes, organizations),
    description: localized(row.group.descriptionEn, row.group.descriptionEs),
    organizations: organizations.map((o) => presentOrganizationRef(o)),
    topics: topicsOf(ref, row.group.topics),
    meetings: meetings.map((m) => ({
      id: m.id,
      title: localized(m.titleEn, m.titleEs),
      startsAt: m.startsAt.toISOString(),
      endsAt: m.endsAt.toISOString(),
      event: { slug: m.eventSlug, name: localized(m.eventNameEn, m.eventNameEs), timeZone: m.eventTimeZone },
    })),
    version: row.group.version,
  };
}
