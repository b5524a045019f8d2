import type { App } from './types.ts';

/** How often, while the server drains, connections that went idle are closed. */
const IDLE_SWEEP_MS = 50;

/**
 * How the app lets go of its connections when it is closed (`app.close()`,
 * which a stopping instance calls): the listening socket closes, so new
 * connections are refused and a load balancer sends them elsewhere; requests
 * already received are answered, each with `Connection: close`, so a client
 * does not send its next request on a connection about to go (the live
 * route sends its pages away in a hook of its own). Fastify then waits for
 * every connection to end before the `onClose` hooks run (the scan recorder
 * drains there), and only after those the database is closed.
 */
export function drainOnClose(app: App): void {
  let draining = false;
  let sweep: NodeJS.Timeout | undefined;
  app.addHook('preClose', async () => {
    draining = true;
    // Node closes the connections that are idle when it stops listening, once; those whose answer or
    // stream ends later (keep-alive, the live pages just ended) would otherwise linger until their timeout.
    if (app.server.listening) {
      sweep = setInterval(() => app.server.closeIdleConnections(), IDLE_SWEEP_MS);
      sweep.unref();
    }
  });
  app.addHook('onSend', async (_request, reply) => {
    if (draining) reply.header('connection', 'close');
  });
  app.addHook('onClose', async () => {
    clearInterval(sweep);
  });
}
