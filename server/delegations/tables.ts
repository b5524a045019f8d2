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
import { DELEGATION_STATUSES } from '../../shared/domain.ts';
import { countries, organizations, people } from '../directory/tables.ts';
import { events } from '../programme/tables.ts';

export const delegationStatus = pgEnum('delegation_status', DELEGATION_STATUSES);

/** An organisation's official delegation to an event (one per organisation and event). */
export const delegations = pgTable(
  'delegations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    leaderPersonId: uuid('leader_person_id').references(() => people.id, { onDelete: 'set null' }),
    status: delegationStatus('status').notNull().default('planned'),
    /** The delegation's travel dates; a member may have their own. */
    arrivesOn: date('arrives_on', { mode: 'string' }),
    departsOn: date('departs_on', { mode: 'string' }),
    notes: text('notes'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('delegations_event_organization_key').on(t.eventId, t.organizationId)],
);

export const delegationMembers = pgTable(
  'delegation_members',
  {
    delegationId: uuid('delegation_id')
      .notNull()
      .references(() => delegations.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    arrivesOn: date('arrives_on', { mode: 'string' }),
    departsOn: date('departs_on', { mode: 'string' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.delegationId, t.personId] }), index('delegation_members_person_idx').on(t.personId)],
);

/** Travel funding of a delegation: who pays, and for what ("flights and accommodation"). */
export const delegationFunding = pgTable(
  'delegation_funding',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    delegationId: uuid('delegation_id')
      .notNull()
      .references(() => delegations.id, { onDelete: 'cascade' }),
    funderOrganizationId: uuid('funder_organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    coversEn: text('covers_en'),
    coversEs: text('covers_es'),
    /** Optional amount in minor units of `currency`. */
    amountCents: integer('amount_cents'),
    currency: char('currency', { length: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('delegation_funding_delegation_idx').on(t.delegationId)],
);

/**
 * A person at an event, with a delegation or on their own: their badge, the
 * country they count for in the bingo, and whether they are staff or a partner
 * (both may play, neither is eligible for prizes).
 */
export const attendances = pgTable(
  'attendances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    delegationId: uuid('delegation_id').references(() => delegations.id, { onDelete: 'set null' }),
    /** Six characters from an alphabet without look-alikes; printed on the badge and typed by hand. */
    badgeCode: text('badge_code').notNull(),
    /** Secret behind the rotating codes shown on the attendee's phone. */
    rotatingSecret: text('rotating_secret').notNull(),
    countryCode: char('country_code', { length: 2 }).references(() => countries.code),
    isStaff: boolean('is_staff').notNull().default(false),
    isPartner: boolean('is_partner').notNull().default(false),
    /** Speaks at the event (set by the attendee list; the programme's credits are separate). */
    isSpeaker: boolean('is_speaker').notNull().default(false),
    /** When the person was last invited to sign in for this event; null: never. */
    invitedAt: timestamp('invited_at', { withTimezone: true }),
    /** May the big screen show their name beside a stamp. */
    showOnBigScreen: boolean('show_on_big_screen').notNull().default(false),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    /** When staff last printed this badge; null: not printed yet. */
    badgePrintedAt: timestamp('badge_printed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('attendances_event_person_key').on(t.eventId, t.personId),
    uniqueIndex('attendances_event_badge_key').on(t.eventId, t.badgeCode),
    index('attendances_person_idx').on(t.personId),
  ],
);
