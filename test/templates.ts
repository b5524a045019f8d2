import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import pg from 'pg';
import { type Db, openDatabase, PGLITE_EXTENSIONS } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { loadDemoOnce } from '../server/demo/load.ts';
import type { Templates } from './databases.ts';

/**
 * The prepared databases suites start from (see Contents in databases.ts):
 * for PGlite, tarballs of a data directory in a temporary folder; for
 * PostgreSQL, template databases on the server. Made once per run, by the
 * same migrations and demo loader the app runs; `remove` cleans them up.
 */
export async function prepareTemplates(postgresUrl: string | undefined): Promise<{
  templates: Templates;
  remove(): Promise<void>;
}> {
  const folder = mkdtempSync(join(tmpdir(), 'encuentro-templates-'));
  const templates: Templates = { pglite: {} };
  const created: string[] = [];
  const remove = async () => {
    rmSync(folder, { recursive: true, force: true });
    if (!postgresUrl || created.length === 0) return;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    for (const name of created) {
      await admin.query(`alter database ${name} is_template false`).catch(() => {});
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    }
    await admin.end();
  };
  try {
    const pglite = await PGlite.create('memory://', { extensions: PGLITE_EXTENSIONS });
    const db = drizzle({ client: pglite }) as unknown as Db;
    await migrate(db);
    templates.pglite!.schema = join(folder, 'schema.tar');
    writeFileSync(templates.pglite!.schema, await tarball(pglite));
    await loadDemoOnce(db);
    templates.pglite!.demo = join(folder, 'demo.tar');
    writeFileSync(templates.pglite!.demo, await tarball(pglite));
    await pglite.close();

    if (postgresUrl) {
      templates.postgres = {};
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
      for (const contents of ['schema', 'demo'] as const) {
        // Named like the suites' own databases, so CI's clean-up finds it after a crash.
        const name = `encuentro_test_template_${contents}_${suffix}`;
        await admin.query(`create database ${name}`);
        created.push(name);
        const url = new URL(postgresUrl);
        url.pathname = `/${name}`;
        const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
        await migrate(database.db);
        if (contents === 'demo') await loadDemoOnce(database.db);
        await database.close();
        templates.postgres[contents] = name;
      }
      await admin.end();
    }
  } catch (error) {
    await remove();
    throw error;
  }
  return { templates, remove };
}

async function tarball(pglite: PGlite): Promise<Uint8Array> {
  return new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
}
