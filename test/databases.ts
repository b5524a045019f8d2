import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, type DatabaseKind, openDatabase } from '../server/db/client.ts';

/**
 * Every suite that touches the database runs on both kinds. PGlite is always
 * there; PostgreSQL comes from TEST_DATABASE_URL. Under CI a missing
 * PostgreSQL is an error, never a silent skip.
 */
export const DEFAULT_LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

export function postgresServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL ?? (process.env.CI ? undefined : process.env.ENCUENTRO_TEST_POSTGRES);
}

export function databaseKinds(): DatabaseKind[] {
  return postgresServerUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * A new, empty database for one suite: PGlite in memory, or a database
 * created for the purpose on the PostgreSQL server (dropped by `drop`).
 */
export async function freshDatabase(
  kind: DatabaseKind,
): Promise<{ database: Database; url?: string; drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    return { database, drop: () => database.close().catch(() => {}) };
  }
  const serverUrl = postgresServerUrl();
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `encuentro_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close().catch(() => {});
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
