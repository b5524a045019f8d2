import { sql } from 'drizzle-orm';
import { type Queryable, rows } from '../db/client.ts';

export interface ClaimedMail {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  /** Counting this one. */
  attempts: number;
  /** What a message other than mail carries (a push notification); null for mail. */
  payload: unknown;
}

/**
 * Take up to `limit` due messages for a lease. SKIP LOCKED lets every instance
 * claim at once without waiting on each other or taking the same row; a row
 * whose lease has run out (its instance died while sending) is due again.
 */
export function claimDueMail(
  db: Queryable,
  now: Date,
  leaseUntil: Date,
  limit: number,
  /** Kinds other than mail this instance can send; rows of other kinds are left to instances that can. */
  otherKinds: readonly string[] = [],
): Promise<ClaimedMail[]> {
  const sendable = otherKinds.length > 0 ? sql`(payload is null or kind in ${otherKinds})` : sql`payload is null`;
  return rows<ClaimedMail>(
    db,
    sql`update outbox set locked_until = ${leaseUntil}, attempts = attempts + 1
        where id in (
          select id from outbox
          where sent_at is null and failed_at is null and due_at <= ${now}
            and (locked_until is null or locked_until <= ${now}) and ${sendable}
          order by due_at, id
          limit ${limit}
          for update skip locked)
        returning id, kind, recipient, subject, body, attempts, payload`,
  );
}

/** Sent: the text, which may hold a sign-in link, is not kept. */
export async function markSent(db: Queryable, id: string, now: Date): Promise<void> {
  await db.execute(
    sql`update outbox set sent_at = ${now}, locked_until = null, subject = '', body = '', payload = null, last_error = null
        where id = ${id}`,
  );
}

export async function markRetry(db: Queryable, id: string, dueAt: Date, error: string): Promise<void> {
  await db.execute(
    sql`update outbox set due_at = ${dueAt}, locked_until = null, last_error = ${error} where id = ${id}`,
  );
}

export async function markFailed(db: Queryable, id: string, now: Date, error: string): Promise<void> {
  await db.execute(
    sql`update outbox set failed_at = ${now}, locked_until = null, body = '', last_error = ${error} where id = ${id}`,
  );
}

/** Whether anything is waiting to be sent (due or not yet due), for tests and shutdown logs. */
export async function pendingCount(db: Queryable): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from outbox where sent_at is null and failed_at is null`,
  );
  return row?.n ?? 0;
}

/** Sent and abandoned messages are kept a while for the record (recipient, kind, when), then deleted. */
export async function purgeOldMail(db: Queryable, before: Date): Promise<void> {
  await db.execute(sql`delete from outbox where coalesce(sent_at, failed_at) < ${before}`);
}

/**
 * Staff see an abandoned message in the audit log (entity `mail`, no actor):
 * written as SQL by table name, since the audit belongs to accounts, which
 * depends on the outbox rather than the other way round.
 */
export async function auditGivingUp(
  db: Queryable,
  mail: { id: string; kind: string; attempts: number },
  now: Date,
  error: string,
): Promise<void> {
  const changes = {
    delivery: { before: 'pending', after: 'failed' },
    kind: { before: mail.kind, after: mail.kind },
    attempts: { before: mail.attempts - 1, after: mail.attempts },
    error: { before: null, after: error },
  };
  await db.execute(
    sql`insert into audit_log (actor_user_id, action, entity_type, entity_id, changes, at)
        values (null, 'update', 'mail', ${mail.id}, ${JSON.stringify(changes)}::jsonb, ${now})`,
  );
}
