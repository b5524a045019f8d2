import { sql } from 'drizzle-orm';
import type { BingoScreen } from '../../shared/api/bingo.ts';
import type { AppContext } from '../context.ts';
import { rows, type Tx } from '../db/client.ts';
import type { ConnectionHooks, ConnectionRecorded } from '../networking/hooks.ts';
import { type GameConfig, gameConfig } from './game.ts';
import { cardLayout, completeLines, meetsWinRule } from './model.ts';
import { boardState, cardOf } from './play.ts';

/** A stamp as the live `stamp` message carries it to the card's owner. */
export interface StampMessage {
  position: number;
  cellId: string;
  by: { id: string; name: string };
  at: string;
}

interface Outcome {
  game: GameConfig;
  perPerson: Map<string, { stamps: StampMessage[]; lines: number; completedAt: string | null; total: number }>;
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
  layout: (string | null)[];
  completedAt: Date | string | null;
}

/** The players' cards, locked in id order, with who the players are. Missing cards are left out. */
function lockedCards(tx: Tx, game: GameConfig, ids: string[]): Promise<Player[]> {
  return rows<Player>(
    tx,
    sql`select p.id, p.name, coalesce(a.country_code, p.country_code) as country, p.topics,
               k.layout, k.completed_at as "completedAt"
        from bingo_cards k join people p on p.id = k.person_id
        left join attendances a on a.person_id = k.person_id and a.event_id = ${game.eventId}
        where k.game_id = ${game.id} and k.person_id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        order by k.person_id for update of k`,
  );
}

/** Deal the cards that do not exist yet (a player's own country is left off their card). */
async function dealCards(tx: Tx, game: GameConfig, a: string, b: string): Promise<void> {
  const people = await rows<{ id: string; country: string | null }>(
    tx,
    sql`select p.id, coalesce(a.country_code, p.country_code) as country
        from people p left join attendances a on a.person_id = p.id and a.event_id = ${game.eventId}
        where p.id in (${a}, ${b})`,
  );
  if (people.length === 0) return;
  // In id order, like every lock on cards, so two transactions dealing the same pair never wait on each other.
  people.sort((x, y) => (x.id < y.id ? -1 : 1));
  const wanted = sql.join(
    people.map(
      (p) =>
        sql`(${game.id}::uuid, ${p.id}::uuid, ${JSON.stringify(cardLayout(game.id, p.id, game.gridSize, game.cells, p.country))}::jsonb)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`insert into bingo_cards (game_id, person_id, layout) values ${wanted} on conflict do nothing`);
}

/**
 * The bingo's side of a new connection. Inside the connection's transaction:
 * both cards are dealt if needed and get the cell the other person counts
 * for, and a card that now meets the win rule is marked complete — a handful
 * of statements, nothing recomputed for the whole game. After the commit:
 * a `stamp` to each of the two players, and the leaderboard and big screen
 * pushed at most every 250 ms per event (longer when reading the board is
 * slow: see boardWindow).
 */
export class BingoPlay implements ConnectionHooks {
  private readonly outcomes = new Map<string, Outcome>();
  private readonly boardTimers = new Map<string, { timer: NodeJS.Timeout; dirty: boolean }>();
  private readonly snapshots = new Map<string, { at: number; state: Promise<BingoScreen | undefined> }>();
  /** How long the last board push of each event took (ms). */
  private readonly pushCost = new Map<string, number>();

  constructor(private readonly ctx: AppContext) {}

  async inTransaction(tx: Tx, connection: ConnectionRecorded): Promise<void> {
    const game = await gameConfig(this.ctx, connection.eventId, tx);
    if (!game) return;
    const at = connection.scannedAt;
    if (at < game.startsAt || at >= game.endsAt) return;
    const a = connection.scannerPersonId;
    const b = connection.scannedPersonId;
    // Two connections stamping the same card at once must not each miss the other's stamp when
    // checking the win rule: both cards are locked first (in id order, so two transactions never
    // wait on each other), and the stamps are read by a later statement, which sees every stamp
    // committed before the lock was granted. Once both players have cards, one statement locks
    // them and reads who the players are.
    let players = await lockedCards(tx, game, [a, b]);
    if (players.length < 2) {
      await dealCards(tx, game, a, b);
      players = await lockedCards(tx, game, [a, b]);
    }
    const byId = new Map(players.map((p) => [p.id, p]));
    const personA = byId.get(a);
    const personB = byId.get(b);
    if (!personA || !personB) return;

    const cells = new Map(game.cells.map((cell) => [cell.id, cell]));
    const wanted: { personId: string; cellId: string; position: number; by: { id: string; name: string } }[] = [];
    for (const [me, other] of [
      [personA, personB],
      [personB, personA],
    ] as const) {
      me.layout.forEach((cellId, position) => {
        const cell = cellId ? cells.get(cellId) : undefined;
        if (!cell) return;
        const counts = cell.countryCode
          ? cell.countryCode === other.country
          : cell.topic !== null && other.topics.includes(cell.topic);
        if (counts) wanted.push({ personId: me.id, cellId: cell.id, position, by: { id: other.id, name: other.name } });
      });
    }
    if (wanted.length === 0) return;
    const values = sql.join(
      wanted.map((w) => sql`(${game.id}::uuid, ${w.personId}::uuid, ${w.cellId}::uuid, ${connection.id}::uuid, ${at})`),
      sql`, `,
    );
    // The new stamps and the ones already there, in one statement (a statement does not see its own
    // inserts, so the two halves never overlap).
    const stamps = await rows<{ fresh: boolean; personId: string; cellId: string }>(
      tx,
      sql`with inserted as (
            insert into bingo_stamps (game_id, person_id, cell_id, connection_id, stamped_at) values ${values}
            on conflict do nothing returning person_id, cell_id)
          select true as fresh, person_id as "personId", cell_id as "cellId" from inserted
          union all
          select false, person_id, cell_id from bingo_stamps where game_id = ${game.id} and person_id in (${a}, ${b})`,
    );
    const inserted = stamps.filter((row) => row.fresh);
    if (inserted.length === 0) return;
    const touched = [...new Set(inserted.map((row) => row.personId))].sort();
    const outcome: Outcome = { game, perPerson: new Map() };
    for (const personId of touched) {
      const card = byId.get(personId);
      if (!card) continue;
      const stamped = new Set(stamps.filter((row) => row.personId === personId).map((row) => row.cellId));
      let completedAt = card.completedAt ? new Date(card.completedAt).toISOString() : null;
      if (!completedAt && meetsWinRule(game.winRule, card.layout, game.gridSize, stamped)) {
        await tx.execute(
          sql`update bingo_cards set completed_at = ${at} where game_id = ${game.id} and person_id = ${personId} and completed_at is null`,
        );
        completedAt = at.toISOString();
      }
      const fresh = new Set(inserted.filter((row) => row.personId === personId).map((row) => row.cellId));
      outcome.perPerson.set(personId, {
        stamps: wanted
          .filter((w) => w.personId === personId && fresh.has(w.cellId))
          .map((w) => ({ position: w.position, cellId: w.cellId, by: w.by, at: at.toISOString() })),
        lines: completeLines(card.layout, game.gridSize, stamped),
        completedAt,
        total: stamped.size,
      });
    }
    // A rolled-back transaction never reaches afterCommit; keep the waiting room from growing without bound.
    if (this.outcomes.size > 10_000) this.outcomes.clear();
    this.outcomes.set(connection.id, outcome);
  }

  async afterCommit(connection: ConnectionRecorded): Promise<void> {
    const outcome = this.outcomes.get(connection.id);
    this.outcomes.delete(connection.id);
    if (!outcome) return;
    try {
      await Promise.all(
        [...outcome.perPerson].map(([personId, change]) =>
          this.ctx.live.publish(connection.eventId, 'stamp', change, [personId]),
        ),
      );
    } catch {
      // Live messages are a courtesy: the cards are right in the database, and pages refetch on reconnect.
    }
    this.boardChanged(outcome.game);
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
