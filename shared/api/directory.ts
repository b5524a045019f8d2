import { type Static, Type } from 'typebox';
import { CONTACT_VISIBILITIES, ORGANIZATION_KINDS, ORGANIZATION_STATUSES } from '../domain.ts';
import { StringEnum } from '../schema-helpers.ts';
import { Country, LocalizedText, Slug, Topic, Uuid } from './common.ts';

// Sessions a person speaks at and the working groups of an organisation are served by
// the programme and groups capabilities (/api/people/:id/sessions, /api/working-groups?organization=).

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const OrganizationRef = Type.Object({
  slug: Slug,
  kind: StringEnum(ORGANIZATION_KINDS),
  name: Type.String(),
  acronym: Nullable(Type.String()),
});
export type OrganizationRef = Static<typeof OrganizationRef>;

export const OrganizationSummary = Type.Object({
  ...OrganizationRef.properties,
  status: StringEnum(ORGANIZATION_STATUSES),
  country: Nullable(Country),
  website: Nullable(Type.String()),
  memberOf: Nullable(OrganizationRef),
  peopleCount: Type.Integer(),
  membersCount: Type.Integer(),
});
export type OrganizationSummary = Static<typeof OrganizationSummary>;

/** A person's photo by size (96, 256 and 512 px squares); each address serves WebP or JPEG by Accept. */
export const Photo = Type.Object({
  small: Type.String(),
  medium: Type.String(),
  large: Type.String(),
});
export type Photo = Static<typeof Photo>;

export const PersonRef = Type.Object({
  id: Uuid,
  name: Type.String(),
  country: Nullable(Country),
  fictional: Type.Boolean(),
  photo: Type.Optional(Nullable(Photo)),
});
export type PersonRef = Static<typeof PersonRef>;

export const Affiliation = Type.Object({ organization: OrganizationRef, role: LocalizedText });

export const PersonSummary = Type.Object({
  ...PersonRef.properties,
  affiliations: Type.Array(Affiliation),
});
export type PersonSummary = Static<typeof PersonSummary>;

/** Only the contact fields the viewer may see are present. */
export const Contact = Type.Object({
  email: Type.Optional(Type.String()),
  phone: Type.Optional(Type.String()),
  website: Type.Optional(Type.String()),
});

export const PersonDetail = Type.Object({
  ...PersonSummary.properties,
  languages: Type.Array(Type.String()),
  topics: Type.Array(Topic),
  bio: LocalizedText,
  photoUrl: Nullable(Type.String()),
  contact: Contact,
  version: Type.Integer({ description: 'Send it back with a change (PATCH)' }),
});
export type PersonDetail = Static<typeof PersonDetail>;

export const OrganizationDetail = Type.Object({
  ...OrganizationSummary.properties,
  description: LocalizedText,
  people: Type.Array(Type.Object({ ...PersonRef.properties, role: LocalizedText })),
  members: Type.Array(OrganizationSummary),
  version: Type.Integer({ description: 'Send it back with a change (PATCH)' }),
});
export type OrganizationDetail = Static<typeof OrganizationDetail>;

export const ContactVisibility = StringEnum(CONTACT_VISIBILITIES);
