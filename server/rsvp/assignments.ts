import { and, eq, sql } from 'drizzle-orm';
import type { SessionAssignments } from '../../shared/api/rsvp.ts';
import { requireRole } from '../accounts/policy.ts';
import type { AppContext } from '../context.ts';
import { type Queryable, rows } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { countSeatsTaken } from './queries.ts';
import { sessionAssignments } from './tables.ts';

/** Changes to assignments show on the members' agendas. */
export const ASSIGNMENTS_TOPIC = 'delegations';

async function assignmentsOf(db: Queryable, sessionId: string): Promise<SessionAssignments> {
  const items = await rows<{ delegation_id: string; slug: string; name: string; acronym: string | null }>(
    db,
    sql`select sa.delegation_id, o.slug, o.name, o.acronym
        from session_assignments sa
        join delegations d on d.id = sa.delegation_id
        join organizations o on o.id = d.organization_id
        where sa.session_id = ${sessionId}
        order by o.name`,
  );
  return {
    sessionId,
    items: items.map((row) => ({
      delegationId: row.delegation_id,
      organization: { slug: row.slug, name: row.name, acronym: row.acronym },
    })),
  };
}

/** Staff put a whole delegation down for a session of the same event. */
export async function assignDelegation(
  ctx: AppContext,
  viewer: Viewer | null,
  sessionId: string,
  delegationId: string,
): Promise<SessionAssignments> {
  requireRole(viewer, 'admin');
  await ctx.db.transaction(async (tx) => {
    // The seats' lock (decision 0010): the places counted below cannot change until the commit.
    const [session] = await rows<{ event_id: string; capacity: number | null }>(
      tx,
      sql`select event_id, capacity from sessions where id = ${sessionId} for update`,
    );
    if (!session) throw new AppError('not_found', 'rsvp.error.session_not_found', { id: sessionId });
    const [delegation] = await rows<{ event_id: string }>(
      tx,
      sql`select event_id from delegations where id = ${delegationId}`,
    );
    if (!delegation) {
      throw new AppError('rule_broken', 'delegations.error.not_found', { id: delegationId }, { field: 'delegationId' });
    }
    if (delegation.event_id !== session.event_id) {
      throw new AppError('rule_broken', 'delegations.error.other_event', {}, { field: 'delegationId' });
    }
    const before = await countSeatsTaken(tx, sessionId);
    await tx.insert(sessionAssignments).values({ sessionId, delegationId }).onConflictDoNothing();
    const after = await countSeatsTaken(tx, sessionId);
    if (session.capacity !== null && after > session.capacity) {
      // Rolled back with the transaction: the delegation's members would not all have a seat.
      throw new AppError(
        'rule_broken',
        'rsvp.error.assignment_over_capacity',
        { needed: after - before, free: Math.max(0, session.capacity - before) },
        { field: 'delegationId' },
      );
    }
  });
  await ctx.changed(ASSIGNMENTS_TOPIC);
  return assignmentsOf(ctx.db, sessionId);
}

export async function unassignDelegation(
  ctx: AppContext,
  viewer: Viewer | null,
  sessionId: string,
  delegationId: string,
): Promise<SessionAssignments> {
  requireRole(viewer, 'admin');
  const removed = await ctx.db
    .delete(sessionAssignments)
    .where(and(eq(sessionAssignments.sessionId, sessionId), eq(sessionAssignments.delegationId, delegationId)))
    .returning({ sessionId: sessionAssignments.sessionId });
  if (removed.length === 0) {
    throw new AppError('not_found', 'delegations.error.assignment_not_found');
  }
  await ctx.changed(ASSIGNMENTS_TOPIC);
  return assignmentsOf(ctx.db, sessionId);
}
