import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, rows } from '../server/db/client.ts';
import { LOCK_FILE } from '../server/db/data-dir-lock.ts';
import { startRuntime } from '../server/runtime.ts';
import { encuentro } from '../test/cli.ts';
import { databaseKinds, freshDatabase, pgliteTemplate } from '../test/databases.ts';

const TABLES = ['organizations', 'people', 'sessions', 'attendances', 'connections', 'articles'] as const;

/** Row counts of a few tables and one row in full: enough to recognise the same database. */
async function fingerprint(dataDir: string) {
  const database = await openDatabase({ dataDir });
  try {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from ${sql.identifier(table)}`,
      );
      counts[table] = row?.n ?? -1;
    }
    const [win] = await rows<Record<string, unknown>>(
      database.db,
      sql`select id, name, acronym, country_code, website from organizations where slug = 'win'`,
    );
    return { counts, win };
  } finally {
    await database.close();
  }
}

describe.each(databaseKinds())('encuentro backup and restore on %s', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'encuentro-backup-'));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  if (kind === 'postgres') {
    it('points to pg_dump and pg_restore when DATABASE_URL is set', async () => {
      const fresh = await freshDatabase('postgres');
      await fresh.database.close();
      cleanups.push(fresh.drop);
      const env = { DATABASE_URL: fresh.url as string };
      const backup = await encuentro(['backup', join(dir, 'pg.tar.gz')], env);
      expect(backup.status).toBe(1);
      expect(backup.stderr).toContain('pg_dump --format=custom');
      const restore = await encuentro(['restore', join(dir, 'pg.tar.gz')], { ...env, LC_ALL: 'es_ES.UTF-8' });
      expect(restore.status).toBe(1);
      expect(restore.stderr).toContain('restaure PostgreSQL');
      expect(restore.stderr).toContain('pg_restore --clean');
    });
    return;
  }

  it('backs up a data directory and restores it into another with the same data', async () => {
    const original = join(dir, 'original');
    // From the prepared demo (as `encuentro seed demo` would leave it), to spare the suite a load.
    const runtime = await startRuntime(await openDatabase({ dataDir: original, ...pgliteTemplate('demo') }), {
      loadDemo: true,
    });
    await runtime.close();
    const before = await fingerprint(original);
    expect(before.counts.people).toBeGreaterThan(0);
    expect(before.counts.connections).toBeGreaterThan(0);
    expect(before.win).toMatchObject({ acronym: 'WIN' });

    const file = join(dir, 'encuentro.tar.gz');
    const backup = await encuentro(['backup', file], { DATA_DIR: original });
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toContain(`Backed up the embedded database in ${original} to ${file}`);
    const again = await encuentro(['backup', file], { DATA_DIR: original });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');

    const restored = join(dir, 'restored');
    const restore = await encuentro(['restore', file], { DATA_DIR: restored });
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    expect(restore.stdout).toContain(`${before.counts.people} people`);
    expect(await fingerprint(restored)).toEqual(before);
    // The demo loads into a data directory on disk, and three commands each start PGlite.
  }, 240_000);

  it('refuses to replace a database without --force, and replaces it with --force', async () => {
    const file = join(dir, 'encuentro.tar.gz');
    const target = join(dir, 'target');
    const runtime = await startRuntime(await openDatabase({ dataDir: target, ...pgliteTemplate('schema') }), {
      loadDemo: false,
    });
    await runtime.ctx.db.execute(
      sql`insert into organizations (kind, name, slug, search_text) values ('label', 'Only here', 'only-here', 'only here')`,
    );
    await runtime.close();

    const refused = await encuentro(['restore', file], { DATA_DIR: target, LC_ALL: 'es_MX.UTF-8' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('ya contiene una base de datos');
    expect((await fingerprint(target)).counts.organizations).toBe(1);

    const forced = await encuentro(['restore', file, '--force'], { DATA_DIR: target });
    expect(forced.status).toBe(0);
    expect(await fingerprint(target)).toEqual(await fingerprint(join(dir, 'original')));
  }, 240_000);

  it('refuses a data directory that a running server holds, and a file that is no backup', async () => {
    const original = join(dir, 'original');
    // A live process other than the command's (which runs in this one).
    const holder = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      writeFileSync(join(original, LOCK_FILE), `${holder.pid}\n`);
      const held = await encuentro(['backup', join(dir, 'other.tar.gz')], { DATA_DIR: original });
      expect(held.status).toBe(1);
      expect(held.stderr).toContain(`is in use by a server (process ${holder.pid})`);
    } finally {
      holder.kill();
    }
    rmSync(join(original, LOCK_FILE));

    const junk = join(dir, 'junk.tar.gz');
    writeFileSync(junk, 'not a backup');
    const bad = await encuentro(['restore', junk], { DATA_DIR: join(dir, 'fresh') });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('cannot be restored as an embedded database');
  });
});
