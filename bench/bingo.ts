/**
 * The bingo's part of `npm run bench`, runnable alone with
 * `node --import tsx bench/bingo.ts`.
 *
 * 1. The hot path: POST /api/events/:slug/connections by autocannon (child
 *    process, bench/bingo-load.ts), every request a new pair of players —
 *    record the connection, stamp both cards, mark completions, publish the
 *    `stamp`s and schedule the leaderboard. Beside it, the bare limit: a bare
 *    Fastify POST taking the same bodies, measured the same way in the same run.
 * 2. Live fan-out: 1,000 and 5,000 SSE subscribers on GET /api/events/:slug/live
 *    (opened by the child), and a leaderboard-sized message published through
 *    the live hub (NOTIFY, then each instance's subscribers); the time from
 *    publish until each subscriber has it. Beside it, the bare limit: a bare
 *    Node server writing the same message to as many open SSE responses.
 *
 * Both databases (PostgreSQL if it answers), 127.0.0.1 only, bounded in time
 * (about a minute per database). Environment: BENCH_SECONDS (scan load per
 * run, default 5), BENCH_BINGO_PLAYERS (default 300), BENCH_BINGO_SUBSCRIBERS
 * (default "1000,5000").
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../server/app.ts';
import type { DatabaseKind } from '../server/db/client.ts';
import { rows } from '../server/db/client.ts';
import { ensureAttendance } from '../server/delegations/attendance.ts';
import { startRuntime } from '../server/runtime.ts';
import { signedInAs } from '../test/accounts.ts';
import { freshDatabase, postgresServerUrl } from '../test/databases.ts';
import type { ScanJob, ScanResult, SseJob } from './bingo-load.ts';
import { judge } from './goals.ts';
import { StatementProfile, type StatementStats } from './statement-profile.ts';

const EVENT = 'fim-gdl-2024';
const COUNTRIES = ['AR', 'AU', 'CA', 'CL', 'CO', 'ES', 'MX', 'PY', 'US'];
const positive = (value: string | undefined, fallback: number) =>
  Number.isInteger(Number(value)) && Number(value) > 0 ? Number(value) : fallback;
const SETTINGS = {
  seconds: positive(process.env.BENCH_SECONDS, 5),
  warmupSeconds: 1,
  /** Phones sending at once: a busy table, then a crowded room. */
  connections: (process.env.BENCH_BINGO_CONNECTIONS ?? '50,200').split(',').map(Number).filter(Boolean),
  players: positive(process.env.BENCH_BINGO_PLAYERS, 400),
  subscribers: (process.env.BENCH_BINGO_SUBSCRIBERS ?? '1000,5000').split(',').map(Number).filter(Boolean),
  rounds: 10,
};
/** Count and time every statement of the scan runs on PostgreSQL (bench/statement-profile.ts). */
const PROFILE = process.env.BENCH_BINGO_PROFILE === '1';

class Client {
  private readonly child: ChildProcess;
  private next = 0;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  constructor() {
    this.child = fork(fileURLToPath(new URL('./bingo-load.ts', import.meta.url)), [], { stdio: 'inherit' });
    this.child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.result);
    });
    this.child.on('exit', () => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error('bingo load generator exited'));
    });
  }

  run<T>(job: ScanJob | SseJob): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, job });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.child.connected) return resolve();
      this.child.once('exit', () => resolve());
      this.child.send('stop');
    });
  }
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};
const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

interface FanOut {
  subscribers: number;
  openSeconds: number;
  delivered: number;
  expected: number;
  p50: number;
  p99: number;
  /** Mean over rounds of the time until the last subscriber had the message. */
  lastMean: number;
}

interface Broadcaster {
  url: string;
  publish(data: unknown): Promise<void>;
}

/**
 * The app's live channel and the bare broadcast, each to `count` subscribers opened from the same child and
 * held open together, timed in alternating rounds (which goes first alternates too): both see the same
 * machine, so the ratio of their p99s holds up when other work comes and goes during the run.
 */
async function fanOut(
  client: Client,
  count: number,
  live: Broadcaster,
  bare: Broadcaster,
  payload: unknown,
): Promise<{ live: FanOut; bare: FanOut }> {
  const sides = { live, bare } as const;
  const measured = {
    live: { latencies: [] as number[], lasts: [] as number[], delivered: 0, opened: 0, openSeconds: 0 },
    bare: { latencies: [] as number[], lasts: [] as number[], delivered: 0, opened: 0, openSeconds: 0 },
  };
  for (const set of ['live', 'bare'] as const) {
    const opened = await client.run<{ opened: number; seconds: number }>({
      kind: 'sse-open',
      set,
      url: sides[set].url,
      count,
    });
    measured[set].opened = opened.opened;
    measured[set].openSeconds = opened.seconds;
  }
  let round = 0;
  for (let pair = 0; pair < SETTINGS.rounds; pair++) {
    for (const set of pair % 2 === 0 ? (['live', 'bare'] as const) : (['bare', 'live'] as const)) {
      // Past the leaderboard's coalescing window, so every round goes out at once.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const sentAt = performance.timeOrigin + performance.now();
      await sides[set].publish({ ...(payload as object), bench: { round, sentAt } });
      const result = await client.run<{ got: number; latenciesMs: number[] }>({
        kind: 'sse-round',
        set,
        round,
        timeoutMs: 15_000,
      });
      round += 1;
      measured[set].delivered += result.got;
      measured[set].latencies.push(...result.latenciesMs);
      measured[set].lasts.push(Math.max(...result.latenciesMs));
    }
  }
  await client.run({ kind: 'sse-close' });
  const summary = (set: 'live' | 'bare'): FanOut => {
    const m = measured[set];
    return {
      subscribers: m.opened,
      openSeconds: m.openSeconds,
      delivered: m.delivered,
      expected: count * SETTINGS.rounds,
      p50: percentile(m.latencies, 50),
      p99: percentile(m.latencies, 99),
      lastMean: m.lasts.reduce((a, b) => a + b, 0) / Math.max(1, m.lasts.length),
    };
  };
  return { live: summary('live'), bare: summary('bare') };
}

/** A bare Node server holding SSE responses open and writing each message to all of them. */
async function bareSse() {
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.write('event: hello\ndata: {}\n\n');
    open.add(response);
    response.on('close', () => open.delete(response));
  });
  server.maxConnections = 20_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', 1024, resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/live`,
    async publish(data: unknown) {
      const message = `event: leaderboard\ndata: ${JSON.stringify(data)}\n\n`;
      for (const response of open) response.write(message);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of open) response.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A bare Fastify POST that takes the scan bodies and answers like the real route. */
async function barePost() {
  const app = Fastify({ logger: false });
  app.post('/api/events/:slug/connections', async (request) => ({
    outcome: 'connected',
    nonce: (request.body as { nonce: string }).nonce,
  }));
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: `${address}/api/events/${EVENT}/connections`, close: () => app.close() };
}

interface HotPathRun {
  /** Concurrent connections of the load generator. */
  connections: number;
  scans: ScanResult;
  bare: ScanResult;
  /** Where the scans' time went (BENCH_BINGO_PROFILE=1, PostgreSQL only). */
  profile?: ScanProfile;
}

/** What the server did during a scan run: its main thread's busy share, its CPU, its statements. */
interface ScanProfile {
  eventLoopUtilization: number;
  cpuMicrosPerScan: number;
  /** The bare POST's, measured right after in the same process: what HTTP alone costs here. */
  bareCpuMicrosPerRequest?: number;
  statements: StatementStats[];
  /** The pool's connections lent out and requests waiting for one, sampled every 5 ms. */
  pool?: { size: number; busyMean: number; busyMax: number; waitingMean: number; waitingMax: number };
}

interface DatabaseResult {
  kind: DatabaseKind;
  note?: string;
  hot: HotPathRun[];
  /** The same route with no connection hooks (networking alone), at the first level. */
  withoutBingo?: ScanResult;
  fanOut: { live: FanOut; bare: FanOut }[];
  leaderboardMatches?: boolean;
}

async function benchDatabase(kind: DatabaseKind, client: Client): Promise<DatabaseResult> {
  const result: DatabaseResult = { kind, hot: [], fanOut: [] };
  const fresh = await freshDatabase(kind);
  const runtime = await startRuntime(fresh.database, { loadDemo: true });
  const app = await buildApp(runtime.ctx, { serveWeb: false });
  // The same scans without the bingo: what recording a connection costs by itself.
  const withoutBingo = await buildApp(runtime.ctx, {
    serveWeb: false,
    connectionHooks: { forBatch: async () => undefined },
  });
  const bare = await barePost();
  try {
    const origin = await app.listen({ host: '127.0.0.1', port: 0, backlog: 2048 });
    const ctx = runtime.ctx;
    const [event] = await rows<{ id: string }>(ctx.db, sql`select id from events where slug = ${EVENT}`);
    const eventId = (event as { id: string }).id;
    // The demo game is from 2024: open it around now, and far enough back for the phones' times.
    const now = Date.now();
    await ctx.db.execute(
      sql`update bingo_games set starts_at = ${new Date(now - 3 * 86_400_000)}, ends_at = ${new Date(now + 86_400_000)}
          where event_id = ${eventId}`,
    );
    await ctx.changed('bingo');
    const started = performance.now();
    const players: ScanJob['players'] = [];
    for (let i = 0; i < SETTINGS.players; i++) {
      const [person] = await rows<{ id: string }>(
        ctx.db,
        sql`insert into people (name, country_code, topics) values (${`Bench player ${i}`}, ${COUNTRIES[i % COUNTRIES.length]},
            ${sql`array[${i % 2 ? 'live-music' : 'export'}]::text[]`}) returning id`,
      );
      const personId = (person as { id: string }).id;
      const attendance = await ensureAttendance(ctx.db, { eventId, personId });
      const cookie = await signedInAs(ctx, { email: `bench${i}@bingo.bench`, role: 'delegate', personId });
      players.push({ cookie, code: attendance.badgeCode });
    }
    process.stdout.write(
      `\nbingo on ${kind}: ${SETTINGS.players} players ready in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );

    const job = (url: string, seconds: number, connections: number): ScanJob => ({
      kind: 'scan',
      url,
      seconds,
      connections,
      players,
      baseTime: now - 2 * 86_400_000,
      freshPairs: url !== bare.url,
    });
    const scanUrl = `${origin}/api/events/${EVENT}/connections`;
    for (const connections of SETTINGS.connections) {
      await client.run(job(scanUrl, SETTINGS.warmupSeconds, connections));
      const statements = PROFILE && kind === 'postgres' ? new StatementProfile() : undefined;
      const pool = statements ? poolSampler((ctx.db as unknown as { $client: pg.Pool }).$client) : undefined;
      const loop = performance.eventLoopUtilization();
      const cpu = process.cpuUsage();
      const scans = await client.run<ScanResult>(job(scanUrl, SETTINGS.seconds, connections));
      const used = process.cpuUsage(cpu);
      const profile: ScanProfile | undefined = statements && {
        eventLoopUtilization: performance.eventLoopUtilization(loop).utilization,
        cpuMicrosPerScan: (used.user + used.system) / Math.max(1, scans.requestsTotal),
        statements: statements.stats(),
        ...(pool ? { pool: pool.stop() } : {}),
      };
      statements?.stop();
      await client.run(job(bare.url, SETTINGS.warmupSeconds, connections));
      const bareCpu = process.cpuUsage();
      const barePost = await client.run<ScanResult>(job(bare.url, SETTINGS.seconds, connections));
      const bareUsed = process.cpuUsage(bareCpu);
      if (profile)
        profile.bareCpuMicrosPerRequest = (bareUsed.user + bareUsed.system) / Math.max(1, barePost.requestsTotal);
      result.hot.push({ connections, scans, bare: barePost, ...(profile ? { profile } : {}) });
      process.stdout.write(
        `  ${connections} connections: scans ${Math.round(scans.requestsPerSecond)}/s (p99 ${scans.latencyMs.p99} ms), ` +
          `bare POST ${Math.round(barePost.requestsPerSecond)}/s (p99 ${barePost.latencyMs.p99} ms)\n`,
      );
    }

    // Scans the load generator gave up on (its timeout) may still be recorded: wait until nothing changes.
    let last = -1;
    for (let waited = 0; waited < 60_000; waited += 500) {
      const [count] = await rows<{ n: number }>(ctx.db, sql`select count(*)::int as n from scan_receipts`);
      if (count?.n === last) break;
      last = count?.n ?? 0;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // The leaderboard shown equals the one recomputed from the stamps' source, the connections.
    const shown = (await app.inject({ url: `/api/events/${EVENT}/bingo/leaderboard` })).json() as {
      items: { personId: string; stamps: number }[];
    };
    // The tables grew by thousands of rows in seconds: fresh statistics keep the recount's plan sane.
    await ctx.db.execute(sql`analyze connections, bingo_cards, bingo_stamps, attendances`);
    const [recount] = await rows<{ mismatched: number }>(
      ctx.db,
      sql`with met as (
            select c.person_low as me, c.person_high as other from connections c where c.event_id = ${eventId}
            union all select c.person_high, c.person_low from connections c where c.event_id = ${eventId}),
          stamps as (
            select k.person_id, count(distinct cell.id)::int as n from bingo_cards k
            join met on met.me = k.person_id
            join attendances a on a.event_id = ${eventId} and a.person_id = met.other
            join bingo_cells cell on cell.game_id = k.game_id and cell.country_code = a.country_code
              and k.layout ? cell.id::text
            group by k.person_id)
          select count(*)::int as mismatched from bingo_cards k left join stamps s on s.person_id = k.person_id
          where coalesce(s.n, 0) <> (select count(*) from bingo_stamps b where b.person_id = k.person_id)`,
    );
    const byPerson = new Map(shown.items.map((item) => [item.personId, item.stamps]));
    const [stored] = await rows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from bingo_stamps s where s.game_id = (select id from bingo_games where event_id = ${eventId})`,
    );
    const shownTotal = [...byPerson.values()].reduce((a, b) => a + b, 0);
    result.leaderboardMatches = recount?.mismatched === 0 && shownTotal === stored?.n;

    // Only now (its connections earn no stamps, by design). BENCH_BINGO_CONNECTIONS=0 measures the fan-out alone.
    const first = SETTINGS.connections[0];
    if (first) {
      const plainOrigin = await withoutBingo.listen({ host: '127.0.0.1', port: 0, backlog: 2048 });
      await client.run(job(`${plainOrigin}/api/events/${EVENT}/connections`, SETTINGS.warmupSeconds, first));
      result.withoutBingo = await client.run<ScanResult>(
        job(`${plainOrigin}/api/events/${EVENT}/connections`, SETTINGS.seconds, first),
      );
    }
    const board = (await app.inject({ url: `/api/events/${EVENT}/bingo/screen` })).json() as { leaderboard: unknown };
    const liveUrl = `${origin}/api/events/${EVENT}/live`;
    const sse = await bareSse();
    try {
      for (const count of SETTINGS.subscribers) {
        const measuredPair = await fanOut(
          client,
          count,
          { url: liveUrl, publish: (data) => ctx.live.publish(eventId, 'leaderboard', data) },
          sse,
          board.leaderboard,
        );
        result.fanOut.push(measuredPair);
        const { live, bare: bareResult } = measuredPair;
        process.stdout.write(
          `  fan-out to ${count}: p99 ${fixed(live.p99)} ms (bare ${fixed(bareResult.p99)} ms), ` +
            `last ${fixed(live.lastMean)} ms (bare ${fixed(bareResult.lastMean)} ms)\n`,
        );
      }
    } finally {
      await sse.close();
    }
  } catch (error) {
    result.note = `failed: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await bare.close();
    await withoutBingo.close();
    await app.close();
    await runtime.close().catch(() => {});
    await fresh.drop().catch(() => {});
  }
  return result;
}

async function postgresAnswers(url: string): Promise<boolean> {
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return true;
  } catch {
    return false;
  } finally {
    await probe.end().catch(() => {});
  }
}

/**
 * The issue's goals for the scans: PGlite with 200 phones at once, PostgreSQL with 50 and with 200. Other
 * levels are measured and shown, not judged.
 */
function scanGoal(kind: DatabaseKind, phones: number): { perSecond: number; p99Ms: number } | undefined {
  if (kind === 'pglite') return phones === 200 ? { perSecond: 1500, p99Ms: 300 } : undefined;
  return phones === 50 || phones === 200 ? { perSecond: 3000, p99Ms: 100 } : undefined;
}

/** The live channel's p99 to this many subscribers is at most this many times the bare broadcast's. */
const FAN_OUT_GOAL = { subscribers: 5000, ratio: 1.2 };

/** Samples how many of the pool's connections are lent out, and how many requests wait for one. */
function poolSampler(pool: pg.Pool) {
  const busy: number[] = [];
  const waiting: number[] = [];
  const timer = setInterval(() => {
    busy.push(pool.totalCount - pool.idleCount);
    waiting.push(pool.waitingCount);
  }, 5);
  const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);
  return {
    stop() {
      clearInterval(timer);
      return {
        size: pool.options.max ?? 0,
        busyMean: mean(busy),
        busyMax: Math.max(0, ...busy),
        waitingMean: mean(waiting),
        waitingMax: Math.max(0, ...waiting),
      };
    },
  };
}

function printProfile(profile: ScanProfile, scans: ScanResult): void {
  const batches = profile.statements.find((row) => row.label === 'scans: lock attendances')?.count ?? 0;
  console.log(
    `                  profile: main thread busy ${(profile.eventLoopUtilization * 100).toFixed(0)} %, ` +
      `${Math.round(profile.cpuMicrosPerScan)} µs CPU per scan (bare POST ${Math.round(profile.bareCpuMicrosPerRequest ?? 0)} µs), ` +
      `${batches} batches of ` +
      `${fixed(scans.requestsTotal / Math.max(1, batches))} scans on average; statements (count, mean, p99 ms, ` +
      'per batch):',
  );
  if (profile.pool) {
    const { size, busyMean, busyMax, waitingMean, waitingMax } = profile.pool;
    console.log(
      `                    pool of ${size}: ${fixed(busyMean)} connections lent out on average (at most ${busyMax}), ` +
        `${fixed(waitingMean)} requests waiting for one (at most ${waitingMax})`,
    );
  }
  for (const row of profile.statements.slice(0, 12)) {
    console.log(
      `                    ${row.label.padEnd(34)} ${String(row.count).padStart(6)}  ${fixed(row.meanMs, 2).padStart(6)}` +
        `  ${fixed(row.p99Ms, 1).padStart(6)}  ${fixed(row.count / Math.max(1, batches), 2).padStart(5)}`,
    );
  }
}

function report(results: DatabaseResult[]): boolean {
  let ok = true;
  const load = os.loadavg().map((n) => n.toFixed(2));
  console.log(
    `\n(bingo bench: ${os.cpus().length} CPUs, load average ${load.join(' ')}; numbers on a busy machine are low)`,
  );
  console.log('\n== bingo: hot path (POST connections: record, stamp both cards, leaderboard) vs a bare Fastify POST');
  console.log(
    'database   conns  scans/s  p99 ms  bare req/s  bare p99  ÷ bare  connected  other outcomes       board ok',
  );
  for (const r of results) {
    if (r.hot.length === 0) {
      console.log(`${r.kind.padEnd(10)}  not measured: ${r.note ?? ''}`);
      continue;
    }
    for (const { connections, scans, bare } of r.hot) {
      const scansPerSecond = (scans.connected / Math.max(1, scans.requestsTotal)) * scans.requestsPerSecond;
      const other = Object.entries(scans.otherOutcomes)
        .map(([k, v]) => `${k}:${v}`)
        .join(' ');
      console.log(
        [
          r.kind.padEnd(10),
          String(connections).padStart(5),
          String(Math.round(scansPerSecond)).padStart(7),
          String(scans.latencyMs.p99).padStart(6),
          String(Math.round(bare.requestsPerSecond)).padStart(10),
          String(bare.latencyMs.p99).padStart(8),
          (scansPerSecond / bare.requestsPerSecond).toFixed(3).padStart(6),
          String(scans.connected).padStart(9),
          (other || '-').padEnd(20),
          r.leaderboardMatches ? 'yes' : 'NO',
        ].join('  '),
      );
      const goal = scanGoal(r.kind, connections);
      if (goal) {
        const met = scansPerSecond >= goal.perSecond && scans.latencyMs.p99 <= goal.p99Ms;
        const measured = `${Math.round(scansPerSecond)}/s, p99 ${scans.latencyMs.p99} ms (bare POST ${Math.round(bare.requestsPerSecond)}/s)`;
        judge(
          r.kind === 'pglite' ? 'scans-pglite' : 'scans-postgres',
          `${r.kind}, ${connections} phones`,
          met,
          measured,
        );
        console.log(
          `                  goal ≥ ${goal.perSecond} scans/s, p99 ≤ ${goal.p99Ms} ms with ${connections} phones at once: ` +
            `${met ? 'met' : 'NOT met (see bench/README.md)'}`,
        );
      }
      if (scans.non2xx > 0 || scans.errors > 0) ok = false;
      const profile = r.hot.find((run) => run.connections === connections)?.profile;
      if (profile) printProfile(profile, scans);
    }
    if (r.withoutBingo) {
      const plain =
        (r.withoutBingo.connected / Math.max(1, r.withoutBingo.requestsTotal)) * r.withoutBingo.requestsPerSecond;
      console.log(
        `                  the same scans without the bingo (networking alone, ${r.hot[0]?.connections} phones): ` +
          `${Math.round(plain)}/s, p99 ${r.withoutBingo.latencyMs.p99} ms`,
      );
    }
    if (!r.leaderboardMatches) ok = false;
    if (r.note) console.log(`            ${r.note}`);
  }
  console.log('\n== bingo: live fan-out (publish → every SSE subscriber) vs a bare SSE broadcast');
  console.log('database    subscribers  delivered  p50 ms  p99 ms  last ms  bare p50  bare p99  bare last  p99 ÷ bare');
  for (const r of results) {
    for (const { live, bare } of r.fanOut) {
      if (live.delivered < live.expected) ok = false;
      if (live.subscribers === FAN_OUT_GOAL.subscribers) {
        judge(
          'fan-out',
          r.kind,
          live.p99 / bare.p99 <= FAN_OUT_GOAL.ratio,
          `p99 ${fixed(live.p99)} ms ÷ bare ${fixed(bare.p99)} ms = ${(live.p99 / bare.p99).toFixed(2)}`,
        );
      }
      console.log(
        [
          r.kind.padEnd(10),
          String(live.subscribers).padStart(11),
          `${live.delivered}/${live.expected}`.padStart(9),
          fixed(live.p50).padStart(6),
          fixed(live.p99).padStart(6),
          fixed(live.lastMean).padStart(7),
          fixed(bare.p50).padStart(8),
          fixed(bare.p99).padStart(8),
          fixed(bare.lastMean).padStart(9),
          (live.p99 / bare.p99).toFixed(2).padStart(10),
        ].join('  '),
      );
    }
  }
  return ok;
}

export async function benchBingo(): Promise<boolean> {
  const client = new Client();
  const results: DatabaseResult[] = [];
  const only = (process.env.BENCH_BINGO_DATABASES ?? process.env.BENCH_DATABASES)?.split(',');
  try {
    if (!only || only.includes('pglite')) results.push(await benchDatabase('pglite', client));
    if (only && !only.includes('postgres')) return finish(results);
    const url =
      process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    if (await postgresAnswers(url)) {
      process.env.ENCUENTRO_TEST_POSTGRES = url;
      if (postgresServerUrl() !== url) process.env.TEST_DATABASE_URL = url;
      results.push(await benchDatabase('postgres', client));
    } else {
      results.push({ kind: 'postgres', note: 'PostgreSQL did not answer', hot: [], fanOut: [] });
    }
  } finally {
    await client.close();
  }
  return finish(results);
}

function finish(results: DatabaseResult[]): boolean {
  const ok = report(results);
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  const out = join(import.meta.dirname, 'results', 'bingo-latest.json');
  writeFileSync(
    out,
    `${JSON.stringify({ date: new Date().toISOString(), loadAverage: os.loadavg(), settings: SETTINGS, results, ok }, null, 2)}\n`,
  );
  console.log(`results: ${out}`);
  return ok;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = (await benchBingo()) ? 0 : 1;
}
