import { BackgroundWork } from './background.ts';
import { ReadCache } from './cache/read-cache.ts';
import { type Clock, systemClock } from './clock.ts';
import { type Config, type PublicOrigins, publicOrigins } from './config.ts';
import type { AppContext } from './context.ts';
import { type Database, openDatabase } from './db/client.ts';
import { startMaintenance } from './db/maintenance.ts';
import { migrate } from './db/migrate.ts';
import { loadDemoOnce } from './demo/load.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { type OutboxOptions, OutboxWorker } from './outbox/worker.ts';
import { startChangeFeed } from './realtime/changes.ts';
import { LiveHub } from './realtime/live.ts';

export interface Runtime {
  ctx: AppContext;
  close(): Promise<void>;
}

/** Open the database, bring its schema up to date, load the demo if asked, and wire the change feed. */
export interface RuntimeOptions {
  loadDemo: boolean;
  clock?: Clock;
  mailer?: Mailer;
  /**
   * Where the app is reached (from publicOrigins() of the configuration).
   * Default: http://localhost, the origin app.inject() speaks as.
   */
  origins?: PublicOrigins;
  production?: boolean;
  /** How the outbox works (lease, poll); false: this runtime sends no mail (a tool preparing data). */
  outbox?: Partial<OutboxOptions> | false;
}

export async function startRuntime(
  database: Database,
  options: RuntimeOptions,
): Promise<Runtime & { migrations: string[]; demoLoaded: boolean }> {
  const migrations = await migrate(database.db);
  const demoLoaded = options.loadDemo ? (await loadDemoOnce(database.db)) === 'loaded' : false;
  const cache = new ReadCache();
  const feed = await startChangeFeed(database, cache);
  const live = new LiveHub(database);
  await live.start();
  const stopWatching = watchListener(database, cache, live);
  const maintenance = startMaintenance(database);
  const production = options.production ?? false;
  const origins = options.origins ?? publicOrigins({ PORT: 80, NODE_ENV: 'development' });
  const clock = options.clock ?? systemClock;
  const mailer =
    options.mailer ??
    createMailer({ from: 'Encuentro <no-reply@encuentro.localhost>', production, log: (m) => console.info(m) });
  const outbox = new OutboxWorker(database, mailer, clock, origins.url, options.outbox || {});
  if (options.outbox !== false) await outbox.start();
  const ctx: AppContext = {
    database,
    db: database.db,
    cache,
    changed: feed.changed,
    live,
    clock,
    mailer,
    outbox,
    publicUrl: origins.url,
    acceptedOrigins: origins.accepted,
    background: new BackgroundWork(),
    production,
  };
  return {
    ctx,
    migrations,
    demoLoaded,
    async close() {
      await ctx.background.idle();
      // The batch being sent is finished and marked; what is left waits in the outbox for the next start.
      await outbox.stop();
      stopWatching();
      await maintenance.stop();
      await live.stop();
      await feed.stop();
      await database.close();
    },
  };
}

/**
 * Notifications from other instances keep this one's cached reads and live
 * pages current. While they cannot arrive (the LISTEN connection is down and
 * reconnecting), cached reads would go stale unnoticed: the cache steps aside
 * and every read goes to the database. Once listening again, the cache starts
 * empty and every open page is sent the current state.
 */
function watchListener(database: Database, cache: ReadCache, live: LiveHub): () => void {
  return database.watchListener((listening) => {
    if (!listening) {
      cache.suspend();
      const { cause } = database.listenerStatus();
      console.warn(`[encuentro] database notifications interrupted (${cause}); reading around the cache, reconnecting`);
      return;
    }
    cache.resume();
    console.info('[encuentro] database notifications restored; cache cleared, live pages sent the current state');
    void live.resync().then((failures) => {
      if (failures.length > 0) console.warn('[encuentro] some live snapshots could not be read again', failures[0]);
    });
  });
}

export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
}
