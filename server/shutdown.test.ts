import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../test/accounts.ts';
import { databaseKinds, freshDatabase, pgliteTemplate } from '../test/databases.ts';
import { forgetDemoPlay } from '../test/demo-play.ts';
import { type ServerProcess, startServer } from '../test/server.ts';
import { SseStream } from '../test/sse-frames.ts';
import { type Database, openDatabase, rows } from './db/client.ts';
import { startRuntime } from './runtime.ts';

const EVENT = 'fim-gdl-2024';

interface Scanner {
  personId: string;
  badgeCode: string;
  cookie: string;
}

interface Scan {
  from: Scanner;
  body: { code: string; nonce: string; scannedAt: Date };
}

type Sent =
  | { kind: 'answered'; status: number; outcome: string }
  | { kind: 'failed'; code: string; localPort: number | undefined };

/** One scan on a connection of its own, so that each request is either accepted by the server or not at all. */
function send(url: string, scan: Scan): Promise<Sent> {
  return new Promise((resolve) => {
    let localPort: number | undefined;
    const request = httpRequest(
      `${url}/api/events/${EVENT}/connections`,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', cookie: `encuentro_session=${scan.from.cookie}` },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => {
          const answer = JSON.parse(body) as { outcome?: string; error?: { reason?: string } };
          resolve({
            kind: 'answered',
            status: response.statusCode ?? 0,
            outcome: answer.outcome ?? `rejected:${answer.error?.reason}`,
          });
        });
        response.on('error', (error: NodeJS.ErrnoException) =>
          resolve({ kind: 'failed', code: error.code ?? error.message, localPort }),
        );
      },
    );
    request.on('socket', (socket: Socket) =>
      socket.on('connect', () => {
        localPort = socket.localPort;
      }),
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ kind: 'failed', code: error.code ?? error.message, localPort }),
    );
    request.end(JSON.stringify(scan.body));
  });
}

/** The client ports of the requests the server logged as received. */
function portsReceived(logs: string[]): Set<number> {
  const ports = new Set<number>();
  for (const line of logs) {
    if (!line.includes('"incoming request"')) continue;
    const port = (JSON.parse(line) as { req?: { remotePort?: number } }).req?.remotePort;
    if (port) ports.add(port);
  }
  return ports;
}

/**
 * A stopping instance (SIGTERM) stops accepting, answers every request it
 * had begun to receive, records every scan it acknowledged, sends the live
 * pages away to reconnect, closes the database and exits 0; the real entry
 * point as a child process, on both databases.
 */
describe.each(databaseKinds())('a server stopped with SIGTERM on %s', (kind) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'encuentro-shutdown-'));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });
  let env: Record<string, string> = {};
  const open = (): Promise<Database> =>
    env.DATABASE_URL ? openDatabase({ databaseUrl: env.DATABASE_URL, poolSize: 2 }) : openDatabase({ dataDir });

  it('finishes what it accepted during a burst of scans, records every acknowledged one and exits 0', async () => {
    env = { DATA_DIR: dataDir };
    if (kind === 'postgres') {
      const fresh = await freshDatabase('postgres', 'demo');
      await fresh.database.close();
      cleanups.push(fresh.drop);
      env = { DATABASE_URL: fresh.url as string };
    }
    // A new data directory starts from the prepared demo: the server process finds it loaded.
    const seeding = await startRuntime(
      env.DATABASE_URL ? await open() : await openDatabase({ dataDir, ...pgliteTemplate('demo') }),
      { loadDemo: true },
    );
    const db = seeding.ctx.db;
    await forgetDemoPlay(db);
    await db.execute(
      sql`update bingo_games set code_mode = 'static' where event_id = (select id from events where slug = ${EVENT})`,
    );
    const found = await rows<{ personId: string; badgeCode: string }>(
      db,
      sql`select a.person_id as "personId", a.badge_code as "badgeCode"
          from attendances a join events e on e.id = a.event_id
          where e.slug = ${EVENT} order by a.badge_code limit 13`,
    );
    const scanners: Scanner[] = [];
    for (const [i, attendee] of found.entries()) {
      const cookie = await signedInAs(seeding.ctx, {
        email: `stop${i}@scan.test`,
        role: 'delegate',
        personId: attendee.personId,
      });
      scanners.push({ ...attendee, cookie });
    }
    await seeding.close();

    // The last attendee's scans are kept for the request that is half sent when the signal comes.
    const [late, ...crowd] = scanners.reverse() as [Scanner, ...Scanner[]];
    const base = Date.now() - 24 * 3600 * 1000;
    const burst: Scan[] = crowd.flatMap((from, i) =>
      crowd
        .filter((to) => to !== from)
        .map((to, j) => ({
          from,
          body: { code: to.badgeCode, nonce: randomUUID(), scannedAt: new Date(base + (i * 100 + j) * 10_000) },
        })),
    );
    const lateScan: Scan = {
      from: late,
      body: { code: (crowd[0] as Scanner).badgeCode, nonce: randomUUID(), scannedAt: new Date(base) },
    };

    const server: ServerProcess = await startServer(env);
    // A failed run must not leave the server holding the data directory for the next test.
    cleanups.unshift(async () => void server.child.kill('SIGKILL'));
    if (kind === 'pglite') {
      // PGlite is one process per data directory: a second server on it refuses to start.
      const second = await startServer({ DATA_DIR: dataDir }).catch(
        (error: { status: number; logs: string[] }) => error,
      );
      expect(second).toMatchObject({ status: 1 });
      expect((second as { logs: string[] }).logs.join('\n')).toContain('is in use by process');
    }
    const live = await SseStream.open(`${server.url}/api/events/${EVENT}/live`);

    const answers = new Map<string, Sent>();
    let next = 0;
    let signalled = false;
    let halfSent: Promise<Sent> | undefined;
    const worker = async () => {
      while (next < burst.length) {
        const scan = burst[next++] as Scan;
        answers.set(scan.body.nonce, await send(server.url, scan));
        if (answers.size === 40 && !signalled) {
          signalled = true;
          halfSent = sendHalfThenSignal(server, lateScan);
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    const lateAnswer = await (halfSent as Promise<Sent>);
    answers.set(lateScan.body.nonce, lateAnswer);
    expect(await server.exited).toBe(0);
    expect(server.logs.some((line) => line.includes('shut down cleanly'))).toBe(true);

    // The request the server had begun to receive was answered after the signal, its scan recorded.
    expect(lateAnswer).toMatchObject({ kind: 'answered', status: 201, outcome: 'connected' });
    // Every request either got its answer, or never reached the server: refused at connect, or closed
    // before the server read a byte of it.
    const received = portsReceived(server.logs);
    const failed = [...answers.values()].filter((sent) => sent.kind === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const sent of failed) {
      if (sent.code !== 'ECONNREFUSED') expect(received.has(sent.localPort ?? -1), sent.code).toBe(false);
    }
    // The live page was told to come back later, and its stream ended.
    await live.ended;
    const reconnect = live.frames.find((frame) => frame.event === 'reconnect');
    expect(Number(JSON.parse(reconnect?.data ?? '{}').retryMs)).toBeGreaterThan(0);
    expect(live.frames.some((frame) => Number(frame.retry) > 0)).toBe(true);

    const check = await open();
    try {
      const receipts = await rows<{ nonce: string; outcome: string; reason: string | null }>(
        check.db,
        sql`select nonce, outcome, reason from scan_receipts`,
      );
      const byNonce = new Map(receipts.map((r) => [r.nonce, r]));
      const acknowledged = [...answers].filter(
        (entry): entry is [string, Extract<Sent, { kind: 'answered' }>] => entry[1].kind === 'answered',
      );
      expect(acknowledged.length).toBeGreaterThanOrEqual(41);
      for (const [nonce, answer] of acknowledged) {
        const stored = byNonce.get(nonce);
        expect(stored, `acknowledged scan ${nonce} (${answer.outcome}) is missing`).toBeDefined();
        expect(stored?.outcome === 'rejected' ? `rejected:${stored.reason}` : stored?.outcome).toBe(answer.outcome);
      }
    } finally {
      await check.close();
    }
    // The demo loads into a data directory on disk, then two server processes start on it.
  }, 240_000);

  it('exits 1 once the grace period is over, even with a request still coming in', async () => {
    const server = await startServer({ ...env, SHUTDOWN_GRACE_MS: '200', REQUEST_TIMEOUT_MS: '600000' });
    cleanups.unshift(async () => void server.child.kill('SIGKILL'));
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /api/events/${EVENT}/connections HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    );
    await server.logged(`"remotePort":${socket.localPort}}`);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    expect(server.logs.some((line) => line.includes('grace period over'))).toBe(true);
    socket.destroy();
  }, 120_000);
});

/**
 * Send a scan's headers and half its body, signal the server once it has
 * begun to receive the request, and send the rest once it is shutting down.
 */
async function sendHalfThenSignal(server: ServerProcess, scan: Scan): Promise<Sent> {
  const body = JSON.stringify(scan.body);
  const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
  let answer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    answer += chunk;
  });
  socket.on('error', () => {});
  const closed = new Promise((resolve) => socket.once('close', resolve));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `POST /api/events/${EVENT}/connections HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Cookie: encuentro_session=${scan.from.cookie}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
      body.slice(0, 10),
  );
  await server.logged(`"remotePort":${socket.localPort}}`);
  server.child.kill('SIGTERM');
  await server.logged('shutting down');
  socket.write(body.slice(10));
  await closed;
  const status = Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 0);
  const json = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4) || '{}') as { outcome?: string };
  return status
    ? { kind: 'answered', status, outcome: json.outcome ?? '' }
    : { kind: 'failed', code: 'closed', localPort: socket.localPort };
}
