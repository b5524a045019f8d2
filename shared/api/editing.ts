import { type Static, type TSchema, Type } from 'typebox';
import {
  CONTACT_VISIBILITIES,
  ORGANIZATION_KINDS,
  ORGANIZATION_STATUSES,
  SESSION_KINDS,
  SESSION_STATUSES,
  SESSION_VISIBILITIES,
  SPEAKER_PARTS,
} from '../domain.ts';
import { Int, STORABLE, StringEnum, Text } from '../schema-helpers.ts';
import { LocalizedText, Slug, Uuid } from './common.ts';
import { OrganizationRef } from './directory.ts';

/*
 * Request bodies of the writes (POST creates, PATCH changes, DELETE removes).
 * A PATCH names only the fields it changes, plus the `version` it read: a
 * change made meanwhile by someone else is a 409, never overwritten. `null`
 * clears an optional field; an empty string counts as `null`.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Strict = { additionalProperties: false } as const;

/** Written into every PATCH: the version of the resource the change is based on. */
export const Version = Int({ minimum: 1, description: 'The version the change is based on, as read' });
/**
 * A venue's version is PostgreSQL's `xmin` (server/programme/editing.ts): a 32-bit transaction id, compared as
 * text, which outgrows `integer` on a busy database.
 */
export const VenueVersion = Int({
  minimum: 1,
  maximum: 4_294_967_295,
  wider: 'a transaction id is unsigned 32-bit',
  description: 'The version the change is based on, as read',
});

/** A required name: at least one character that is not a space. */
const Name = (maxLength = 200) => Text({ minLength: 1, maxLength, pattern: '\\S' });
const OptionalText = (maxLength: number) => Nullable(Text({ maxLength }));
const CountryCode = Text({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' });
const WebAddress = Text({ maxLength: 500, pattern: '^https?://\\S+$', description: 'http(s) address' });
const DateOnly = Text({ format: 'date' });
const Instant = Text({ format: 'date-time', description: 'With its offset, e.g. 2024-03-01T17:00:00-06:00' });

/** A text in both languages; either may be left out (unchanged) or null (cleared). */
const Texts = (maxLength: number) =>
  Type.Object({ en: Type.Optional(OptionalText(maxLength)), es: Type.Optional(OptionalText(maxLength)) }, Strict);
/** A title that must exist in English (the programme's reference language) and may exist in Spanish. */
const Titles = Type.Object({ en: Name(300), es: Type.Optional(OptionalText(300)) }, Strict);

const Slugs = Type.Array(Slug, { maxItems: 100, uniqueItems: true });

// --- Organisations -------------------------------------------------------

const organizationFields = {
  name: Name(),
  acronym: OptionalText(40),
  kind: StringEnum(ORGANIZATION_KINDS),
  status: StringEnum(ORGANIZATION_STATUSES),
  country: Nullable(CountryCode),
  website: Nullable(WebAddress),
  memberOf: Nullable({ ...Slug, description: 'Slug of the parent organisation' }),
  description: Texts(5000),
};

export const NewOrganization = Type.Object(
  {
    slug: Slug,
    name: organizationFields.name,
    kind: organizationFields.kind,
    acronym: Type.Optional(organizationFields.acronym),
    status: Type.Optional(organizationFields.status),
    country: Type.Optional(organizationFields.country),
    website: Type.Optional(organizationFields.website),
    memberOf: Type.Optional(organizationFields.memberOf),
    description: Type.Optional(organizationFields.description),
  },
  Strict,
);
export type NewOrganization = Static<typeof NewOrganization>;

export const OrganizationChanges = Type.Object(
  {
    version: Version,
    name: Type.Optional(organizationFields.name),
    acronym: Type.Optional(organizationFields.acronym),
    kind: Type.Optional(organizationFields.kind),
    status: Type.Optional(organizationFields.status),
    country: Type.Optional(organizationFields.country),
    website: Type.Optional(organizationFields.website),
    memberOf: Type.Optional(organizationFields.memberOf),
    description: Type.Optional(organizationFields.description),
  },
  Strict,
);
export type OrganizationChanges = Static<typeof OrganizationChanges>;

// --- People --------------------------------------------------------------

export const ContactVisibilityChoice = StringEnum(CONTACT_VISIBILITIES);

const contactField = <T extends TSchema>(value: T) =>
  Type.Object({ value: Type.Optional(Nullable(value)), visibility: Type.Optional(ContactVisibilityChoice) }, Strict);

export const CONTACT_FIELDS = ['email', 'phone', 'website'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

const ContactChanges = Type.Object(
  {
    email: Type.Optional(contactField(Text({ format: 'email', maxLength: 254 }))),
    phone: Type.Optional(contactField(Text({ maxLength: 40, pattern: '^\\+?[0-9 ().-]{3,40}$' }))),
    website: Type.Optional(contactField(WebAddress)),
  },
  Strict,
);

const personFields = {
  name: Name(),
  country: Nullable(CountryCode),
  languages: Type.Array(Text({ pattern: '^[a-z]{2,3}$', description: 'ISO 639 code' }), {
    maxItems: 20,
    uniqueItems: true,
  }),
  topics: Slugs,
  bio: Texts(5000),
  contact: ContactChanges,
};

const AffiliationFields = {
  organization: { ...Slug, description: 'Slug of the organisation' },
  role: Texts(120),
};

export const NewPerson = Type.Object(
  {
    name: personFields.name,
    country: Type.Optional(personFields.country),
    languages: Type.Optional(personFields.languages),
    topics: Type.Optional(personFields.topics),
    bio: Type.Optional(personFields.bio),
    contact: Type.Optional(personFields.contact),
    affiliation: Type.Optional(
      Type.Object(
        {
          organization: Type.Optional(AffiliationFields.organization),
          role: Type.Optional(AffiliationFields.role),
        },
        { ...Strict, description: "A manager's new person joins the manager's organisation" },
      ),
    ),
  },
  Strict,
);
export type NewPerson = Static<typeof NewPerson>;

export const PersonChanges = Type.Object(
  {
    version: Version,
    name: Type.Optional(personFields.name),
    country: Type.Optional(personFields.country),
    languages: Type.Optional(personFields.languages),
    topics: Type.Optional(personFields.topics),
    bio: Type.Optional(personFields.bio),
    contact: Type.Optional(personFields.contact),
  },
  Strict,
);
export type PersonChanges = Static<typeof PersonChanges>;

export const NewAffiliation = Type.Object(
  { organization: AffiliationFields.organization, role: Type.Optional(AffiliationFields.role) },
  Strict,
);
export type NewAffiliation = Static<typeof NewAffiliation>;

/** A contact field as its editors see it: the value whatever its visibility, and the visibility. */
const ContactRecord = Type.Object({ value: Nullable(Type.String()), visibility: ContactVisibilityChoice });

/** GET /api/people/:id/editable: everything the edit form needs, for those who may edit the person. */
export const PersonRecord = Type.Object({
  id: Uuid,
  version: Type.Integer(),
  name: Type.String(),
  country: Nullable(Type.String()),
  languages: Type.Array(Type.String()),
  topics: Type.Array(Type.String()),
  bio: LocalizedText,
  contact: Type.Object({ email: ContactRecord, phone: ContactRecord, website: ContactRecord }),
  affiliations: Type.Array(Type.Object({ organization: OrganizationRef, role: LocalizedText })),
});
export type PersonRecord = Static<typeof PersonRecord>;

// --- Working groups ------------------------------------------------------

export const WorkingGroupChanges = Type.Object(
  {
    version: Version,
    name: Type.Optional(Titles),
    description: Type.Optional(Texts(5000)),
    network: Type.Optional(Nullable(Slug)),
    topics: Type.Optional(Slugs),
    countries: Type.Optional(Type.Array(CountryCode, { maxItems: 250, uniqueItems: true })),
    organizations: Type.Optional(Slugs),
  },
  Strict,
);
export type WorkingGroupChanges = Static<typeof WorkingGroupChanges>;

// --- Events, venues, sessions --------------------------------------------

const eventFields = {
  name: Titles,
  hostOrganization: Nullable(Slug),
  city: Name(100),
  country: Nullable(CountryCode),
  timeZone: Text({ minLength: 1, maxLength: 64, description: 'IANA zone, e.g. America/Mexico_City' }),
  startsOn: DateOnly,
  endsOn: DateOnly,
  description: Texts(5000),
  website: Nullable(WebAddress),
};

export const NewEvent = Type.Object(
  {
    slug: Slug,
    name: eventFields.name,
    city: eventFields.city,
    timeZone: eventFields.timeZone,
    startsOn: eventFields.startsOn,
    endsOn: eventFields.endsOn,
    hostOrganization: Type.Optional(eventFields.hostOrganization),
    country: Type.Optional(eventFields.country),
    description: Type.Optional(eventFields.description),
    website: Type.Optional(eventFields.website),
  },
  Strict,
);
export type NewEvent = Static<typeof NewEvent>;

export const EventChanges = Type.Object(
  {
    version: Version,
    name: Type.Optional(eventFields.name),
    city: Type.Optional(eventFields.city),
    timeZone: Type.Optional(eventFields.timeZone),
    startsOn: Type.Optional(eventFields.startsOn),
    endsOn: Type.Optional(eventFields.endsOn),
    hostOrganization: Type.Optional(eventFields.hostOrganization),
    country: Type.Optional(eventFields.country),
    description: Type.Optional(eventFields.description),
    website: Type.Optional(eventFields.website),
  },
  Strict,
);
export type EventChanges = Static<typeof EventChanges>;

const venueFields = {
  name: Name(),
  address: OptionalText(300),
  city: OptionalText(100),
  country: Nullable(CountryCode),
  mapUrl: Nullable(WebAddress),
  description: Texts(5000),
  stages: Type.Array(Name(100), { maxItems: 50, uniqueItems: true }),
};

export const NewVenue = Type.Object(
  {
    slug: Slug,
    name: venueFields.name,
    address: Type.Optional(venueFields.address),
    city: Type.Optional(venueFields.city),
    country: Type.Optional(venueFields.country),
    mapUrl: Type.Optional(venueFields.mapUrl),
    description: Type.Optional(venueFields.description),
    stages: Type.Optional(venueFields.stages),
  },
  Strict,
);
export type NewVenue = Static<typeof NewVenue>;

export const VenueChanges = Type.Object(
  {
    version: VenueVersion,
    name: Type.Optional(venueFields.name),
    address: Type.Optional(venueFields.address),
    city: Type.Optional(venueFields.city),
    country: Type.Optional(venueFields.country),
    mapUrl: Type.Optional(venueFields.mapUrl),
    description: Type.Optional(venueFields.description),
    stages: Type.Optional(venueFields.stages),
  },
  Strict,
);
export type VenueChanges = Static<typeof VenueChanges>;

export const SpeakerInput = Type.Object({ person: Uuid, part: StringEnum(SPEAKER_PARTS) }, Strict);

const sessionFields = {
  kind: StringEnum(SESSION_KINDS),
  title: Titles,
  description: Texts(5000),
  startsAt: Instant,
  endsAt: Instant,
  venue: Nullable(Slug),
  stage: OptionalText(100),
  // A type list, not anyOf: with Ajv's type coercion, anyOf [integer, null] would quietly turn 0 into null.
  capacity: Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1, maximum: 100000, [STORABLE]: true }),
  visibility: StringEnum(SESSION_VISIBILITIES),
  status: StringEnum(SESSION_STATUSES),
  timeIsIllustrative: Type.Boolean(),
  topics: Slugs,
  speakers: Type.Array(SpeakerInput, { maxItems: 50 }),
  hosts: Slugs,
  presenters: Slugs,
  partners: Slugs,
};

export const NewSession = Type.Object(
  {
    kind: sessionFields.kind,
    title: sessionFields.title,
    startsAt: sessionFields.startsAt,
    endsAt: sessionFields.endsAt,
    description: Type.Optional(sessionFields.description),
    venue: Type.Optional(sessionFields.venue),
    stage: Type.Optional(sessionFields.stage),
    capacity: Type.Optional(sessionFields.capacity),
    visibility: Type.Optional(sessionFields.visibility),
    status: Type.Optional(sessionFields.status),
    timeIsIllustrative: Type.Optional(sessionFields.timeIsIllustrative),
    topics: Type.Optional(sessionFields.topics),
    speakers: Type.Optional(sessionFields.speakers),
    hosts: Type.Optional(sessionFields.hosts),
    presenters: Type.Optional(sessionFields.presenters),
    partners: Type.Optional(sessionFields.partners),
  },
  Strict,
);
export type NewSession = Static<typeof NewSession>;

export const SessionChanges = Type.Object(
  {
    version: Version,
    kind: Type.Optional(sessionFields.kind),
    title: Type.Optional(sessionFields.title),
    startsAt: Type.Optional(sessionFields.startsAt),
    endsAt: Type.Optional(sessionFields.endsAt),
    description: Type.Optional(sessionFields.description),
    venue: Type.Optional(sessionFields.venue),
    stage: Type.Optional(sessionFields.stage),
    capacity: Type.Optional(sessionFields.capacity),
    visibility: Type.Optional(sessionFields.visibility),
    status: Type.Optional(sessionFields.status),
    timeIsIllustrative: Type.Optional(sessionFields.timeIsIllustrative),
    topics: Type.Optional(sessionFields.topics),
    speakers: Type.Optional(sessionFields.speakers),
    hosts: Type.Optional(sessionFields.hosts),
    presenters: Type.Optional(sessionFields.presenters),
    partners: Type.Optional(sessionFields.partners),
  },
  Strict,
);
export type SessionChanges = Static<typeof SessionChanges>;

/** DELETE may name the version it read; then a change made meanwhile is a 409 instead of a removal. */
export const DeleteQuery = Type.Object({ version: Type.Optional(Version) });
export const VenueDeleteQuery = Type.Object({ version: Type.Optional(VenueVersion) });

// --- Errors and the audit log --------------------------------------------

/**
 * The error shape of the writes: the usual `{ error: { code, message } }`,
 * plus `field` (a body path such as `country` or `contact.email`) when the
 * problem is one field's, so a form can show the message next to it.
 */
export const FieldErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String({ description: 'Body path of the field at fault' })),
  }),
});
export interface FieldErrorBody {
  error: { code: string; message: string; field?: string };
}

export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDITED_ENTITIES = [
  'organization',
  'person',
  'affiliation',
  'affiliation_request',
  'working_group',
  'event',
  'venue',
  'session',
  'article',
  'building_programme',
  'delegation',
  /** A message the outbox gave up sending. */
  'mail',
] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

/** Before and after of each changed field (null on the side where the entity did not exist). */
export const AuditChanges = Type.Record(Type.String(), Type.Object({ before: Type.Unknown(), after: Type.Unknown() }));
export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

export const AuditEntry = Type.Object({
  id: Uuid,
  at: Type.String({ format: 'date-time' }),
  action: StringEnum(AUDIT_ACTIONS),
  entityType: StringEnum(AUDITED_ENTITIES),
  entityId: Type.String(),
  label: Nullable(Type.String({ description: 'What the entity is called now; null once it is removed' })),
  actor: Nullable(
    Type.Object({
      id: Uuid,
      email: Type.String(),
      name: Type.Optional(Nullable(Type.String({ description: 'The name of the person the account belongs to' }))),
    }),
  ),
  changes: AuditChanges,
  anonymised: Type.Boolean({ description: 'The details named someone who has since deleted their account' }),
});
export type AuditEntry = Static<typeof AuditEntry>;

/** A page of the audit log (GET /api/audit). */
export const AuditPage = Type.Object({
  items: Type.Array(AuditEntry),
  total: Type.Integer({ description: 'Records matching the filters' }),
  offset: Type.Integer(),
  actors: Type.Array(Type.Object({ id: Uuid, name: Nullable(Type.String()), email: Type.String() }), {
    description: 'The accounts that wrote any record, for the filter by person',
  }),
  names: Type.Record(Type.String(), Type.String(), {
    description: 'What the records the changes refer to by id are called now',
  }),
});
export type AuditPage = Static<typeof AuditPage>;

/** The error answers every write may give, for its OpenAPI entry. */
export const WRITE_ERRORS = {
  400: FieldErrorResponse,
  401: FieldErrorResponse,
  403: FieldErrorResponse,
  404: FieldErrorResponse,
  409: FieldErrorResponse,
  422: FieldErrorResponse,
};
