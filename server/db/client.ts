import type { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { type ListenerStatus, PostgresListener } from './listener.ts';
import { PgliteThread } from './pglite-thread.ts';

/** The query builder over either driver; capabilities bring their own tables. */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction offers the same query surface as the database itself. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Queryable = Db | Tx;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Subscribe to a NOTIFY channel; returns the unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Whether notifications reach this instance now (PGlite's always do: they never leave the process). */
  listenerStatus(): ListenerStatus;
  /** Told `false` when notifications may be getting lost, `true` when they flow again. */
  watchListener(handler: (listening: boolean) => void): () => void;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… for PostgreSQL; otherwise the embedded database is used. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `memory://` keeps nothing. */
  dataDir?: string;
  /** A tarball of a PGlite data directory (`dumpDataDir`) to start the embedded database from. */
  loadDataDir?: Uint8Array;
  poolSize?: number;
  /** How long to wait for a PostgreSQL connection, new or from the pool, before failing. */
  connectTimeoutMs?: number;
  /** PostgreSQL's `statement_timeout` for the pool's connections; 0 turns it off. */
  statementTimeoutMs?: number;
}

/**
 * A few seconds: long enough for a busy pool to hand over a connection, short
 * enough that a request fails with 503 instead of waiting on a server that is
 * gone or a network that drops packets.
 */
export const CONNECT_TIMEOUT_MS = 5_000;
/**
 * No request's statement should run this long; past it PostgreSQL cancels it
 * and frees the connection, and the request gets a 503. Migrations lift it.
 */
export const STATEMENT_TIMEOUT_MS = 30_000;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(options.dataDir ?? './data', options.loadDataDir);
}

/** The extensions every embedded database is opened with (the backup commands open it the same way). */
export const PGLITE_EXTENSIONS = { pg_trgm };

async function openPglite(dataDir: string, loadDataDir?: Uint8Array): Promise<Database> {
  // On a thread of its own, so queries do not hold up the event loop (decision 0029).
  const client = await PgliteThread.open(dataDir, loadDataDir);
  const openedAt = new Date();
  // Drizzle's PGlite driver calls only what the thread offers (query, transaction).
  const db = drizzlePglite({ client: client as unknown as PGlite }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    async listen(channel, onPayload) {
      return client.listen(channel, onPayload);
    },
    listenerStatus: () => ({ listening: true, since: openedAt }),
    watchListener: () => () => {},
    async close() {
      await client.close();
    },
  };
}

async function openPostgres(databaseUrl: string, options: DatabaseOptions): Promise<Database> {
  const connectionTimeoutMillis = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const statementTimeout = options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: withApplicationName(databaseUrl, ''),
    max: options.poolSize ?? 10,
    connectionTimeoutMillis,
    // Sent at connection start, so it costs no round trip.
    ...(statementTimeout > 0 ? { options: `-c statement_timeout=${statementTimeout}` } : {}),
    // A connection whose peer vanished without a word is found out instead of waiting forever.
    keepAlive: true,
  });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // Nor one lent out (inside a transaction): the pool listens only to idle clients. Its query fails instead,
  // and the pool drops it when it comes back.
  pool.on('connect', (client) => client.on('error', () => {}));
  await pool.query('select 1');
  const db = drizzlePostgres({ client: pool }) as unknown as Db;
  // LISTEN needs a connection of its own that stays out of the pool; named so an operator can find it.
  const listener = new PostgresListener({
    connectionString: withApplicationName(databaseUrl, '-listener'),
    connectionTimeoutMillis,
    keepAlive: true,
  });
  return {
    kind: 'postgres',
    db,
    listen: (channel, onPayload) => listener.listen(channel, onPayload),
    listenerStatus: () => listener.status(),
    watchListener: (handler) => listener.watch(handler),
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}

/**
 * The connection string with `application_name` set, so `pg_stat_activity`
 * tells the app's connections apart: the URL's own name (one per instance,
 * say) or "encuentro", plus `suffix`.
 */
function withApplicationName(databaseUrl: string, suffix: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', `${url.searchParams.get('application_name') ?? 'encuentro'}${suffix}`);
  return url.toString();
}

/** Run raw SQL and return its rows, the same on both drivers. */
export async function rows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * A value as one jsonb parameter: arrays and record sets (`jsonb_to_recordset`)
 * travel the same on both drivers, and a statement keeps its shape whatever
 * the number of rows.
 */
export const jsonb = (value: unknown): SQL => sql`${JSON.stringify(value)}::jsonb`;

export async function notify(db: Queryable, channel: string, payload: string): Promise<void> {
  await db.execute(sql`select pg_notify(${channel}, ${payload})`);
}
