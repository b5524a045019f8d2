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
/** A snapshot for a newly opened page may be this old. */
const SNAPSHOT_TTL_MS = 250;

/**
 * The bingo's side of a new connection. Inside the connection's transaction:
 * both cards are dealt if needed and get the cell the other person counts
 * for, and a card that now meets the win rule is marked complete — a handful
 * of statements, nothing recomputed for the whole game. After the commit:
 * a `stamp` to each of the two players, and the leaderboard and big screen
 * pushed at most every 250 ms per event.
 */
export class BingoPlay implements ConnectionHooks {
  private readonly outcomes = new Map<string, Outcome>();
  private readonly boardTimers = new Map<string, { timer: NodeJS.Timeout; dirty: boolean }>();
  private readonly snapshots = new Map<string, { at: number; state: Promise<BingoScreen | undefined> }>();

  constructor(private readonly ctx: AppContext) {}

  async inTransaction(tx: Tx, connection: ConnectionRecorded): Promise<void> {
    const game = await gameConfig(this.ctx, connection.eventId, tx);
    if (!game) return;
    const at = connection.scannedAt;
    if (at < game.startsAt || at >= game.endsAt) return;
    const a = connection.scannerPersonId;
    const b = connection.scannedPersonId;
    const people = await rows<{ id: string; name: string; country: string | null; topics: string[] }>(
      tx,
      sql`select p.id, p.name, coalesce(a.country_code, p.country_code) as country, p.topics
          from people p left join attendances a on a.person_id = p.id and a.event_id = ${game.eventId}
          where p.id in (${a}, ${b})`,
    );
    const byId = new Map(people.map((p) => [p.id, p]));
    const personA = byId.get(a);
    const personB = byId.get(b);
    if (!personA || !personB) return;

    const layoutA = JSON.stringify(cardLayout(game.id, a, game.gridSize, game.cells, personA.country));
    const layoutB = JSON.stringify(cardLayout(game.id, b, game.gridSize, game.cells, personB.country));
    // Deal the cards that do not exist yet and read the ones that do, in one statement.
    const cards = await rows<{ personId: string; layout: (string | null)[]; completedAt: Date | null }>(
      tx,
      sql`with wanted(person_id, layout) as (values (${a}::uuid, ${layoutA}::jsonb), (${b}::uuid, ${layoutB}::jsonb)),
          dealt as (insert into bingo_cards (game_id, person_id, layout) select ${game.id}, person_id, layout from wanted
                    on conflict do nothing returning person_id, layout, completed_at)
          select person_id as "personId", layout, completed_at as "completedAt" from dealt
          union all
          select person_id, layout, completed_at from bingo_cards where game_id = ${game.id} and person_id in (${a}, ${b})`,
    );
    const cardOfPerson = new Map(cards.map((card) => [card.personId, card]));
    if (cardOfPerson.size < 2) {
      // Dealt by a transaction that committed after this statement began: read it again, now visible.
      const late = await rows<{ personId: string; layout: (string | null)[]; completedAt: Date | null }>(
        tx,
        sql`select person_id as "personId", layout, completed_at as "completedAt" from bingo_cards
            where game_id = ${game.id} and person_id in (${a}, ${b})`,
      );
      for (const card of late) cardOfPerson.set(card.personId, card);
    }

    const cells = new Map(game.cells.map((cell) => [cell.id, cell]));
    const wanted: { personId: string; cellId: string; position: number; by: { id: string; name: string } }[] = [];
    for (const [me, other] of [
      [personA, personB],
      [personB, personA],
    ] as const) {
      const card = cardOfPerson.get(me.id);
      if (!card) continue;
      card.layout.forEach((cellId, position) => {
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
    const inserted = await rows<{ personId: string; cellId: string }>(
      tx,
      sql`insert into bingo_stamps (game_id, person_id, cell_id, connection_id, stamped_at) values ${values}
          on conflict do nothing returning person_id as "personId", cell_id as "cellId"`,
    );
    if (inserted.length === 0) return;

    const touched = [...new Set(inserted.map((row) => row.personId))].sort();
    const touchedList = sql.join(
      touched.map((id) => sql`${id}`),
      sql`, `,
    );
    // Two connections stamping the same card at once must not each miss the other's stamp when
    // checking the win rule: lock the cards (in id order, so two transactions never wait on each
    // other), then read the stamps in a statement that starts after the lock, seeing both.
    const locked = await rows<{ personId: string; completedAt: Date | null }>(
      tx,
      sql`select person_id as "personId", completed_at as "completedAt" from bingo_cards
          where game_id = ${game.id} and person_id in (${touchedList}) order by person_id for update`,
    );
    for (const row of locked) {
      const card = cardOfPerson.get(row.personId);
      if (card) card.completedAt = row.completedAt;
    }
    const all = await rows<{ personId: string; cellId: string }>(
      tx,
      sql`select person_id as "personId", cell_id as "cellId" from bingo_stamps
          where game_id = ${game.id} and person_id in (${touchedList})`,
    );
    const outcome: Outcome = { game, perPerson: new Map() };
    for (const personId of touched) {
      const card = cardOfPerson.get(personId);
      if (!card) continue;
      const stamped = new Set(all.filter((row) => row.personId === personId).map((row) => row.cellId));
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
      for (const [personId, change] of outcome.perPerson) {
        await this.ctx.live.publish(connection.eventId, 'stamp', change, [personId]);
      }
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
    const timer = setTimeout(() => {
      const state = this.boardTimers.get(game.eventId);
      this.boardTimers.delete(game.eventId);
      if (state?.dirty) this.boardChanged(game);
    }, BOARD_WINDOW_MS);
    timer.unref();
    this.boardTimers.set(game.eventId, { timer, dirty: false });
  }

  private async pushBoard(game: GameConfig): Promise<void> {
    try {
      const state = await boardState(this.ctx, game);
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
