import type { ReadCache } from './cache/read-cache.ts';
import type { Clock } from './clock.ts';
import type { Database, Db } from './db/client.ts';
import type { Mailer } from './mail/mailer.ts';
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
  /** Origin for links sent by mail; when absent, the request's own origin. */
  publicUrl?: string | undefined;
  production: boolean;
  /** Call after a commit that changed data: drops cached reads here and on every other instance. */
  changed(topic: string): Promise<void>;
  /** Live messages to the open pages of an event, on every instance (SSE). */
  live: LiveHub;
}
