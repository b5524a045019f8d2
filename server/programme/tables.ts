import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  SESSION_KINDS,
  SESSION_ORGANIZATION_ROLES,
  SESSION_STATUSES,
  SESSION_VISIBILITIES,
  SPEAKER_PARTS,
} from '../../shared/domain.ts';
import { countries, organizations, people } from '../directory/tables.ts';

export const sessionKind = pgEnum('session_kind', SESSION_KINDS);
export const sessionVisibility = pgEnum('session_visibility', SESSION_VISIBILITIES);
export const sessionStatus = pgEnum('session_status', SESSION_STATUSES);
export const sessionOrganizationRole = pgEnum('session_organization_role', SESSION_ORGANIZATION_ROLES);
export const speakerPart = pgEnum('speaker_part', SPEAKER_PARTS);

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    nameEn: text('name_en').notNull(),
    nameEs: text('name_es'),
    hostOrganizationId: uuid('host_organization_id').references(() => organizations.id),
    city: text('city').notNull(),
    countryCode: char('country_code', { length: 2 }).references(() => countries.code),
    /** IANA zone; every time is stored in UTC and shown in this zone. */
    timeZone: text('time_zone').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    descriptionEn: text('description_en'),
    descriptionEs: text('description_es'),
    website: text('website'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('events_slug_key').on(t.slug)],
);

export const venues = pgTable(
  'venues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    address: text('address'),
    city: text('city'),
    countryCode: char('country_code', { length: 2 }).references(() => countries.code),
    mapUrl: text('map_url'),
    descriptionEn: text('description_en'),
    descriptionEs: text('description_es'),
  },
  (t) => [uniqueIndex('venues_slug_key').on(t.slug)],
);

export const stages = pgTable(
  'stages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('stages_venue_name_key').on(t.venueId, t.name)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    kind: sessionKind('kind').notNull(),
    titleEn: text('title_en').notNull(),
    titleEs: text('title_es'),
    descriptionEn: text('description_en'),
    descriptionEs: text('description_es'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    venueId: uuid('venue_id').references(() => venues.id),
    stageId: uuid('stage_id').references(() => stages.id),
    capacity: integer('capacity'),
    visibility: sessionVisibility('visibility').notNull().default('public'),
    status: sessionStatus('status').notNull().default('scheduled'),
    /** The source gave the day but not the hour: the time shown is a plausible one, and said to be so. */
    timeIsIllustrative: boolean('time_is_illustrative').notNull().default(false),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_event_starts_idx').on(t.eventId, t.startsAt)],
);

export const sessionOrganizations = pgTable(
  'session_organizations',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    role: sessionOrganizationRole('role').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.organizationId, t.role] })],
);

export const sessionSpeakers = pgTable(
  'session_speakers',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    part: speakerPart('part').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.personId] }), index('session_speakers_person_idx').on(t.personId)],
);
