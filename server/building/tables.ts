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
import { BUILDING_PROGRAMME_STATUSES } from '../../shared/api/building.ts';
import { countries, organizations, people } from '../directory/tables.ts';
import { sessions } from '../programme/tables.ts';

export const buildingProgrammeStatus = pgEnum('building_programme_status', BUILDING_PROGRAMME_STATUSES);

/** The path to a new national association: one per country (migration 0011). */
export const buildingProgrammes = pgTable(
  'building_programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    countryCode: char('country_code', { length: 2 })
      .notNull()
      .references(() => countries.code),
    workingName: text('working_name').notNull(),
    /** The association in formation, once it has a row in the directory. */
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    status: buildingProgrammeStatus('status').notNull().default('planned'),
    summaryEn: text('summary_en'),
    summaryEs: text('summary_es'),
    illustrative: boolean('illustrative').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('building_programmes_slug_key').on(t.slug)],
);

export const buildingPromoters = pgTable(
  'building_promoters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => buildingProgrammes.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** The promoter's company. */
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    roleEn: text('role_en'),
    roleEs: text('role_es'),
    position: integer('position').notNull().default(0),
  },
  (t) => [uniqueIndex('building_promoters_programme_person_key').on(t.programmeId, t.personId)],
);

export const buildingMilestones = pgTable(
  'building_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => buildingProgrammes.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    titleEn: text('title_en').notNull(),
    titleEs: text('title_es'),
    plannedOn: date('planned_on'),
    doneOn: date('done_on'),
    sessionId: uuid('session_id').references(() => sessions.id, { onDelete: 'set null' }),
    /** An article by slug, like news links: resolved when read, so a removed article simply stops showing. */
    articleSlug: text('article_slug'),
    illustrative: boolean('illustrative').notNull().default(false),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('building_milestones_programme_idx').on(t.programmeId, t.position)],
);

export const buildingProgrammeSessions = pgTable(
  'building_programme_sessions',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => buildingProgrammes.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.sessionId] })],
);

export const buildingProgrammeArticles = pgTable(
  'building_programme_articles',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => buildingProgrammes.id, { onDelete: 'cascade' }),
    articleSlug: text('article_slug').notNull(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.articleSlug] })],
);
