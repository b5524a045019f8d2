import { type SQL, sql } from 'drizzle-orm';
import type {
  BingoCard,
  BingoCardChanges,
  BingoScreen,
  BingoSuggestions,
  Leaderboard,
  LeaderboardEntry,
} from '../../shared/api/bingo.ts';
import { requireSignedIn } from '../accounts/policy.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { type Queryable, rows } from '../db/client.ts';
import { countryOf, reference, topicsOf } from '../directory/reference.ts';
import type { Viewer } from '../http/viewer.ts';
import { bingoError, eventRef, type GameConfig, presentCell, requireGame } from './game.ts';
import { cardLayout, cellCounts, completeLines } from './model.ts';
import {
  latestCompletions,
  prizeDescriptions,
  revealedWinners,
  setShowName,
  showNameOf,
  winnerFaces,
} from './queries.ts';
import { bingoPlay } from './stamping.ts';

/** My card, dealt on first read. */
export async function ensureCard(
  db: Queryable,
  game: GameConfig,
  personId: string,
): Promise<{ layout: (string | null)[]; completedAt: Date | null }> {
  const [existing] = await rows<{ layout: (string | null)[]; completedAt: Date | null }>(
    db,
    sql`select layout, completed_at as "completedAt" from bingo_cards where game_id = ${game.id} and person_id = ${personId}`,
  );
  if (existing) return { layout: existing.layout, completedAt: existing.completedAt && new Date(existing.completedAt) };
  const [own] = await rows<{ country: string | null }>(
    db,
    sql`select coalesce(a.country_code, p.country_code) as country from people p
        left join attendances a on a.person_id = p.id and a.event_id = ${game.eventId} where p.id = ${personId}`,
  );
  const layout = cardLayout(game.id, personId, game.gridSize, game.cells, own?.country ?? null);
  await db.execute(
    sql`insert into bingo_cards (game_id, person_id, layout) values (${game.id}, ${personId}, ${JSON.stringify(layout)}::jsonb)
        on conflict do nothing`,
  );
  return { layout, completedAt: null };
}

/** Staff and partner contacts (by their attendance or their account) play, but win nothing. */
const NOT_ELIGIBLE = (personColumn: SQL, eventId: string) => sql`(
  exists (select 1 from attendances x where x.event_id = ${eventId} and x.person_id = ${personColumn} and (x.is_staff or x.is_partner))
  or exists (select 1 from users u where u.person_id = ${personColumn} and u.role in ('admin', 'partner')))`;

export async function isEligible(db: Queryable, eventId: string, personId: string): Promise<boolean> {
  const [row] = await rows<{ out: boolean }>(db, sql`select ${NOT_ELIGIBLE(sql`${personId}::uuid`, eventId)} as out`);
  return !row?.out;
}

export function requirePerson(viewer: Viewer | null): string {
  const signedIn = requireSignedIn(viewer);
  if (!signedIn.personId) throw bingoError('rule_broken', 'bingo.error.no_person');
  return signedIn.personId;
}

export async function myCard(ctx: ServiceContext, viewer: Viewer | null, slug: string): Promise<BingoCard> {
  const personId = requirePerson(viewer);
  const event = await eventRef(ctx.db, slug);
  const game = await requireGame(ctx, event);
  return cardOf(ctx, game, personId);
}

export async function cardOf(ctx: ServiceContext, game: GameConfig, personId: string): Promise<BingoCard> {
  const card = await ensureCard(ctx.db, game, personId);
  const stamps = await rows<{ cellId: string; at: Date; byId: string; byName: string }>(
    ctx.db,
    sql`select s.cell_id as "cellId", s.stamped_at as at, o.id as "byId", o.name as "byName"
        from bingo_stamps s join connections c on c.id = s.connection_id
        join people o on o.id = case when c.person_low = ${personId} then c.person_high else c.person_low end
        where s.game_id = ${game.id} and s.person_id = ${personId}`,
  );
  const ref = await reference(ctx);
  const byCell = new Map(stamps.map((s) => [s.cellId, s]));
  const cells = new Map(game.cells.map((cell) => [cell.id, cell]));
  const stamped = new Set(byCell.keys());
  return {
    gridSize: game.gridSize,
    winRule: game.winRule,
    cells: card.layout.map((id) => {
      const cell = id ? cells.get(id) : undefined;
      const stamp = id ? byCell.get(id) : undefined;
      return {
        cell: cell ? presentCell(ref, cell) : null,
        free: id === null,
        stamp: stamp ? { by: { id: stamp.byId, name: stamp.byName }, at: new Date(stamp.at).toISOString() } : null,
      };
    }),
    stamps: stamps.length,
    lines: completeLines(card.layout, game.gridSize, stamped),
    completedAt: card.completedAt ? card.completedAt.toISOString() : null,
    eligible: await isEligible(ctx.db, game.eventId, personId),
    showName: await showNameOf(ctx.db, game.id, personId),
  };
}

/** PATCH /api/events/:slug/bingo/card: whether the big screen may show my name in this game (default no). */
export async function changeMyCard(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  input: BingoCardChanges,
): Promise<BingoCard> {
  const personId = requirePerson(viewer);
  const event = await eventRef(ctx.db, slug);
  const game = await requireGame(ctx, event);
  await ensureCard(ctx.db, game, personId);
  await setShowName(ctx.db, game.id, personId, input.showName);
  // The board and the screen show names: push them again (coalesced with the stamps' pushes).
  bingoPlay(ctx).boardChanged(game);
  return cardOf(ctx, game, personId);
}

// === Leaderboard ============================================================

interface PlayerRow {
  personId: string;
  name: string;
  country: string | null;
  layout: (string | null)[];
  completedAt: Date | null;
  notEligible: boolean;
  consent: boolean;
  stamped: string[];
}

/** Every player with their stamps: one query, the lines counted here. */
async function players(db: Queryable, game: GameConfig): Promise<PlayerRow[]> {
  return rows<PlayerRow>(
    db,
    sql`select c.person_id as "personId", p.name, coalesce(a.country_code, p.country_code) as country, c.layout,
          c.completed_at as "completedAt", c.show_name as consent,
          ${NOT_ELIGIBLE(sql.raw('c.person_id'), game.eventId)} as "notEligible",
          coalesce((select array_agg(s.cell_id::text) from bingo_stamps s
                    where s.game_id = c.game_id and s.person_id = c.person_id), '{}'::text[]) as stamped
        from bingo_cards c join people p on p.id = c.person_id
        left join attendances a on a.event_id = ${game.eventId} and a.person_id = c.person_id
        where c.game_id = ${game.id}`,
  );
}

/** Ranked: completed cards first (earliest first), then by lines, then by stamps; equal scores share a rank. */
export function rankPlayers(game: GameConfig, found: PlayerRow[], viewerPersonId: string | null): Leaderboard {
  const scored = found.map((p) => {
    const stamped = new Set(p.stamped);
    const completedAt = p.completedAt ? new Date(p.completedAt) : null;
    return {
      personId: p.personId,
      name: p.consent || p.personId === viewerPersonId ? p.name : null,
      country: p.country,
      stamps: stamped.size,
      lines: completeLines(p.layout, game.gridSize, stamped),
      completed: completedAt !== null,
      completedAt: completedAt ? completedAt.toISOString() : null,
      eligible: !p.notEligible,
      completedMs: completedAt ? completedAt.getTime() : Number.POSITIVE_INFINITY,
    };
  });
  scored.sort(
    (a, b) =>
      a.completedMs - b.completedMs ||
      b.lines - a.lines ||
      b.stamps - a.stamps ||
      (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0),
  );
  const items: LeaderboardEntry[] = [];
  scored.forEach((entry, index) => {
    const previous = scored[index - 1];
    const tie =
      previous &&
      previous.completedMs === entry.completedMs &&
      previous.lines === entry.lines &&
      previous.stamps === entry.stamps;
    const { completedMs: _ignored, ...shown } = entry;
    items.push({ rank: tie ? (items[index - 1] as LeaderboardEntry).rank : index + 1, ...shown });
  });
  return { players: items.length, completed: items.filter((i) => i.completed).length, items };
}

export async function leaderboard(
  ctx: ServiceContext,
  slug: string,
  viewer: Viewer | null,
  limit?: number,
): Promise<Leaderboard> {
  const event = await eventRef(ctx.db, slug);
  const game = await requireGame(ctx, event);
  const board = rankPlayers(game, await players(ctx.db, game), viewer?.personId ?? null);
  return limit ? { ...board, items: board.items.slice(0, limit) } : board;
}

/** What the big screen and the live pushes show: the top of the board, the latest stamps, the countries missing. */
export async function boardState(ctx: ServiceContext, game: GameConfig, top = 10): Promise<BingoScreen> {
  const board = rankPlayers(game, await players(ctx.db, game), null);
  const ref = await reference(ctx);
  const latest = await rows<{ name: string; consent: boolean; country: string | null; cellId: string; at: Date }>(
    ctx.db,
    sql`select p.name, coalesce(k.show_name, false) as consent, coalesce(a.country_code, p.country_code) as country,
          s.cell_id as "cellId", s.stamped_at as at
        from bingo_stamps s join people p on p.id = s.person_id
        left join bingo_cards k on k.game_id = s.game_id and k.person_id = s.person_id
        left join attendances a on a.event_id = ${game.eventId} and a.person_id = s.person_id
        where s.game_id = ${game.id} order by s.stamped_at desc limit 8`,
  );
  const stampedCells = await rows<{ cellId: string }>(
    ctx.db,
    sql`select distinct cell_id as "cellId" from bingo_stamps where game_id = ${game.id}`,
  );
  const done = new Set(stampedCells.map((row) => row.cellId));
  const cells = new Map(game.cells.map((cell) => [cell.id, cell]));
  const completions = await latestCompletions(ctx.db, game.id, game.eventId, 5);
  return {
    completions: completions.map((row) => ({
      name: row.consent ? row.name : null,
      country: row.country,
      at: new Date(row.at).toISOString(),
    })),
    winners: await screenWinners(ctx, game),
    latest: latest.map((row) => {
      const cell = cells.get(row.cellId);
      return {
        name: row.consent ? row.name : null,
        country: row.country,
        cell: cell ? presentCell(ref, cell).label : { en: null, es: null },
        at: new Date(row.at).toISOString(),
      };
    }),
    missing: game.cells
      .filter((cell) => cell.countryCode && !done.has(cell.id))
      .map((cell) => {
        const country = countryOf(ref, cell.countryCode);
        return { code: cell.countryCode as string, name: country ? country.name : { en: cell.countryCode, es: null } };
      }),
    leaderboard: { ...board, items: board.items.slice(0, top) },
  };
}

/** The winners once the draw is revealed, in draw order; names only of those who agreed. */
async function screenWinners(ctx: ServiceContext, game: GameConfig): Promise<BingoScreen['winners']> {
  const draw = await revealedWinners(ctx.db, game.id);
  if (draw.length === 0) return [];
  const faces = new Map(
    (
      await winnerFaces(
        ctx.db,
        game.id,
        game.eventId,
        draw.map((w) => w.personId),
      )
    ).map((row) => [row.personId, row]),
  );
  const prizes = new Map((await prizeDescriptions(ctx.db, game.id)).map((p) => [p.id, p]));
  return draw.map((winner) => {
    const face = faces.get(winner.personId);
    const prize = prizes.get(winner.prizeId);
    return {
      rank: winner.rank,
      name: face?.consent ? face.name : null,
      country: face?.country ?? null,
      prize: { en: prize?.descriptionEn ?? null, es: prize?.descriptionEs ?? null },
    };
  });
}

export async function screen(ctx: ServiceContext, slug: string): Promise<BingoScreen> {
  const event = await eventRef(ctx.db, slug);
  return boardState(ctx, await requireGame(ctx, event));
}

// === Who to meet next =======================================================

export async function suggestions(ctx: ServiceContext, viewer: Viewer | null, slug: string): Promise<BingoSuggestions> {
  const personId = requirePerson(viewer);
  const event = await eventRef(ctx.db, slug);
  const game = await requireGame(ctx, event);
  const card = await ensureCard(ctx.db, game, personId);
  const stamped = new Set(
    (
      await rows<{ cellId: string }>(
        ctx.db,
        sql`select cell_id as "cellId" from bingo_stamps where game_id = ${game.id} and person_id = ${personId}`,
      )
    ).map((row) => row.cellId),
  );
  const cells = new Map(game.cells.map((cell) => [cell.id, cell]));
  const missing = card.layout
    .filter((id): id is string => id !== null && !stamped.has(id))
    .map((id) => cells.get(id))
    .filter((cell) => cell !== undefined);
  if (missing.length === 0) return { items: [] };
  const [me] = await rows<{ topics: string[] }>(ctx.db, sql`select topics from people where id = ${personId}`);
  const myTopics = new Set(me?.topics ?? []);
  const present = await rows<{ id: string; name: string; country: string | null; topics: string[] }>(
    ctx.db,
    sql`select p.id, p.name, coalesce(a.country_code, p.country_code) as country, p.topics
        from attendances a join people p on p.id = a.person_id
        where a.event_id = ${event.id} and a.checked_in_at is not null and a.person_id <> ${personId}
          and not exists (select 1 from connections c where c.event_id = ${event.id}
            and c.person_low = least(${personId}::uuid, a.person_id) and c.person_high = greatest(${personId}::uuid, a.person_id))`,
  );
  const ref = await reference(ctx);
  const found: { score: number; name: string; item: BingoSuggestions['items'][number] }[] = [];
  for (const cell of missing) {
    const matching = present.filter((p) => cellCounts(cell, p));
    for (const person of matching) {
      const shared = person.topics.filter((topic) => myTopics.has(topic));
      found.push({
        score: shared.length,
        name: person.name,
        item: {
          person: { id: person.id, name: person.name, country: countryOf(ref, person.country) },
          cell: presentCell(ref, cell),
          sharedTopics: topicsOf(ref, shared),
        },
      });
    }
  }
  found.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  return { items: found.slice(0, 20).map((entry) => entry.item) };
}
