import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Mail waiting to leave, written in the same transaction as the change that
 * causes it: if the change commits, the mail will be sent, by whichever
 * instance claims it first. A row is claimed for a lease (`locked_until`), so
 * the claim of an instance that died expires and another sends it. Once
 * sent, the subject and body (which may hold a sign-in link) are emptied.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What the mail is for (sign_in, invitation, waitlist, delegation_invitation): for the log and the audit. */
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** What a message other than mail carries (a push notification: its subscription and text); null for mail. */
    payload: jsonb('payload'),
  },
  (t) => [
    index('outbox_due_idx').on(t.dueAt).where(sql`${t.sentAt} is null and ${t.failedAt} is null`),
    index('outbox_recipient_idx').on(sql`lower(${t.recipient})`),
  ],
);
