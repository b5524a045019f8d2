import { ReadCache } from './cache/read-cache.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { type Database, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { loadDemoOnce } from './demo/load.ts';
import { startChangeFeed } from './realtime/changes.ts';

export interface Runtime {
  ctx: AppContext;
  close(): Promise<void>;
}

/** Open the database, bring its schema up to date, load the demo if asked, and wire the change feed. */
export async function startRuntime(
  database: Database,
  options: { loadDemo: boolean },
): Promise<Runtime & { migrations: string[]; demoLoaded: boolean }> {
  const migrations = await migrate(database.db);
  const demoLoaded = options.loadDemo ? (await loadDemoOnce(database.db)) === 'loaded' : false;
  const cache = new ReadCache();
  const feed = await startChangeFeed(database, cache);
  const ctx: AppContext = { database, db: database.db, cache, changed: feed.changed };
  return {
    ctx,
    migrations,
    demoLoaded,
    async close() {
      await feed.stop();
      await database.close();
    },
  };
}

export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
}
