/**
 * The traffic of the soak run, in a child process of bench/soak.ts so that
 * its work is not charged to the server: cached reads, RSVPs (take a seat,
 * give it back), scans (each a new pair of players) at steady rates, and
 * thousands of open live pages. Latencies and answers are kept per window;
 * the bench asks for each window's figures and the window starts afresh.
 */
import http from 'node:http';

export interface SoakJob {
  url: string;
  eventSlug: string;
  players: { cookie: string; code: string }[];
  rsvp: { sessionId: string; cookies: string[] };
  readsPerSecond: number;
  rsvpsPerSecond: number;
  scansPerSecond: number;
  subscribers: number;
  /** Phone time of each scanner's first scan (ms); each next one is 6 s later (the pace rule is 5 s). */
  baseTime: number;
}

export interface KindWindow {
  requests: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers by status, and failures by error code. */
  statuses: Record<string, number>;
  /** Requests not sent because as many as allowed were already waiting for an answer. */
  held: number;
}

export interface SseWindow {
  open: number;
  messages: number;
  /** Streams that ended without the bench closing them. */
  dropped: number;
  reconnects: number;
}

export interface LoadWindow {
  reads: KindWindow;
  rsvps: KindWindow;
  scans: KindWindow;
  sse: SseWindow;
}

/** At most this many requests of one kind wait for an answer at once; beyond it the server is behind. */
const MAX_IN_FLIGHT = 64;

class Kind {
  private latencies: number[] = [];
  private statuses: Record<string, number> = {};
  private held = 0;
  private inFlight = 0;
  private due = 0;
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });

  constructor(
    private readonly perSecond: number,
    private readonly fire: (agent: http.Agent) => Promise<number>,
  ) {}

  tick(seconds: number): void {
    this.due += this.perSecond * seconds;
    while (this.due >= 1) {
      this.due -= 1;
      if (this.inFlight >= MAX_IN_FLIGHT) {
        this.held += 1;
        continue;
      }
      this.inFlight += 1;
      const started = performance.now();
      this.fire(this.agent)
        .then(
          (status) => {
            this.latencies.push(performance.now() - started);
            this.statuses[status] = (this.statuses[status] ?? 0) + 1;
          },
          (error: NodeJS.ErrnoException) => {
            const code = error.code ?? 'error';
            this.statuses[code] = (this.statuses[code] ?? 0) + 1;
          },
        )
        .finally(() => {
          this.inFlight -= 1;
        });
    }
  }

  window(): KindWindow {
    const sorted = this.latencies.sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
    const result = {
      requests: sorted.length,
      p50: at(0.5),
      p99: at(0.99),
      max: sorted.at(-1) ?? Number.NaN,
      statuses: this.statuses,
      held: this.held,
    };
    this.latencies = [];
    this.statuses = {};
    this.held = 0;
    return result;
  }
}

function request(agent: http.Agent, url: string, method: string, cookie?: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(cookie ? { cookie: `encuentro_session=${cookie}` } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

// ------------------------------------------------------------------ live pages

const sse = { open: 0, messages: 0, dropped: 0, reconnects: 0 };
const streams = new Set<http.ClientRequest>();
let closing = false;

function openStream(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = http.get(url, { agent: false, headers: { accept: 'text/event-stream' } }, (response) => {
      response.setEncoding('utf8');
      sse.open += 1;
      resolve();
      response.on('data', (chunk: string) => {
        sse.messages += chunk.split('\n\n').length - 1;
        if (chunk.includes('event: reconnect')) sse.reconnects += 1;
      });
      response.on('close', () => {
        sse.open -= 1;
        streams.delete(outgoing);
        if (!closing) sse.dropped += 1;
      });
      response.on('error', () => {});
    });
    streams.add(outgoing);
    outgoing.on('error', reject);
  });
}

// ------------------------------------------------------------------ the run

let kinds: { reads: Kind; rsvps: Kind; scans: Kind } | undefined;
let ticker: NodeJS.Timeout | undefined;

async function start(job: SoakJob): Promise<{ subscribers: number }> {
  const live = `${job.url}/api/events/${job.eventSlug}/live`;
  for (let i = 0; i < job.subscribers; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, job.subscribers - i) }, () => openStream(live)));
  }
  const reads = [
    `/api/events/${job.eventSlug}/sessions`,
    `/api/events/${job.eventSlug}`,
    '/api/organizations?kind=association',
    '/api/people?q=noemi',
    '/api/organizations/win',
    `/api/events/${job.eventSlug}/bingo/leaderboard`,
  ];
  let read = 0;
  const rsvpTurn = job.rsvp.cookies.map(() => 'POST');
  let rsvp = 0;
  // Every pair once, spread so that one player's scans are apart; then repeats.
  const n = job.players.length;
  const pairs: [number, number][] = [];
  for (let gap = 1; gap < n; gap++) for (let i = 0; i < n; i++) if (i < (i + gap) % n) pairs.push([i, (i + gap) % n]);
  const scansOf = new Map<number, number>();
  let pair = 0;
  let nonce = 0;
  kinds = {
    reads: new Kind(job.readsPerSecond, (agent) => request(agent, `${job.url}${reads[read++ % reads.length]}`, 'GET')),
    rsvps: new Kind(job.rsvpsPerSecond, (agent) => {
      const i = rsvp++ % job.rsvp.cookies.length;
      const method = rsvpTurn[i] as string;
      rsvpTurn[i] = method === 'POST' ? 'DELETE' : 'POST';
      return request(agent, `${job.url}/api/sessions/${job.rsvp.sessionId}/rsvp`, method, job.rsvp.cookies[i]);
    }),
    scans: new Kind(job.scansPerSecond, (agent) => {
      const [scanner, scanned] = pairs[pair++ % pairs.length] as [number, number];
      const k = scansOf.get(scanner) ?? 0;
      scansOf.set(scanner, k + 1);
      const from = job.players[scanner] as SoakJob['players'][number];
      const to = job.players[scanned] as SoakJob['players'][number];
      nonce += 1;
      return request(
        agent,
        `${job.url}/api/events/${job.eventSlug}/connections`,
        'POST',
        from.cookie,
        JSON.stringify({
          code: to.code,
          nonce: `soak-${process.pid}-${nonce}`,
          scannedAt: new Date(job.baseTime + k * 6_000).toISOString(),
        }),
      );
    }),
  };
  let last = performance.now();
  ticker = setInterval(() => {
    const now = performance.now();
    const seconds = (now - last) / 1000;
    last = now;
    for (const kind of Object.values(kinds ?? {})) kind.tick(seconds);
  }, 20);
  return { subscribers: sse.open };
}

function window(): LoadWindow {
  const k = kinds as NonNullable<typeof kinds>;
  const result = { reads: k.reads.window(), rsvps: k.rsvps.window(), scans: k.scans.window(), sse: { ...sse } };
  sse.messages = 0;
  sse.dropped = 0;
  sse.reconnects = 0;
  return result;
}

function stopTraffic(): void {
  clearInterval(ticker);
}

process.on('message', (message: { id: number; command: 'start' | 'window' | 'stop'; job?: SoakJob }) => {
  const reply = (result: unknown) => process.send?.({ id: message.id, result });
  switch (message.command) {
    case 'start':
      start(message.job as SoakJob).then(reply, (error: Error) =>
        process.send?.({ id: message.id, error: error.message }),
      );
      break;
    case 'window':
      reply(window());
      break;
    case 'stop':
      // The server is about to be stopped: from now on, streams that end are expected to.
      stopTraffic();
      closing = true;
      reply(window());
      break;
  }
});
