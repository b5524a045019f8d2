import { sql } from 'drizzle-orm';
import { type Database, jsonb, notify, type Queryable } from '../db/client.ts';

/** The channel instances use to pass live messages to each other's subscribers. */
export const LIVE_CHANNEL = 'encuentro_live';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; live messages stay well under. */
const MAX_PAYLOAD = 7_900;

/** One message on an event's live channel: an SSE event name and its JSON data. */
export interface LiveMessage {
  type: string;
  data: unknown;
}

/**
 * Who is listening: the person behind an open page, or null for the public (a big screen, say). Every
 * subscriber of one delivery is handed the same message object: what it derives from it (the SSE frame's
 * bytes, `sseFrame`) is made once and shared.
 */
export interface LiveSubscriber {
  personId: string | null;
  send(message: LiveMessage): void;
}

/** The bytes of a message as an SSE frame: as is, and as one chunk of a chunked HTTP/1.1 body. */
export interface SseFrame {
  plain: Buffer;
  chunked: Buffer;
}

const frames = new WeakMap<LiveMessage, SseFrame>();

/**
 * A message's SSE frame (`event:`, `data:`, a blank line), serialised once
 * per message object however many pages it goes to: a leaderboard sent to
 * 5,000 open pages is one JSON.stringify and one Buffer, written 5,000 times.
 * `chunked` carries the HTTP/1.1 chunk's size line and trailing CRLF, so a
 * stream can hand its socket the whole chunk in one write.
 */
export function sseFrame(message: LiveMessage): SseFrame {
  let frame = frames.get(message);
  if (!frame) {
    frame = frameOf(Buffer.from(`event: ${message.type}\ndata: ${JSON.stringify(message.data)}\n\n`));
    frames.set(message, frame);
  }
  return frame;
}

/** Bytes of a stream, as they are and as one HTTP/1.1 chunk (its size in hex, CRLF, the bytes, CRLF). */
export function frameOf(plain: Buffer): SseFrame {
  const size = `${plain.length.toString(16)}\r\n`;
  const chunked = Buffer.allocUnsafe(size.length + plain.length + 2);
  chunked.write(size, 0, 'latin1');
  plain.copy(chunked, size.length);
  chunked.write('\r\n', size.length + plain.length, 'latin1');
  return { plain, chunked };
}

/**
 * The current state of one kind of message for a newly connected page: the
 * programme's version, my card, the leaderboard. Undefined sends nothing.
 */
export type SnapshotProvider = (eventId: string, personId: string | null) => Promise<unknown | undefined>;

interface Envelope extends LiveMessage {
  eventId: string;
  /** When set, only these people's pages receive it (a stamp on my card). */
  audience?: string[];
}

/**
 * Live updates for the open pages of each event. A capability publishes after
 * its commit; the message travels over PostgreSQL NOTIFY (looped back in
 * process on PGlite), so every instance, this one included, hands it to its
 * own subscribers. Message types registered with `coalesce` (the leaderboard)
 * go out at most once per window per event, carrying the latest data.
 */
export class LiveHub {
  /** What a page receives on connect, by message type; registered by each capability. */
  readonly snapshots = new Map<string, SnapshotProvider>();
  private readonly subscribers = new Map<string, Set<LiveSubscriber>>();
  private readonly coalesceWindows = new Map<string, number>();
  private readonly pending = new Map<string, { latest: Envelope | undefined; timer: NodeJS.Timeout }>();
  private stopListening: (() => Promise<void>) | undefined;
  /** Pages being sent the current state again; what arrives for them meanwhile waits here, behind it. */
  private readonly catchingUp = new Map<LiveSubscriber, LiveMessage[]>();
  private resyncs: Promise<unknown> = Promise.resolve();
  /** Messages waiting for the NOTIFY on its way to finish; the next one carries them all. */
  private readonly outbox: { envelopes: string[]; resolve(): void; reject(error: unknown): void }[] = [];
  private notifying = false;

  constructor(private readonly database: Database) {}

  async start(): Promise<void> {
    this.stopListening = await this.database.listen(LIVE_CHANNEL, (payload) => {
      let parsed: Envelope | Envelope[];
      try {
        parsed = JSON.parse(payload) as Envelope | Envelope[];
      } catch {
        return;
      }
      for (const envelope of Array.isArray(parsed) ? parsed : [parsed]) this.receive(envelope);
    });
  }

  async stop(): Promise<void> {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.catchingUp.clear();
    await this.stopListening?.();
    this.stopListening = undefined;
  }

  /** Register what a page connecting to an event is sent first for messages of `type`. */
  provideSnapshot(type: string, provider: SnapshotProvider): void {
    this.snapshots.set(type, provider);
  }

  /** Send messages of this type at most once per `windowMs` per event (the latest wins). */
  coalesce(type: string, windowMs: number): void {
    this.coalesceWindows.set(type, windowMs);
  }

  /** Call after the commit. `audience` limits delivery to those people. */
  async publish(eventId: string, type: string, data: unknown, audience?: string[]): Promise<void> {
    await this.publishAll([{ eventId, type, data, audience }]);
  }

  /**
   * Several messages, packed into as few NOTIFYs as their size allows (one,
   * usually): a batch of scans stamps many cards, and each NOTIFY is a round
   * trip. They arrive in the order given.
   *
   * What is published while a NOTIFY of this instance is on its way waits and
   * leaves with the next one, packed together (a batch's stamps, the
   * leaderboard and the big screen that follow it): one statement and one
   * pool connection for all of them instead of one each (decision 0034). A
   * publish when nothing is on its way leaves at once. Resolves once its
   * messages were sent.
   */
  publishAll(messages: (LiveMessage & { eventId: string; audience?: string[] })[]): Promise<void> {
    const envelopes: string[] = [];
    for (const { eventId, type, data, audience } of messages) {
      const envelope: Envelope = { eventId, type, data, ...(audience ? { audience } : {}) };
      const json = JSON.stringify(envelope);
      if (Buffer.byteLength(json) + 2 > MAX_PAYLOAD) {
        return Promise.reject(
          new Error(
            `live message "${type}" is ${Buffer.byteLength(json)} bytes; send a smaller notice and let pages fetch`,
          ),
        );
      }
      envelopes.push(json);
    }
    if (envelopes.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.outbox.push({ envelopes, resolve, reject });
      if (!this.notifying) void this.sendOutbox();
    });
  }

  /** Send what waits in the outbox, and what arrives meanwhile, a group at a time, in order. */
  private async sendOutbox(): Promise<void> {
    this.notifying = true;
    try {
      while (this.outbox.length > 0) {
        const group = this.outbox.splice(0);
        try {
          await notifyAll(this.database.db, packed(group.flatMap((entry) => entry.envelopes)));
          for (const entry of group) entry.resolve();
        } catch (error) {
          for (const entry of group) entry.reject(error);
        }
      }
    } finally {
      this.notifying = false;
    }
  }

  /**
   * After this instance stopped hearing NOTIFY for a while, its pages may
   * have missed anything. Each gets `resync`, then every registered snapshot
   * again, as on connect (the web app already acts on those). Resolves with
   * the snapshot reads that failed; those pages get the others.
   */
  resync(): Promise<unknown[]> {
    const run = this.resyncs.catch(() => undefined).then(() => this.sendSnapshotsAgain());
    this.resyncs = run;
    return run;
  }

  private async sendSnapshotsAgain(): Promise<unknown[]> {
    const failures: unknown[] = [];
    // Pages on the same event and person share one read of each snapshot.
    const reads = new Map<string, Promise<unknown>>();
    const pages = [...this.subscribers].flatMap(([eventId, set]) =>
      [...set].map((subscriber) => ({ eventId, subscriber })),
    );
    for (const { eventId, subscriber } of pages) {
      // Messages from now on wait: a snapshot read before them must not arrive after them.
      this.catchingUp.set(subscriber, []);
      const messages: LiveMessage[] = [{ type: 'resync', data: {} }];
      for (const [type, provide] of this.snapshots) {
        const key = `${eventId}\u0000${type}\u0000${subscriber.personId ?? ''}`;
        let read = reads.get(key);
        if (!read) {
          read = provide(eventId, subscriber.personId);
          reads.set(key, read);
        }
        try {
          const data = await read;
          if (data !== undefined) messages.push({ type, data });
        } catch (error) {
          failures.push(error);
        }
      }
      messages.push(...(this.catchingUp.get(subscriber) ?? []));
      this.catchingUp.delete(subscriber);
      for (const message of messages) sendTo(subscriber, message);
    }
    return failures;
  }

  subscribe(eventId: string, subscriber: LiveSubscriber): () => void {
    let set = this.subscribers.get(eventId);
    if (!set) {
      set = new Set();
      this.subscribers.set(eventId, set);
    }
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
      if (set.size === 0) this.subscribers.delete(eventId);
    };
  }

  subscriberCount(eventId?: string): number {
    if (eventId) return this.subscribers.get(eventId)?.size ?? 0;
    let total = 0;
    for (const set of this.subscribers.values()) total += set.size;
    return total;
  }

  private receive(envelope: Envelope): void {
    const window = this.coalesceWindows.get(envelope.type);
    if (!window || envelope.audience) {
      this.deliver(envelope);
      return;
    }
    const key = `${envelope.eventId}\u0000${envelope.type}`;
    const open = this.pending.get(key);
    if (open) {
      // Inside the window: keep only the latest, sent when the window closes.
      open.latest = envelope;
      return;
    }
    // The first message after a quiet spell goes at once and opens a window.
    this.deliver(envelope);
    this.openWindow(key, window);
  }

  private openWindow(key: string, window: number): void {
    const timer = setTimeout(() => {
      const open = this.pending.get(key);
      this.pending.delete(key);
      if (open?.latest) {
        this.deliver(open.latest);
        this.openWindow(key, window);
      }
    }, window);
    timer.unref();
    this.pending.set(key, { latest: undefined, timer });
  }

  private deliver(envelope: Envelope): void {
    const set = this.subscribers.get(envelope.eventId);
    if (!set) return;
    const message: LiveMessage = { type: envelope.type, data: envelope.data };
    const audience = envelope.audience ? new Set(envelope.audience) : undefined;
    for (const subscriber of set) {
      if (audience && (!subscriber.personId || !audience.has(subscriber.personId))) continue;
      const waiting = this.catchingUp.get(subscriber);
      if (waiting) waiting.push(message);
      else sendTo(subscriber, message);
    }
  }
}

/**
 * Every payload in one statement, in order: a batch of 80 scans stamps 160 cards, which fill several payloads,
 * and each was a round trip of its own (decision 0034). Notifications of one statement are sent in the order
 * raised; PostgreSQL folds identical payloads of one transaction into one, which only drops a repeat.
 */
async function notifyAll(db: Queryable, payloads: string[]): Promise<void> {
  if (payloads.length === 1) return notify(db, LIVE_CHANNEL, payloads[0] as string);
  await db.execute(
    sql`select pg_notify(${LIVE_CHANNEL}, t.payload)
        from jsonb_array_elements_text(${jsonb(payloads)}) with ordinality as t(payload, n)
        order by t.n`,
  );
}

/** JSON envelopes as NOTIFY payloads (JSON arrays), as few as fit under PostgreSQL's limit, in order. */
function packed(envelopes: string[]): string[] {
  const payloads: string[] = [];
  let group: string[] = [];
  let size = 2;
  for (const json of envelopes) {
    const bytes = Buffer.byteLength(json);
    if (group.length > 0 && size + bytes + 1 > MAX_PAYLOAD) {
      payloads.push(`[${group.join(',')}]`);
      group = [];
      size = 2;
    }
    group.push(json);
    size += bytes + 1;
  }
  if (group.length > 0) payloads.push(`[${group.join(',')}]`);
  return payloads;
}

function sendTo(subscriber: LiveSubscriber, message: LiveMessage): void {
  try {
    subscriber.send(message);
  } catch {
    // A subscriber whose connection broke is removed by its own close handler.
  }
}
