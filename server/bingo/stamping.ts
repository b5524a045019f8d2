import { type SQL, sql } from 'drizzle-orm';
import type { BingoScreen } from '../../shared/api/bingo.ts';
import type { AppContext } from '../context.ts';
import { jsonb, rows } from '../db/client.ts';
import type { BatchHooks, ConnectionHooks, ConnectionRecorded } from '../networking/hooks.ts';
import { type GameConfig, gameConfig } from './game.ts';
import { cardLayout, cellCounts, completeLines, meetsWinRule } from './model.ts';
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
  /** The cells stamped so far. */
  stamped: string[];
}

/** The players, their cards and their stamps, as JSON (read with the scans' facts). */
function playersOf(game: GameConfig, ids: string[]): SQL {
  // Person by person through the indexes (lateral lookups), whatever the planner believes of tables
  // that grow fast during a game.
  return sql`(select coalesce(json_agg(json_build_object(
                'id', p.id, 'name', p.name, 'country', coalesce(a.country_code, p.country_code), 'topics', p.topics,
                'layout', k.layout, 'completedAt', k.completed_at,
                'stamped', coalesce((select json_agg(s.cell_id) from bingo_stamps s
                                     where s.game_id = ${game.id} and s.person_id = p.id), '[]'::json))), '[]'::json)
              from jsonb_array_elements_text(${jsonb(ids)}) wanted
              cross join lateral (select * from people p where p.id = wanted.value::uuid limit 1) p
              left join lateral (select a.country_code from attendances a
                                 where a.event_id = ${game.eventId} and a.person_id = p.id limit 1) a on true
              left join lateral (select k.layout, k.completed_at from bingo_cards k
                                 where k.game_id = ${game.id} and k.person_id = p.id limit 1) k on true)`;
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
      write: (connections, found) => this.stamp(game, connections, found as Player[]),
    };
  }

  private stamp(game: GameConfig, connections: ConnectionRecorded[], found: Player[]) {
    const counted = connections.filter((c) => c.scannedAt >= game.startsAt && c.scannedAt < game.endsAt);
    const players = new Map(found.map((player) => [player.id, player]));
    const dealt = new Set<string>();
    for (const id of new Set(counted.flatMap((c) => [c.scannerPersonId, c.scannedPersonId]))) {
      const player = players.get(id);
      if (!player || player.layout) continue;
      // A player's own country is left off their card.
      player.layout = cardLayout(game.id, player.id, game.gridSize, game.cells, player.country);
      dealt.add(player.id);
    }
    const cells = new Map(game.cells.map((cell) => [cell.id, cell]));
    const stamped = new Map(found.map((player) => [player.id, new Set(player.stamped)]));
    const newStamps: { personId: string; cellId: string; connectionId: string; at: string }[] = [];
    const completed = new Map<string, string>();
    const changes = new Map<string, StampMessage[]>();

    for (const connection of counted) {
      const a = players.get(connection.scannerPersonId);
      const b = players.get(connection.scannedPersonId);
      if (!a || !b) continue;
      const at = connection.scannedAt.toISOString();
      for (const [me, other] of [
        [a, b],
        [b, a],
      ] as const) {
        const mine = stamped.get(me.id) as Set<string>;
        const layout = me.layout as (string | null)[];
        let fresh = false;
        layout.forEach((cellId, position) => {
          const cell = cellId ? cells.get(cellId) : undefined;
          if (!cell || mine.has(cell.id) || !cellCounts(cell, other)) return;
          mine.add(cell.id);
          fresh = true;
          newStamps.push({ personId: me.id, cellId: cell.id, connectionId: connection.id, at });
          const list = changes.get(me.id) ?? [];
          list.push({ position, cellId: cell.id, by: { id: other.id, name: other.name }, at });
          changes.set(me.id, list);
        });
        if (fresh && !me.completedAt && meetsWinRule(game.winRule, layout, game.gridSize, mine)) {
          me.completedAt = at;
          completed.set(me.id, at);
        }
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
            on conflict (game_id, person_id)
              do update set completed_at = coalesce(bingo_cards.completed_at, excluded.completed_at)`,
      );
    }
    if (newStamps.length > 0) {
      writes.push(
        sql`insert into bingo_stamps (game_id, person_id, cell_id, connection_id, stamped_at)
            select ${game.id}::uuid, x."personId", x."cellId", x."connectionId", x.at
            from jsonb_to_recordset(${jsonb(newStamps)})
              as x("personId" uuid, "cellId" uuid, "connectionId" uuid, at timestamptz)
            on conflict do nothing`,
      );
    }
    const nowComplete = [...completed].filter(([id]) => !dealt.has(id)).map(([person, at]) => ({ person, at }));
    if (nowComplete.length > 0) {
      writes.push(
        sql`update bingo_cards k set completed_at = x.at
            from jsonb_to_recordset(${jsonb(nowComplete)}) as x(person uuid, at timestamptz)
            where k.game_id = ${game.id} and k.person_id = x.person and k.completed_at is null`,
      );
    }
    if (changes.size === 0) return { writes };

    const after = async () => {
      try {
        await this.ctx.live.publishAll(
          [...changes].map(([personId, stamps]) => {
            const player = players.get(personId) as Player;
            const mine = stamped.get(personId) as Set<string>;
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
