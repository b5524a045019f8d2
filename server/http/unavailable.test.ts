import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestInstances, type TestInstances } from '../../test/app.ts';
import { databaseKinds, postgresServerUrl } from '../../test/databases.ts';
import { TcpProxy } from '../../test/tcp-proxy.ts';
import { type Db, rows } from '../db/client.ts';
import { databaseUnavailableCause } from '../db/unavailable.ts';
import type { App } from './types.ts';

/**
 * PostgreSQL out of reach of one instance, made so with a relay between the
 * two: the real server keeps running for everyone else.
 */
describe.runIf(databaseKinds().includes('postgres'))('an instance that cannot reach PostgreSQL', () => {
  let proxy: TcpProxy;
  let t: TestInstances;
  let cut: App;

  beforeAll(async () => {
    proxy = await TcpProxy.start(postgresServerUrl() as string);
    t = await startTestInstances('postgres', {}, { secondDatabaseUrl: (url) => proxy.urlFor(url) });
    cut = t.apps[1] as App;
  });
  afterAll(async () => {
    await proxy?.start();
    await t?.close();
    await proxy?.close();
  });

  const get = async (url: string) => {
    const response = await cut.inject(url);
    return { status: response.statusCode, body: response.json(), headers: response.headers };
  };

  it('answers 503 "unavailable" in the reader’s language, says why in health, and recovers by itself', async () => {
    expect((await get('/api/organizations/admi')).status).toBe(200);

    await proxy.stop();
    // The instance learns of it when its connections break; a read at that very instant may still be served.
    await expect.poll(async () => (await get('/api/health')).status, { timeout: 10_000 }).toBe(503);
    const read = await get('/api/organizations/admi');
    expect(read.status).toBe(503);
    expect(read.body).toEqual({
      error: { code: 'unavailable', message: 'The service is briefly unavailable. Please try again in a moment.' },
    });
    expect(read.headers['retry-after']).toBeDefined();
    const spanish = await get('/api/organizations?lang=es');
    expect(spanish.status).toBe(503);
    expect(spanish.body.error.message).toBe(
      'El servicio no está disponible por un momento. Inténtalo de nuevo en breve.',
    );
    const write = await cut.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'a@b.example' } });
    expect(write.statusCode).toBe(503);
    expect(write.json().error.code).toBe('unavailable');

    const health = await get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unavailable', database: 'postgres' });
    expect(health.body.problems.map((problem: { code: string }) => problem.code).sort()).toEqual([
      'database_unreachable',
      'live_updates_interrupted',
    ]);

    // The other instance, on its own connections, never noticed.
    expect((await t.apps[0]?.inject('/api/health'))?.json()).toEqual({ status: 'ok', database: 'postgres' });

    await proxy.start();
    await expect
      .poll(async () => (await get('/api/health')).body, { timeout: 15_000 })
      .toEqual({
        status: 'ok',
        database: 'postgres',
      });
    expect((await get('/api/organizations/admi')).status).toBe(200);
  });

  it('survives a connection cut in the middle of a transaction, which fails as unavailable', async () => {
    const cutDb = t.runtimes[1]?.ctx.db as Db;
    const pending = cutDb.transaction((tx) => tx.execute(sql`select pg_sleep(10), 'cut mid-transaction'`));
    const caught = pending.catch((error: unknown) => error);
    await expect
      .poll(async () => {
        const [row] = await rows<{ n: number }>(
          t.runtimes[0]?.ctx.db as Db,
          sql`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and query like '%cut mid-transaction%' and state = 'active'
                and pid <> pg_backend_pid()`,
        );
        return row?.n;
      })
      .toBe(1);
    await proxy.stop();
    expect(databaseUnavailableCause(await caught)).toBeDefined();

    await proxy.start();
    await expect.poll(async () => (await get('/api/health')).status, { timeout: 15_000 }).toBe(200);
    expect((await get('/api/organizations/admi')).status).toBe(200);
  });

  it('does not hang when PostgreSQL accepts connections and never answers', async () => {
    // First the connections break (those kept in the pool go), then new ones are taken and never answered.
    await proxy.stop();
    await expect.poll(async () => (await get('/api/health')).status, { timeout: 10_000 }).toBe(503);
    await proxy.blackhole();
    // Without a connection timeout this would wait forever on the pool.
    const read = await get('/api/organizations?q=nothing-cached');
    expect(read.status).toBe(503);
    expect(read.body.error.code).toBe('unavailable');

    await proxy.stop();
    await proxy.start();
    await expect.poll(async () => (await get('/api/health')).status, { timeout: 15_000 }).toBe(200);
  });
});
