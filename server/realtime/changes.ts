import type { ReadCache } from '../cache/read-cache.ts';
import { type Database, notify } from '../db/client.ts';

/** The channel instances use to tell each other that data changed. */
export const CHANGES_CHANNEL = 'encuentro_changes';

/**
 * After a commit that changed data, drop this instance's cached reads and
 * tell the others (PostgreSQL LISTEN/NOTIFY; on PGlite it loops back in
 * process). Called only after the commit, so nobody sees what a rollback undid.
 */
export async function startChangeFeed(database: Database, cache: ReadCache) {
  const stop = await database.listen(CHANGES_CHANNEL, () => cache.invalidate());
  return {
    async changed(topic: string): Promise<void> {
      cache.invalidate();
      await notify(database.db, CHANGES_CHANNEL, topic);
    },
    stop,
  };
}
