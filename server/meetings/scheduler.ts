/**
 * The organisers' scheduler: places requested one-to-one meetings in slots
 * and at tables so that nobody and no table is booked twice, every meeting
 * falls where both people are free, and a person never has to cross between
 * venues faster than `travelMs` allows. Pure and deterministic: the same
 * input gives the same placements, so a preview and its publication agree.
 *
 * Greedy by scarcity first (the request with the fewest possible slots is
 * placed first, in the slot the fewest other requests of its two people
 * could use), then repair passes: an unplaced request takes a slot held by
 * one placed meeting when that meeting can move to another slot. A plain
 * first-come greedy pass runs beside it and the larger result wins, so the
 * scheduler never places fewer than the greedy.
 */

export interface SchedulerSlot {
  id: string;
  start: number;
  end: number;
  /** Where the slot is: two meetings of a person at different venues need `travelMs` between them. */
  venue: string;
  tables: number;
}

export interface SchedulerRequest {
  id: string;
  a: string;
  b: string;
  /** The slots the request may take; left out, any slot. */
  slots?: readonly string[] | undefined;
}

/** A meeting already confirmed: it keeps its slot and table. */
export interface FixedMeeting {
  a: string;
  b: string;
  slot: string;
  table: number;
}

export interface SchedulerInput {
  slots: readonly SchedulerSlot[];
  requests: readonly SchedulerRequest[];
  /** Per person, the intervals they are not free (blocked times, sessions on their agenda). */
  busy: ReadonlyMap<string, readonly { start: number; end: number }[]>;
  fixed?: readonly FixedMeeting[];
  travelMs?: number;
}

export interface Placement {
  request: string;
  slot: string;
  table: number;
}

export interface ScheduleOutcome {
  placements: Placement[];
  unplaced: string[];
}

interface Held {
  start: number;
  end: number;
  venue: string;
  request: string | null;
}

class Board {
  private readonly byPerson = new Map<string, Held[]>();
  private readonly used = new Map<string, number>();
  readonly placed = new Map<string, string>();
  /** The requests placed in each slot. */
  readonly inSlot = new Map<string, Set<string>>();

  constructor(
    private readonly slots: ReadonlyMap<string, SchedulerSlot>,
    private readonly travelMs: number,
  ) {}

  count(slot: string): number {
    return this.used.get(slot) ?? 0;
  }

  /** Meetings on the board, fixed ones included. */
  total(): number {
    let sum = 0;
    for (const n of this.used.values()) sum += n;
    return sum;
  }

  meetingsOf(person: string): number {
    return this.byPerson.get(person)?.length ?? 0;
  }

  personFree(person: string, slot: SchedulerSlot, ignoring: string | null = null): boolean {
    for (const held of this.byPerson.get(person) ?? []) {
      if (ignoring !== null && held.request === ignoring) continue;
      const gap = held.venue === slot.venue ? 0 : this.travelMs;
      if (slot.start < held.end + gap && held.start < slot.end + gap) return false;
    }
    return true;
  }

  fits(request: SchedulerRequest, slot: SchedulerSlot, ignoring: string | null = null): boolean {
    return (
      this.count(slot.id) < slot.tables &&
      this.personFree(request.a, slot, ignoring) &&
      this.personFree(request.b, slot, ignoring)
    );
  }

  /** The placed meetings of these people that clash with the slot. */
  blockers(request: SchedulerRequest, slot: SchedulerSlot): Set<string | null> {
    const found = new Set<string | null>();
    for (const person of [request.a, request.b]) {
      for (const held of this.byPerson.get(person) ?? []) {
        const gap = held.venue === slot.venue ? 0 : this.travelMs;
        if (slot.start < held.end + gap && held.start < slot.end + gap) found.add(held.request);
      }
    }
    return found;
  }

  add(request: SchedulerRequest | FixedMeeting, slotId: string, id: string | null): void {
    const slot = this.slots.get(slotId) as SchedulerSlot;
    for (const person of [request.a, request.b]) {
      const list = this.byPerson.get(person) ?? [];
      list.push({ start: slot.start, end: slot.end, venue: slot.venue, request: id });
      this.byPerson.set(person, list);
    }
    this.used.set(slotId, this.count(slotId) + 1);
    if (id !== null) {
      this.placed.set(id, slotId);
      this.inSlot.set(slotId, (this.inSlot.get(slotId) ?? new Set()).add(id));
    }
  }

  remove(request: SchedulerRequest): void {
    const slotId = this.placed.get(request.id);
    if (slotId === undefined) return;
    for (const person of [request.a, request.b]) {
      const list = this.byPerson.get(person) ?? [];
      this.byPerson.set(
        person,
        list.filter((held) => held.request !== request.id),
      );
    }
    this.used.set(slotId, this.count(slotId) - 1);
    this.placed.delete(request.id);
    this.inSlot.get(slotId)?.delete(request.id);
  }
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/** The slots each request could take if nothing else were placed: offered, and both people free. */
function possibleSlots(input: SchedulerInput): Map<string, SchedulerSlot[]> {
  const ordered = [...input.slots].sort((x, y) => x.start - y.start || x.id.localeCompare(y.id));
  const result = new Map<string, SchedulerSlot[]>();
  for (const request of input.requests) {
    const offered = request.slots ? new Set(request.slots) : null;
    const free = (person: string, slot: SchedulerSlot) =>
      !(input.busy.get(person) ?? []).some((interval) => overlaps(interval, slot));
    result.set(
      request.id,
      ordered.filter(
        (slot) =>
          (!offered || offered.has(slot.id)) &&
          request.a !== request.b &&
          free(request.a, slot) &&
          free(request.b, slot),
      ),
    );
  }
  return result;
}

function startBoard(input: SchedulerInput, slots: Map<string, SchedulerSlot>): Board {
  const board = new Board(slots, input.travelMs ?? 0);
  for (const meeting of input.fixed ?? []) if (slots.has(meeting.slot)) board.add(meeting, meeting.slot, null);
  return board;
}

/** Table numbers: fixed meetings keep theirs, new ones take the lowest free number of their slot. */
function assignTables(input: SchedulerInput, placed: Map<string, string>): Placement[] {
  const taken = new Map<string, Set<number>>();
  for (const meeting of input.fixed ?? []) {
    taken.set(meeting.slot, (taken.get(meeting.slot) ?? new Set()).add(meeting.table));
  }
  const placements: Placement[] = [];
  const ids = [...placed.keys()].sort();
  for (const request of ids) {
    const slot = placed.get(request) as string;
    const used = taken.get(slot) ?? new Set<number>();
    let table = 1;
    while (used.has(table)) table++;
    used.add(table);
    taken.set(slot, used);
    placements.push({ request, slot, table });
  }
  return placements;
}

function outcomeOf(input: SchedulerInput, board: Board): ScheduleOutcome {
  return {
    placements: assignTables(input, board.placed),
    unplaced: input.requests
      .map((r) => r.id)
      .filter((id) => !board.placed.has(id))
      .sort(),
  };
}

/** The baseline: requests in the order given, each in its earliest slot that still fits. */
export function scheduleGreedy(input: SchedulerInput): ScheduleOutcome {
  const slots = new Map(input.slots.map((slot) => [slot.id, slot]));
  const possible = possibleSlots(input);
  const board = startBoard(input, slots);
  for (const request of input.requests) {
    const slot = (possible.get(request.id) ?? []).find((candidate) => board.fits(request, candidate));
    if (slot) board.add(request, slot.id, request.id);
  }
  return outcomeOf(input, board);
}

const REPAIR_ROUNDS = 3;

/** Greedy by scarcity, then repair passes; never fewer placements than the baseline greedy. */
export function schedule(input: SchedulerInput): ScheduleOutcome {
  const slots = new Map(input.slots.map((slot) => [slot.id, slot]));
  const possible = possibleSlots(input);
  const board = startBoard(input, slots);
  const requestsOf = new Map<string, number>();
  for (const request of input.requests) {
    for (const person of [request.a, request.b]) requestsOf.set(person, (requestsOf.get(person) ?? 0) + 1);
  }
  const demand = new Map<string, number>();
  const personSlot = (person: string, slot: string) => `${person} ${slot}`;
  for (const request of input.requests) {
    for (const slot of possible.get(request.id) ?? []) {
      for (const person of [request.a, request.b]) {
        const key = personSlot(person, slot.id);
        demand.set(key, (demand.get(key) ?? 0) + 1);
      }
    }
  }
  const order = [...input.requests].sort(
    (x, y) =>
      (possible.get(x.id)?.length ?? 0) - (possible.get(y.id)?.length ?? 0) ||
      (requestsOf.get(x.a) ?? 0) +
        (requestsOf.get(x.b) ?? 0) -
        (requestsOf.get(y.a) ?? 0) -
        (requestsOf.get(y.b) ?? 0) ||
      x.id.localeCompare(y.id),
  );

  for (const request of order) {
    let best: SchedulerSlot | undefined;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const slot of possible.get(request.id) ?? []) {
      if (!board.fits(request, slot)) continue;
      // The slot the two people's other requests need least, and the emptier one among equals (spreads the load).
      const cost =
        (demand.get(personSlot(request.a, slot.id)) ?? 0) +
        (demand.get(personSlot(request.b, slot.id)) ?? 0) +
        board.count(slot.id) / (slot.tables + 1);
      if (cost < bestCost) {
        best = slot;
        bestCost = cost;
      }
    }
    if (best) board.add(request, best.id, request.id);
  }

  const byId = new Map(input.requests.map((request) => [request.id, request]));
  // A repair moves a meeting to a slot with a free table: with every table taken, none can help.
  const capacity = input.slots.reduce((sum, slot) => sum + slot.tables, 0);
  const full = () => board.total() >= capacity;
  for (let round = 0; round < REPAIR_ROUNDS && !full(); round++) {
    let improved = false;
    for (const request of order) {
      if (full()) break;
      if (board.placed.has(request.id)) continue;
      if (repair(board, request, possible, byId)) improved = true;
    }
    if (!improved) break;
  }

  const ours = outcomeOf(input, board);
  const greedy = scheduleGreedy(input);
  return greedy.placements.length > ours.placements.length ? greedy : ours;
}

/**
 * Place `request` in one of its slots by moving one placed meeting out of the
 * way: the one meeting of its people that clashes there, or (when the slot's
 * tables are full) any meeting of that slot, to another slot where it fits.
 */
function repair(
  board: Board,
  request: SchedulerRequest,
  possible: Map<string, SchedulerSlot[]>,
  byId: Map<string, SchedulerRequest>,
): boolean {
  for (const slot of possible.get(request.id) ?? []) {
    const blockers = board.blockers(request, slot);
    if (blockers.has(null) || blockers.size > 1) continue;
    let candidates: string[];
    if (blockers.size === 1) {
      candidates = [...blockers] as string[];
    } else if (board.count(slot.id) >= slot.tables) {
      candidates = [...(board.inSlot.get(slot.id) ?? [])].sort();
    } else {
      continue;
    }
    for (const id of candidates) {
      const moving = byId.get(id) as SchedulerRequest;
      const from = board.placed.get(id) as string;
      board.remove(moving);
      if (board.fits(request, slot)) {
        board.add(request, slot.id, request.id);
        const to = (possible.get(id) ?? []).find((other) => other.id !== from && board.fits(moving, other));
        if (to) {
          board.add(moving, to.id, id);
          return true;
        }
        board.remove(request);
      }
      board.add(moving, from, id);
    }
  }
  return false;
}
