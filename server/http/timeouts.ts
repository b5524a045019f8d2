import type { ServerOptions } from 'node:http';

/** How long a client may take to send a whole request (headers and body) before it is cut off. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface ServerTimeouts {
  requestTimeout: number;
  connectionTimeout: number;
  keepAliveTimeout: number;
  http: ServerOptions;
}

/**
 * The limits that stop a slow or silent client from holding a connection
 * forever (Fastify leaves them all off). Node counts `requestTimeout` and
 * `headersTimeout` only while a request is being received, so a response
 * that streams for hours (the live channel's SSE) is not cut by them; the
 * live route also lifts the idle timeout from its own socket.
 */
export function serverTimeouts(requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): ServerTimeouts {
  return {
    // Headers and body: a scan or a form is a few KB, sent in one go even from a phone on venue Wi-Fi.
    requestTimeout: requestTimeoutMs,
    // A socket with no traffic either way (a handler stuck, a client that stopped reading the answer).
    connectionTimeout: 2 * requestTimeoutMs,
    // Longer than the 60 s idle timeout of common load balancers, so the balancer closes an idle
    // connection first and never sends a request on one we are closing (Fastify's own default).
    keepAliveTimeout: 72_000,
    http: {
      // Headers are a few hundred bytes: a client still sending them after 10 s is trickling them on purpose.
      headersTimeout: Math.min(10_000, requestTimeoutMs),
      // Node checks the two limits above on this interval (30 s by default, which would let a slow client
      // stay up to twice the limit).
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(requestTimeoutMs / 10))),
    },
  };
}
