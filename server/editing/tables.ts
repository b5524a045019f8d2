import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Who changed what and when. Written by commitWrite in the same transaction
 * as the change; read by the admins' audit page (server/accounts/audit.ts).
 * `actor_user_id` references `users(id) on delete set null` in the database
 * (migration 0002); the reference is not repeated here because the write kit
 * sits below every capability, accounts included, and imports none of them.
 * drizzle-kit, when next run, will offer to drop that constraint: leave that
 * statement out of the generated migration (decisions 0020 and 0033).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    changes: jsonb('changes').notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entityType, t.entityId), index('audit_log_at_idx').on(t.at)],
);
