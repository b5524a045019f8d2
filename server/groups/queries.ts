import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { SessionVisibility } from '../../shared/domain.ts';
import type { Queryable } from '../db/client.ts';
import { organizations } from '../directory/tables.ts';
import { events, sessions } from '../programme/tables.ts';
import { workingGroupCountries, workingGroupMeetings, workingGroupOrganizations, workingGroups } from './tables.ts';

export function selectWorkingGroups(db: Queryable, filters: { slug?: string; organization?: string | undefined }) {
  const conditions = [sql`true`];
  if (filters.slug) conditions.push(eq(workingGroups.slug, filters.slug));
  if (filters.organization) {
    conditions.push(sql`exists (select 1 from working_group_organizations wo join organizations o on o.id = wo.organization_id
                                where wo.working_group_id = ${workingGroups.id} and o.slug = ${filters.organization})`);
  }
  return db
    .select({
      group: workingGroups,
      networkSlug: organizations.slug,
      networkKind: organizations.kind,
      networkName: organizations.name,
      networkAcronym: organizations.acronym,
    })
    .from(workingGroups)
    .leftJoin(organizations, eq(organizations.id, workingGroups.networkId))
    .where(sql.join(conditions, sql` and `))
    .orderBy(asc(workingGroups.nameEn));
}

export function selectGroupCountries(db: Queryable, groupIds: string[]) {
  return db
    .select()
    .from(workingGroupCountries)
    .where(inArray(workingGroupCountries.workingGroupId, groupIds))
    .orderBy(asc(workingGroupCountries.countryCode));
}

export function selectGroupOrganizations(db: Queryable, groupIds: string[]) {
  return db
    .select({
      workingGroupId: workingGroupOrganizations.workingGroupId,
      slug: organizations.slug,
      kind: organizations.kind,
      name: organizations.name,
      acronym: organizations.acronym,
    })
    .from(workingGroupOrganizations)
    .innerJoin(organizations, eq(organizations.id, workingGroupOrganizations.organizationId))
    .where(inArray(workingGroupOrganizations.workingGroupId, groupIds))
    .orderBy(asc(organizations.name));
}

export function selectGroupMeetings(db: Queryable, groupId: string, visibilities: readonly SessionVisibility[]) {
  return db
    .select({
      id: sessions.id,
      titleEn: sessions.titleEn,
      titleEs: sessions.titleEs,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      eventSlug: events.slug,
      eventNameEn: events.nameEn,
      eventNameEs: events.nameEs,
      eventTimeZone: events.timeZone,
    })
    .from(workingGroupMeetings)
    .innerJoin(sessions, eq(sessions.id, workingGroupMeetings.sessionId))
    .innerJoin(events, eq(events.id, sessions.eventId))
    .where(
      sql`${workingGroupMeetings.workingGroupId} = ${groupId} and ${inArray(sessions.visibility, [...visibilities])}`,
    )
    .orderBy(asc(sessions.startsAt));
}
