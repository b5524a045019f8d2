import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { CONTACT_VISIBILITIES, ORGANIZATION_KINDS, ORGANIZATION_STATUSES } from '../../shared/domain.ts';

export const organizationKind = pgEnum('organization_kind', ORGANIZATION_KINDS);
export const organizationStatus = pgEnum('organization_status', ORGANIZATION_STATUSES);
export const contactVisibility = pgEnum('contact_visibility', CONTACT_VISIBILITIES);

const timestamps = {
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const regions = pgTable('regions', {
  code: text('code').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameEs: text('name_es').notNull(),
  position: integer('position').notNull().default(0),
});

export const countries = pgTable('countries', {
  code: char('code', { length: 2 }).primaryKey(),
  nameEn: text('name_en').notNull(),
  nameEs: text('name_es').notNull(),
  regionCode: text('region_code')
    .notNull()
    .references(() => regions.code),
});

export const topics = pgTable('topics', {
  slug: text('slug').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameEs: text('name_es').notNull(),
});

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    kind: organizationKind('kind').notNull(),
    status: organizationStatus('status').notNull().default('active'),
    name: text('name').notNull(),
    acronym: text('acronym'),
    countryCode: char('country_code', { length: 2 }).references(() => countries.code),
    website: text('website'),
    memberOfId: uuid('member_of_id'),
    descriptionEn: text('description_en'),
    descriptionEs: text('description_es'),
    /** Lower-case, accent-free name, acronym and slug, kept by the service for trigram search. */
    searchText: text('search_text').notNull().default(''),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('organizations_slug_key').on(t.slug),
    index('organizations_member_of_idx').on(t.memberOfId),
    index('organizations_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

export const people = pgTable(
  'people',
  {
    // Random UUIDs: a person's URL must not be guessable from another's.
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    countryCode: char('country_code', { length: 2 }).references(() => countries.code),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    bioEn: text('bio_en'),
    bioEs: text('bio_es'),
    photoUrl: text('photo_url'),
    /** The hash naming the person's uploaded photo (its sizes and formats are in person_photos), or null. */
    photoHash: text('photo_hash'),
    email: text('email'),
    emailVisibility: contactVisibility('email_visibility').notNull().default('private'),
    phone: text('phone'),
    phoneVisibility: contactVisibility('phone_visibility').notNull().default('private'),
    website: text('website'),
    websiteVisibility: contactVisibility('website_visibility').notNull().default('private'),
    /** Demo delegates invented to make the bingo playable are flagged, and shown as such. */
    fictional: boolean('fictional').notNull().default(false),
    searchText: text('search_text').notNull().default(''),
    ...timestamps,
  },
  (t) => [
    index('people_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    uniqueIndex('people_email_key').on(sql`lower(${t.email})`),
  ],
);

export const affiliations = pgTable(
  'affiliations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    roleEn: text('role_en'),
    roleEs: text('role_es'),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('affiliations_person_idx').on(t.personId), index('affiliations_organization_idx').on(t.organizationId)],
);
