import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { CHECK_IN_OUTCOMES } from '../../shared/api/check-in.ts';
import { users } from '../accounts/tables.ts';
import { people } from '../directory/tables.ts';
import { events, sessions } from '../programme/tables.ts';

/**
 * Every check-in staff sent, at the door (no session) or at a session: its
 * own receipt. The first for a person at a place counts (`checked_in`); later
 * ones are acknowledged (`already`) and count nothing. The nonce, chosen by
 * the staff phone, names one check-in: sent again it gets the same answer.
 */
export const checkIns = pgTable(
  'check_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** Null at the door. */
    sessionId: uuid('session_id').references(() => sessions.id, { onDelete: 'cascade' }),
    /** The staff account that sent it; kept as the trace of who checked whom in. */
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    nonce: text('nonce').notNull(),
    /** The code as sent (normalised): a retry must carry the same one. */
    code: text('code').notNull(),
    outcome: text('outcome', { enum: CHECK_IN_OUTCOMES }).notNull(),
    /** When the staff phone checked them in (it may have been offline). */
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('check_ins_recorded_by_nonce_key').on(t.recordedBy, t.nonce),
    index('check_ins_event_session_idx').on(t.eventId, t.sessionId, t.personId),
    // One counted check-in per person at the door and per person at each session.
    uniqueIndex('check_ins_door_counted_key')
      .on(t.eventId, t.personId)
      .where(sql`${t.sessionId} is null and ${t.outcome} = 'checked_in'`),
    uniqueIndex('check_ins_session_counted_key')
      .on(t.sessionId, t.personId)
      .where(sql`${t.sessionId} is not null and ${t.outcome} = 'checked_in'`),
  ],
);
