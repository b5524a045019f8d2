import { sql } from 'drizzle-orm';
import type { Queryable } from '../server/db/client.ts';

/**
 * Set aside the demo's played bingo (server/demo/bingo-play.ts) for a suite
 * that needs the event as it was before anyone connected: the draw and its
 * skips, the stamps and cards, the scan receipts and the connections go; the
 * game, its cells and prizes, and the attendances stay.
 */
export async function forgetDemoPlay(db: Queryable, eventSlug = 'fim-gdl-2024'): Promise<void> {
  const event = sql`(select id from events where slug = ${eventSlug})`;
  const games = sql`(select id from bingo_games where event_id = ${event})`;
  await db.execute(sql`delete from bingo_draw_skips where game_id in ${games}`);
  await db.execute(sql`delete from bingo_draws where game_id in ${games}`);
  await db.execute(sql`delete from bingo_stamps where game_id in ${games}`);
  await db.execute(sql`delete from bingo_cards where game_id in ${games}`);
  await db.execute(sql`delete from scan_receipts where event_id = ${event}`);
  await db.execute(sql`delete from connections where event_id = ${event}`);
}
