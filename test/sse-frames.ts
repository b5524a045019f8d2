import { request as httpRequest } from 'node:http';

/** One frame of an event stream: its event name, data and retry field. */
export interface SseFrame {
  event?: string;
  data?: string;
  retry?: string;
}

/**
 * An event stream read as a page's EventSource reads it, with a way to wait
 * for a frame and for the end of the stream.
 */
export class SseStream {
  readonly frames: SseFrame[] = [];
  /** Resolves when the server ends the stream (or the connection breaks). */
  readonly ended: Promise<void>;
  private buffer = '';
  private waiters: { match(frame: SseFrame): boolean; resolve(frame: SseFrame): void }[] = [];
  private endStream = () => {};
  private destroy = () => {};

  private constructor() {
    this.ended = new Promise((resolve) => {
      this.endStream = resolve;
    });
  }

  /** Open the stream and wait for its `hello`. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
    const stream = new SseStream();
    const request = httpRequest(url, { agent: false, headers: { accept: 'text/event-stream', ...headers } });
    stream.destroy = () => request.destroy();
    request.on('response', (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => stream.read(chunk));
      response.on('close', () => stream.endStream());
    });
    request.on('error', () => stream.endStream());
    request.end();
    await stream.next('hello');
    return stream;
  }

  /** The first frame of this event (already received or still to come). */
  next(event: string): Promise<SseFrame> {
    const seen = this.frames.find((frame) => frame.event === event);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match: (frame) => frame.event === event, resolve }));
  }

  close(): void {
    this.destroy();
  }

  private read(chunk: string): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf('\n\n');
    while (end !== -1) {
      const frame: SseFrame = {};
      for (const line of this.buffer.slice(0, end).split('\n')) {
        const colon = line.indexOf(':');
        const field = line.slice(0, colon);
        if (field === 'event' || field === 'data' || field === 'retry') frame[field] = line.slice(colon + 1).trim();
      }
      this.buffer = this.buffer.slice(end + 2);
      this.frames.push(frame);
      for (const waiter of this.waiters.filter((w) => w.match(frame))) waiter.resolve(frame);
      this.waiters = this.waiters.filter((w) => !w.match(frame));
      end = this.buffer.indexOf('\n\n');
    }
  }
}
