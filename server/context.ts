import type { ReadCache } from './cache/read-cache.ts';
import type { Database, Db } from './db/client.ts';

/** What a service needs to do its work: the database and the read cache. */
export interface ServiceContext {
  db: Db;
  cache: ReadCache;
}

export interface AppContext extends ServiceContext {
  database: Database;
  /** Call after a commit that changed data: drops cached reads here and on every other instance. */
  changed(topic: string): Promise<void>;
}
