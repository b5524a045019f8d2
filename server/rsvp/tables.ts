import { sql } from 'drizzle-orm';
import { index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { RSVP_STATUSES } from '../../shared/domain.ts';
import { delegations } from '../delegations/tables.ts';
import { people } from '../directory/tables.ts';
import { sessions } from '../programme/tables.ts';

export const rsvpStatus = pgEnum('rsvp_status', RSVP_STATUSES);

/**
 * One person's seat at one session. The waitlist is ordered by `queuedAt`;
 * a cancellation promotes the first waiting row in the same transaction.
 */
export const rsvps = pgTable(
  'rsvps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    status: rsvpStatus('status').notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rsvps_session_person_key').on(t.sessionId, t.personId),
    index('rsvps_session_status_queued_idx').on(t.sessionId, t.status, t.queuedAt),
    index('rsvps_person_idx').on(t.personId),
  ],
);

/** Staff put a whole delegation down for a session; it appears on every member's agenda. */
export const sessionAssignments = pgTable(
  'session_assignments',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    delegationId: uuid('delegation_id')
      .notNull()
      .references(() => delegations.id, { onDelete: 'cascade' }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.delegationId] })],
);

/** The secret of a personal calendar feed; only its SHA-256 is kept. Revoked by setting `revokedAt`. */
export const calendarTokens = pgTable(
  'calendar_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('calendar_tokens_person_idx').on(t.personId)],
);

/** Something the app tells a person ("you have a seat now"), shown in the app until read. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_person_created_idx').on(t.personId, t.createdAt)],
);
