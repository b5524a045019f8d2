import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { DRAW_ALGORITHM } from '../../shared/api/bingo.ts';
import { currentWinners, eligibleAtCommit } from '../bingo/draw.ts';
import { type GameConfig, loadGameConfig } from '../bingo/game.ts';
import { cardLayout, cellCounts, meetsWinRule, seedHashOf } from '../bingo/model.ts';
import { bingoCards, bingoDraws, bingoStamps } from '../bingo/tables.ts';
import { type Queryable, rows } from '../db/client.ts';
import { connections, scanReceipts } from '../networking/tables.ts';

/**
 * The connection bingo of the closing social, played. The seed article says
 * the delegates "competed to complete a bingo card demonstrating connections
 * with delegates from all countries, with the lucky winners taking home gifts
 * provided by our partners"; who met whom is not known, so everything here is
 * invented, among the fictional delegates only (no meeting of a real person).
 *
 * The story: about a dozen delegates play, three complete a line, nobody from
 * Argentina or Australia takes part (so the big screen still asks for them),
 * and the prize draw is committed at 16:05 and revealed at 16:10.
 *
 * Cards are shuffled by the people's ids, which each database draws at
 * random, so a fixed list of meetings would complete a different number of
 * cards on each load. The meetings below are fixed; two rules keep the
 * outcome whatever the shuffle:
 * - a winner meets someone from each of the six other countries that play,
 *   which completes a line on any 3×3 card missing only Argentina and
 *   Australia (the four lines through the free centre pair up the eight other
 *   squares; those two countries block at most two of them). When meeting the
 *   person named would complete that person's card, the next compatriot by
 *   name stands in (each country has four fictional delegates and at most three
 *   winners to meet, so one with no stamp is always left: one stamp is never a line);
 * - a meeting of two others that would complete either card is left out.
 */
const WINNERS = ['Ximena Hernández', 'Javiera Muñoz', 'Daniel Okafor'];

/** The afternoon in the order it went: who scanned whom. */
const AFTERNOON: [scanner: string, scanned: string][] = [
  ['Sophie Tremblay', 'Diego Villaseñor'],
  ['Ximena Hernández', 'Sergio Navarro'],
  ['Valentina Ospina', 'Hugo Cáceres'],
  ['Javiera Muñoz', 'Irene Castell'],
  ['Tyler Brooks', 'Irene Castell'],
  ['Belén Giménez', 'Santiago Restrepo'],
  ['Ximena Hernández', 'Javiera Muñoz'],
  ['Rachel Kim', 'Sergio Navarro'],
  ['Santiago Restrepo', 'Daniel Okafor'],
  ['Diego Villaseñor', 'Valentina Ospina'],
  ['Ximena Hernández', 'Belén Giménez'],
  ['Rachel Kim', 'Javiera Muñoz'],
  ['Hugo Cáceres', 'Irene Castell'],
  ['Valentina Ospina', 'Ximena Hernández'],
  ['Sophie Tremblay', 'Rachel Kim'],
  ['Javiera Muñoz', 'Santiago Restrepo'],
  ['Daniel Okafor', 'Sergio Navarro'],
  ['Ximena Hernández', 'Tyler Brooks'],
  ['Tyler Brooks', 'Belén Giménez'],
  ['Daniel Okafor', 'Ximena Hernández'],
  ['Sergio Navarro', 'Santiago Restrepo'],
  ['Javiera Muñoz', 'Hugo Cáceres'],
  ['Daniel Okafor', 'Belén Giménez'],
  ['Diego Villaseñor', 'Hugo Cáceres'],
  ['Daniel Okafor', 'Javiera Muñoz'],
  ['Sophie Tremblay', 'Irene Castell'],
  ['Daniel Okafor', 'Rachel Kim'],
];

/** The first scan, after people have found their drinks. */
const FIRST_SCAN_MINUTES = 7;
/** Between one scan in the room and the next: four to seven minutes. */
const ROOM_GAP_MS = [240_000, 420_000] as const;
/** Far above the pace rule (one new connection per 5 s per scanner): people talk before they scan again. */
const PERSON_GAP_MS = 8 * 60_000;

/**
 * The demo's draw seed. A real draw's seed is random and kept secret until the
 * reveal; the demo's is derived from this fixed, public phrase so that every
 * load draws the same way and anyone can check it.
 */
export const DEMO_DRAW_PHRASE = 'Encuentro demo: prize draw of the WINHUB connection bingo at FIM GDL 2024';
export const DEMO_DRAW_SEED = createHash('sha256').update(DEMO_DRAW_PHRASE, 'utf8').digest('hex');

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** A number from a hash, so that every "random" detail is the same on every load. */
const hashed = (text: string, modulo: number) => Number.parseInt(sha256(text).slice(0, 8), 16) % modulo;

export interface Delegate {
  id: string;
  name: string;
  /** The country they count for: the attendance's, else the person's (as the game deals). */
  country: string | null;
  topics: string[];
  badgeCode: string;
}

export interface PlayedConnection {
  scanner: Delegate;
  scanned: Delegate;
  method: 'badge_qr' | 'short_code';
  scannedAt: Date;
  receivedAt: Date;
  nonce: string;
}

export interface PlayedCard {
  person: Delegate;
  layout: (string | null)[];
  /** Dealt on the player's first scan, when the server received it. */
  dealtAt: Date;
  completedAt: Date | null;
  /** Each cell with the connection (an index into `connections`) that first earned it. */
  stamps: { cellId: string; connection: number; at: Date }[];
}

/** The cells `me`'s card earns by meeting `other`, by the game's own rule. */
function earned(game: GameConfig, layout: readonly (string | null)[], other: Delegate): string[] {
  const cells = new Map(game.cells.map((cell) => [cell.id, cell]));
  return layout.flatMap((cellId) => {
    const cell = cellId ? cells.get(cellId) : undefined;
    return cell && cellCounts(cell, other) ? [cell.id] : [];
  });
}

/** A nonce shaped like the UUID a phone chooses, the same on every load. */
function demoNonce(scanner: string, scanned: string): string {
  const hex = sha256(`encuentro-demo-scan:${scanner}>${scanned}`);
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Who met whom and when, and the cards that follow, computed from the game
 * and the delegates alone (nothing is written).
 */
export function planAfternoon(
  game: GameConfig,
  delegates: Delegate[],
): { connections: PlayedConnection[]; cards: PlayedCard[] } {
  const byName = new Map(delegates.map((d) => [d.name, d]));
  const named = (name: string) => {
    const found = byName.get(name);
    if (!found) throw new Error(`Demo bingo: unknown fictional delegate "${name}"`);
    return found;
  };
  const winners = new Set(WINNERS.map((name) => named(name).id));
  const layouts = new Map<string, (string | null)[]>();
  const layoutOf = (d: Delegate) => {
    let layout = layouts.get(d.id);
    if (!layout) {
      layout = cardLayout(game.id, d.id, game.gridSize, game.cells, d.country);
      layouts.set(d.id, layout);
    }
    return layout;
  };
  // The cells each person's card ends the afternoon with: completion only grows with stamps,
  // so a card whose final stamps make no line never had one.
  const stamped = new Map<string, Set<string>>();
  const stampsOf = (d: Delegate) => stamped.get(d.id) ?? new Set<string>();
  const wouldComplete = (me: Delegate, other: Delegate) =>
    meetsWinRule(
      game.winRule,
      layoutOf(me),
      game.gridSize,
      new Set([...stampsOf(me), ...earned(game, layoutOf(me), other)]),
    );
  const pairKey = (a: Delegate, b: Delegate) => (a.id < b.id ? `${a.id}:${b.id}` : `${b.id}:${a.id}`);
  const met = new Set<string>();
  const meet = (a: Delegate, b: Delegate) => {
    met.add(pairKey(a, b));
    for (const [me, other] of [
      [a, b],
      [b, a],
    ] as const) {
      stamped.set(me.id, new Set([...stampsOf(me), ...earned(game, layoutOf(me), other)]));
    }
  };
  // Compatriots in a fixed order (code points, not a database's collation).
  const compatriots = (d: Delegate) => {
    const same = delegates
      .filter((other) => other.country === d.country && !winners.has(other.id))
      .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    const from = same.findIndex((other) => other.id === d.id);
    return [...same.slice(from), ...same.slice(0, from)];
  };

  const resolved: ([Delegate, Delegate] | null)[] = AFTERNOON.map(() => null);
  // First the winners' meetings, so that only winners' stamps are there when a stand-in is chosen.
  AFTERNOON.forEach(([scannerName, scannedName], index) => {
    const scanner = named(scannerName);
    const scanned = named(scannedName);
    const winner = winners.has(scanner.id) ? scanner : winners.has(scanned.id) ? scanned : null;
    if (!winner) return;
    const other = winner === scanner ? scanned : scanner;
    const chosen = winners.has(other.id)
      ? other
      : compatriots(other).find((c) => !met.has(pairKey(winner, c)) && !wouldComplete(c, winner));
    if (!chosen) throw new Error(`Demo bingo: nobody from ${other.country} can meet ${winner.name}`);
    meet(winner, chosen);
    resolved[index] = winner === scanner ? [winner, chosen] : [chosen, winner];
  });
  for (const winnerName of WINNERS) {
    const winner = named(winnerName);
    if (!meetsWinRule(game.winRule, layoutOf(winner), game.gridSize, stampsOf(winner))) {
      throw new Error(`Demo bingo: ${winner.name}'s card is not complete`);
    }
  }
  // Then the others, where neither card would be completed.
  AFTERNOON.forEach(([scannerName, scannedName], index) => {
    const scanner = named(scannerName);
    const scanned = named(scannedName);
    if (winners.has(scanner.id) || winners.has(scanned.id) || met.has(pairKey(scanner, scanned))) return;
    if (wouldComplete(scanner, scanned) || wouldComplete(scanned, scanner)) return;
    meet(scanner, scanned);
    resolved[index] = [scanner, scanned];
  });

  // The clock of the afternoon, and the game's own bookkeeping as the scans arrive.
  const played: PlayedConnection[] = [];
  const cards = new Map<string, PlayedCard>();
  const lastScan = new Map<string, number>();
  let cursor = game.startsAt.getTime() + FIRST_SCAN_MINUTES * 60_000;
  for (const pair of resolved) {
    if (!pair) continue;
    const [scanner, scanned] = pair;
    const detail = `${scanner.name}>${scanned.name}`;
    const gap = ROOM_GAP_MS[0] + hashed(`gap:${detail}`, ROOM_GAP_MS[1] - ROOM_GAP_MS[0]);
    const at = Math.max(
      cursor + gap,
      (lastScan.get(scanner.id) ?? 0) + PERSON_GAP_MS,
      (lastScan.get(scanned.id) ?? 0) + PERSON_GAP_MS,
    );
    const scannedAt = new Date(at);
    if (scannedAt >= game.endsAt) throw new Error('Demo bingo: the afternoon runs past the end of the game');
    cursor = at;
    lastScan.set(scanner.id, at);
    lastScan.set(scanned.id, at);
    const connection: PlayedConnection = {
      scanner,
      scanned,
      // Most scan the badge's QR; one in five types the short code under it.
      method: played.length % 5 === 3 ? 'short_code' : 'badge_qr',
      scannedAt,
      receivedAt: new Date(at + 1_000 + hashed(`sent:${detail}`, 3_000)),
      nonce: demoNonce(scanner.name, scanned.name),
    };
    const index = played.push(connection) - 1;
    for (const [me, other] of [
      [scanner, scanned],
      [scanned, scanner],
    ] as const) {
      let card = cards.get(me.id);
      if (!card) {
        card = { person: me, layout: layoutOf(me), dealtAt: connection.receivedAt, completedAt: null, stamps: [] };
        cards.set(me.id, card);
      }
      const has = new Set(card.stamps.map((s) => s.cellId));
      for (const cellId of earned(game, card.layout, other)) {
        if (!has.has(cellId)) card.stamps.push({ cellId, connection: index, at: scannedAt });
        has.add(cellId);
      }
      if (!card.completedAt && meetsWinRule(game.winRule, card.layout, game.gridSize, has)) {
        card.completedAt = scannedAt;
      }
    }
  }
  return { connections: played, cards: [...cards.values()] };
}

/** The fictional delegates at the event, as the game sees them. */
async function fictionalDelegates(tx: Queryable, eventId: string): Promise<Delegate[]> {
  return rows<Delegate>(
    tx,
    sql`select p.id::text as id, p.name, coalesce(a.country_code, p.country_code) as country, p.topics,
               a.badge_code as "badgeCode"
        from people p join attendances a on a.person_id = p.id and a.event_id = ${eventId}
        where p.fictional`,
  );
}

/**
 * Play the demo game of an event and draw its prizes. Does nothing when the
 * event has no game or already has connections, so it never plays twice.
 */
export async function playBingoDemo(tx: Queryable, eventId: string): Promise<void> {
  const game = await loadGameConfig(tx, eventId);
  if (!game) return;
  const [already] = await rows<{ id: string }>(tx, sql`select id from connections where event_id = ${eventId} limit 1`);
  if (already) return;
  const { connections: played, cards } = planAfternoon(game, await fictionalDelegates(tx, eventId));

  const connectionIds: string[] = [];
  for (const c of played) {
    const [low, high] = c.scanner.id < c.scanned.id ? [c.scanner.id, c.scanned.id] : [c.scanned.id, c.scanner.id];
    const [row] = await tx
      .insert(connections)
      .values({
        eventId,
        personLow: low,
        personHigh: high,
        scannerPersonId: c.scanner.id,
        method: c.method,
        scannedAt: c.scannedAt,
        receivedAt: c.receivedAt,
      })
      .returning({ id: connections.id });
    connectionIds.push((row as { id: string }).id);
  }
  await tx.insert(scanReceipts).values(
    played.map((c, i) => ({
      scannerPersonId: c.scanner.id,
      nonce: c.nonce,
      eventId,
      code: c.scanned.badgeCode,
      outcome: 'connected' as const,
      connectionId: connectionIds[i] as string,
      scannedPersonId: c.scanned.id,
      scannedAt: c.scannedAt,
      receivedAt: c.receivedAt,
    })),
  );
  await tx.insert(bingoCards).values(
    cards.map((card) => ({
      gameId: game.id,
      personId: card.person.id,
      layout: card.layout,
      createdAt: card.dealtAt,
      completedAt: card.completedAt,
      // The fictional delegates agreed to be named on the big screen (see bingo.ts).
      showName: true,
    })),
  );
  const stamps = cards.flatMap((card) =>
    card.stamps.map((stamp) => ({
      gameId: game.id,
      personId: card.person.id,
      cellId: stamp.cellId,
      connectionId: connectionIds[stamp.connection] as string,
      stampedAt: stamp.at,
    })),
  );
  if (stamps.length > 0) await tx.insert(bingoStamps).values(stamps);
  await drawDemoPrizes(tx, game);
}

/**
 * The draw after the social, frozen and computed by the app's own rules
 * (commitDraw's eligible list, revealDraw's winners): committed five minutes
 * after the end (16:05 in Guadalajara), revealed five minutes later.
 */
async function drawDemoPrizes(tx: Queryable, game: GameConfig): Promise<void> {
  const eligible = await eligibleAtCommit(tx, game.id, game.eventId);
  if (eligible.length === 0) return;
  await tx.insert(bingoDraws).values({
    gameId: game.id,
    algorithm: DRAW_ALGORITHM,
    eligible: eligible.map((p) => ({ personId: p.personId, name: p.name })),
    seedHash: seedHashOf(DEMO_DRAW_SEED),
    seed: DEMO_DRAW_SEED,
    committedAt: new Date(game.endsAt.getTime() + 5 * 60_000),
  });
  const winners = await currentWinners(tx, game.id, DEMO_DRAW_SEED, eligible);
  await tx
    .update(bingoDraws)
    .set({ revealedAt: new Date(game.endsAt.getTime() + 10 * 60_000), winners })
    .where(eq(bingoDraws.gameId, game.id));
}
