import { customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from '../directory/tables.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * One encoded size and format of a person's photo. The hash is that of the
 * processed square image, so the same upload names the same rows and a URL
 * never changes meaning: it is served as immutable.
 */
export const personPhotos = pgTable(
  'person_photos',
  {
    hash: text('hash').notNull(),
    size: integer('size').notNull(),
    format: text('format').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    bytes: bytea('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.hash, t.size, t.format] }), index('person_photos_person_idx').on(t.personId)],
);
