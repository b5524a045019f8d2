import { type SQL, sql } from 'drizzle-orm';
import type { DelegationStatus, OrganizationKind } from '../../shared/domain.ts';
import { type Queryable, rows } from '../db/client.ts';

export interface DelegationRow {
  id: string;
  event_id: string;
  event_slug: string;
  event_name_en: string;
  event_name_es: string | null;
  event_time_zone: string;
  organization_id: string;
  org_slug: string;
  org_kind: OrganizationKind;
  org_name: string;
  org_acronym: string | null;
  org_country_code: string | null;
  leader_person_id: string | null;
  status: DelegationStatus;
  arrives_on: string | null;
  departs_on: string | null;
  notes: string | null;
  version: number;
  members_count: number;
}

export function selectDelegations(db: Queryable, where: { eventId?: string; id?: string; lock?: boolean }) {
  const conditions: SQL[] = [];
  if (where.eventId) conditions.push(sql`d.event_id = ${where.eventId}`);
  if (where.id) conditions.push(sql`d.id = ${where.id}`);
  return rows<DelegationRow>(
    db,
    sql`
      select d.id, d.event_id, e.slug as event_slug, e.name_en as event_name_en, e.name_es as event_name_es,
             e.time_zone as event_time_zone, d.organization_id,
             o.slug as org_slug, o.kind as org_kind, o.name as org_name, o.acronym as org_acronym,
             o.country_code as org_country_code, d.leader_person_id, d.status,
             to_char(d.arrives_on, 'YYYY-MM-DD') as arrives_on, to_char(d.departs_on, 'YYYY-MM-DD') as departs_on,
             d.notes, d.version,
             (select count(*)::int from delegation_members m where m.delegation_id = d.id) as members_count
      from delegations d
      join organizations o on o.id = d.organization_id
      join events e on e.id = d.event_id
      where ${sql.join(conditions, sql` and `)}
      order by o.country_code nulls last, o.name
      ${where.lock ? sql`for update of d` : sql``}`,
  );
}

export interface MemberRow {
  delegation_id: string;
  person_id: string;
  name: string;
  country_code: string | null;
  fictional: boolean;
  arrives_on: string | null;
  departs_on: string | null;
  badge_code: string | null;
}

export function selectMembers(db: Queryable, delegationIds: string[]) {
  if (delegationIds.length === 0) return Promise.resolve([]);
  return rows<MemberRow>(
    db,
    sql`
      select m.delegation_id, p.id as person_id, p.name, p.country_code, p.fictional,
             to_char(m.arrives_on, 'YYYY-MM-DD') as arrives_on, to_char(m.departs_on, 'YYYY-MM-DD') as departs_on,
             a.badge_code
      from delegation_members m
      join delegations d on d.id = m.delegation_id
      join people p on p.id = m.person_id
      left join attendances a on a.event_id = d.event_id and a.person_id = m.person_id
      where m.delegation_id in ${delegationIds}
      order by p.name`,
  );
}

export interface AffiliationRow {
  person_id: string;
  slug: string;
  kind: OrganizationKind;
  name: string;
  acronym: string | null;
}

export function selectAffiliations(db: Queryable, personIds: string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return rows<AffiliationRow>(
    db,
    sql`
      select a.person_id, o.slug, o.kind, o.name, o.acronym
      from affiliations a join organizations o on o.id = a.organization_id
      where a.person_id in ${personIds}
      order by o.name`,
  );
}

export interface FundingRow {
  id: string;
  delegation_id: string;
  funder_slug: string;
  funder_kind: OrganizationKind;
  funder_name: string;
  funder_acronym: string | null;
  covers_en: string | null;
  covers_es: string | null;
  amount_cents: number | null;
  currency: string | null;
}

export function selectFunding(db: Queryable, delegationIds: string[]) {
  if (delegationIds.length === 0) return Promise.resolve([]);
  return rows<FundingRow>(
    db,
    sql`
      select f.id, f.delegation_id, o.slug as funder_slug, o.kind as funder_kind, o.name as funder_name,
             o.acronym as funder_acronym, f.covers_en, f.covers_es, f.amount_cents, f.currency
      from delegation_funding f join organizations o on o.id = f.funder_organization_id
      where f.delegation_id in ${delegationIds}
      order by o.name, f.created_at`,
  );
}

export interface EventRef {
  id: string;
  slug: string;
}

export async function eventBySlug(db: Queryable, slug: string): Promise<EventRef | undefined> {
  const [row] = await rows<EventRef>(db, sql`select id, slug from events where slug = ${slug}`);
  return row;
}

export async function organizationBySlug(db: Queryable, slug: string) {
  const [row] = await rows<{ id: string; kind: OrganizationKind }>(
    db,
    sql`select id, kind from organizations where slug = ${slug}`,
  );
  return row;
}

/**
 * Another delegation of the event the person travels with (as a member, or as
 * their attendance says), if any: a manager must not take them from it.
 */
export async function otherDelegationOf(
  db: Queryable,
  delegation: { id: string; event_id: string },
  personId: string,
): Promise<string | null> {
  const [found] = await rows<{ id: string }>(
    db,
    sql`select d.id from delegations d
        where d.event_id = ${delegation.event_id} and d.id <> ${delegation.id}
          and (exists (select 1 from delegation_members m where m.delegation_id = d.id and m.person_id = ${personId})
               or exists (select 1 from attendances a
                          where a.event_id = d.event_id and a.person_id = ${personId} and a.delegation_id = d.id))
        limit 1`,
  );
  return found?.id ?? null;
}
