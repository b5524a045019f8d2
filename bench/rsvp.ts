/**
 * The RSVP part of `npm run bench`, runnable alone with
 * `node --import tsx bench/rsvp.ts`.
 *
 * 200 signed-in delegates (BENCH_RSVP_CLIENTS) hammer one hot session with
 * 20 seats: each takes a seat or a waitlist place and gives it back, over
 * and over, for BENCH_SECONDS (default 5) after a 1 s warm-up. Every request
 * takes the session's row lock, so this is the worst case of the capacity
 * guard: all writers queue on one row. The clients run in a child process
 * (bench/rsvp-clients.ts). After the run the bench checks that the session
 * never held more confirmed seats than its capacity.
 *
 * Both databases (PostgreSQL if it answers), 127.0.0.1 only, about 15 s each.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { DatabaseKind } from '../server/db/client.ts';
import { rows } from '../server/db/client.ts';
import { sessionWithCapacity, signedInCrowd } from '../server/rsvp/crowd.ts';
import { startTestApp } from '../test/app.ts';
import { DEFAULT_LOCAL_POSTGRES, postgresServerUrl } from '../test/databases.ts';
import { judge } from './goals.ts';
import type { RsvpClientsJob, RsvpClientsResult } from './rsvp-clients.ts';

const positive = (value: string | undefined, fallback: number) =>
  Number.isInteger(Number(value)) && Number(value) > 0 ? Number(value) : fallback;

const SETTINGS = {
  clients: positive(process.env.BENCH_RSVP_CLIENTS, 200),
  capacity: 20,
  seconds: positive(process.env.BENCH_SECONDS, 5),
  warmupSeconds: 1,
};
const EVENT = 'fim-gdl-2024';

export interface RsvpBenchRow {
  kind: DatabaseKind;
  ran: boolean;
  note?: string;
  requestsPerSecond?: number;
  p50Ms?: number;
  p99Ms?: number;
  maxMs?: number;
  non2xx?: number;
  errors?: number;
  /** The most confirmed seats seen after the run (must not exceed the capacity). */
  confirmed?: number;
  /**
   * CPU time of this process (the app, and PGlite when it is the database) per request: steadier than
   * req/s when other work shares the machine. PostgreSQL's own processes are not counted.
   */
  cpuMicrosPerRequest?: number;
}

function runClients(child: ChildProcess, job: RsvpClientsJob): Promise<RsvpClientsResult> {
  return new Promise((resolve, reject) => {
    child.once('message', (result) => resolve(result as RsvpClientsResult));
    child.once('exit', (code) => reject(new Error(`RSVP clients exited with ${code}`)));
    child.send(job);
  });
}

async function benchOn(kind: DatabaseKind): Promise<RsvpBenchRow> {
  // Promotions send mail: none leaves, and none is logged, during a bench.
  const t = await startTestApp(kind, { mailer: { devMailbox: null, send: async () => {} } });
  const child = fork(fileURLToPath(new URL('./rsvp-clients.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  try {
    const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const db = t.runtime.ctx.db;
    const crowd = await signedInCrowd(db, {
      size: SETTINGS.clients,
      eventSlug: EVENT,
      label: 'Bench delegate',
      now: new Date(),
    });
    const cookies = crowd.map((member) => member.cookie);
    const warmup = await sessionWithCapacity(db, EVENT, SETTINGS.capacity, 'Bench warm-up session');
    await runClients(child, { url, sessionId: warmup, cookies, seconds: SETTINGS.warmupSeconds });
    const sessionId = await sessionWithCapacity(db, EVENT, SETTINGS.capacity, 'Bench hot session');
    const cpuBefore = process.cpuUsage();
    const result = await runClients(child, { url, sessionId, cookies, seconds: SETTINGS.seconds });
    const cpu = process.cpuUsage(cpuBefore);
    const [counts] = await rows<{ confirmed: number }>(
      db,
      sql`select count(*)::int as confirmed from rsvps where session_id = ${sessionId} and status = 'confirmed'`,
    );
    const non2xx = Object.entries(result.statusCodes)
      .filter(([status]) => !status.startsWith('2'))
      .reduce((sum, [, n]) => sum + n, 0);
    return {
      kind,
      ran: true,
      requestsPerSecond: result.requests / result.seconds,
      p50Ms: result.latencyMs.p50,
      p99Ms: result.latencyMs.p99,
      maxMs: result.latencyMs.max,
      non2xx,
      errors: result.errors,
      confirmed: counts?.confirmed ?? 0,
      cpuMicrosPerRequest: (cpu.user + cpu.system) / Math.max(1, result.requests),
    };
  } finally {
    child.kill();
    await t.close();
  }
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** PGlite, then PostgreSQL when it answers (or only those named). */
export async function benchRsvp(kinds: DatabaseKind[] = ['pglite', 'postgres']): Promise<RsvpBenchRow[]> {
  const report: RsvpBenchRow[] = [];
  if (kinds.includes('pglite')) report.push(await benchOn('pglite'));
  if (!kinds.includes('postgres')) return report;
  const url = process.env.BENCH_DATABASE_URL ?? postgresServerUrl() ?? DEFAULT_LOCAL_POSTGRES;
  if (await postgresAnswers(url)) {
    process.env.ENCUENTRO_TEST_POSTGRES = url;
    report.push(await benchOn('postgres'));
  } else {
    report.push({ kind: 'postgres', ran: false, note: 'PostgreSQL did not answer' });
  }
  return report;
}

export function rsvpTable(report: RsvpBenchRow[]): string {
  const lines = [
    `RSVP on one hot session: ${SETTINGS.clients} clients, capacity ${SETTINGS.capacity}, ${SETTINGS.seconds} s (take a seat / give it back)`,
    '| database | req/s | p50 ms | p99 ms | max ms | non-2xx | errors | confirmed ≤ capacity | app cpu µs/req |',
    '|---|---:|---:|---:|---:|---:|---:|---|---:|',
  ];
  for (const row of report) {
    if (!row.ran) {
      lines.push(`| ${row.kind} | — | — | — | — | — | — | ${row.note ?? ''} | — |`);
      continue;
    }
    lines.push(
      `| ${row.kind} | ${Math.round(row.requestsPerSecond ?? 0)} | ${(row.p50Ms ?? 0).toFixed(1)} | ${(row.p99Ms ?? 0).toFixed(1)} | ${(row.maxMs ?? 0).toFixed(1)} | ${row.non2xx} | ${row.errors} | ${row.confirmed} ≤ ${SETTINGS.capacity}: ${(row.confirmed ?? 0) <= SETTINGS.capacity ? 'yes' : 'NO'} | ${Math.round(row.cpuMicrosPerRequest ?? 0)} |`,
    );
  }
  return lines.join('\n');
}

/** Something went wrong: a refused request, a dropped connection, or an oversold session. */
export const rsvpFailed = (report: RsvpBenchRow[]) =>
  report.some(
    (row) => row.ran && ((row.non2xx ?? 0) > 0 || (row.errors ?? 0) > 0 || (row.confirmed ?? 0) > SETTINGS.capacity),
  );

/** The goal of decision 0028, on each database: this many requests/s, this p99, never over capacity. */
export const RSVP_GOAL = { requestsPerSecond: 1000, p99Ms: 250 };

export function rsvpGoal(report: RsvpBenchRow[]): string {
  const lines = [
    `== goal: RSVPs on one hot session at ≥ ${RSVP_GOAL.requestsPerSecond}/s, p99 ≤ ${RSVP_GOAL.p99Ms} ms, never over capacity`,
  ];
  for (const row of report) {
    if (!row.ran) {
      lines.push(`  ${row.kind}: not measured (${row.note ?? ''})`);
      continue;
    }
    const misses = [
      ...((row.requestsPerSecond ?? 0) < RSVP_GOAL.requestsPerSecond
        ? [`${Math.round(row.requestsPerSecond ?? 0)}/s`]
        : []),
      ...((row.p99Ms ?? 0) > RSVP_GOAL.p99Ms ? [`p99 ${Math.round(row.p99Ms ?? 0)} ms`] : []),
      ...((row.confirmed ?? 0) > SETTINGS.capacity ? [`${row.confirmed} confirmed > ${SETTINGS.capacity}`] : []),
    ];
    judge(
      'rsvp',
      row.kind,
      misses.length === 0,
      `${Math.round(row.requestsPerSecond ?? 0)}/s, p50 ${Math.round(row.p50Ms ?? 0)} ms, ` +
        `p99 ${Math.round(row.p99Ms ?? 0)} ms, ${row.confirmed} confirmed of ${SETTINGS.capacity} seats`,
    );
    lines.push(
      `  ${row.kind}: ${misses.length === 0 ? 'met' : `NOT MET (${misses.join(', ')})`} — ` +
        `${Math.round(row.requestsPerSecond ?? 0)}/s, p50 ${Math.round(row.p50Ms ?? 0)} ms, p99 ${Math.round(row.p99Ms ?? 0)} ms`,
    );
  }
  return lines.join('\n');
}

/** Run, print the table and the goal; false when something failed. */
export async function benchAndPrintRsvp(kinds?: DatabaseKind[]): Promise<boolean> {
  const report = await benchRsvp(kinds);
  console.log(`\n== ${rsvpTable(report)}\n\n${rsvpGoal(report)}`);
  return !rsvpFailed(report);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.env.BENCH_DATABASES?.split(',').map((kind) => kind.trim()) as DatabaseKind[] | undefined;
  if (!(await benchAndPrintRsvp(only))) process.exitCode = 1;
}
