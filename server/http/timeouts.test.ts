import { connect } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { SseStream } from '../../test/sse-frames.ts';
import { rows } from '../db/client.ts';

const EVENT = 'fim-gdl-2024';
/** Short, so that the test waits little; the server's default is 30 s (REQUEST_TIMEOUT_MS). */
const REQUEST_TIMEOUT_MS = 300;

interface Cut {
  /** What the server wrote before closing. */
  answer: string;
  /** How many bytes of the request the client had sent by then. */
  sent: number;
}

/**
 * A client that sends `head` and then one more byte every 20 ms, for as long
 * as the server keeps the connection open.
 */
function trickle(port: number, head: string, more = 'a'): Promise<Cut> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let ticker: NodeJS.Timeout | undefined;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('error', () => {});
    socket.on('connect', () => {
      socket.write(head);
      sent += head.length;
      ticker = setInterval(() => {
        if (!socket.writable) return;
        socket.write(more);
        sent += more.length;
      }, 20);
    });
    socket.on('close', () => {
      clearInterval(ticker);
      resolve({ answer, sent });
    });
    socket.on('timeout', () => reject(new Error('never closed')));
  });
}

describe.each(databaseKinds())('slow clients on %s', (kind) => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp(kind, {}, { serveWeb: false, requestTimeoutMs: REQUEST_TIMEOUT_MS });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as { port: number }).port;
  });
  afterAll(() => t.close());

  it('cuts off a body sent a byte at a time, and a live page stays connected past the timeout', async () => {
    const live = await SseStream.open(`http://127.0.0.1:${port}/api/events/${EVENT}/live`);
    const length = 1_000_000;
    // Three in a row: by the last one the live page has been quiet longer than the request timeout and
    // than the idle timeout (twice the request timeout) of other connections.
    for (let i = 0; i < 3; i++) {
      const cut = await trickle(
        port,
        `POST /api/events/${EVENT}/connections HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${length}\r\n\r\n{"code":"`,
      );
      expect(cut.answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(cut.sent).toBeLessThan(length);
    }

    const [event] = await rows<{ id: string }>(t.runtime.ctx.db, sql`select id from events where slug = ${EVENT}`);
    const eventId = (event as { id: string }).id;
    await t.runtime.ctx.live.publish(eventId, 'still-here', { change: 'updated' });
    const message = await live.next('still-here');
    expect(JSON.parse(message.data ?? '{}')).toMatchObject({ change: 'updated' });
    live.close();
  });

  it('cuts off headers sent a byte at a time', async () => {
    const cut = await trickle(port, 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', 'a');
    expect(cut.answer).toMatch(/^HTTP\/1\.1 408 /);
  });
});
