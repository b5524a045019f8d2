import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { MEETING_OUTCOMES, MEETING_STATUSES } from '../../shared/api/meetings.ts';
import { users } from '../accounts/tables.ts';
import { people } from '../directory/tables.ts';
import { events, venues } from '../programme/tables.ts';

/** Where one-to-one meetings happen at an event: an area with numbered tables, cut into slots. */
export const meetingSpaces = pgTable(
  'meeting_spaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    venueId: uuid('venue_id').references(() => venues.id, { onDelete: 'set null' }),
    tables: integer('tables').notNull(),
    slotMinutes: integer('slot_minutes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_spaces_event_idx').on(t.eventId)],
);

/** One slot of a space: every table of the space is free for one meeting in it. */
export const meetingSlots = pgTable(
  'meeting_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => meetingSpaces.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('meeting_slots_space_start_key').on(t.spaceId, t.startsAt),
    index('meeting_slots_event_idx').on(t.eventId, t.startsAt),
  ],
);

/** Times a person blocked at an event: no meeting goes there. */
export const meetingBlocks = pgTable(
  'meeting_blocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('meeting_blocks_event_person_idx').on(t.eventId, t.personId)],
);

/** A person who closed their inbox to meeting requests at an event. */
export const meetingInboxes = pgTable(
  'meeting_inboxes',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    closed: boolean('closed').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.personId] })],
);

/**
 * A one-to-one meeting, from request to confirmation (or decline or cancel).
 * `offered` holds the slot ids on offer while pending; a confirmed meeting has
 * a slot and a table. No table holds two confirmed meetings in a slot (unique
 * index); nobody holds two (meeting_bookings).
 */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    inviteeId: uuid('invitee_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** The account that asked (a person's own, or staff's). */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    message: text('message'),
    status: text('status', { enum: MEETING_STATUSES }).notNull(),
    /** Whose answer a pending meeting waits for. */
    awaitingId: uuid('awaiting_id').references(() => people.id, { onDelete: 'set null' }),
    offered: jsonb('offered').$type<string[]>().notNull().default([]),
    slotId: uuid('slot_id').references(() => meetingSlots.id, { onDelete: 'set null' }),
    tableNo: integer('table_no'),
    scheduled: boolean('scheduled').notNull().default(false),
    requesterOutcome: text('requester_outcome', { enum: MEETING_OUTCOMES }),
    inviteeOutcome: text('invitee_outcome', { enum: MEETING_OUTCOMES }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('meetings_event_requester_idx').on(t.eventId, t.requesterId),
    index('meetings_event_invitee_idx').on(t.eventId, t.inviteeId),
    uniqueIndex('meetings_slot_table_key').on(t.slotId, t.tableNo).where(sql`${t.status} = 'confirmed'`),
  ],
);

/** Each person of a confirmed meeting in its slot: the unique key keeps anyone from holding two meetings at once. */
export const meetingBookings = pgTable(
  'meeting_bookings',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => meetingSlots.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.personId] }),
    uniqueIndex('meeting_bookings_slot_person_key').on(t.slotId, t.personId),
  ],
);
