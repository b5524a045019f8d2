/**
 * The RSVP bench's clients, run as a child process by bench/rsvp.ts so that
 * their work is not charged to the server. Each client is one signed-in
 * delegate on a keep-alive connection of its own who, until the time is up,
 * takes a seat (or a waitlist place) at the hot session and gives it back:
 * every cancellation of a seat promotes the first person waiting.
 *
 * The connections stay open from one job to the next: they are made during
 * the warm-up, as a room's phones are connected before a session opens its
 * seats. (Opening 200 at once while the server is busy takes seconds for the
 * last of them, which says nothing about RSVPs; decision 0028.)
 */
import http from 'node:http';

export interface RsvpClientsJob {
  url: string;
  sessionId: string;
  cookies: string[];
  seconds: number;
}

export interface RsvpClientsResult {
  requests: number;
  seconds: number;
  latencyMs: { p50: number; p99: number; max: number };
  statusCodes: Record<string, number>;
  errors: number;
}

function send(agent: http.Agent, url: string, method: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      url,
      { method, agent, headers: { cookie: `encuentro_session=${cookie}` } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

let agent: http.Agent | undefined;

async function run(job: RsvpClientsJob): Promise<RsvpClientsResult> {
  // Every job of a child is for the same crowd.
  agent ??= new http.Agent({ keepAlive: true, maxSockets: job.cookies.length });
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  const started = performance.now();
  const deadline = started + job.seconds * 1000;
  const path = `${job.url}/api/sessions/${job.sessionId}/rsvp`;
  await Promise.all(
    job.cookies.map(async (cookie) => {
      let method: 'POST' | 'DELETE' = 'POST';
      while (performance.now() < deadline) {
        const at = performance.now();
        try {
          const status = await send(agent as http.Agent, path, method, cookie);
          statusCodes[status] = (statusCodes[status] ?? 0) + 1;
          latencies.push(performance.now() - at);
        } catch {
          errors += 1;
        }
        method = method === 'POST' ? 'DELETE' : 'POST';
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    latencyMs: {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? 0,
    },
    statusCodes,
    errors,
  };
}

process.on('message', (job: RsvpClientsJob) => {
  run(job).then(
    (result) => process.send?.(result),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
});
