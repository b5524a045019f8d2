/**
 * The soak run (`npm run soak`; not part of CI or of `npm run bench`): the
 * real server (server/main.ts) as a child process on each database, under
 * steady mixed traffic from another child (bench/soak-load.ts) for
 * SOAK_MINUTES (default 10) — cached reads, RSVPs, scans and thousands of
 * open live pages. Every SOAK_REPORT_SECONDS (30) it prints the server's
 * memory and event-loop delay, and per kind of traffic the p50/p99 of that
 * window and the answers by status. At the end: whether memory and p99
 * drift between the first and the last third of the run, and how the
 * server stops (SIGTERM) with every page open. 127.0.0.1 only.
 *
 * Environment: SOAK_MINUTES, SOAK_REPORT_SECONDS, SOAK_DATABASES
 * ("pglite,postgres"), SOAK_SUBSCRIBERS (2000), SOAK_READS_PER_SECOND (100),
 * SOAK_RSVPS_PER_SECOND (10), SOAK_SCANS_PER_SECOND (20), SOAK_PLAYERS (300);
 * PostgreSQL from BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local one.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { type Database, type DatabaseKind, openDatabase, rows } from '../server/db/client.ts';
import { sessionWithCapacity, signedInCrowd } from '../server/rsvp/crowd.ts';
import { startRuntime } from '../server/runtime.ts';
import { DEFAULT_LOCAL_POSTGRES, freshDatabase, postgresServerUrl } from '../test/databases.ts';
import type { KindWindow, LoadWindow, SoakJob } from './soak-load.ts';

const ROOT = join(import.meta.dirname, '..');
const EVENT = 'fim-gdl-2024';
const positive = (value: string | undefined, fallback: number) =>
  Number(value) > 0 && Number.isFinite(Number(value)) ? Number(value) : fallback;
const SETTINGS = {
  minutes: positive(process.env.SOAK_MINUTES, 10),
  reportSeconds: positive(process.env.SOAK_REPORT_SECONDS, 30),
  databases: (process.env.SOAK_DATABASES ?? 'pglite,postgres').split(',') as DatabaseKind[],
  subscribers: positive(process.env.SOAK_SUBSCRIBERS, 2000),
  readsPerSecond: positive(process.env.SOAK_READS_PER_SECOND, 100),
  rsvpsPerSecond: positive(process.env.SOAK_RSVPS_PER_SECOND, 10),
  scansPerSecond: positive(process.env.SOAK_SCANS_PER_SECOND, 20),
  players: positive(process.env.SOAK_PLAYERS, 300),
  rsvpClients: 50,
  capacity: 20,
};
const KINDS = ['reads', 'rsvps', 'scans'] as const;

interface Probe {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  loopDelayP99Ms: number;
}

interface Window {
  at: number;
  memory: { rss: number; heapUsed: number };
  loopDelayP99Ms: number;
  load: LoadWindow;
}

interface Run {
  kind: DatabaseKind;
  note?: string;
  windows: Window[];
  drift?: Record<string, number>;
  shutdown?: { status: number | string | null; seconds: number; reconnects: number; dropped: number };
  serverErrorsLogged: number;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : '—');
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

class Load {
  private readonly child: ChildProcess;
  private next = 0;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  constructor() {
    this.child = fork(fileURLToPath(new URL('./soak-load.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
    });
    this.child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.result);
    });
  }

  ask<T>(command: 'start' | 'window' | 'stop', job?: SoakJob): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, command, job });
    });
  }

  kill(): void {
    this.child.kill();
  }
}

/** The players, the RSVP crowd and a session with few seats, written before the server owns the data. */
async function prepare(database: Database) {
  const runtime = await startRuntime(database, { loadDemo: true, mailer: { devMailbox: null, send: async () => {} } });
  const db = runtime.ctx.db;
  const now = new Date();
  // The demo's game is from 2024: open it around now, with printed badge codes.
  await db.execute(
    sql`update bingo_games set starts_at = ${new Date(now.getTime() - 3 * 86_400_000)},
        ends_at = ${new Date(now.getTime() + 86_400_000)}, code_mode = 'static'
        where event_id = (select id from events where slug = ${EVENT})`,
  );
  const crowd = await signedInCrowd(db, { size: SETTINGS.players, eventSlug: EVENT, label: 'Soak player', now });
  const codes = await rows<{ personId: string; code: string }>(
    db,
    sql`select person_id as "personId", badge_code as code from attendances
        where event_id = (select id from events where slug = ${EVENT})`,
  );
  const codeOf = new Map(codes.map((row) => [row.personId, row.code]));
  const players = crowd.map((member) => ({ cookie: member.cookie, code: codeOf.get(member.personId) as string }));
  const rsvpCrowd = await signedInCrowd(db, { size: SETTINGS.rsvpClients, eventSlug: EVENT, label: 'Soak guest', now });
  const sessionId = await sessionWithCapacity(db, EVENT, SETTINGS.capacity, 'Soak session');
  await runtime.close();
  return { players, rsvp: { sessionId, cookies: rsvpCrowd.map((member) => member.cookie) } };
}

async function soak(kind: DatabaseKind): Promise<Run> {
  const run: Run = { kind, windows: [], serverErrorsLogged: 0 };
  const dataDir = mkdtempSync(join(os.tmpdir(), 'encuentro-soak-'));
  let env: Record<string, string> = { DATA_DIR: dataDir };
  let drop = async () => {};
  let database: Database;
  if (kind === 'postgres') {
    const fresh = await freshDatabase('postgres');
    drop = fresh.drop;
    database = fresh.database;
    env = { DATABASE_URL: fresh.url as string };
  } else {
    database = await openDatabase({ dataDir });
  }
  const load = new Load();
  let server: ChildProcess | undefined;
  try {
    process.stdout.write(`\nsoak on ${kind}: preparing (demo, ${SETTINGS.players} players)…\n`);
    const prepared = await prepare(database);
    if (kind === 'postgres') await database.close().catch(() => {});
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['--import', 'tsx', '--import', './bench/soak-probe.ts', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', LOAD_DEMO: 'false' },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let latest: Probe | undefined;
    let peak = { rss: 0, heapUsed: 0 };
    let loopDelay = 0;
    server.on('message', (message: { probe?: Probe }) => {
      if (!message.probe) return;
      latest = message.probe;
      peak = { rss: Math.max(peak.rss, latest.rss), heapUsed: Math.max(peak.heapUsed, latest.heapUsed) };
      loopDelay = Math.max(loopDelay, latest.loopDelayP99Ms);
    });
    server.stdout?.on('data', (chunk: Buffer) => {
      run.serverErrorsLogged += (chunk.toString().match(/"level":(50|60)/g) ?? []).length;
    });
    const exited = new Promise<number | string | null>((resolve) =>
      server?.once('exit', (code, signal) => resolve(code ?? signal)),
    );
    for (;;) {
      try {
        if ((await fetch(`${url}/api/health`)).ok) break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    const opened = await load.ask<{ subscribers: number }>('start', {
      url,
      eventSlug: EVENT,
      ...prepared,
      readsPerSecond: SETTINGS.readsPerSecond,
      rsvpsPerSecond: SETTINGS.rsvpsPerSecond,
      scansPerSecond: SETTINGS.scansPerSecond,
      subscribers: SETTINGS.subscribers,
      baseTime: Date.now() - 2 * 86_400_000,
    });
    process.stdout.write(
      `  ${opened.subscribers} live pages open; ${SETTINGS.readsPerSecond} reads/s, ${SETTINGS.rsvpsPerSecond} RSVPs/s, ` +
        `${SETTINGS.scansPerSecond} scans/s for ${SETTINGS.minutes} min\n`,
    );
    printHeader();
    const started = Date.now();
    const end = started + SETTINGS.minutes * 60_000;
    while (Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(SETTINGS.reportSeconds * 1000, end - Date.now())));
      const loadWindow = await load.ask<LoadWindow>('window');
      const window: Window = {
        at: (Date.now() - started) / 1000,
        memory: { rss: latest?.rss ?? Number.NaN, heapUsed: latest?.heapUsed ?? Number.NaN },
        loopDelayP99Ms: loopDelay,
        load: loadWindow,
      };
      loopDelay = 0;
      run.windows.push(window);
      printWindow(window);
    }
    const last = await load.ask<LoadWindow>('stop');
    run.drift = drift(run.windows);
    // Stop the server the way a deployment does, with every page still open.
    const stopping = Date.now();
    server.kill('SIGTERM');
    const status = await exited;
    const after = await load.ask<LoadWindow>('window');
    run.shutdown = {
      status,
      seconds: (Date.now() - stopping) / 1000,
      reconnects: last.sse.reconnects + after.sse.reconnects,
      dropped: after.sse.dropped,
    };
    process.stdout.write(
      `  peak RSS ${mb(peak.rss)} MB, peak heap ${mb(peak.heapUsed)} MB; server errors logged: ${run.serverErrorsLogged}\n` +
        `  SIGTERM with ${opened.subscribers} pages open: exit ${status} after ${run.shutdown.seconds.toFixed(1)} s, ` +
        `${run.shutdown.reconnects} pages told to reconnect\n`,
    );
  } catch (error) {
    run.note = `failed: ${error instanceof Error ? error.message : String(error)}`;
    process.stdout.write(`  ${run.note}\n`);
  } finally {
    load.kill();
    if (server && server.exitCode === null) server.kill('SIGKILL');
    if (kind === 'pglite') await database.close().catch(() => {});
    await drop().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
  return run;
}

function printHeader(): void {
  process.stdout.write(
    '  time   RSS MB  heap MB  loop p99 ms | reads n  p50  p99 | RSVPs n  p50  p99 | scans n  p50  p99 | pages  msgs | other answers\n',
  );
}

function printWindow(w: Window): void {
  const cell = (k: KindWindow) => `${String(k.requests).padStart(7)} ${ms(k.p50).padStart(4)} ${ms(k.p99).padStart(4)}`;
  const odd = KINDS.flatMap((name) => {
    const k = w.load[name];
    const other = Object.entries(k.statuses).filter(([status]) => !/^2\d\d$/.test(status));
    return [...other.map(([status, n]) => `${name} ${status}×${n}`), ...(k.held > 0 ? [`${name} held×${k.held}`] : [])];
  });
  if (w.load.sse.dropped > 0) odd.push(`pages dropped×${w.load.sse.dropped}`);
  process.stdout.write(
    `  ${`${w.at.toFixed(0)}s`.padStart(5)} ${mb(w.memory.rss).padStart(7)} ${mb(w.memory.heapUsed).padStart(8)} ` +
      `${ms(w.loopDelayP99Ms).padStart(12)} |${cell(w.load.reads)} |${cell(w.load.rsvps)} |${cell(w.load.scans)} | ` +
      `${String(w.load.sse.open).padStart(5)} ${String(w.load.sse.messages).padStart(6)} | ${odd.join(', ') || '-'}\n`,
  );
}

/** Last third against the first third of the windows, as a relative change (0.1 = 10 % more). */
function drift(windows: Window[]): Record<string, number> {
  const third = Math.max(1, Math.floor(windows.length / 3));
  const first = windows.slice(0, third);
  const last = windows.slice(-third);
  const change = (pick: (w: Window) => number) => mean(last.map(pick)) / mean(first.map(pick)) - 1;
  const result: Record<string, number> = {
    rss: change((w) => w.memory.rss),
    heapUsed: change((w) => w.memory.heapUsed),
  };
  for (const name of KINDS) result[`${name} p99`] = change((w) => w.load[name].p99);
  return result;
}

function report(runs: Run[]): boolean {
  let ok = true;
  console.log(`\n== soak: ${SETTINGS.minutes} min per database, windows of ${SETTINGS.reportSeconds} s`);
  console.log('database   RSS drift  heap drift  reads p99  RSVPs p99  scans p99  non-2xx  errors  shutdown');
  for (const run of runs) {
    if (!run.drift) {
      console.log(`${run.kind.padEnd(10)} ${run.note ?? 'not measured'}`);
      ok = false;
      continue;
    }
    const pct = (n: number | undefined) =>
      `${(n ?? Number.NaN) >= 0 ? '+' : ''}${((n ?? Number.NaN) * 100).toFixed(0)} %`;
    let non2xx = 0;
    let errors = 0;
    for (const w of run.windows) {
      for (const name of KINDS) {
        for (const [status, n] of Object.entries(w.load[name].statuses)) {
          if (/^\d+$/.test(status)) {
            if (!status.startsWith('2')) non2xx += n;
          } else {
            errors += n;
          }
        }
      }
    }
    if (errors > 0 || non2xx > 0 || run.shutdown?.status !== 0) ok = false;
    console.log(
      [
        run.kind.padEnd(10),
        pct(run.drift.rss).padStart(9),
        pct(run.drift.heapUsed).padStart(10),
        pct(run.drift['reads p99']).padStart(10),
        pct(run.drift['rsvps p99']).padStart(10),
        pct(run.drift['scans p99']).padStart(10),
        String(non2xx).padStart(8),
        String(errors).padStart(7),
        `  exit ${run.shutdown?.status} in ${run.shutdown?.seconds.toFixed(1)} s`,
      ].join(' '),
    );
  }
  console.log('(drift: the mean of the last third of the windows against the first third)');
  return ok;
}

const runs: Run[] = [];
// freshDatabase reads the server's address from TEST_DATABASE_URL.
process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? postgresServerUrl() ?? DEFAULT_LOCAL_POSTGRES;
for (const kind of SETTINGS.databases) {
  runs.push(await soak(kind));
}
const ok = report(runs);
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(ROOT, 'bench', 'results', 'soak-latest.json'),
  JSON.stringify({ settings: SETTINGS, node: process.version, cpus: os.cpus().length, runs }, null, 2),
);
process.exit(ok ? 0 : 1);
