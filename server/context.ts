import type { BackgroundWork } from './background.ts';
import type { ReadCache } from './cache/read-cache.ts';
import type { Clock } from './clock.ts';
import type { Database, Db } from './db/client.ts';
import type { Mailer } from './mail/mailer.ts';
import type { OutboxWorker } from './outbox/worker.ts';
import type { LiveHub } from './realtime/live.ts';

/** What a service needs to do its work: the database, the read cache and the time. */
export interface ServiceContext {
  db: Db;
  cache: ReadCache;
  clock: Clock;
}

export interface AppContext extends ServiceContext {
  database: Database;
  mailer: Mailer;
  /** The origin the app is reached at (PUBLIC_URL): every absolute link the server writes starts with it. */
  publicUrl: string;
  /** Origins a browser's writes may come from (the public one; in development also its loopback aliases). */
  acceptedOrigins: readonly string[];
  /** Work done after the answer has left (the sign-in request's look-up), awaited when the app closes. */
  background: BackgroundWork;
  /** This instance's sender of the outbox's mail (enqueue with enqueueMail inside a transaction). */
  outbox: OutboxWorker;
  production: boolean;
  /** Call after a commit that changed data: drops cached reads here and on every other instance. */
  changed(topic: string): Promise<void>;
  /** Live messages to the open pages of an event, on every instance (SSE). */
  live: LiveHub;
}
