import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { CONNECTION_METHODS, SCAN_OUTCOMES } from '../../shared/domain.ts';
import { people } from '../directory/tables.ts';
import { events } from '../programme/tables.ts';

export const connectionMethod = pgEnum('connection_method', CONNECTION_METHODS);
export const scanOutcome = pgEnum('scan_outcome', SCAN_OUTCOMES);

/**
 * Two people met at an event. The pair is unordered and counts once per
 * event: `personLow` < `personHigh` and a unique index make a second scan,
 * from either side, a repeat instead of a new row.
 */
export const connections = pgTable(
  'connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personLow: uuid('person_low')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    personHigh: uuid('person_high')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    scannerPersonId: uuid('scanner_person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    method: connectionMethod('method').notNull(),
    /** When the phone made the scan (it may have been offline). */
    scannedAt: timestamp('scanned_at', { withTimezone: true }).notNull(),
    /** When the server received it. */
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('connections_event_pair_key').on(t.eventId, t.personLow, t.personHigh),
    index('connections_event_high_idx').on(t.eventId, t.personHigh),
    // The pace rule looks up a scanner's connections around a moment.
    index('connections_event_scanner_scanned_idx').on(t.eventId, t.scannerPersonId, t.scannedAt),
    check('connections_pair_ordered', sql`${t.personLow} < ${t.personHigh}`),
  ],
);

/**
 * Every scan a phone sent, by its nonce: the answer given the first time is
 * the answer to every retry, so an offline queue sent twice changes nothing.
 */
export const scanReceipts = pgTable(
  'scan_receipts',
  {
    scannerPersonId: uuid('scanner_person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    nonce: text('nonce').notNull(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    outcome: scanOutcome('outcome').notNull(),
    /** Why a scan was refused: a message key's last part (`self`, `expired`, `too_fast`, …). */
    reason: text('reason'),
    connectionId: uuid('connection_id').references(() => connections.id, { onDelete: 'set null' }),
    scannedPersonId: uuid('scanned_person_id').references(() => people.id, { onDelete: 'set null' }),
    scannedAt: timestamp('scanned_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scannerPersonId, t.nonce] }),
    index('scan_receipts_event_received_idx').on(t.eventId, t.receivedAt),
  ],
);

/** A rotating code, once accepted, cannot be used again. */
export const usedRotatingCodes = pgTable(
  'used_rotating_codes',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.code] })],
);

/** A private note one person keeps about a contact. */
export const contactNotes = pgTable(
  'contact_notes',
  {
    ownerPersonId: uuid('owner_person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    contactPersonId: uuid('contact_person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    note: text('note').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ownerPersonId, t.contactPersonId] })],
);

/**
 * What one person shares with one contact, chosen when they connect (one
 * direction of the pair; the other person makes their own choice). It lifts
 * the visibility of those fields for that contact alone; all false revokes.
 */
export const contactShares = pgTable(
  'contact_shares',
  {
    ownerPersonId: uuid('owner_person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    contactPersonId: uuid('contact_person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    email: boolean('email').notNull().default(false),
    phone: boolean('phone').notNull().default(false),
    website: boolean('website').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.ownerPersonId, t.contactPersonId] }),
    index('contact_shares_contact_idx').on(t.contactPersonId),
  ],
);

/** The share choice a person made last, offered again at their next connection. */
export const shareDefaults = pgTable('share_defaults', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  email: boolean('email').notNull().default(false),
  phone: boolean('phone').notNull().default(false),
  website: boolean('website').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
