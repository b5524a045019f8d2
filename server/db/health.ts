import { sql } from 'drizzle-orm';
import type { Health, HealthProblem } from '../../shared/api/common.ts';
import type { Database } from './client.ts';
import { databaseUnavailableCause } from './unavailable.ts';

/**
 * How this instance stands with its database. `unavailable` when a query
 * fails: requests would get 503, so a load balancer should send them
 * elsewhere. `degraded` when only notifications are interrupted: answers
 * stay correct (read from the database, not the cache), only live pages
 * wait, so the instance keeps its traffic; taking every instance out at
 * once after a PostgreSQL restart would turn a hiccup into an outage.
 */
export async function databaseHealth(database: Database): Promise<Health> {
  const problems: HealthProblem[] = [];
  try {
    await database.db.execute(sql`select 1`);
  } catch (error) {
    problems.push({ code: 'database_unreachable', cause: databaseUnavailableCause(error) ?? 'query_failed' });
  }
  const listener = database.listenerStatus();
  if (!listener.listening) {
    problems.push({
      code: 'live_updates_interrupted',
      since: listener.since.toISOString(),
      ...(listener.cause ? { cause: listener.cause } : {}),
    });
  }
  if (problems.length === 0) return { status: 'ok', database: database.kind };
  const status = problems.some((problem) => problem.code === 'database_unreachable') ? 'unavailable' : 'degraded';
  return { status, database: database.kind, problems };
}
