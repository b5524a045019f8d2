import { sql } from 'drizzle-orm';
import { char, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { countries, organizations } from '../directory/tables.ts';
import { sessions } from '../programme/tables.ts';

export const workingGroups = pgTable(
  'working_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    nameEn: text('name_en').notNull(),
    nameEs: text('name_es'),
    descriptionEn: text('description_en'),
    descriptionEs: text('description_es'),
    networkId: uuid('network_id').references(() => organizations.id),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('working_groups_slug_key').on(t.slug)],
);

export const workingGroupCountries = pgTable(
  'working_group_countries',
  {
    workingGroupId: uuid('working_group_id')
      .notNull()
      .references(() => workingGroups.id, { onDelete: 'cascade' }),
    countryCode: char('country_code', { length: 2 })
      .notNull()
      .references(() => countries.code),
  },
  (t) => [primaryKey({ columns: [t.workingGroupId, t.countryCode] })],
);

export const workingGroupOrganizations = pgTable(
  'working_group_organizations',
  {
    workingGroupId: uuid('working_group_id')
      .notNull()
      .references(() => workingGroups.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.workingGroupId, t.organizationId] })],
);

/** A working group's meetings are sessions of the programme (kind `meeting`). */
export const workingGroupMeetings = pgTable(
  'working_group_meetings',
  {
    workingGroupId: uuid('working_group_id')
      .notNull()
      .references(() => workingGroups.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.workingGroupId, t.sessionId] })],
);
