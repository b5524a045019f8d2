import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds, freshDatabase } from '../../test/databases.ts';
import { SseClient } from '../../test/sse.ts';
import { buildApp } from '../app.ts';
import { openDatabase, rows } from '../db/client.ts';
import type { App } from '../http/types.ts';
import { type Runtime, startRuntime } from '../runtime.ts';
import { liveRoutes } from './live-routes.ts';

/** The event's id by its slug, read here with SQL: realtime sits below the programme and never imports it. */
async function eventIdForSlug(db: Runtime['ctx']['db'], slug: string): Promise<string | undefined> {
  const [row] = await rows<{ id: string }>(db, sql`select id from events where slug = ${slug}`);
  return row?.id;
}

const urlOf = (app: App, path: string) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}${path}`;

async function sessionToMove(t: Runtime) {
  const [row] = await rows<{ id: string; version: number }>(
    t.ctx.db,
    sql`select s.id, s.version from sessions s join events e on e.id = s.event_id
        where e.slug = 'fim-gdl-2024' order by s.starts_at limit 1`,
  );
  return row as { id: string; version: number };
}

describe.each(databaseKinds())('the live channel of an event, on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  const clients: SseClient[] = [];
  const open = async (path: string, cookie?: string) => {
    const client = await SseClient.open(urlOf(t.app, path), cookie);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await signedInAs(t.runtime.ctx, { email: 'staff@win.example', role: 'admin' });
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await t?.close();
  });

  it('answers an unknown event with a JSON 404, not a stream', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/events/no-such-event/live' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json().error.code).toBe('not_found');
  });

  it('streams text/event-stream: a retry hint, hello, then the programme snapshot', async () => {
    const client = await open('/api/events/fim-gdl-2024/live');
    expect(client.response.statusCode).toBe(200);
    expect(client.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.response.headers['cache-control']).toBe('no-cache, no-transform');
    const hello = await client.next('hello');
    const eventId = await eventIdForSlug(t.runtime.ctx.db, 'fim-gdl-2024');
    expect(hello.data).toEqual({ eventId });
    const snapshot = await client.next('programme');
    expect(snapshot.data).toEqual({ version: expect.any(String) });
    expect(client.raw[0]).toBe('retry: 3000');
    expect(client.raw[1]).toBe(`event: hello\ndata: {"eventId":"${eventId}"}`);
    // Other capabilities add their own snapshots (the leaderboard, say); hello always comes first.
    expect(client.events[0]?.event).toBe('hello');
  });

  it('pushes a staff edit to an open page as a small programme notice', async () => {
    const client = await open('/api/events/fim-gdl-2024/live');
    await client.next('programme');
    const seen = client.events.length;
    const session = await sessionToMove(t.runtime);
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/sessions/${session.id}`,
      cookies: { encuentro_session: admin },
      payload: { version: session.version, status: 'cancelled' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const change = await client.next('programme', seen);
    expect(change.data).toEqual({ sessionId: session.id, change: 'cancelled', version: session.version + 1 });
  });

  it('delivers messages published at the same moment, every one, in the order published', async () => {
    const eventId = (await eventIdForSlug(t.runtime.ctx.db, 'fim-gdl-2024')) as string;
    const client = await open('/api/events/fim-gdl-2024/live');
    await client.next('programme');
    const seen = client.events.length;
    // Published together, as a batch of scans publishes its stamps, then the leaderboard and the big screen:
    // those that find a NOTIFY on its way leave together with the next one.
    await Promise.all(
      Array.from({ length: 30 }, (_, n) =>
        t.runtime.ctx.live.publish(eventId, 'together', { n, padding: 'x'.repeat(n * 40) }),
      ),
    );
    await expect
      .poll(() => client.events.slice(seen).filter((event) => event.event === 'together').length, { timeout: 10_000 })
      .toBe(30);
    const order = client.events
      .slice(seen)
      .filter((event) => event.event === 'together')
      .map((event) => (event.data as { n: number }).n);
    expect(order).toEqual(Array.from({ length: 30 }, (_, n) => n));
  });

  it('beats a heartbeat at the interval it is given', async () => {
    const small = Fastify() as unknown as App;
    small.decorateRequest('viewer', null);
    small.decorateRequest('language', 'en');
    liveRoutes(small, t.runtime.ctx.live, {
      eventIdForSlug: (slug) => eventIdForSlug(t.runtime.ctx.db, slug),
      heartbeatMs: 40,
    });
    await small.listen({ port: 0, host: '127.0.0.1' });
    try {
      const client = await SseClient.open(urlOf(small, '/api/events/fim-gdl-2024/live'));
      clients.push(client);
      const first = await client.next('heartbeat');
      const index = client.events.indexOf(first);
      const second = await client.next('heartbeat', index + 1);
      expect(Date.parse((second.data as { at: string }).at)).toBeGreaterThan(
        Date.parse((first.data as { at: string }).at),
      );
      client.close();
    } finally {
      await small.close();
    }
  });
});

describe.runIf(databaseKinds().includes('postgres'))('two app instances sharing PostgreSQL', () => {
  let drop: () => Promise<void>;
  let first: { runtime: Runtime; app: App };
  let second: { runtime: Runtime; app: App };
  let client: SseClient | undefined;

  beforeAll(async () => {
    const fresh = await freshDatabase('postgres', 'demo');
    drop = fresh.drop;
    const one = await startRuntime(fresh.database, { loadDemo: true });
    // The second instance opens its own pool on the same database, as another machine would.
    const other = await startRuntime(await openDatabase({ databaseUrl: fresh.url as string, poolSize: 3 }), {
      loadDemo: true,
    });
    first = { runtime: one, app: await buildApp(one.ctx, { serveWeb: false }) };
    second = { runtime: other, app: await buildApp(other.ctx, { serveWeb: false }) };
    await second.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    client?.close();
    await first?.app.close();
    await second?.app.close();
    await first?.runtime.close().catch(() => {});
    await second?.runtime.close().catch(() => {});
    await drop?.().catch(() => {});
  });

  it('delivers a change made through one instance to a page connected to the other', async () => {
    client = await SseClient.open(urlOf(second.app, '/api/events/fim-gdl-2024/live'));
    const snapshot = await client.next('programme');
    const seen = client.events.length;

    const admin = await signedInAs(first.runtime.ctx, { email: 'staff@win.example', role: 'admin' });
    const session = await sessionToMove(first.runtime);
    const moved = await first.app.inject({
      method: 'PATCH',
      url: `/api/sessions/${session.id}`,
      cookies: { encuentro_session: admin },
      payload: { version: session.version, startsAt: '2024-02-29T07:00:00-06:00', endsAt: '2024-02-29T08:00:00-06:00' },
    });
    expect(moved.statusCode, moved.body).toBe(200);

    const change = await client.next('programme', seen);
    expect(change.data).toEqual({ sessionId: session.id, change: 'moved', version: session.version + 1 });
    // A page reconnecting to the other instance sees a new fingerprint, and knows to fetch again.
    const again = await SseClient.open(urlOf(second.app, '/api/events/fim-gdl-2024/live'));
    const fresh = await again.next('programme');
    again.close();
    expect(fresh.data).not.toEqual(snapshot.data);
  });
});
