import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { AccountRole, OrganizationKind } from '../../shared/domain.ts';
import type { PersonStanding } from '../accounts/policy.ts';
import { type Queryable, rows } from '../db/client.ts';
import { textSearch } from './search.ts';
import { affiliations, organizations, people } from './tables.ts';

export interface OrganizationRow {
  id: string;
  slug: string;
  kind: OrganizationKind;
  status: 'active' | 'in_formation';
  name: string;
  acronym: string | null;
  country_code: string | null;
  website: string | null;
  description_en: string | null;
  description_es: string | null;
  parent_slug: string | null;
  parent_kind: OrganizationKind | null;
  parent_name: string | null;
  parent_acronym: string | null;
  people_count: number;
  members_count: number;
  version: number;
}

export interface OrganizationFilters {
  kind?: OrganizationKind | undefined;
  country?: string | undefined;
  region?: string | undefined;
  memberOf?: string | undefined;
  q?: string | undefined;
  slug?: string | undefined;
}

export async function selectOrganizations(db: Queryable, filters: OrganizationFilters): Promise<OrganizationRow[]> {
  const search = textSearch(sql`o.search_text`, filters.q);
  const conditions = [sql`true`];
  if (filters.slug) conditions.push(sql`o.slug = ${filters.slug}`);
  if (filters.kind) conditions.push(sql`o.kind = ${filters.kind}`);
  if (filters.country) conditions.push(sql`o.country_code = ${filters.country.toUpperCase()}`);
  if (filters.region) conditions.push(sql`c.region_code = ${filters.region}`);
  if (filters.memberOf) conditions.push(sql`p.slug = ${filters.memberOf}`);
  if (search) conditions.push(search.where);
  return rows<OrganizationRow>(
    db,
    sql`
      select o.id, o.slug, o.kind, o.status, o.name, o.acronym, o.country_code, o.website,
             o.description_en, o.description_es, o.version,
             p.slug as parent_slug, p.kind as parent_kind, p.name as parent_name, p.acronym as parent_acronym,
             (select count(*)::int from affiliations a where a.organization_id = o.id) as people_count,
             (select count(*)::int from organizations m where m.member_of_id = o.id) as members_count
      from organizations o
      left join organizations p on p.id = o.member_of_id
      left join countries c on c.code = o.country_code
      where ${sql.join(conditions, sql` and `)}
      order by ${search ? sql`${search.score} desc,` : sql``} lower(o.name), o.slug
      limit 500`,
  );
}

export interface PersonRow {
  id: string;
  name: string;
  country_code: string | null;
  fictional: boolean;
  photo_hash: string | null;
}

export interface PersonFilters {
  q?: string | undefined;
  country?: string | undefined;
  organization?: string | undefined;
}

export async function selectPeople(db: Queryable, filters: PersonFilters): Promise<PersonRow[]> {
  const search = textSearch(sql`p.search_text`, filters.q);
  const conditions = [sql`true`];
  if (filters.country) conditions.push(sql`p.country_code = ${filters.country.toUpperCase()}`);
  if (filters.organization) {
    conditions.push(sql`exists (select 1 from affiliations a join organizations o on o.id = a.organization_id
                                where a.person_id = p.id and o.slug = ${filters.organization})`);
  }
  if (search) conditions.push(search.where);
  return rows<PersonRow>(
    db,
    sql`
      select p.id, p.name, p.country_code, p.fictional, p.photo_hash
      from people p
      where ${sql.join(conditions, sql` and `)}
      order by ${search ? sql`${search.score} desc,` : sql``} lower(p.name), p.id
      limit 500`,
  );
}

export function selectPersonById(db: Queryable, id: string) {
  return db.select().from(people).where(eq(people.id, id)).limit(1);
}

export function selectAffiliationsOfPeople(db: Queryable, personIds: string[]) {
  return db
    .select({
      personId: affiliations.personId,
      roleEn: affiliations.roleEn,
      roleEs: affiliations.roleEs,
      slug: organizations.slug,
      kind: organizations.kind,
      name: organizations.name,
      acronym: organizations.acronym,
    })
    .from(affiliations)
    .innerJoin(organizations, eq(organizations.id, affiliations.organizationId))
    .where(inArray(affiliations.personId, personIds))
    .orderBy(asc(affiliations.position), asc(organizations.name));
}

export function selectPeopleOfOrganization(db: Queryable, organizationId: string) {
  return db
    .select({
      id: people.id,
      name: people.name,
      countryCode: people.countryCode,
      fictional: people.fictional,
      roleEn: affiliations.roleEn,
      roleEs: affiliations.roleEs,
    })
    .from(affiliations)
    .innerJoin(people, eq(people.id, affiliations.personId))
    .where(eq(affiliations.organizationId, organizationId))
    .orderBy(asc(affiliations.position), asc(people.fictional), asc(people.name));
}

export async function selectCountryCodesIn(db: Queryable, table: 'organizations' | 'people'): Promise<string[]> {
  const source = table === 'organizations' ? organizations : people;
  const found = await db
    .selectDistinct({ code: source.countryCode })
    .from(source)
    .where(sql`${source.countryCode} is not null`);
  return found.map((row) => row.code as string);
}

export async function selectOrganizationIdsOfPerson(db: Queryable, personId: string): Promise<string[]> {
  const found = await db
    .select({ id: affiliations.organizationId })
    .from(affiliations)
    .where(eq(affiliations.personId, personId));
  return found.map((row) => row.id);
}

/**
 * What the rules of server/accounts/policy.ts need to know about a person
 * (accounts builds on the directory, so `users` is read by name).
 */
export async function selectPersonStanding(db: Queryable, personId: string): Promise<PersonStanding> {
  const [found] = await rows<{ organization_ids: string[]; account_role: AccountRole | null }>(
    db,
    sql`select coalesce((select array_agg(a.organization_id::text) from affiliations a where a.person_id = ${personId}),
                        '{}') as organization_ids,
               (select u.role::text from users u where u.person_id = ${personId}) as account_role`,
  );
  return {
    id: personId,
    organizationIds: found?.organization_ids ?? [],
    accountRole: found?.account_role ?? null,
  };
}

/** What a person shared with one contact when they connected (see networking's contact_shares). */
export interface SharedFields {
  email: boolean;
  phone: boolean;
  website: boolean;
}

/**
 * What a person shared with the viewer when they connected. Networking keeps the choices and builds on the
 * directory, so its table is read by name (as privacy.ts reads connections).
 */
export async function selectSharedWith(
  db: Queryable,
  ownerPersonId: string,
  viewerPersonId: string | null | undefined,
): Promise<SharedFields | null> {
  if (!viewerPersonId || viewerPersonId === ownerPersonId) return null;
  const [found] = await rows<SharedFields>(
    db,
    sql`select email, phone, website from contact_shares
        where owner_person_id = ${ownerPersonId}::uuid and contact_person_id = ${viewerPersonId}::uuid`,
  );
  return found ?? null;
}
