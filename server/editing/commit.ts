import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { type AuditRecord, recordAudit } from './audit.ts';

export type ChangeTopic = 'directory' | 'programme' | 'groups' | 'news' | 'building';
export type AuditLog = (entry: Omit<AuditRecord, 'actorUserId' | 'at'>) => Promise<void>;

/**
 * Run a write in one transaction with its audit records, then announce the
 * change. The announcement comes after the commit, never inside it, so no
 * reader can see what a rollback undid. Database refusals that slipped past
 * the checks (a race on a unique slug, a row still referenced) become 409s.
 * Who may write is decided before, by the caller, with server/accounts/policy.ts.
 */
export async function commitWrite<T>(
  ctx: AppContext,
  actor: Viewer,
  topic: ChangeTopic,
  work: (tx: Tx, log: AuditLog) => Promise<T>,
): Promise<T> {
  const at = ctx.clock.now();
  let result: T;
  try {
    result = await ctx.db.transaction((tx) =>
      work(tx, (entry) => recordAudit(tx, { ...entry, actorUserId: actor.userId, at })),
    );
  } catch (error) {
    throw fromDatabaseRefusal(error);
  }
  await ctx.changed(topic);
  return result;
}

function databaseErrorCode(error: unknown): string | undefined {
  // Drizzle wraps the driver's error; both pg and PGlite carry the SQLSTATE as `code`.
  for (let current = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

function fromDatabaseRefusal(error: unknown): unknown {
  if (error instanceof AppError) return error;
  switch (databaseErrorCode(error)) {
    case '23505':
      return new AppError('conflict', 'editing.error.duplicate');
    case '23503':
      return new AppError('conflict', 'editing.error.still_referenced');
    case '40001':
    case '40P01':
      return new AppError('conflict', 'editing.error.try_again');
    default:
      return error;
  }
}
