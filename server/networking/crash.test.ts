import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../../test/accounts.ts';
import { databaseKinds, freshDatabase, pgliteTemplate } from '../../test/databases.ts';
import { forgetDemoPlay } from '../../test/demo-play.ts';
import { type Database, openDatabase, rows } from '../db/client.ts';
import { startRuntime } from '../runtime.ts';

const root = join(import.meta.dirname, '..', '..');
const EVENT = 'fim-gdl-2024';

/** The real entry point as a child process, ready when it says it listens. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', LOAD_DEMO: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        logs.push(line);
        const match = line.match(/listening at (http:\/\/127\.0\.0\.1:\d+)/i);
        if (match?.[1]) resolve({ child, url: match[1] });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code, signal) =>
      reject(new Error(`exited with ${code ?? signal}: ${logs.slice(-5).join('\n')}`)),
    );
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => child.once('exit', () => resolve()));

interface Scanner {
  personId: string;
  badgeCode: string;
  cookie: string;
}

/**
 * Every scan the server acknowledged survives a kill -9 in the middle of a
 * burst: the answer and the connection commit together, before the reply.
 */
describe.each(databaseKinds())('scans acknowledged before a kill -9 on %s', (kind) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'encuentro-crash-'));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  const open = async (env: Record<string, string>): Promise<Database> =>
    env.DATABASE_URL ? openDatabase({ databaseUrl: env.DATABASE_URL, poolSize: 2 }) : openDatabase({ dataDir });

  it('keeps every acknowledged scan after the server is killed mid-burst and restarted', async () => {
    let env: Record<string, string> = { DATA_DIR: dataDir };
    if (kind === 'postgres') {
      const fresh = await freshDatabase('postgres', 'demo');
      await fresh.database.close();
      cleanups.push(fresh.drop);
      env = { DATABASE_URL: fresh.url as string };
    }

    // Attendees with sessions, written before the server owns the data.
    // A new data directory starts from the prepared demo: the server process finds it loaded.
    const seeding = await startRuntime(
      env.DATABASE_URL ? await open(env) : await openDatabase({ dataDir, ...pgliteTemplate('demo') }),
      { loadDemo: true },
    );
    const db = seeding.ctx.db;
    // The burst is the only play: every pair starts as strangers.
    await forgetDemoPlay(db);
    await db.execute(
      sql`update bingo_games set code_mode = 'static' where event_id = (select id from events where slug = ${EVENT})`,
    );
    const found = await rows<{ personId: string; badgeCode: string }>(
      db,
      sql`select a.person_id as "personId", a.badge_code as "badgeCode"
          from attendances a join events e on e.id = a.event_id
          where e.slug = ${EVENT} order by a.badge_code limit 12`,
    );
    const scanners: Scanner[] = [];
    for (const [i, attendee] of found.entries()) {
      const cookie = await signedInAs(seeding.ctx, {
        email: `crash${i}@scan.test`,
        role: 'delegate',
        personId: attendee.personId,
      });
      scanners.push({ ...attendee, cookie });
    }
    await seeding.close();

    // Every ordered pair once: a burst of new connections and repeats from the other side.
    const base = Date.now() - 24 * 3600 * 1000;
    const burst = scanners.flatMap((from, i) =>
      scanners
        .filter((to) => to !== from)
        .map((to, j) => ({
          from,
          body: { code: to.badgeCode, nonce: randomUUID(), scannedAt: new Date(base + (i * 100 + j) * 10_000) },
        })),
    );

    const first = await startServer(env);
    const acknowledged = new Map<string, { scanner: string; status: number; outcome: string }>();
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (!killed && next < burst.length) {
        const scan = burst[next++] as (typeof burst)[number];
        try {
          const response = await fetch(`${first.url}/api/events/${EVENT}/connections`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: `encuentro_session=${scan.from.cookie}` },
            body: JSON.stringify(scan.body),
          });
          const answer = (await response.json()) as { outcome?: string; error?: { reason?: string } };
          acknowledged.set(scan.body.nonce, {
            scanner: scan.from.personId,
            status: response.status,
            outcome: answer.outcome ?? `rejected:${answer.error?.reason}`,
          });
          if (acknowledged.size === 40 && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        } catch {
          // The server died with this request in flight: it was never acknowledged.
        }
      }
    };
    const gone = exited(first.child);
    await Promise.all(Array.from({ length: 6 }, worker));
    await gone;
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeGreaterThanOrEqual(40);
    expect(acknowledged.size).toBeLessThan(burst.length);
    expect([...acknowledged.values()].some((a) => a.status === 201)).toBe(true);

    // The server comes back on the same data and still answers each acknowledged nonce as it did.
    const second = await startServer(env);
    for (const [nonce, before] of [...acknowledged].slice(0, 10)) {
      const scan = burst.find((s) => s.body.nonce === nonce) as (typeof burst)[number];
      const again = await fetch(`${second.url}/api/events/${EVENT}/connections`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `encuentro_session=${scan.from.cookie}` },
        body: JSON.stringify(scan.body),
      });
      expect(again.status).toBe(before.status);
    }
    const stopped = exited(second.child);
    second.child.kill('SIGTERM');
    await stopped;

    const check = await open(env);
    try {
      const receipts = await rows<{ nonce: string; outcome: string; reason: string | null; connected: boolean }>(
        check.db,
        sql`select r.nonce, r.outcome, r.reason, c.id is not null as connected
            from scan_receipts r left join connections c on c.id = r.connection_id`,
      );
      const byNonce = new Map(receipts.map((r) => [r.nonce, r]));
      for (const [nonce, before] of acknowledged) {
        const stored = byNonce.get(nonce);
        expect(stored, `acknowledged scan ${nonce} (${before.outcome}) is missing`).toBeDefined();
        const outcome = stored?.outcome === 'rejected' ? `rejected:${stored.reason}` : stored?.outcome;
        expect(outcome).toBe(before.outcome);
        if (before.status === 201) expect(stored?.connected).toBe(true);
      }
    } finally {
      await check.close();
    }
  });
});
