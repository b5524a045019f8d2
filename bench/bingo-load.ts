/**
 * The client side of the bingo bench, run as a child process by
 * bench/bingo.ts: scans driven by autocannon (each request a new pair of
 * players, with its own session cookie, badge code, nonce and phone time),
 * and many Server-Sent Events subscribers that time each message they get.
 */
import http from 'node:http';
import autocannon, { type AutocannonRequest } from 'autocannon';

/** autocannon calls this with each response (not in the shared type declarations). */
type WithResponse = AutocannonRequest & { onResponse(status: number, body: string): void };

export interface ScanJob {
  kind: 'scan';
  url: string;
  seconds: number;
  connections: number;
  players: { cookie: string; code: string }[];
  /** Phone time of each scanner's first scan (ms); each next one is 6 s later (the pace rule is 5 s). */
  baseTime: number;
  /** Whether the requests use up pairs (scans of the app), or all send the first pair (the bare POST). */
  freshPairs: boolean;
}

export interface ScanResult {
  requestsPerSecond: number;
  requestsTotal: number;
  connected: number;
  otherOutcomes: Record<string, number>;
  latencyMs: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}

/** Subscribers are opened in named sets (the app's, the bare server's), held open together and timed by set. */
export type SseJob =
  | { kind: 'sse-open'; set: string; url: string; count: number }
  | { kind: 'sse-round'; set: string; round: number; timeoutMs: number }
  | { kind: 'sse-close' };

type Job = ScanJob | SseJob;

const now = () => performance.timeOrigin + performance.now();

// ------------------------------------------------------------------ scans

/** Pairs in an order that spreads each player's scans out; each pair once for the child's whole life. */
let pairs: [number, number][] = [];
let nextPair = 0;
const scansOf = new Map<number, number>();

function pairsFor(n: number): [number, number][] {
  const all: [number, number][] = [];
  for (let gap = 1; gap < n; gap++) for (let i = 0; i < n; i++) if (i < (i + gap) % n) all.push([i, (i + gap) % n]);
  return all;
}

async function scan(job: ScanJob): Promise<ScanResult> {
  if (pairs.length === 0) pairs = pairsFor(job.players.length);
  const outcomes: Record<string, number> = {};
  let nonce = 0;
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => {
          const [scanner, scanned] = pairs[job.freshPairs ? nextPair++ % pairs.length : 0] as [number, number];
          const k = scansOf.get(scanner) ?? 0;
          if (job.freshPairs) scansOf.set(scanner, k + 1);
          const from = job.players[scanner] as ScanJob['players'][number];
          const to = job.players[scanned] as ScanJob['players'][number];
          nonce += 1;
          return {
            ...request,
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: `encuentro_session=${from.cookie}` },
            body: JSON.stringify({
              code: to.code,
              nonce: `bench-${process.pid}-${Date.now()}-${nonce}`,
              scannedAt: new Date(job.baseTime + k * 6_000).toISOString(),
            }),
          };
        },
        onResponse: (status, body) => {
          let outcome = `http_${status}`;
          try {
            outcome = (JSON.parse(body) as { outcome?: string }).outcome ?? outcome;
          } catch {
            // counted by status
          }
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        },
      } as WithResponse,
    ],
  });
  const connected = outcomes.connected ?? 0;
  delete outcomes.connected;
  return {
    requestsPerSecond: result.requests.average,
    requestsTotal: result.requests.total,
    connected,
    otherOutcomes: outcomes,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

// ------------------------------------------------------------------ SSE subscribers

interface Subscriber {
  request: http.ClientRequest;
  buffer: string;
}

const subscribers = new Map<string, Subscriber[]>();
/** Receive times by round: one per subscriber that got it. */
const received = new Map<number, number[]>();
const sentAt = new Map<number, number>();

function onEvent(block: string): void {
  const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
  if (!data.includes('"bench"')) return;
  const at = now();
  const bench = (JSON.parse(data) as { bench?: { round: number; sentAt: number } }).bench;
  if (!bench) return;
  sentAt.set(bench.round, bench.sentAt);
  let list = received.get(bench.round);
  if (!list) {
    list = [];
    received.set(bench.round, list);
  }
  list.push(at);
}

function open(url: string): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { accept: 'text/event-stream' } }, (response) => {
      response.setEncoding('utf8');
      const subscriber: Subscriber = { request, buffer: '' };
      let ready = false;
      response.on('data', (chunk: string) => {
        subscriber.buffer += chunk;
        let end = subscriber.buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = subscriber.buffer.slice(0, end);
          subscriber.buffer = subscriber.buffer.slice(end + 2);
          if (!ready && block.includes('event: hello')) {
            ready = true;
            resolve(subscriber);
          } else {
            onEvent(block);
          }
          end = subscriber.buffer.indexOf('\n\n');
        }
      });
      response.on('error', () => {});
    });
    request.on('error', reject);
  });
}

async function openAll(set: string, url: string, count: number): Promise<{ opened: number; seconds: number }> {
  const started = now();
  const list = subscribers.get(set) ?? [];
  subscribers.set(set, list);
  for (let i = 0; i < count; i += 100) {
    const batch = await Promise.all(Array.from({ length: Math.min(100, count - i) }, () => open(url)));
    list.push(...batch);
  }
  // Let every subscriber's connect-time snapshots arrive before timing anything.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { opened: list.length, seconds: (now() - started) / 1000 };
}

async function round(set: string, round: number, timeoutMs: number) {
  const deadline = now() + timeoutMs;
  const expected = subscribers.get(set)?.length ?? 0;
  while (now() < deadline && (received.get(round)?.length ?? 0) < expected) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const times = received.get(round) ?? [];
  const sent = sentAt.get(round) ?? Number.NaN;
  received.delete(round);
  return { round, got: times.length, latenciesMs: times.map((t) => t - sent) };
}

function closeAll() {
  for (const list of subscribers.values()) for (const s of list) s.request.destroy();
  subscribers.clear();
  received.clear();
  return { closed: true };
}

async function handle(job: Job): Promise<unknown> {
  switch (job.kind) {
    case 'scan':
      return scan(job);
    case 'sse-open':
      return openAll(job.set, job.url, job.count);
    case 'sse-round':
      return round(job.set, job.round, job.timeoutMs);
    case 'sse-close':
      return closeAll();
  }
}

process.on('message', (message: { id: number; job: Job } | 'stop') => {
  if (message === 'stop') {
    closeAll();
    process.disconnect();
    return;
  }
  handle(message.job).then(
    (result) => process.send?.({ id: message.id, result }),
    (error: unknown) =>
      process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
