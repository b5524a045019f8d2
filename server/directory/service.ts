import { eq, inArray } from 'drizzle-orm';
import type { Country } from '../../shared/api/common.ts';
import type {
  OrganizationDetail,
  OrganizationSummary,
  PersonDetail,
  PersonSummary,
} from '../../shared/api/directory.ts';
import type { ContactVisibility, OrganizationKind, OrganizationStatus } from '../../shared/domain.ts';
import { searchForm } from '../../shared/text.ts';
import type { ServiceContext } from '../context.ts';
import type { Queryable } from '../db/client.ts';
import { notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import {
  presentOrganizationDetail,
  presentOrganizationSummary,
  presentPersonDetail,
  presentPersonSummary,
} from './presenter.ts';
import { connectedWithViewer, contactVisibilityFor } from './privacy.ts';
import {
  type OrganizationFilters,
  type PersonFilters,
  selectAffiliationsOfPeople,
  selectCountryCodesIn,
  selectOrganizationIdsOfPerson,
  selectOrganizations,
  selectPeople,
  selectPeopleOfOrganization,
  selectPersonById,
  selectSharedWith,
} from './queries.ts';
import { reference } from './reference.ts';
import { affiliations, organizations, people } from './tables.ts';

export async function listCountries(
  ctx: ServiceContext,
  filters: { with?: 'organizations' | 'people' | undefined } = {},
): Promise<Country[]> {
  const all = [...(await reference(ctx)).countries.values()];
  if (!filters.with) return all;
  const used = new Set(await selectCountryCodesIn(ctx.db, filters.with));
  return all.filter((country) => used.has(country.code));
}

export async function listOrganizations(
  ctx: ServiceContext,
  filters: OrganizationFilters,
): Promise<OrganizationSummary[]> {
  const [ref, found] = await Promise.all([reference(ctx), selectOrganizations(ctx.db, filters)]);
  return found.map((row) => presentOrganizationSummary(ref, row));
}

export async function getOrganization(ctx: ServiceContext, slug: string): Promise<OrganizationDetail> {
  const [row] = await selectOrganizations(ctx.db, { slug });
  if (!row) throw notFound('error.not_found.organization', { slug });
  const [ref, members, peopleRows] = await Promise.all([
    reference(ctx),
    selectOrganizations(ctx.db, { memberOf: slug }),
    selectPeopleOfOrganization(ctx.db, row.id),
  ]);
  return presentOrganizationDetail(ref, row, members, peopleRows);
}

export async function listPeople(ctx: ServiceContext, filters: PersonFilters): Promise<PersonSummary[]> {
  const [ref, found] = await Promise.all([reference(ctx), selectPeople(ctx.db, filters)]);
  const affiliations = await selectAffiliationsOfPeople(
    ctx.db,
    found.map((row) => row.id),
  );
  return found.map((row) => presentPersonSummary(ref, row, affiliations));
}

export async function getPerson(ctx: ServiceContext, id: string, viewer: Viewer | null): Promise<PersonDetail> {
  const [person] = await selectPersonById(ctx.db, id);
  if (!person) throw notFound('error.not_found.person', { id });
  const [ref, affiliations, organizationIds, connected, shared] = await Promise.all([
    reference(ctx),
    selectAffiliationsOfPeople(ctx.db, [id]),
    selectOrganizationIdsOfPerson(ctx.db, id),
    connectedWithViewer(ctx.db, viewer, id),
    selectSharedWith(ctx.db, id, viewer?.personId),
  ]);
  return presentPersonDetail(
    ref,
    person,
    affiliations,
    contactVisibilityFor(viewer, { id, organizationIds, connectedWithViewer: connected }),
    shared,
  );
}

// --- Writes shared by the demo loader and the CSV import ------------------

export interface NewOrganization {
  slug: string;
  kind: OrganizationKind;
  status?: OrganizationStatus | undefined;
  name: string;
  acronym?: string | null | undefined;
  countryCode?: string | null | undefined;
  website?: string | null | undefined;
  memberOfSlug?: string | null | undefined;
  descriptionEn?: string | null | undefined;
  descriptionEs?: string | null | undefined;
}

/**
 * Insert organisations, then link each to its parent by slug (the parent may
 * be in the same batch or already stored). Returns slug -> id of the new rows.
 */
export async function insertOrganizations(tx: Queryable, input: NewOrganization[]): Promise<Map<string, string>> {
  if (input.length === 0) return new Map();
  const inserted = await tx
    .insert(organizations)
    .values(
      input.map((o) => ({
        slug: o.slug,
        kind: o.kind,
        status: o.status ?? 'active',
        name: o.name,
        acronym: o.acronym ?? null,
        countryCode: o.countryCode?.toUpperCase() ?? null,
        website: o.website ?? null,
        descriptionEn: o.descriptionEn ?? null,
        descriptionEs: o.descriptionEs ?? null,
        searchText: searchForm(o.name, o.acronym, o.slug.replaceAll('-', ' ')),
      })),
    )
    .returning({ id: organizations.id, slug: organizations.slug });
  const ids = new Map(inserted.map((row) => [row.slug, row.id]));
  const parents = [...new Set(input.map((o) => o.memberOfSlug).filter((slug): slug is string => Boolean(slug)))];
  if (parents.length > 0) {
    const parentRows = await tx
      .select({ id: organizations.id, slug: organizations.slug })
      .from(organizations)
      .where(inArray(organizations.slug, parents));
    const parentIds = new Map(parentRows.map((row) => [row.slug, row.id]));
    for (const o of input) {
      const parentId = o.memberOfSlug ? parentIds.get(o.memberOfSlug) : undefined;
      if (parentId) await tx.update(organizations).set({ memberOfId: parentId }).where(eq(organizations.slug, o.slug));
    }
  }
  return ids;
}

export interface NewPerson {
  name: string;
  countryCode?: string | null | undefined;
  languages?: string[] | undefined;
  topics?: string[] | undefined;
  bioEn?: string | null | undefined;
  bioEs?: string | null | undefined;
  email?: string | null | undefined;
  emailVisibility?: ContactVisibility | undefined;
  phone?: string | null | undefined;
  phoneVisibility?: ContactVisibility | undefined;
  website?: string | null | undefined;
  websiteVisibility?: ContactVisibility | undefined;
  fictional?: boolean | undefined;
  affiliations?: { organizationSlug: string; roleEn?: string | null; roleEs?: string | null }[] | undefined;
}

/** Insert people and their affiliations (organisations by slug, which must exist). Returns the new ids in order. */
export async function insertPeople(tx: Queryable, input: NewPerson[]): Promise<string[]> {
  if (input.length === 0) return [];
  const inserted = await tx
    .insert(people)
    .values(
      input.map((p) => ({
        name: p.name,
        countryCode: p.countryCode?.toUpperCase() ?? null,
        languages: p.languages ?? [],
        topics: p.topics ?? [],
        bioEn: p.bioEn ?? null,
        bioEs: p.bioEs ?? null,
        email: p.email ?? null,
        emailVisibility: p.emailVisibility ?? 'private',
        phone: p.phone ?? null,
        phoneVisibility: p.phoneVisibility ?? 'private',
        website: p.website ?? null,
        websiteVisibility: p.websiteVisibility ?? 'private',
        fictional: p.fictional ?? false,
        searchText: searchForm(p.name),
      })),
    )
    .returning({ id: people.id });
  const slugs = [...new Set(input.flatMap((p) => (p.affiliations ?? []).map((a) => a.organizationSlug)))];
  const orgRows =
    slugs.length > 0
      ? await tx
          .select({ id: organizations.id, slug: organizations.slug })
          .from(organizations)
          .where(inArray(organizations.slug, slugs))
      : [];
  const orgIds = new Map(orgRows.map((row) => [row.slug, row.id]));
  const links = input.flatMap((p, index) =>
    (p.affiliations ?? []).map((a, position) => {
      const organizationId = orgIds.get(a.organizationSlug);
      if (!organizationId) throw new Error(`Unknown organisation "${a.organizationSlug}" for ${p.name}`);
      return {
        personId: (inserted[index] as { id: string }).id,
        organizationId,
        roleEn: a.roleEn ?? null,
        roleEs: a.roleEs ?? null,
        position,
      };
    }),
  );
  if (links.length > 0) await tx.insert(affiliations).values(links);
  return inserted.map((row) => row.id);
}
