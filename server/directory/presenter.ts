import type {
  OrganizationDetail,
  OrganizationRef,
  OrganizationSummary,
  PersonDetail,
  PersonSummary,
} from '../../shared/api/directory.ts';
import type { ContactVisibility, Localized } from '../../shared/domain.ts';
import { photoOf } from '../../shared/photo.ts';
import type { OrganizationRow, PersonRow, SharedFields } from './queries.ts';
import { countryOf, type Reference, topicsOf } from './reference.ts';
import type { people } from './tables.ts';

export const localized = (en: string | null | undefined, es: string | null | undefined): Localized => ({
  en: en ?? null,
  es: es ?? null,
});

export function presentOrganizationRef(row: {
  slug: string;
  kind: OrganizationRef['kind'];
  name: string;
  acronym: string | null;
}): OrganizationRef {
  return { slug: row.slug, kind: row.kind, name: row.name, acronym: row.acronym };
}

export function presentOrganizationSummary(ref: Reference, row: OrganizationRow): OrganizationSummary {
  return {
    ...presentOrganizationRef(row),
    status: row.status,
    country: countryOf(ref, row.country_code),
    website: row.website,
    memberOf:
      row.parent_slug && row.parent_kind && row.parent_name
        ? presentOrganizationRef({
            slug: row.parent_slug,
            kind: row.parent_kind,
            name: row.parent_name,
            acronym: row.parent_acronym,
          })
        : null,
    peopleCount: row.people_count,
    membersCount: row.members_count,
  };
}

export interface AffiliationRow {
  personId: string;
  roleEn: string | null;
  roleEs: string | null;
  slug: string;
  kind: OrganizationRef['kind'];
  name: string;
  acronym: string | null;
}

export function presentPersonSummary(ref: Reference, row: PersonRow, affiliations: AffiliationRow[]): PersonSummary {
  return {
    id: row.id,
    name: row.name,
    country: countryOf(ref, row.country_code),
    fictional: row.fictional,
    photo: photoOf(row.photo_hash),
    affiliations: affiliations
      .filter((a) => a.personId === row.id)
      .map((a) => ({ organization: presentOrganizationRef(a), role: localized(a.roleEn, a.roleEs) })),
  };
}

/**
 * Contact fields leave the server only when their visibility allows it (see privacy.ts), or when the
 * person shared that field with this viewer when they connected.
 */
export function visibleContact(
  person: typeof people.$inferSelect,
  canSee: (visibility: ContactVisibility) => boolean,
  shared?: SharedFields | null,
): PersonDetail['contact'] {
  const contact: PersonDetail['contact'] = {};
  if (person.email && (canSee(person.emailVisibility) || shared?.email)) contact.email = person.email;
  if (person.phone && (canSee(person.phoneVisibility) || shared?.phone)) contact.phone = person.phone;
  if (person.website && (canSee(person.websiteVisibility) || shared?.website)) contact.website = person.website;
  return contact;
}

export function presentPersonDetail(
  ref: Reference,
  person: typeof people.$inferSelect,
  affiliations: AffiliationRow[],
  canSee: (visibility: ContactVisibility) => boolean,
  shared?: SharedFields | null,
): PersonDetail {
  return {
    ...presentPersonSummary(
      ref,
      {
        id: person.id,
        name: person.name,
        country_code: person.countryCode,
        fictional: person.fictional,
        photo_hash: person.photoHash,
      },
      affiliations,
    ),
    languages: person.languages,
    topics: topicsOf(ref, person.topics),
    bio: localized(person.bioEn, person.bioEs),
    photoUrl: person.photoUrl,
    contact: visibleContact(person, canSee, shared),
    version: person.version,
  };
}

export function presentOrganizationDetail(
  ref: Reference,
  row: OrganizationRow,
  members: OrganizationRow[],
  peopleRows: {
    id: string;
    name: string;
    countryCode: string | null;
    fictional: boolean;
    roleEn: string | null;
    roleEs: string | null;
  }[],
): OrganizationDetail {
  return {
    ...presentOrganizationSummary(ref, row),
    description: localized(row.description_en, row.description_es),
    members: members.map((member) => presentOrganizationSummary(ref, member)),
    people: peopleRows.map((p) => ({
      id: p.id,
      name: p.name,
      country: countryOf(ref, p.countryCode),
      fictional: p.fictional,
      role: localized(p.roleEn, p.roleEs),
    })),
    version: row.version,
  };
}
