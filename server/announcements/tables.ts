import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.ts';
import { people } from '../directory/tables.ts';
import { events } from '../programme/tables.ts';

/**
 * What staff tell an event's attendees, in both languages, to an audience
 * (`audience_kind` and its value). Sent at `send_at`: `sent_at` is set, the
 * recipients are fixed in `announcement_recipients` and their count kept.
 */
export const announcements = pgTable(
  'announcements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    titleEn: text('title_en').notNull(),
    titleEs: text('title_es').notNull(),
    bodyEn: text('body_en').notNull(),
    bodyEs: text('body_es').notNull(),
    audienceKind: text('audience_kind').notNull(),
    audienceValue: text('audience_value'),
    byEmail: boolean('by_email').notNull().default(false),
    sendAt: timestamp('send_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    recipients: integer('recipients').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('announcements_event_idx').on(t.eventId, t.sendAt),
    index('announcements_due_idx').on(t.sendAt).where(sql`${t.sentAt} is null`),
  ],
);

/** Each recipient's copy in their inbox, read or not. */
export const announcementRecipients = pgTable(
  'announcement_recipients',
  {
    announcementId: uuid('announcement_id')
      .notNull()
      .references(() => announcements.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'announcement_recipients_pkey', columns: [t.announcementId, t.personId] }),
    index('announcement_recipients_person_idx').on(t.personId),
  ],
);

/** A device that allowed notifications: its push service's address and keys, in the language it was set up in. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    language: text('language').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('push_subscriptions_endpoint_key').on(t.endpoint),
    index('push_subscriptions_person_idx').on(t.personId),
  ],
);

/** How long before a session a person wants reminding (15 minutes when they never said). */
export const reminderSettings = pgTable('reminder_settings', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  leadMinutes: integer('lead_minutes').notNull().default(15),
});

/**
 * Reminders sent, one row per source (session, …), subject, person and start:
 * inserted before anything is sent, so whichever instance inserts it first
 * sends it and the others find it there. A session that moves gets a new start
 * and so a new reminder.
 */
export const remindersSent = pgTable(
  'reminders_sent',
  {
    source: text('source').notNull(),
    subjectId: uuid('subject_id').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'reminders_sent_pkey', columns: [t.source, t.subjectId, t.personId, t.startsAt] })],
);
