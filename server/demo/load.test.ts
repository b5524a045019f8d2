import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase } from '../../test/databases.ts';
import { openDatabase, rows } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { loadDemoOnce } from './load.ts';

const count = async (db: Parameters<typeof rows>[0], table: string) =>
  (await rows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n;

describe.each(databaseKinds())('migrations and demo loading on %s', (kind) => {
  it('applies each migration once and loads the demo once, even when two instances start together', async () => {
    const fresh = await freshDatabase(kind);
    try {
      let second = fresh.database;
      if (kind === 'postgres' && fresh.url) second = await openDatabase({ databaseUrl: fresh.url, poolSize: 3 });
      const [a, b] = await Promise.all([migrate(fresh.database.db), migrate(second.db)]);
      expect([...a, ...b].sort()).toEqual(a.length > 0 ? a : b);
      const loads = await Promise.all([loadDemoOnce(fresh.database.db), loadDemoOnce(second.db)]);
      expect(loads.sort()).toEqual(['already_loaded', 'loaded']);
      expect(await count(fresh.database.db, "organizations where slug = 'win'")).toBe(1);
      expect(await migrate(fresh.database.db)).toEqual([]);
      expect(await loadDemoOnce(fresh.database.db)).toBe('already_loaded');
      if (second !== fresh.database) await second.close();
    } finally {
      await fresh.drop();
    }
  });

  it('leaves a database that holds organisations of its own alone', async () => {
    const fresh = await freshDatabase(kind);
    try {
      await migrate(fresh.database.db);
      await fresh.database.db.execute(
        sql`insert into organizations (slug, kind, name) values ('own-network', 'network', 'Our own network')`,
      );
      expect(await loadDemoOnce(fresh.database.db)).toBe('own_data');
      expect(await count(fresh.database.db, 'organizations')).toBe(1);
    } finally {
      await fresh.drop();
    }
  });
});

describe('the embedded database on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'encuentro-data-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its data across a restart and does not load the demo twice', async () => {
    const first = await openDatabase({ dataDir: dir });
    await migrate(first.db);
    expect(await loadDemoOnce(first.db)).toBe('loaded');
    const people = await count(first.db, 'people');
    await first.close();

    const second = await openDatabase({ dataDir: dir });
    expect(await migrate(second.db)).toEqual([]);
    expect(await loadDemoOnce(second.db)).toBe('already_loaded');
    expect(await count(second.db, 'people')).toBe(people);
    await second.close();
  });
});
