import { createHash } from 'node:crypto';
import type { BingoWinRule } from '../../shared/domain.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Cells on a card of this size: every square but the free centre of an odd grid. */
export function cellSlots(gridSize: number): number {
  return gridSize * gridSize - (gridSize % 2 === 1 ? 1 : 0);
}

/**
 * A player's own layout: the game's cells minus the one for their own
 * country, shuffled by a hash of game, person and cell (the same player
 * always gets the same card), cut to the grid, with `null` as the free
 * centre of an odd grid.
 */
export function cardLayout(
  gameId: string,
  personId: string,
  gridSize: number,
  cells: { id: string; countryCode: string | null }[],
  ownCountry: string | null,
): (string | null)[] {
  const mine = cells
    .filter((cell) => !ownCountry || cell.countryCode !== ownCountry)
    .map((cell) => ({ id: cell.id, key: sha256(`${gameId}:${personId}:${cell.id}`) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, cellSlots(gridSize))
    .map((cell) => cell.id as string | null);
  if (gridSize % 2 === 1) mine.splice(Math.floor((gridSize * gridSize) / 2), 0, null);
  return mine;
}

/** Whether meeting `other` stamps this cell: a country cell by their country, a topic cell by their topics. */
export function cellCounts(
  cell: { countryCode: string | null; topic: string | null },
  other: { country: string | null; topics: readonly string[] },
): boolean {
  return cell.countryCode
    ? cell.countryCode === other.country
    : cell.topic !== null && other.topics.includes(cell.topic);
}

/** Complete rows, columns and diagonals; the free centre counts as stamped. */
export function completeLines(
  layout: readonly (string | null)[],
  gridSize: number,
  stamped: ReadonlySet<string>,
): number {
  const done = (index: number) => {
    const cell = layout[index];
    return cell === null || (cell !== undefined && stamped.has(cell));
  };
  const lines: number[][] = [];
  for (let i = 0; i < gridSize; i++) {
    lines.push(Array.from({ length: gridSize }, (_, j) => i * gridSize + j));
    lines.push(Array.from({ length: gridSize }, (_, j) => j * gridSize + i));
  }
  lines.push(Array.from({ length: gridSize }, (_, j) => j * gridSize + j));
  lines.push(Array.from({ length: gridSize }, (_, j) => j * gridSize + (gridSize - 1 - j)));
  return lines.filter((line) => line.every(done)).length;
}

export function meetsWinRule(
  rule: BingoWinRule,
  layout: readonly (string | null)[],
  gridSize: number,
  stamped: ReadonlySet<string>,
): boolean {
  if (rule === 'full_card') return layout.every((cell) => cell === null || stamped.has(cell));
  return completeLines(layout, gridSize, stamped) > 0;
}

/** A meeting as a card counts it: the connection, the other person, and its moment on the phones' clock. */
export interface Meeting {
  connectionId: string;
  other: { id: string; country: string | null; topics: readonly string[] };
  at: number;
}

export interface CountedStamp {
  cellId: string;
  position: number;
  connectionId: string;
  byId: string;
  at: number;
}

/**
 * A card counted from its owner's meetings within the game: each cell is
 * stamped by the earliest meeting that counts for it (ties by connection id),
 * and the card is complete at the moment, on the phones' clock, when its
 * stamps first met the win rule. Whatever order the meetings were uploaded
 * in, the card is the same.
 */
export function countCard(
  rule: BingoWinRule,
  layout: readonly (string | null)[],
  gridSize: number,
  cells: ReadonlyMap<string, { id: string; countryCode: string | null; topic: string | null }>,
  meetings: readonly Meeting[],
): { stamps: CountedStamp[]; completedAt: number | null } {
  const ordered = [...meetings].sort(
    (a, b) => a.at - b.at || (a.connectionId < b.connectionId ? -1 : a.connectionId > b.connectionId ? 1 : 0),
  );
  const stamps: CountedStamp[] = [];
  layout.forEach((cellId, position) => {
    const cell = cellId ? cells.get(cellId) : undefined;
    if (!cell) return;
    const first = ordered.find((meeting) => cellCounts(cell, meeting.other));
    if (first)
      stamps.push({ cellId: cell.id, position, connectionId: first.connectionId, byId: first.other.id, at: first.at });
  });
  stamps.sort((a, b) => a.at - b.at);
  const stamped = new Set<string>();
  let completedAt: number | null = null;
  for (const stamp of stamps) {
    stamped.add(stamp.cellId);
    if (meetsWinRule(rule, layout, gridSize, stamped)) {
      completedAt = stamp.at;
      break;
    }
  }
  return { stamps, completedAt };
}

// === The draw (docs/decisions/0013-verifiable-prize-draw.md) ===============

export const seedHashOf = (seed: string) => sha256(seed);

/** The draw order: eligible people by SHA-256(seed ":" personId) ascending, ties by personId. */
export function drawOrder(seed: string, personIds: readonly string[]): string[] {
  return personIds
    .map((id) => ({ id, key: sha256(`${seed}:${id}`) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((entry) => entry.id);
}

/**
 * Prize units in prize order go to the draw order with skipped people taken
 * out: the first unit to the first person left, and so on.
 */
export function drawWinners(
  seed: string,
  personIds: readonly string[],
  prizeUnits: readonly string[],
  skipped: ReadonlySet<string>,
): { prizeId: string; personId: string; rank: number }[] {
  const order = drawOrder(seed, personIds);
  const winners: { prizeId: string; personId: string; rank: number }[] = [];
  let next = 0;
  for (const prizeId of prizeUnits) {
    while (next < order.length && skipped.has(order[next] as string)) next++;
    if (next >= order.length) break;
    winners.push({ prizeId, personId: order[next] as string, rank: next + 1 });
    next++;
  }
  return winners;
}
