import { Type } from 'typebox';
import { notFound } from '../errors.ts';
import type { App } from '../http/types.ts';
import { frameOf, type LiveHub, type LiveMessage, type SseFrame, sseFrame } from './live.ts';

/** Pages sent away by a stopping instance come back spread over this span, not all in the same instant. */
const RECONNECT_MIN_MS = 1_000;
const RECONNECT_SPREAD_MS = 4_000;

export interface LiveRouteOptions {
  /** The event's id for a slug, or undefined when there is none. */
  eventIdForSlug(slug: string): Promise<string | undefined>;
  /** A comment line keeps proxies and phones from closing a quiet stream. */
  heartbeatMs?: number;
}

/**
 * GET /api/events/:slug/live — Server-Sent Events. On connect: a `hello`,
 * then every registered snapshot (the current state); after that each change
 * as it happens, and a `heartbeat` event every `heartbeatMs`. After the
 * instance's listener was down, `resync` and every snapshot again
 * (`LiveHub.resync`). When the instance stops, `retry:` and a `reconnect` event, and the stream ends.
 */
export function liveRoutes(app: App, hub: LiveHub, options: LiveRouteOptions): void {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  /** The streams open on this app, each with the way to send its page away. */
  const open = new Set<(retryMs: number) => void>();
  // A stopping instance sends every page away before it waits for its connections to end (decision 0027).
  app.addHook('preClose', async () => {
    for (const end of open) {
      end(RECONNECT_MIN_MS + Math.floor(Math.random() * RECONNECT_SPREAD_MS));
    }
    if (open.size > 0) app.log.info({ pages: open.size }, 'live pages told to reconnect');
    open.clear();
  });
  app.get(
    '/api/events/:slug/live',
    {
      schema: {
        tags: ['live'],
        summary: 'Live updates of an event (Server-Sent Events)',
        description:
          'text/event-stream. On connect a `hello` event, then the current state (one event per kind), ' +
          'then changes as they happen (`programme`, `stamp`, `leaderboard`, …) and a `heartbeat` event. ' +
          'A `resync` event means the server may have missed changes for a while; the current state follows it. ' +
          'An instance that is stopping sends `retry:` and a `reconnect` event, then ends the stream.',
        params: Type.Object({ slug: Type.String({ pattern: '^[a-z0-9-]+$', maxLength: 100 }) }),
      },
    },
    async (request, reply) => {
      const eventId = await options.eventIdForSlug(request.params.slug);
      if (!eventId) {
        throw notFound('error.not_found.event', { slug: request.params.slug });
      }
      const personId = request.viewer?.personId ?? null;
      reply.hijack();
      const raw = reply.raw;
      // The stream is meant to stay open and may be quiet between heartbeats: the server's idle timeout for
      // slow clients is not for it. (Node's request and header timeouts stop counting once the request is in.)
      request.raw.socket.setTimeout(0);
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // The head goes now, so that from here on every frame can go straight to the socket.
      raw.flushHeaders();
      const socket = raw.socket;
      const send = (frame: SseFrame) => {
        // Nothing goes after the end a stopping instance wrote (a snapshot still being read, a late message).
        if (raw.writableEnded) return;
        // One write of bytes that every page a message goes to shares (serialised once, by sseFrame), the
        // chunk's framing included: no string, encoding or chunk header made per page (decision 0034).
        if (socket && !socket.destroyed && raw.headersSent)
          socket.write(raw.chunkedEncoding ? frame.chunked : frame.plain);
        else raw.write(frame.plain);
      };
      const write = (message: LiveMessage) => send(sseFrame(message));
      const writeText = (text: string) => send(frameOf(Buffer.from(text)));
      // Changes that arrive while snapshots are being read wait, so the page never sees them out of order.
      const queued: LiveMessage[] = [];
      let ready = false;
      const unsubscribe = hub.subscribe(eventId, {
        personId,
        send: (message) => (ready ? write(message) : queued.push(message)),
      });
      const end = (retryMs: number) => {
        close();
        if (raw.writableEnded) return;
        writeText(`retry: ${retryMs}\n\n`);
        write({ type: 'reconnect', data: { retryMs } });
        raw.end();
      };
      open.add(end);
      const heartbeat = setInterval(
        () => write({ type: 'heartbeat', data: { at: new Date().toISOString() } }),
        heartbeatMs,
      );
      heartbeat.unref();
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
      };
      raw.on('close', close);
      writeText('retry: 3000\n\n');
      write({ type: 'hello', data: { eventId } });
      for (const [type, provide] of hub.snapshots) {
        try {
          const data = await provide(eventId, personId);
          if (data !== undefined) write({ type, data });
        } catch (error) {
          request.log.error(error, `live snapshot ${type} failed`);
        }
      }
      ready = true;
      for (const message of queued.splice(0)) write(message);
    },
  );
}
