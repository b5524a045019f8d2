/**
 * The load generator, run as a child process by bench/run.ts (forked, with
 * an IPC channel). It receives one job at a time, drives autocannon against
 * the server in the parent, and answers with the numbers the report needs.
 * Jobs cross the process boundary as plain data, so a varying request (the
 * uncached search) is described here by a pattern instead of a function.
 */
import { pathToFileURL } from 'node:url';
import autocannon, { type AutocannonRequest } from 'autocannon';

export interface LoadJob {
  url: string;
  connections: number;
  pipelining: number;
  seconds: number;
  /** Request headers (the cached reads send a phone's Accept-Encoding). */
  headers?: Record<string, string>;
  /**
   * Make every request unique: the path becomes `${pathPrefix}${encodeURIComponent(`${term} ${n}`)}`,
   * with `term` cycling through `terms` and `n` counting up for the whole life of the worker
   * (so no value repeats between warm-up and measurement, nor between runs on the same server).
   */
  vary?: { pathPrefix: string; terms: string[] };
}

export interface LoadResult {
  seconds: number;
  requestsPerSecond: number;
  requestsTotal: number;
  latencyMs: { mean: number; p50: number; p99: number; max: number };
  bytesPerSecond: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

let counter = 0;

export function varyingPath(vary: NonNullable<LoadJob['vary']>, n: number): string {
  const term = vary.terms[n % vary.terms.length] ?? '';
  return `${vary.pathPrefix}${encodeURIComponent(`${term} ${n}`)}`;
}

async function run(job: LoadJob): Promise<LoadResult> {
  const { vary } = job;
  const requests: AutocannonRequest[] | undefined = vary
    ? [
        {
          setupRequest: (request) => {
            counter += 1;
            return { ...request, path: varyingPath(vary, counter) };
          },
        },
      ]
    : undefined;
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    pipelining: job.pipelining,
    duration: job.seconds,
    timeout: 10,
    ...(job.headers ? { headers: job.headers } : {}),
    ...(requests ? { requests } : {}),
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats)) statusCodes[code] = stat.count;
  return {
    seconds: result.duration,
    requestsPerSecond: result.requests.average,
    requestsTotal: result.requests.total,
    latencyMs: {
      mean: result.latency.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    bytesPerSecond: result.throughput.average,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

if (isEntryPoint && process.send) {
  const send = process.send.bind(process);
  process.on('message', (message: { id: number; job: LoadJob } | 'stop') => {
    if (message === 'stop') {
      process.disconnect();
      return;
    }
    run(message.job).then(
      (result) => send({ id: message.id, result }),
      (error: unknown) => send({ id: message.id, error: String(error) }),
    );
  });
}
