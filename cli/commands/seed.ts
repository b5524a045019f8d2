import { sql } from 'drizzle-orm';
import type { Config } from '../../server/config.ts';
import { type Db, rows } from '../../server/db/client.ts';
import { loadDemoOnce } from '../../server/demo/load.ts';
import { openMigratedDatabase } from '../database.ts';
import { EXIT, type Output } from '../output.ts';

/** `encuentro seed demo`: load the demo network, which only ever goes into an empty directory. */
export async function seedDemoCommand(out: Output, config: Config): Promise<number> {
  const { database } = await openMigratedDatabase(out, config);
  try {
    const outcome = await loadDemoOnce(database.db);
    if (outcome === 'loaded') out.say('cli.seed.loaded', await countsOf(database.db));
    else out.say(outcome === 'already_loaded' ? 'cli.seed.already_loaded' : 'cli.seed.own_data');
    return EXIT.ok;
  } finally {
    await database.close();
  }
}

async function countsOf(db: Db): Promise<{ organizations: number; people: number; sessions: number }> {
  const [counts] = await rows<{ organizations: number; people: number; sessions: number }>(
    db,
    sql`select (select count(*)::int from organizations) as organizations,
               (select count(*)::int from people) as people,
               (select count(*)::int from sessions) as sessions`,
  );
  return counts ?? { organizations: 0, people: 0, sessions: 0 };
}
