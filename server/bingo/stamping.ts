import { type SQL, sql } from 'drizzle-orm';
import type { BingoScreen } from '../../shared/api/bingo.ts';
import type { AppContext } from '../context.ts';
import { jsonb, rows } from '../db/client.ts';
import type { BatchHooks, ConnectionHooks, ConnectionRecorded } from '../networking/hooks.ts';
import { type GameConfig, gameConfig } from './game.ts';
import { cardLayout, completeLines, countCard } from './model.ts';
import { boardState, cardOf } from './play.ts';

/** A stamp as the live `stamp` message carries it to the card's owner. */
export interface StampMessage {
  position: number;
  cellId: string;
  by: { id: string; name: string };
  at: string;
}

/** Leaderboard and big-screen pushes leave each instance at most this often per event. */
const BOARD_WINDOW_MS = 250;
/**
 * Reading the board costs more as players join; the window widens so that the
 * pushes take at most this share of the time (PGlite answers on the main thread).
 */
const BOARD_SHARE = 0.1;
/** …but a busy game's board still moves at least this often. */
const BOARD_WINDOW_MAX_MS = 2000;
/** A snapshot for a newly opened page may be this old. */
const SNAPSHOT_TTL_MS = 250;

/** The coalescing window after a push whose board took `costMs` to read. */
export const boardWindow = (costMs: number): number =>
  Math.min(BOARD_WINDOW_MAX_MS, Math.max(BOARD_WINDOW_MS, costMs / BOARD_SHARE));

interface Player {
  id: string;
  name: string;
  country: string | null;
  topics: string[];
  /** Null until the card is dealt. */
  layout: (string | null)[] | null;
  completedAt: Date | string | null;
  /** The stamps so far. */
  stamps: { cellId: string; connectionId: string; at: string }[];
  /** Their connections within the game, with the moment each is placed at. */
  met: { id: string; other: string; at: string }[];
}

interface Profile {
  id: string;
  name: string;
  country: string | null;
  topics: string[];
}

interface Found {
  players: Player[];
  /** Everyone the players met within the game: what their cells count. */
  others: Profile[];
}

/** The players, their cards, stamps and meetings, and whom they met, as JSON (read with the scans' facts). */
function playersOf(game: GameConfig, ids: string[]): SQL {
  // Person by person through the indexes (lateral lookups), whatever the planner believes of tables
  // that grow fast during a game.
  const within = sql`c.event_id = ${game.eventId} and c.scanned_at >= ${game.startsAt.toISOString()}::timestamptz
                     and c.scanned_at < ${game.endsAt.toISOString()}::timestamptz`;
  return sql`(with pl as (
                select p.id, p.name, coalesce(a.country_code, p.country_code) as country, p.topics,
                       k.layout, k.completed_at,
                       coalesce((select json_agg(json_build_object('cellId', s.cell_id, 'connectionId', s.connection_id,
                                                                   'at', s.stamped_at))
                                 from bingo_stamps s where s.game_id = ${game.id} and s.person_id = p.id), '[]'::json)
                         as stamps,
                       coalesce((select json_agg(json_build_object('id', m.id, 'other', m.other, 'at', m.scanned_at))
                                 from (select c.id, c.person_high as other, c.scanned_at from connections c
                                       where c.person_low = p.id and ${within}
                                       union all
                                       select c.id, c.person_low as other, c.scanned_at from connections c
                                       where c.person_high = p.id and ${within}) m), '[]'::json) as met
                from jsonb_array_elements_text(${jsonb(ids)}) wanted
                cross join lateral (select * from people p where p.id = wanted.value::uuid limit 1) p
                left join lateral (select a.country_code from attendances a
                                   where a.event_id = ${game.eventId} and a.person_id = p.id limit 1) a on true
                left join lateral (select k.layout, k.completed_at from bingo_cards k
                                   where k.game_id = ${game.id} and k.person_id = p.id limit 1) k on true)
              select json_build_object(
                'players', coalesce((select json_agg(json_build_object(
                  'id', pl.id, 'name', pl.name, 'country', pl.country, 'topics', pl.topics, 'layout', pl.layout,
                  'completedAt', pl.completed_at, 'stamps', pl.stamps, 'met', pl.met)) from pl), '[]'::json),
                'others', coalesce((select json_agg(json_build_object(
                  'id', o.id, 'name', o.name, 'country', coalesce(a.country_code, o.country_code), 'topics', o.topics))
                  from (select distinct (m ->> 'other')::uuid as id from pl, json_array_elements(pl.met) m) w
                  cross join lateral (select * from people o where o.id = w.id limit 1) o
                  left join lateral (select a.country_code from attendances a
                                     where a.event_id = ${game.eventId} and a.person_id = o.id limit 1) a on true),
                  '[]'::json)))`;
}

/** A card's change for its owner's page: the new stamps, and where the card now stands. */
interface CardChange {
  stamps: StampMessage[];
  lines: number;
  completedAt: string | null;
  total: number;
}

/**
 * The bingo's side of new connections, in their transaction. The players,
 * cards and stamps are read with the scans' facts (networking holds the locks
 * on both people of every connection, and every stamp is written under those
 * locks, so what is read stays true until the commit). Then, in the order the
 * scans were judged, each connection stamps on both cards the cell the other
 * person counts for, cards are dealt where missing, and a card that comes to
 * meet the win rule is marked complete; those writes go into the statement
 * that records the connections — no round trip of the bingo's own, nothing
 * recomputed for the whole game. After the commit: one `stamp` message to
 * each player whose card changed (all in one NOTIFY), and the leaderboard and
 * big screen pushed at most every 250 ms per event (longer when reading the
 * board is slow: see boardWindow).
 */
export class BingoPlay implements ConnectionHooks {
  private readonly boardTimers = new Map<string, { timer: NodeJS.Timeout; dirty: boolean }>();
  private readonly snapshots = new Map<string, { at: number; state: Promise<BingoScreen | undefined> }>();
  /** How long the last board push of each event took (ms). */
  private readonly pushCost = new Map<string, number>();

  constructor(private readonly ctx: AppContext) {}

  async forBatch(eventId: string): Promise<BatchHooks | undefined> {
    const game = await gameConfig(this.ctx, eventId);
    if (!game) return undefined;
    return {
      read: (people) => playersOf(game, people),
      write: (connections, found) => this.stamp(game, connections, found as Found),
    };
  }

  private stamp(game: GameConfig, connections: ConnectionRecorded[], found: Found) {
    const inGame = (at: Date) => at >= game.startsAt && at < game.endsAt;
    // A connection that moved to an earlier scan may have left the game: its cards are counted again too.
    const relevant = connections.filter((c) => inGame(c.scannedAt) || c.moved);
    const players = new Map(found.players.map((player) => [player.id, player]));
    const profiles = new Map<string, Profile>(found.others.map((other) => [other.id, other]));
    for (const player of found.players) profiles.set(player.id, player);
    const dealt = new Set<string>();
    for (const c of connections.filter((c) => inGame(c.scannedAt))) {
      for (const id of [c.scannerPersonId, c.scannedPersonId]) {
        const player = players.get(id);
        if (!player || player.layout) continue;
        // A player's own country is left off their card.
        player.layout = cardLayout(game.id, player.id, game.gridSize, game.cells, player.country);
        dealt.add(player.id);
      }
    }
    const cells = new Map(game.cells.map((cell) => [cell.id, cell]));
    /** Each touched card's meetings as the batch leaves them: its connections, moved or new, by id. */
    const meetings = new Map<string, Map<string, { other: string; at: number }>>();
    for (const c of relevant) {
      for (const [me, other] of [
        [c.scannerPersonId, c.scannedPersonId],
        [c.scannedPersonId, c.scannerPersonId],
      ] as const) {
        const player = players.get(me);
        if (!player?.layout) continue;
        let mine = meetings.get(me);
        if (!mine) {
          mine = new Map(player.met.map((m) => [m.id, { other: m.other, at: Date.parse(m.at) }]));
          meetings.set(me, mine);
        }
        if (inGame(c.scannedAt)) mine.set(c.id, { other, at: c.scannedAt.getTime() });
        else mine.delete(c.id);
      }
    }

    const newStamps: { personId: string; cellId: string; connectionId: string; at: string }[] = [];
    const goneStamps: { personId: string; cellId: string }[] = [];
    const completion: { person: string; at: string | null }[] = [];
    const completed = new Map<string, string | null>();
    const changes = new Map<string, StampMessage[]>();
    const totals = new Map<string, Set<string>>();

    for (const [personId, mine] of meetings) {
      const player = players.get(personId) as Player;
      const layout = player.layout as (string | null)[];
      const counted = countCard(
        game.winRule,
        layout,
        game.gridSize,
        cells,
        [...mine].flatMap(([connectionId, { other, at }]) => {
          const profile = profiles.get(other);
          return profile ? [{ connectionId, other: profile, at }] : [];
        }),
      );
      const before = new Map(player.stamps.map((stamp) => [stamp.cellId, stamp]));
      const list: StampMessage[] = [];
      for (const stamp of counted.stamps) {
        const old = before.get(stamp.cellId);
        before.delete(stamp.cellId);
        const at = new Date(stamp.at).toISOString();
        if (old && old.connectionId === stamp.connectionId && Date.parse(old.at) === stamp.at) continue;
        newStamps.push({ personId, cellId: stamp.cellId, connectionId: stamp.connectionId, at });
        const by = profiles.get(stamp.byId);
        list.push({ position: stamp.position, cellId: stamp.cellId, by: { id: stamp.byId, name: by?.name ?? '' }, at });
      }
      for (const cellId of before.keys()) goneStamps.push({ personId, cellId });
      const completedAt = counted.completedAt === null ? null : new Date(counted.completedAt).toISOString();
      const wasCompletedAt = player.completedAt ? new Date(player.completedAt).toISOString() : null;
      if (completedAt !== wasCompletedAt || dealt.has(personId)) {
        player.completedAt = completedAt;
        completed.set(personId, completedAt);
        if (!dealt.has(personId)) completion.push({ person: personId, at: completedAt });
      }
      if (list.length > 0 || before.size > 0 || completed.has(personId)) {
        changes.set(personId, list);
        totals.set(personId, new Set(counted.stamps.map((stamp) => stamp.cellId)));
      }
    }

    const writes: SQL[] = [];
    if (dealt.size > 0) {
      // Complete already when their first stamps made them so.
      const cards = [...dealt].map((id) => ({
        person: id,
        layout: players.get(id)?.layout,
        completedAt: completed.get(id) ?? null,
      }));
      writes.push(
        sql`insert into bingo_cards (game_id, person_id, layout, completed_at)
            select ${game.id}::uuid, x.person, x.layout, x."completedAt"
            from jsonb_to_recordset(${jsonb(cards)}) as x(person uuid, layout jsonb, "completedAt" timestamptz)
            on conflict (game_id, person_id) do update set completed_at = excluded.completed_at`,
      );
    }
    if (newStamps.length > 0) {
      // A stamp moves to an earlier meeting when one arrives late from a phone that was offline.
      writes.push(
        sql`insert into bingo_stamps (game_id, person_id, cell_id, connection_id, stamped_at)
            select ${game.id}::uuid, x."personId", x."cellId", x."connectionId", x.at
            from jsonb_to_recordset(${jsonb(newStamps)})
              as x("personId" uuid, "cellId" uuid, "connectionId" uuid, at timestamptz)
            on conflict (game_id, person_id, cell_id)
              do update set connection_id = excluded.connection_id, stamped_at = excluded.stamped_at`,
      );
    }
    if (goneStamps.length > 0) {
      writes.push(
        sql`delete from bingo_stamps s using jsonb_to_recordset(${jsonb(goneStamps)}) as x("personId" uuid, "cellId" uuid)
            where s.game_id = ${game.id} and s.person_id = x."personId" and s.cell_id = x."cellId"`,
      );
    }
    if (completion.length > 0) {
      writes.push(
        sql`update bingo_cards k set completed_at = x.at
            from jsonb_to_recordset(${jsonb(completion)}) as x(person uuid, at timestamptz)
            where k.game_id = ${game.id} and k.person_id = x.person`,
      );
    }
    if (changes.size === 0) return { writes };

    const after = async () => {
      try {
        await this.ctx.live.publishAll(
          [...changes].map(([personId, stamps]) => {
            const player = players.get(personId) as Player;
            const mine = totals.get(personId) as Set<string>;
            const change: CardChange = {
              stamps,
              lines: completeLines(player.layout as (string | null)[], game.gridSize, mine),
              completedAt: player.completedAt ? new Date(player.completedAt).toISOString() : null,
              total: mine.size,
            };
            return { eventId: game.eventId, type: 'stamp', data: change, audience: [personId] };
          }),
        );
      } catch {
        // Live messages are a courtesy: the cards are right in the database, and pages refetch on reconnect.
      }
      this.boardChanged(game);
    };
    return { writes, after };
  }

  /** Push the board now if the window is quiet, else once when it closes. */
  boardChanged(game: GameConfig): void {
    this.snapshots.delete(game.eventId);
    const open = this.boardTimers.get(game.eventId);
    if (open) {
      open.dirty = true;
      return;
    }
    void this.pushBoard(game);
    const timer = setTimeout(
      () => {
        const state = this.boardTimers.get(game.eventId);
        this.boardTimers.delete(game.eventId);
        if (state?.dirty) this.boardChanged(game);
      },
      boardWindow(this.pushCost.get(game.eventId) ?? 0),
    );
    timer.unref();
    this.boardTimers.set(game.eventId, { timer, dirty: false });
  }

  private async pushBoard(game: GameConfig): Promise<void> {
    try {
      const started = performance.now();
      const state = await boardState(this.ctx, game);
      this.pushCost.set(game.eventId, performance.now() - started);
      await this.ctx.live.publish(game.eventId, 'leaderboard', state.leaderboard);
      await this.ctx.live.publish(game.eventId, 'screen', state);
    } catch {
      // The next change pushes again; pages also read the board on connect.
    }
  }

  /** The board for a page that just connected, shared by pages connecting within a quarter second. */
  async snapshot(eventId: string): Promise<BingoScreen | undefined> {
    const now = Date.now();
    const cached = this.snapshots.get(eventId);
    if (cached && now - cached.at < SNAPSHOT_TTL_MS) return cached.state;
    const state = gameConfig(this.ctx, eventId).then((game) => (game ? boardState(this.ctx, game) : undefined));
    this.snapshots.set(eventId, { at: now, state });
    state.catch(() => this.snapshots.delete(eventId));
    return state;
  }

  /** My card for a page that just connected, if I have one. */
  async cardSnapshot(eventId: string, personId: string | null) {
    if (!personId) return undefined;
    const game = await gameConfig(this.ctx, eventId);
    if (!game) return undefined;
    const [card] = await rows<{ n: number }>(
      this.ctx.db,
      sql`select 1 as n from bingo_cards where game_id = ${game.id} and person_id = ${personId}`,
    );
    return card ? cardOf(this.ctx, game, personId) : undefined;
  }

  stop(): void {
    for (const { timer } of this.boardTimers.values()) clearTimeout(timer);
    this.boardTimers.clear();
  }
}

const plays = new WeakMap<AppContext, BingoPlay>();

/**
 * The bingo of this app: one per context, so the connection hooks handed to
 * networking and the live snapshots share their windows and caches.
 */
export function bingoPlay(ctx: AppContext): BingoPlay {
  let play = plays.get(ctx);
  if (!play) {
    play = new BingoPlay(ctx);
    plays.set(ctx, play);
    ctx.live.coalesce('leaderboard', BOARD_WINDOW_MS);
    ctx.live.coalesce('screen', BOARD_WINDOW_MS);
    ctx.live.provideSnapshot('leaderboard', async (eventId) => (await play?.snapshot(eventId))?.leaderboard);
    ctx.live.provideSnapshot('screen', (eventId) => (play as BingoPlay).snapshot(eventId));
    ctx.live.provideSnapshot('card', (eventId, personId) => (play as BingoPlay).cardSnapshot(eventId, personId));
  }
  return play;
}
