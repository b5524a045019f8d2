import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
 * What a new database starts with: nothing, the schema (every migration
 * applied), or the schema with the demo network loaded. The run's global
 * set-up prepares the last two once per kind (test/templates.ts); a suite
 * then copies them instead of migrating and loading the demo itself, which
 * on PGlite is most of the cost of a suite. Without them (a bench, say) the
 * database starts empty and startRuntime fills it as before.
 */
export type Contents = 'empty' | 'schema' | 'demo';

/** Where the global set-up left the prepared databases, in the environment the test workers inherit. */
export const TEMPLATES_ENV = 'ENCUENTRO_TEST_TEMPLATES';
export interface Templates {
  pglite?: Partial<Record<Exclude<Contents, 'empty'>, string>>;
  postgres?: Partial<Record<Exclude<Contents, 'empty'>, string>>;
}

function templates(): Templates {
  const value = process.env[TEMPLATES_ENV];
  return value ? (JSON.parse(value) as Templates) : {};
}

/**
 * The prepared embedded database holding `contents`, as a tarball to open a
 * new data directory from (`loadDataDir`): for suites whose server runs in a
 * process of its own on a directory. Nothing without the global set-up.
 */
export function pgliteTemplate(contents: Exclude<Contents, 'empty'>): { loadDataDir?: Uint8Array } {
  const prepared = templates().pglite?.[contents];
  return prepared ? { loadDataDir: readFileSync(prepared) } : {};
}

/**
 * A new database for one suite: PGlite in memory, or a database created for
 * the purpose on the PostgreSQL server (dropped by `drop`), holding `contents`
 * when a prepared copy exists (`contents` in the answer says what it holds).
 */
export async function freshDatabase(
  kind: DatabaseKind,
  wanted: Contents = 'empty',
): Promise<{ database: Database; url?: string; contents: Contents; drop(): Promise<void> }> {
  const prepared = wanted === 'empty' ? undefined : templates()[kind]?.[wanted];
  const contents = prepared ? wanted : 'empty';
  if (kind === 'pglite') {
    const database = await openDatabase({
      dataDir: 'memory://',
      ...(prepared ? { loadDataDir: readFileSync(prepared) } : {}),
    });
    return { database, contents, drop: () => database.close().catch(() => {}) };
  }
  const serverUrl = postgresServerUrl();
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `encuentro_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  // A file copy of the prepared database: far quicker than the WAL-logged default for a small one.
  await admin.query(
    prepared ? `create database ${name} template ${prepared} strategy file_copy` : `create database ${name}`,
  );
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  return {
    database,
    url: url.toString(),
    contents,
    async drop() {
      await database.close().catch(() => {});
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
