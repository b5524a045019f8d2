/**
 * npm run bench — HTTP throughput of the hot read endpoints, against a bare
 * Fastify hello-world measured in the same run on the same machine.
 *
 * Load generator: autocannon runs in a child process (bench/load.ts, forked
 * once for the whole run), the servers in this process. On a 2-core machine
 * that gives the server and the load generator a core each; with both on
 * one event loop, autocannon's own work would be charged to the server. A
 * child process rather than a worker thread: autocannon only aggregates its
 * results on a main thread, and the child has its own heap and GC. The two still share the machine's cores
 * (and the server's PGlite and PostgreSQL too), so absolute numbers are
 * modest; the ratios to the hello-world are what compare across machines.
 *
 * Everything listens on 127.0.0.1 and an ephemeral port. The whole run takes
 * about two minutes with PostgreSQL, one without.
 *
 * Environment: BENCH_SECONDS (per endpoint, default 5), BENCH_CONNECTIONS
 * (default 50), BENCH_DATABASE_URL (PostgreSQL server; else TEST_DATABASE_URL,
 * else postgres://postgres@127.0.0.1:5432/postgres; a fresh database is
 * created on it and dropped at the end), BENCH_PARTS (which parts run:
 * `reads,bingo,rsvp,announcements,meetings`, the default, or any of them), BENCH_DATABASES (`pglite`,
 * `postgres` or both, the default; for the reads and the RSVPs),
 * BENCH_ENDPOINTS (comma-separated parts of the read rows' labels to measure,
 * e.g. `uncached,beside`; default every row).
 *
 * Each part prints its goals as met / not met, and the run ends with every
 * goal of the performance issue in one list (bench/goals.ts).
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import type { DatabaseKind } from '../server/db/client.ts';
import { startTestApp, type TestApp } from '../test/app.ts';
import { postgresServerUrl } from '../test/databases.ts';
import { judge, printGoals } from './goals.ts';
import { type LoadJob, type LoadResult, varyingPath } from './load.ts';

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

const SETTINGS = {
  connections: positiveInt(process.env.BENCH_CONNECTIONS, 50),
  pipelining: 1,
  baselineSeconds: 10,
  baselineWarmupSeconds: 2,
  endpointSeconds: positiveInt(process.env.BENCH_SECONDS, 5),
  endpointWarmupSeconds: 1,
  /**
   * The hello-world is measured again (this long) just before PostgreSQL, whose ratios use that
   * measurement, and at the end; the spread of the three says how steady the machine was.
   */
  helloCheckSeconds: 5,
};

/** Which parts run (BENCH_PARTS) and on which databases (BENCH_DATABASES). */
export const PARTS = new Set(
  (process.env.BENCH_PARTS ?? 'reads,bingo,rsvp,announcements,meetings').split(',').map((part) => part.trim()),
);
export const DATABASES = new Set(
  (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',').map((kind) => kind.trim()),
) as Set<DatabaseKind>;

/** Every hot read answers at least at half the bare hello-world's rate (decision 0028). */
const READ_GOAL_RATIO = 0.5;

/** Cached reads keep their p99 under this while uncached searches run beside them. */
const BESIDE_GOAL_P99_MS = 100;

/** What a phone's browser sends: the cached reads are measured as phones ask for them. */
const PHONE = { 'accept-encoding': 'gzip, deflate, br, zstd' };

const EVENT = '/api/events/fim-gdl-2024';
const ENDPOINTS: {
  label: string;
  path: string;
  /** Default: a phone's (PHONE). */
  headers?: Record<string, string>;
  vary?: LoadJob['vary'];
  /** Counts toward the reads' goal (default: yes, the cached reads as phones ask for them). */
  goal?: boolean;
}[] = [
  { label: `GET ${EVENT}/sessions`, path: `${EVENT}/sessions` },
  {
    // The same bytes uncompressed: what a client that sends no Accept-Encoding (a script, curl) costs.
    label: `GET ${EVENT}/sessions, no Accept-Encoding`,
    path: `${EVENT}/sessions`,
    headers: {},
    goal: false,
  },
  {
    label: `GET ${EVENT}/sessions?day=2024-02-29&kind=showcase`,
    path: `${EVENT}/sessions?day=2024-02-29&kind=showcase`,
  },
  { label: `GET ${EVENT}`, path: EVENT },
  { label: 'GET /api/organizations?kind=association', path: '/api/organizations?kind=association' },
  { label: 'GET /api/organizations?q=imichle', path: '/api/organizations?q=imichle' },
  { label: 'GET /api/people?q=noemi', path: '/api/people?q=noemi' },
  { label: 'GET /api/organizations/win', path: '/api/organizations/win' },
  {
    // Every request carries a search string never seen before, so every one misses the read cache
    // and runs the trigram search on the database. Measured last: it churns the cache.
    label: 'uncached search: GET /api/people?q=<term> <n>',
    path: '/api/people?q=',
    vary: { pathPrefix: '/api/people?q=', terms: ['noemi', 'planas', 'zena', 'mark', 'garcia', 'lucia'] },
    goal: false,
  },
];

/**
 * A load run and what it cost the server: the CPU time of this process (the
 * servers, PGlite included; the load generator is another process) per
 * request. On a machine shared with other work, req/s swing with the load,
 * while the CPU each request costs moves much less: its ratio to the
 * hello-world's says what the endpoint costs, whatever else runs.
 */
type Measured = LoadResult & { serverCpuMicrosPerRequest: number };

async function runMeasured(load: LoadGenerator, loadJob: LoadJob): Promise<Measured> {
  const before = process.cpuUsage();
  const result = await load.run(loadJob);
  const used = process.cpuUsage(before);
  return { ...result, serverCpuMicrosPerRequest: (used.user + used.system) / Math.max(1, result.requestsTotal) };
}

/**
 * Head-of-line blocking: cached reads measured while uncached searches run at the same time (each on its own
 * connections, from the same load generator). A database query that holds the event loop shows up in the
 * cached reads' p99.
 */
const BESIDE = {
  label: `cached GET ${EVENT}/sessions beside uncached search`,
  path: `${EVENT}/sessions`,
  connections: 10,
  search: ENDPOINTS.find((endpoint) => endpoint.vary)!,
};

function listed(variable: string | undefined): string[] | null {
  const parts = (variable ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.length > 0 ? parts : null;
}

const ONLY_ENDPOINTS = listed(process.env.BENCH_ENDPOINTS);
const measured = (label: string) => !ONLY_ENDPOINTS || ONLY_ENDPOINTS.some((part) => label.includes(part));

interface Row {
  label: string;
  path: string;
  cached: boolean;
  goal: boolean;
  /** The request headers sent. */
  headers: Record<string, string>;
  /** What one response looks like (checked before the load): bytes on the wire, and how they were encoded. */
  sample: { status: number; bytes: number; encoding: string; items: number | null };
  warmup: { non2xx: number; errors: number };
  result: Measured;
  ratioToHello: number;
  /** The hello-world's server CPU per request ÷ this endpoint's. */
  cpuRatioToHello: number;
}

interface DatabaseReport {
  kind: DatabaseKind;
  ran: boolean;
  note?: string;
  setupSeconds?: number;
  /** The hello-world requests/s the ratios divide by (measured just before this database). */
  helloRequestsPerSecond?: number;
  helloCpuMicrosPerRequest?: number;
  rows: Row[];
}

interface HelloRun {
  when: string;
  result: Measured;
}

const failures: string[] = [];

// ---------------------------------------------------------------- load generator

class LoadGenerator {
  private readonly child: ChildProcess;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(r: LoadResult): void; reject(e: Error): void }>();
  private dead: Error | null = null;
  private readonly exited: Promise<void>;

  constructor() {
    // fork() reuses this process's execArgv (`--import tsx`), so the child runs TypeScript too.
    this.child = fork(fileURLToPath(new URL('./load.ts', import.meta.url)), [], { stdio: 'inherit' });
    this.child.on('message', (message: { id: number; result?: LoadResult; error?: string }) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.result) waiter.resolve(message.result);
      else waiter.reject(new Error(`load generator: ${message.error ?? 'failed'}`));
    });
    const die = (error: Error) => {
      this.dead ??= error;
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    this.child.on('error', die);
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        die(new Error(`load generator exited (${signal ?? `code ${code}`})`));
        resolve();
      });
    });
  }

  run(job: LoadJob): Promise<LoadResult> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, job });
    });
  }

  /** Ask the child to leave (it disconnects and exits by itself). */
  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null && this.child.connected) {
      this.child.send('stop');
    }
    await this.exited;
  }
}

function job(
  origin: string,
  path: string,
  seconds: number,
  vary?: LoadJob['vary'],
  headers?: Record<string, string>,
): LoadJob {
  return {
    url: `${origin}${path}`,
    connections: SETTINGS.connections,
    pipelining: SETTINGS.pipelining,
    seconds,
    ...(vary ? { vary } : {}),
    ...(headers && Object.keys(headers).length > 0 ? { headers } : {}),
  };
}

function origin(app: FastifyInstance): string {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server is not listening on TCP');
  return `http://127.0.0.1:${address.port}`;
}

// ---------------------------------------------------------------- measurements

async function startHello(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get('/hello', async () => ({ hello: 'world' }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  return app;
}

async function measureHello(
  load: LoadGenerator,
  app: FastifyInstance,
  seconds: number,
  warmupSeconds: number,
  label: string,
): Promise<Measured> {
  const at = origin(app);
  await load.run(job(at, '/hello', warmupSeconds));
  const result = await runMeasured(load, job(at, '/hello', seconds));
  checkClean(label, result);
  return result;
}

function checkClean(label: string, result: { non2xx: number; errors: number; timeouts?: number }): void {
  if (result.non2xx > 0) failures.push(`${label}: ${result.non2xx} non-2xx responses`);
  if (result.errors > 0) failures.push(`${label}: ${result.errors} connection errors`);
  if (result.timeouts) failures.push(`${label}: ${result.timeouts} timeouts`);
}

/** One response as the load generator gets it: the bytes on the wire, not inflated. */
async function sample(url: string, headers: Record<string, string> = {}): Promise<Row['sample']> {
  const { status, encoding, body } = await new Promise<{ status: number; encoding: string; body: Buffer }>(
    (resolve, reject) => {
      http
        .get(url, { headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              encoding: String(response.headers['content-encoding'] ?? 'identity'),
              body: Buffer.concat(chunks),
            }),
          );
          response.on('error', reject);
        })
        .on('error', reject);
    },
  );
  let items: number | null = null;
  try {
    const text = (
      encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body
    ).toString('utf8');
    const parsed = JSON.parse(text) as { items?: unknown };
    if (Array.isArray(parsed.items)) items = parsed.items.length;
  } catch {
    // Not JSON: reported by its status below.
  }
  return { status, bytes: body.length, encoding, items };
}

async function benchDatabase(kind: DatabaseKind, load: LoadGenerator, hello: Measured): Promise<DatabaseReport> {
  const helloRps = hello.requestsPerSecond;
  const report: DatabaseReport = {
    kind,
    ran: false,
    helloRequestsPerSecond: helloRps,
    helloCpuMicrosPerRequest: hello.serverCpuMicrosPerRequest,
    rows: [],
  };
  const started = performance.now();
  let testApp: TestApp | undefined;
  try {
    testApp = await startTestApp(kind, { loadDemo: true });
    await testApp.app.listen({ host: '127.0.0.1', port: 0 });
    report.setupSeconds = (performance.now() - started) / 1000;
    report.ran = true;
    const at = origin(testApp.app);
    process.stdout.write(`\n${kind}: app ready in ${report.setupSeconds.toFixed(1)} s (fresh database, demo loaded)\n`);
    for (const { headers = PHONE, goal = true, ...endpoint } of ENDPOINTS.filter((endpoint) =>
      measured(endpoint.label),
    )) {
      const first = await sample(`${at}${endpoint.vary ? varyingPath(endpoint.vary, 0) : endpoint.path}`, headers);
      if (first.status !== 200) failures.push(`${kind} ${endpoint.label}: first response was ${first.status}`);
      if (first.items === 0) failures.push(`${kind} ${endpoint.label}: the sample response lists no items`);
      const warm = await load.run(job(at, endpoint.path, SETTINGS.endpointWarmupSeconds, endpoint.vary, headers));
      checkClean(`${kind} ${endpoint.label} (warm-up)`, warm);
      const result = await runMeasured(load, job(at, endpoint.path, SETTINGS.endpointSeconds, endpoint.vary, headers));
      checkClean(`${kind} ${endpoint.label}`, result);
      report.rows.push({
        label: endpoint.label,
        path: endpoint.path,
        cached: !endpoint.vary,
        goal,
        headers,
        sample: first,
        warmup: { non2xx: warm.non2xx, errors: warm.errors },
        result,
        ratioToHello: result.requestsPerSecond / helloRps,
        cpuRatioToHello: hello.serverCpuMicrosPerRequest / result.serverCpuMicrosPerRequest,
      });
      process.stdout.write(
        `  ${endpoint.label}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.latencyMs.p99} ms\n`,
      );
    }
    if (measured(BESIDE.label)) report.rows.push(...(await measureBeside(kind, load, at, hello)));
  } catch (error) {
    failures.push(`${kind}: ${error instanceof Error ? error.message : String(error)}`);
    report.note = `failed: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await testApp?.close().catch(() => {});
  }
  return report;
}

/** The cached reads and the uncached search of BESIDE, loaded at the same time: one row each. */
async function measureBeside(kind: DatabaseKind, load: LoadGenerator, at: string, hello: Measured): Promise<Row[]> {
  const helloRps = hello.requestsPerSecond;
  const { search } = BESIDE;
  const cachedJob = { ...job(at, BESIDE.path, SETTINGS.endpointSeconds), connections: BESIDE.connections };
  // The server's CPU is shared by both loads: each row shows the CPU per request of the two together.
  const together = async (seconds: number): Promise<[Measured, Measured]> => {
    const before = process.cpuUsage();
    const [cachedResult, searchResult] = await Promise.all([
      load.run({ ...cachedJob, seconds }),
      load.run(job(at, search.path, seconds, search.vary)),
    ]);
    const used = process.cpuUsage(before);
    const perRequest = (used.user + used.system) / Math.max(1, cachedResult.requestsTotal + searchResult.requestsTotal);
    return [
      { ...cachedResult, serverCpuMicrosPerRequest: perRequest },
      { ...searchResult, serverCpuMicrosPerRequest: perRequest },
    ];
  };
  const first = await sample(`${at}${BESIDE.path}`);
  const [warmCached, warmSearch] = await together(SETTINGS.endpointWarmupSeconds);
  const [cached, searched] = await together(SETTINGS.endpointSeconds);
  const rows: Row[] = [
    {
      label: `${BESIDE.label} (${BESIDE.connections} connections)`,
      path: BESIDE.path,
      cached: true,
      goal: false,
      headers: {},
      sample: first,
      warmup: { non2xx: warmCached.non2xx, errors: warmCached.errors },
      result: cached,
      ratioToHello: cached.requestsPerSecond / helloRps,
      cpuRatioToHello: hello.serverCpuMicrosPerRequest / cached.serverCpuMicrosPerRequest,
    },
    {
      label: `uncached search beside the cached reads (${SETTINGS.connections} connections)`,
      path: search.path,
      cached: false,
      goal: false,
      headers: {},
      sample: await sample(`${at}${varyingPath(search.vary!, 0)}`),
      warmup: { non2xx: warmSearch.non2xx, errors: warmSearch.errors },
      result: searched,
      ratioToHello: searched.requestsPerSecond / helloRps,
      cpuRatioToHello: hello.serverCpuMicrosPerRequest / searched.serverCpuMicrosPerRequest,
    },
  ];
  for (const row of rows) {
    checkClean(`${kind} ${row.label}`, row.result);
    process.stdout.write(
      `  ${row.label}: ${Math.round(row.result.requestsPerSecond)} req/s, p99 ${row.result.latencyMs.p99} ms\n`,
    );
  }
  return rows;
}

// ---------------------------------------------------------------- PostgreSQL

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

async function postgresAnswers(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

// ---------------------------------------------------------------- report

function formatNumber(n: number, decimals = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

function formatRatio(r: number): string {
  return r >= 0.1 ? r.toFixed(2) : r.toFixed(3);
}

function table(headers: string[], rows: string[][], alignLeft: number[] = [0]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (alignLeft.includes(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function resultCells(result: LoadResult): string[] {
  return [
    formatNumber(result.requestsPerSecond),
    // autocannon resolves latency to the millisecond.
    formatNumber(result.latencyMs.p50),
    formatNumber(result.latencyMs.p99),
    formatNumber(result.non2xx),
  ];
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- main

async function benchReads(): Promise<void> {
  const cpus = os.cpus();
  const machine = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
    commit: gitCommit(),
  };
  const settings = {
    ...SETTINGS,
    loadGenerator: 'autocannon 9 in a child process (one core each, in principle: both share the machine)',
  };
  console.log('Encuentro bench');
  console.log(
    `  ${machine.date}  node ${machine.node}  ${machine.platform}  commit ${machine.commit ?? 'unknown'}\n` +
      `  ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, load average ${machine.loadAverage.join(' ')}\n` +
      `  ${settings.loadGenerator}\n` +
      `  ${SETTINGS.connections} connections, pipelining ${SETTINGS.pipelining}; hello-world ${SETTINGS.baselineSeconds} s ` +
      `after ${SETTINGS.baselineWarmupSeconds} s warm-up; each endpoint ${SETTINGS.endpointSeconds} s after ` +
      `${SETTINGS.endpointWarmupSeconds} s warm-up`,
  );

  const postgresUrl =
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

  const load = new LoadGenerator();
  let hello: FastifyInstance | undefined;
  const databases: DatabaseReport[] = [];
  const helloRuns: HelloRun[] = [];
  let helloBytes = '';
  const measureHelloRun = async (when: string, seconds: number, warmupSeconds: number): Promise<Measured> => {
    const result = await measureHello(load, hello!, seconds, warmupSeconds, `hello-world (${when})`);
    helloRuns.push({ when, result });
    console.log(`\nhello-world (${when}): ${formatNumber(result.requestsPerSecond)} req/s`);
    return result;
  };
  try {
    hello = await startHello();
    helloBytes = formatNumber((await sample(`${origin(hello)}/hello`)).bytes);
    const helloStart = await measureHelloRun('start', SETTINGS.baselineSeconds, SETTINGS.baselineWarmupSeconds);

    if (DATABASES.has('pglite')) databases.push(await benchDatabase('pglite', load, helloStart));

    const unreachable = DATABASES.has('postgres') ? await postgresAnswers(postgresUrl) : null;
    if (!DATABASES.has('postgres')) {
      // Left out by BENCH_DATABASES.
    } else if (unreachable) {
      const note = `PostgreSQL at ${redact(postgresUrl)} did not answer (${unreachable}): benching PGlite only`;
      console.log(`\n${note}`);
      databases.push({ kind: 'postgres', ran: false, note, rows: [] });
    } else {
      // test/databases.ts reads the server from TEST_DATABASE_URL, else ENCUENTRO_TEST_POSTGRES (not under CI).
      process.env.ENCUENTRO_TEST_POSTGRES = postgresUrl;
      if (postgresServerUrl() !== postgresUrl) process.env.TEST_DATABASE_URL = postgresUrl;
      const helloBefore = await measureHelloRun('before PostgreSQL', SETTINGS.helloCheckSeconds, 1);
      databases.push(await benchDatabase('postgres', load, helloBefore));
    }

    await measureHelloRun('end', SETTINGS.helloCheckSeconds, 1);
  } catch (error) {
    failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    await hello?.close();
    await load.close();
  }

  // ---- tables
  const headers = [
    'endpoint',
    'req/s',
    'p50 ms',
    'p99 ms',
    'non-2xx',
    '÷ hello',
    'cpu µs/req',
    'hello cpu ÷',
    'bytes',
    'items',
  ];
  // Bytes are as sent on the wire: compressed (br, gzip) when the client accepts it and the body is worth it.
  const reference = helloRuns[0]?.result.requestsPerSecond;
  if (reference) {
    const rows = helloRuns.map(({ when, result }) => [
      `GET /hello, bare Fastify (${when})`,
      ...resultCells(result),
      formatRatio(result.requestsPerSecond / reference),
      formatNumber(result.serverCpuMicrosPerRequest),
      '',
      helloBytes,
      '',
    ]);
    console.log(`\n== baseline (÷ hello here: relative to the first)\n${table(headers, rows)}`);
    const rates = helloRuns.map((run) => run.result.requestsPerSecond);
    const [low, high] = [Math.min(...rates), Math.max(...rates)];
    if (high / low > 1.1) {
      console.log(
        `  note: the hello-world ranged from ${formatNumber(low)} to ${formatNumber(high)} req/s during the run ` +
          `(load average at the end: ${os
            .loadavg()
            .map((n) => n.toFixed(2))
            .join(' ')}): the machine was not ` +
          'steady (other processes?); read the ratios with that margin',
      );
    }
  }
  for (const database of databases) {
    const title =
      database.kind === 'pglite' ? 'PGlite (embedded, own thread)' : 'PostgreSQL (server, pool of 5 connections)';
    if (!database.ran || database.rows.length === 0) {
      console.log(`\n== ${title}\n  not measured: ${database.note ?? 'no rows'}`);
      continue;
    }
    const rows = database.rows.map((row) => [
      row.label,
      ...resultCells(row.result),
      formatRatio(row.ratioToHello),
      formatNumber(row.result.serverCpuMicrosPerRequest),
      formatRatio(row.cpuRatioToHello),
      `${formatNumber(row.sample.bytes)}${row.sample.encoding === 'identity' ? '' : ` ${row.sample.encoding}`}`,
      row.sample.items === null ? '' : String(row.sample.items),
    ]);
    const per = database.helloRequestsPerSecond ? formatNumber(database.helloRequestsPerSecond) : '?';
    console.log(`\n== ${title} (÷ hello: ÷ ${per} req/s)\n${table(headers, rows)}`);
    if (database.note) console.log(`  ${database.note}`);
  }

  // ---- goal
  const goals = databases
    .filter((database) => database.ran && database.rows.length > 0)
    .map((database) => {
      const counted = database.rows.filter((row) => row.goal);
      const lowest = counted.reduce((low, row) => (row.ratioToHello < low.ratioToHello ? row : low));
      const costliest = counted.reduce((low, row) => (row.cpuRatioToHello < low.cpuRatioToHello ? row : low));
      const others = database.rows.filter((row) => row.cached && !row.goal);
      return {
        kind: database.kind,
        met: lowest.ratioToHello >= READ_GOAL_RATIO,
        lowest: { label: lowest.label, ratio: lowest.ratioToHello },
        metByCpu: costliest.cpuRatioToHello >= READ_GOAL_RATIO,
        costliest: { label: costliest.label, ratio: costliest.cpuRatioToHello },
        notCounted: others.map((row) => ({ label: row.label, ratio: row.ratioToHello, cpuRatio: row.cpuRatioToHello })),
      };
    });
  console.log(`\n== goal: every hot read at ≥ ${READ_GOAL_RATIO.toFixed(2)} × hello (asked as a phone asks)`);
  for (const goal of goals) {
    judge(
      'reads',
      goal.kind,
      goal.met,
      `lowest ${formatRatio(goal.lowest.ratio)} × hello by req/s (${goal.lowest.label}); ` +
        `by server CPU per request ${formatRatio(goal.costliest.ratio)}`,
    );
    const aside = goal.notCounted
      .map((row) => `\n    not counted: ${row.label}: ${formatRatio(row.ratio)} (cpu ${formatRatio(row.cpuRatio)})`)
      .join('');
    console.log(
      `  ${goal.kind}: ${goal.met ? 'met' : 'NOT MET'} by req/s (lowest ${formatRatio(goal.lowest.ratio)}, ${goal.lowest.label}); ` +
        `${goal.metByCpu ? 'met' : 'NOT MET'} by server CPU per request (lowest ${formatRatio(goal.costliest.ratio)}, ${goal.costliest.label})${aside}`,
    );
  }

  // Head-of-line blocking: the cached reads' p99 while the uncached search runs beside them.
  for (const database of databases) {
    const cached = database.rows.find((row) => row.label.startsWith(BESIDE.label));
    const search = database.rows.find((row) => row.label.startsWith('uncached search beside'));
    if (!cached) continue;
    judge(
      'beside',
      database.kind,
      cached.result.latencyMs.p99 <= BESIDE_GOAL_P99_MS,
      `p99 ${formatNumber(cached.result.latencyMs.p99)} ms at ${formatNumber(cached.result.requestsPerSecond)} req/s, ` +
        `beside ${formatNumber(search?.result.requestsPerSecond ?? 0)} uncached searches/s`,
    );
  }

  // ---- JSON
  const out = join(import.meta.dirname, 'results', 'latest.json');
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        machine,
        settings,
        hello: helloRuns,
        databases,
        goals,
        ok: failures.length === 0,
        failures,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nresults: ${out}`);

  if (failures.length > 0) {
    console.log(`\nFAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log('ok: every response was 2xx');
  }
}

if (PARTS.has('reads')) await benchReads();
// The connection bingo: its hot path and live fan-out, each beside its bare limit (bench/bingo.ts).
if (PARTS.has('bingo') && !(await (await import('./bingo.ts')).benchBingo())) process.exitCode = 1;
// RSVP: 200 clients on one hot session, on both databases (bench/rsvp.ts).
if (PARTS.has('rsvp') && !(await (await import('./rsvp.ts')).benchAndPrintRsvp([...DATABASES]))) {
  process.exitCode = 1;
}
// One announcement to 5,000 recipients, enqueued (bench/announcements.ts).
if (
  PARTS.has('announcements') &&
  !(await (await import('./announcements.ts')).benchAndPrintAnnouncements([...DATABASES]))
) {
  process.exitCode = 1;
}
// The organisers' meeting scheduler beside a first-come greedy (bench/meetings.ts).
if (PARTS.has('meetings') && !(await import('./meetings.ts')).benchMeetings()) process.exitCode = 1;
// Every goal of the issue, met or not (a goal not met is a finding, not a failure of the run).
printGoals();
