import pg from 'pg';
import { databaseUnavailableCause } from './unavailable.ts';

/** Whether notifications from other instances reach this one, since when, and why not. */
export interface ListenerStatus {
  listening: boolean;
  since: Date;
  /** What broke the connection or keeps it from coming back: an error code, never a message. */
  cause?: string;
}

export interface Backoff {
  /** The first wait before reconnecting; each failure doubles it. */
  initialMs: number;
  /** No wait is longer than this. */
  maxMs: number;
}

/** A restart of PostgreSQL takes seconds: the first tries come fast, later ones every 10 s at most. */
export const LISTENER_BACKOFF: Backoff = { initialMs: 200, maxMs: 10_000 };

/**
 * The wait before reconnect attempt `attempt` (0 first): doubling up to the
 * cap, then a random point in its upper half, so instances that lost
 * PostgreSQL together do not all knock at the same instant.
 */
export function reconnectDelay(attempt: number, backoff: Backoff, random = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * One connection, outside the pool, holds every LISTEN of an instance.
 * PostgreSQL forgets a LISTEN with its connection, and whatever was notified
 * meanwhile is lost for good, so when the connection drops this reconnects
 * by itself (capped, jittered backoff), listens again, and tells its
 * watchers both moments: they must not trust what they kept while deaf, and
 * must catch up once hearing again.
 */
export class PostgresListener {
  private client: pg.Client | undefined;
  private readonly channels = new Map<string, Set<(payload: string) => void>>();
  private readonly watchers = new Set<(listening: boolean) => void>();
  private current: ListenerStatus = { listening: false, since: new Date() };
  private connecting: Promise<void> | undefined;
  private attempt = 0;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly backoff: Backoff = LISTENER_BACKOFF,
  ) {}

  status(): ListenerStatus {
    return { ...this.current };
  }

  /** `handler(false)` when notifications may be getting lost, `handler(true)` when they flow again. */
  watch(handler: (listening: boolean) => void): () => void {
    this.watchers.add(handler);
    return () => this.watchers.delete(handler);
  }

  /**
   * Subscribe to a channel. The first call connects and fails if it cannot
   * (at boot the database must answer); later, a lost connection only delays
   * delivery until the listener is back.
   */
  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    let handlers = this.channels.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.channels.set(channel, handlers);
    }
    handlers.add(onPayload);
    if (!this.connecting) {
      this.connecting = this.connect();
      await this.connecting.catch((error) => {
        this.connecting = undefined;
        handlers.delete(onPayload);
        throw error;
      });
    } else {
      // LISTEN twice is harmless; missing the channel because the connection was still opening is not.
      await this.connecting.catch(() => {});
      await this.client?.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    }
    return async () => {
      handlers.delete(onPayload);
      if (handlers.size > 0 || this.channels.get(channel) !== handlers) return;
      this.channels.delete(channel);
      await this.client?.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.config);
    client.on('notification', (message) => {
      for (const handler of this.channels.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    // Both fire when the server or the network ends the connection; either one is enough to act on.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, undefined));
    try {
      await client.connect();
      for (const channel of this.channels.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => {});
      await client.end().catch(() => {});
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.attempt = 0;
    this.current = { listening: true, since: new Date() };
    this.tell(true);
  }

  private lost(client: pg.Client, error: unknown): void {
    if (client !== this.client) return;
    this.client = undefined;
    client.removeAllListeners('notification');
    client.end().catch(() => {});
    if (this.closed) return;
    this.current = { listening: false, since: new Date(), cause: causeOf(error) };
    this.tell(false);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = reconnectDelay(this.attempt, this.backoff);
    this.attempt += 1;
    this.retry = setTimeout(() => {
      this.connect().catch((error) => {
        if (this.closed) return;
        this.current = { ...this.current, cause: causeOf(error) };
        this.scheduleReconnect();
      });
    }, delay);
    // A listener waiting to come back must not keep a finished command alive.
    this.retry.unref();
  }

  private tell(listening: boolean): void {
    for (const watcher of this.watchers) watcher(listening);
  }
}

function causeOf(error: unknown): string {
  return error === undefined ? 'connection_ended' : (databaseUnavailableCause(error) ?? 'listener_error');
}
