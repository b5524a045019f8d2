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
import { ACTION_ITEM_STATUSES } from '../../shared/api/building.ts';
import { countries, organizations, people } from '../directory/tables.ts';
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

// --- The record of a meeting (migration 0011) ---------------------------------

export const actionItemStatus = pgEnum('action_item_status', ACTION_ITEM_STATUSES);

export const meetingAgendaItems = pgTable(
  'meeting_agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    titleEn: text('title_en').notNull(),
    titleEs: text('title_es'),
  },
  (t) => [index('meeting_agenda_items_session_idx').on(t.sessionId, t.position)],
);

/** At most two parts per meeting: the one everyone may read and the internal one (members and staff). */
export const meetingMinutes = pgTable(
  'meeting_minutes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    internal: boolean('internal').notNull().default(false),
    bodyEn: text('body_en'),
    bodyEs: text('body_es'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('meeting_minutes_session_internal_key').on(t.sessionId, t.internal)],
);

export const meetingDecisions = pgTable(
  'meeting_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    textEn: text('text_en').notNull(),
    textEs: text('text_es'),
  },
  (t) => [index('meeting_decisions_session_idx').on(t.sessionId, t.position)],
);

/** Belongs to the group (it outlives the meeting that raised it). */
export const actionItems = pgTable(
  'action_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workingGroupId: uuid('working_group_id')
      .notNull()
      .references(() => workingGroups.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => sessions.id, { onDelete: 'set null' }),
    textEn: text('text_en').notNull(),
    textEs: text('text_es'),
    ownerPersonId: uuid('owner_person_id').references(() => people.id, { onDelete: 'set null' }),
    dueOn: date('due_on'),
    status: actionItemStatus('status').notNull().default('open'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    illustrative: boolean('illustrative').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('action_items_group_status_idx').on(t.workingGroupId, t.status, t.dueOn),
    index('action_items_session_idx').on(t.sessionId),
  ],
);
