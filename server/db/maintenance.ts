import { sql } from 'drizzle-orm';
import { type Database, rows } from './client.ts';

/** How often the embedded database looks for tables that need it. */
export const PGLITE_MAINTENANCE_MS = 60_000;

/** PostgreSQL's autovacuum defaults: act once this many rows plus this share of the table changed. */
const ANALYZE = { threshold: 50, share: 0.1 };
const VACUUM = { threshold: 50, share: 0.2 };

interface TableActivity {
  name: string;
  live: number;
  dead: number;
  modified: number;
}

/**
 * PGlite runs no autovacuum. Without it the planner never learns how tables
 * grow during an event, and plans made for a handful of rows stay cached in
 * its single session — the foreign-key check of every scan receipt became a
 * full scan of `connections`, a quadratic slide (decision 0021). On PGlite the
 * app does the autovacuum's work with its rules: every minute, the tables
 * whose changes since the last analysis (or dead rows) pass PostgreSQL's
 * default thresholds are analysed (or vacuumed). Never all at start: an
 * analysis of tables still empty is exactly what teaches the planner the
 * wrong thing. PostgreSQL's own autovacuum does this there.
 */
export function startMaintenance(database: Database, everyMs = PGLITE_MAINTENANCE_MS): { stop(): Promise<void> } {
  if (database.kind !== 'pglite') return { stop: async () => {} };
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = maintainTables(database).catch(() => {
      // The next round tries again.
    });
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** One round: analyse and vacuum what autovacuum would. Answers the tables it touched. */
export async function maintainTables(database: Database): Promise<string[]> {
  const tables = await rows<TableActivity>(
    database.db,
    sql`select relname as name, n_live_tup::int as live, n_dead_tup::int as dead, n_mod_since_analyze::int as modified
        from pg_stat_user_tables where schemaname = 'public'`,
  );
  const touched: string[] = [];
  for (const table of tables) {
    const analyze = table.modified > ANALYZE.threshold + ANALYZE.share * table.live;
    const vacuum = table.dead > VACUUM.threshold + VACUUM.share * table.live;
    if (!analyze && !vacuum) continue;
    const name = sql.identifier(table.name);
    await database.db.execute(vacuum ? sql`vacuum analyze ${name}` : sql`analyze ${name}`);
    touched.push(table.name);
  }
  return touched;
}
