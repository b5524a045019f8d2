import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { AuditEntry, AuditedEntity } from '../../shared/api/editing.ts';
import type { ServiceContext } from '../context.ts';
import { auditLog } from '../editing/tables.ts';
import { users } from './tables.ts';

// The admins' view of the audit log. The log is written by the write kit
// (server/editing/audit.ts), inside each write's own transaction.

/**
 * What the entity is called now (a removed one: null). Written as SQL over the
 * tables by name because accounts may import only the directory, and this
 * convenience is not worth a dependency on the programme or the groups.
 */
const currentLabel = sql<string | null>`case ${auditLog.entityType}
  when 'organization' then (select name from organizations where id::text = ${auditLog.entityId})
  when 'person' then (select name from people where id::text = ${auditLog.entityId})
  when 'affiliation' then (select name from people where id::text = coalesce(
    ${auditLog.changes}->'person'->>'after', ${auditLog.changes}->'person'->>'before'))
  when 'affiliation_request' then (select p.name from affiliation_requests r join people p on p.id = r.person_id
    where r.id::text = ${auditLog.entityId})
  when 'working_group' then (select name_en from working_groups where id::text = ${auditLog.entityId})
  when 'event' then (select name_en from events where id::text = ${auditLog.entityId})
  when 'venue' then (select name from venues where id::text = ${auditLog.entityId})
  when 'session' then (select title_en from sessions where id::text = ${auditLog.entityId})
  when 'article' then (select coalesce(title_en, title_es) from articles where id::text = ${auditLog.entityId})
  when 'building_programme' then (select working_name from building_programmes where id::text = ${auditLog.entityId})
  when 'mail' then (select kind || ' → ' || recipient from outbox where id::text = ${auditLog.entityId})
  when 'delegation' then (select o.name from delegations d join organizations o on o.id = d.organization_id where d.id::text = ${auditLog.entityId})
end`;

export interface AuditFilters {
  entityType?: AuditedEntity | undefined;
  entityId?: string | undefined;
  limit?: number | undefined;
}

export const AUDIT_PAGE_SIZE = 100;

/** The newest records first, with the e-mail of the account that made each change. */
export async function listAudit(ctx: ServiceContext, filters: AuditFilters): Promise<AuditEntry[]> {
  const conditions: SQL[] = [];
  if (filters.entityType) conditions.push(eq(auditLog.entityType, filters.entityType));
  if (filters.entityId) conditions.push(eq(auditLog.entityId, filters.entityId));
  const found = await ctx.db
    .select({ entry: auditLog, actorEmail: users.email, label: currentLabel })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(filters.limit ?? AUDIT_PAGE_SIZE);
  return found.map(({ entry, actorEmail, label }) => ({
    id: entry.id,
    at: entry.at.toISOString(),
    action: entry.action as AuditEntry['action'],
    entityType: entry.entityType as AuditEntry['entityType'],
    entityId: entry.entityId,
    label,
    actor: entry.actorUserId && actorEmail ? { id: entry.actorUserId, email: actorEmail } : null,
    ...readableChanges(entry.changes),
  }));
}

/**
 * A record's changes as written, unless deleting an account replaced them
 * with a marker (server/accounts/my-data.ts): then none, said to be anonymised.
 */
function readableChanges(stored: unknown): Pick<AuditEntry, 'changes' | 'anonymised'> {
  const record = (stored ?? {}) as Record<string, unknown>;
  const changes: AuditEntry['changes'] = {};
  for (const [field, change] of Object.entries(record)) {
    if (change && typeof change === 'object' && 'before' in change && 'after' in change) {
      changes[field] = change as AuditEntry['changes'][string];
    }
  }
  return { changes, anonymised: record.anonymised === true };
}
