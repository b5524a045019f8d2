import { request as httpRequest, type IncomingMessage } from 'node:http';
import { expect } from 'vitest';

export interface SseEvent {
  event: string;
  data: unknown;
}

/**
 * A plain SSE reader over node:http, as a phone's EventSource would read the
 * stream: frames separated by a blank line, `event:` and `data:` fields,
 * `retry:` and comment lines kept for inspection.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly raw: string[] = [];
  response!: IncomingMessage;
  private buffer = '';
  private closeRequest = () => {};

  static open(url: string, cookie?: string): Promise<SseClient> {
    const client = new SseClient();
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { headers: { accept: 'text/event-stream', ...(cookie ? { cookie } : {}) } });
      client.closeRequest = () => req.destroy();
      req.on('response', (response) => {
        client.response = response;
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => client.read(chunk));
        resolve(client);
      });
      req.on('error', reject);
      req.end();
    });
  }

  private read(chunk: string) {
    this.buffer += chunk;
    let end = this.buffer.indexOf('\n\n');
    while (end !== -1) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.raw.push(frame);
      const fields = Object.fromEntries(
        frame.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
      );
      if (fields.event) this.events.push({ event: fields.event, data: JSON.parse(fields.data ?? 'null') });
      end = this.buffer.indexOf('\n\n');
    }
  }

  async next(type: string, after = 0): Promise<SseEvent> {
    let found: SseEvent | undefined;
    await expect
      .poll(
        () => {
          found = this.events.slice(after).find((event) => event.event === type);
          return found;
        },
        { timeout: 10_000, interval: 20 },
      )
      .toBeDefined();
    return found as SseEvent;
  }

  close() {
    this.closeRequest();
  }
}
