import type { AuditAction, AuditChanges, AuditedEntity } from '../../shared/api/editing.ts';
import type { Queryable } from '../db/client.ts';
import { auditLog } from './tables.ts';

export interface AuditRecord {
  actorUserId: string;
  action: AuditAction;
  entityType: AuditedEntity;
  entityId: string;
  changes: AuditChanges;
  at: Date;
}

/**
 * Writes one audit record inside the caller's transaction, so a change and
 * its record commit or roll back together. commitWrite calls it for every
 * write it runs; a write that runs its own transaction calls it directly.
 */
export async function recordAudit(tx: Queryable, record: AuditRecord): Promise<void> {
  await tx.insert(auditLog).values({
    actorUserId: record.actorUserId,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    changes: record.changes,
    at: record.at,
  });
}
