import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../../test/accounts.ts';
import { startTestInstances, type TestInstances } from '../../test/app.ts';
import { databaseKinds, postgresServerUrl } from '../../test/databases.ts';
import { SseClient } from '../../test/sse.ts';
import { TcpProxy } from '../../test/tcp-proxy.ts';
import { rows } from '../db/client.ts';
import type { App } from '../http/types.ts';

const urlOf = (app: App, path: string) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}${path}`;

/** The second instance names its connections, so the test can find its listener among everyone's. */
const SECOND = 'encuentro-second';
const named = (databaseUrl: string) => {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', SECOND);
  return url.toString();
};

describe.runIf(databaseKinds().includes('postgres'))('an instance whose PostgreSQL listener drops', () => {
  let proxy: TcpProxy;
  let t: TestInstances;
  let first: App;
  let second: App;
  let admin: string;
  const clients: SseClient[] = [];

  beforeAll(async () => {
    proxy = await TcpProxy.start(postgresServerUrl() as string);
    // The second instance reaches PostgreSQL through a relay the test can break; the first, directly.
    t = await startTestInstances('postgres', {}, { secondDatabaseUrl: (url) => named(proxy.urlFor(url)) });
    [first, second] = t.apps as [App, App];
    await second.listen({ port: 0, host: '127.0.0.1' });
    admin = await signedInAs(t.runtimes[0]!.ctx, { email: 'staff@win.example', role: 'admin' });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    proxy?.refuseApplication(undefined);
    await t?.close();
    await proxy?.close();
  });

  const open = async () => {
    const client = await SseClient.open(urlOf(second, '/api/events/fim-gdl-2024/live'));
    clients.push(client);
    await client.next('programme');
    return client;
  };
  /** Ends the second instance's LISTEN connection from the server side, as a PostgreSQL restart does. */
  const terminateSecondListener = async () => {
    const ended = await rows<{ ended: boolean }>(
      t.runtimes[0]!.ctx.db,
      sql`select pg_terminate_backend(pid) as ended from pg_stat_activity
          where datname = current_database() and application_name like ${`${SECOND}%`} and query ilike 'listen%'`,
    );
    expect(ended.length).toBeGreaterThan(0);
  };
  const organization = async (app: App) => {
    const response = await app.inject('/api/organizations/admi');
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const rename = (app: App, version: number, name: string) =>
    app.inject({
      method: 'PATCH',
      url: '/api/organizations/admi',
      cookies: { encuentro_session: admin },
      payload: { version, name },
    });
  const health = async (app: App) => {
    const response = await app.inject('/api/health');
    return { status: response.statusCode, body: response.json() };
  };
  const moveFirstSession = async () => {
    const [session] = await rows<{ id: string; version: number; starts_at: string }>(
      t.runtimes[0]!.ctx.db,
      sql`select s.id, s.version, s.starts_at from sessions s join events e on e.id = s.event_id
          where e.slug = 'fim-gdl-2024' order by s.id limit 1`,
    );
    const { id, version, starts_at } = session as { id: string; version: number; starts_at: string };
    const startsAt = new Date(new Date(starts_at).getTime() + 5 * 60_000);
    const moved = await first.inject({
      method: 'PATCH',
      url: `/api/sessions/${id}`,
      cookies: { encuentro_session: admin },
      payload: {
        version,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 60 * 60_000).toISOString(),
      },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    return { id, version: version + 1 };
  };

  it('after its listener is killed, reconnects: changes made elsewhere reach its pages again', async () => {
    const client = await open();
    let seen = client.events.length;
    await terminateSecondListener();
    // Once it is listening again it tells its pages to catch up, with the current state.
    await client.next('resync', seen);
    await expect.poll(async () => (await health(second)).body.status, { timeout: 10_000 }).toBe('ok');

    seen = client.events.length;
    const session = await moveFirstSession();
    const change = await client.next('programme', seen);
    expect(change.data).toEqual({ sessionId: session.id, change: 'moved', version: session.version });
  });

  it('while its listener cannot come back, serves fresh reads and says so; then catches up by itself', async () => {
    const client = await open();
    const snapshot = client.events.findLast((event) => event.event === 'programme')?.data;
    const before = await organization(second);
    // Read twice: the answer is now in the second instance's read cache.
    expect((await organization(second)).version).toBe(before.version);

    // Everything works but the listener, which cannot connect again.
    proxy.refuseApplication(`${SECOND}-listener`);
    await terminateSecondListener();
    await expect.poll(async () => (await health(second)).body.status, { timeout: 10_000 }).toBe('degraded');
    const degraded = await health(second);
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({
      database: 'postgres',
      problems: [{ code: 'live_updates_interrupted', since: expect.any(String) }],
    });

    // The second instance hears nothing of changes made on the first, yet answers none from what it kept...
    const renamed = await rename(first, before.version, 'ADMI while the listener is down');
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await organization(second)).name).toBe('ADMI while the listener is down');
    // ...nor keeps what it reads meanwhile.
    const again = await rename(first, before.version + 1, 'ADMI renamed once more');
    expect(again.statusCode, again.body).toBe(200);
    const current = await organization(second);
    expect(current).toMatchObject({ name: 'ADMI renamed once more', version: before.version + 2 });
    // An editor there sees the current version, so saving is no conflict.
    const edited = await rename(second, current.version, 'ADMI edited on the second instance');
    expect(edited.statusCode, edited.body).toBe(200);
    await moveFirstSession();

    const seen = client.events.length;
    proxy.refuseApplication(undefined);
    await expect
      .poll(async () => (await health(second)).body, { timeout: 15_000 })
      .toEqual({
        status: 'ok',
        database: 'postgres',
      });
    // The page missed the move while nothing reached it: it is told to catch up and gets the new state.
    const resync = await client.next('resync', seen);
    const fresh = await client.next('programme', client.events.indexOf(resync) + 1);
    expect(fresh.data).toEqual({ version: expect.any(String) });
    expect(fresh.data).not.toEqual(snapshot);

    // Cached again, and kept fresh by notifications again.
    const cached = await organization(second);
    expect((await organization(second)).version).toBe(cached.version);
    const back = await rename(first, cached.version, 'ADMI after the listener is back');
    expect(back.statusCode, back.body).toBe(200);
    await expect
      .poll(async () => (await organization(second)).name, { timeout: 10_000 })
      .toBe('ADMI after the listener is back');
    const afterSeen = client.events.length;
    const next = await moveFirstSession();
    expect((await client.next('programme', afterSeen)).data).toEqual({
      sessionId: next.id,
      change: 'moved',
      version: next.version,
    });
  });
});
