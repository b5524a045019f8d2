import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase } from '../../test/databases.ts';
import { type Database, rows } from './client.ts';
import { maintainTables, startMaintenance } from './maintenance.ts';
import { migrate } from './migrate.ts';

describe.each(databaseKinds())('table maintenance on %s', (kind) => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabase(kind, 'schema');
    database = fresh.database;
    drop = fresh.drop;
    await migrate(database.db);
  });
  afterAll(() => drop?.());

  const lastAnalyzed = async (table: string) =>
    (
      await rows<{ at: string | null }>(
        database.db,
        sql`select last_analyze as at from pg_stat_user_tables where relname = ${table}`,
      )
    )[0]?.at;

  it('on PGlite, analyses as autovacuum would, only the tables that changed enough', async () => {
    if (kind !== 'pglite') {
      // PostgreSQL has its own autovacuum: the app starts nothing there.
      const maintenance = startMaintenance(database, 10);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await maintenance.stop();
      expect(await lastAnalyzed('people')).toBeNull();
      return;
    }
    await database.db.execute(
      sql`insert into people (name) select 'Maintenance ' || n from generate_series(1, 200) as n`,
    );
    // The activity counters reach the statistics a second later at most.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await database.db.execute(sql`select 1`);
    expect(await lastAnalyzed('people')).toBeNull();
    const touched = await maintainTables(database);
    expect(touched).toContain('people');
    expect(touched).not.toContain('events');
    expect(await lastAnalyzed('people')).not.toBeNull();
    // Nothing changed since: the next round leaves it alone.
    expect(await maintainTables(database)).not.toContain('people');
  });
});
