import { sql } from 'drizzle-orm';
import { canEditMeetingsOf } from '../accounts/policy.ts';
import type { Queryable } from '../db/client.ts';
import { rows } from '../db/client.ts';
import type { Viewer } from '../http/viewer.ts';

/**
 * Who counts as a member of a working group, for reading its internal
 * minutes and (managers) writing its meeting records. Precisely:
 *
 * - network admins (the staff), always;
 * - an account acting for one of the group's organisations (its manager or partner contact);
 * - a person affiliated with one of the group's organisations;
 * - a person affiliated with the group's network organisation (its officers and staff);
 * - a person affiliated with an association of one of the group's countries
 *   (the national association represents its country in the group).
 *
 * Everyone else — the public, delegates of other countries and organisations —
 * is not a member and never receives internal minutes.
 */
export async function isGroupMember(db: Queryable, groupId: string, viewer: Viewer | null): Promise<boolean> {
  if (!viewer) return false;
  if (viewer.role === 'admin') return true;
  const [found] = await rows<{ member: boolean }>(
    db,
    sql`select (
          exists (select 1 from working_group_organizations wo
                  where wo.working_group_id = ${groupId} and wo.organization_id = ${viewer.organizationId})
          or exists (
            select 1 from affiliations a
            where a.person_id = ${viewer.personId}
              and (a.organization_id in (select organization_id from working_group_organizations
                                         where working_group_id = ${groupId})
                or a.organization_id = (select network_id from working_groups where id = ${groupId})
                or a.organization_id in (select o.id from organizations o
                                         join working_group_countries wc on wc.country_code = o.country_code
                                         where wc.working_group_id = ${groupId} and o.kind = 'association')))
        ) as member`,
  );
  return found?.member === true;
}

/** Writing a meeting's record: the rule is canEditMeetingsOf (server/accounts/policy.ts), on the group's organisations. */
export async function mayEditMeetings(db: Queryable, groupId: string, viewer: Viewer | null): Promise<boolean> {
  if (!viewer) return false;
  const found = await rows<{ organization_id: string }>(
    db,
    sql`select organization_id from working_group_organizations where working_group_id = ${groupId}`,
  );
  return canEditMeetingsOf(
    viewer,
    found.map((row) => row.organization_id),
  );
}
