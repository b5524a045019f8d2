import type { RsvpState } from '../../shared/api/rsvp.ts';
import type { RsvpStatus, SessionVisibility } from '../../shared/domain.ts';
import type { Settled } from '../db/batcher.ts';
import { AppError } from '../errors.ts';

/** What one person asked of a session: a seat (or a waitlist place), or to give it back. */
export interface SeatRequest {
  action: 'take' | 'cancel';
  personId: string;
  /** Admins may book delegates-only sessions of events they do not attend. */
  admin: boolean;
}

/** The session's row, read with its lock. */
export interface LockedSession {
  id: string;
  capacity: number | null;
  visibility: SessionVisibility;
  status: string;
}

/** What the database holds, read after the lock. */
export interface SeatFacts {
  confirmed: number;
  waitlisted: number;
  /** The first people waiting, in queue order: at least as many as the batch can promote or remove. */
  queueHead: string[];
  /** Each person of the batch: their RSVP (if any), their place in the queue, whether they attend the event. */
  people: Map<
    string,
    {
      status: RsvpStatus | null;
      position: number | null;
      attending: boolean;
      /** A place is held for them through an assigned delegation: counted in `confirmed` already. */
      assigned: boolean;
    }
  >;
  /** The RSVP row of each person read (the batch's people and the queue's head), by person. */
  rsvpIds: Map<string, string>;
}

/**
 * How one person's row ends up after the batch. `queued` orders the RSVPs
 * written by this batch (the database turns it into `queued_at`, after every
 * RSVP already there); `'now'` stamps the batch's time, `'clear'` empties the
 * column, `'keep'` leaves it.
 */
export interface RowChange {
  personId: string;
  /** The row to change; null for a new RSVP. */
  rsvpId: string | null;
  status: RsvpStatus;
  queued: number | null;
  confirmedAt: 'now' | 'clear' | 'keep';
  cancelledAt: 'now' | 'clear' | 'keep';
}

export interface SeatDecisions {
  answers: Settled<RsvpState>[];
  changes: RowChange[];
  /** Who got a seat from the waitlist, in the order they got it, and the index of the request that freed it. */
  promoted: { personId: string; request: number }[];
}

/** The batch's queue was read too short: it cannot happen with the bound the recorder reads, but is never guessed. */
export class QueueHeadTooShort extends Error {}

/**
 * The waitlist as the batch changes it: the people already waiting (their
 * places as read; the first ones by name), minus those who leave it, then
 * those this batch queues, in arrival order.
 */
class Waitlist {
  private readonly left = new Set<number>();
  private readonly joined: string[] = [];

  constructor(
    private readonly waiting: number,
    private readonly head: string[],
    private readonly places: Map<string, number>,
  ) {}

  get length(): number {
    return this.waiting - this.left.size + this.joined.length;
  }

  positionOf(personId: string): number | null {
    const i = this.joined.indexOf(personId);
    if (i >= 0) return this.waiting - this.left.size + i + 1;
    const place = this.places.get(personId);
    if (place === undefined || this.left.has(place)) return null;
    let before = 0;
    for (const gone of this.left) if (gone < place) before += 1;
    return place - before;
  }

  join(personId: string): void {
    this.joined.push(personId);
  }

  leave(personId: string): void {
    const i = this.joined.indexOf(personId);
    if (i >= 0) this.joined.splice(i, 1);
    else {
      const place = this.places.get(personId);
      if (place !== undefined) this.left.add(place);
    }
  }

  /** The first in line, out of the line. */
  next(): string | undefined {
    if (this.waiting - this.left.size > 0) {
      let place = 1;
      while (this.left.has(place)) place += 1;
      const personId = this.head[place - 1];
      if (personId === undefined) throw new QueueHeadTooShort(`the batch read ${this.head.length} waiting`);
      this.left.add(place);
      return personId;
    }
    return this.joined.shift();
  }
}

/**
 * Decide a batch of RSVPs and cancellations for one session, in arrival
 * order, exactly as if each had run alone one after the other under the
 * session lock (decision 0010): each sees the seats, the queue and the
 * person's own RSVP as the requests before it left them, and its answer is
 * the state right after it. Pure: the recorder reads the facts and writes
 * the changes.
 */
export function decideSeats(session: LockedSession, facts: SeatFacts, requests: SeatRequest[]): SeatDecisions {
  const capacity = session.capacity;
  let confirmed = facts.confirmed;
  const status = new Map<string, RsvpStatus | null>();
  const places = new Map<string, number>();
  facts.queueHead.forEach((personId, i) => {
    status.set(personId, 'waitlisted');
    places.set(personId, i + 1);
  });
  for (const [personId, known] of facts.people) {
    status.set(personId, known.status);
    if (known.status === 'waitlisted' && known.position !== null) places.set(personId, known.position);
  }
  const queue = new Waitlist(facts.waitlisted, facts.queueHead, places);
  const changes = new Map<string, RowChange>();
  const promoted: SeatDecisions['promoted'] = [];
  let queued = 0;

  const change = (personId: string): RowChange => {
    let row = changes.get(personId);
    if (!row) {
      row = {
        personId,
        rsvpId: facts.rsvpIds.get(personId) ?? null,
        status: 'cancelled',
        queued: null,
        confirmedAt: 'keep',
        cancelledAt: 'keep',
      };
      changes.set(personId, row);
    }
    return row;
  };

  // As promoteFrom: free seats go to those waiting, in order; no capacity frees every place.
  const promote = (request: number) => {
    if (session.status === 'cancelled') return;
    while (queue.length > 0 && (capacity === null || confirmed < capacity)) {
      const personId = queue.next() as string;
      status.set(personId, 'confirmed');
      confirmed += 1;
      Object.assign(change(personId), { status: 'confirmed', confirmedAt: 'now' });
      promoted.push({ personId, request });
    }
  };

  const refusal = (request: SeatRequest): AppError | null => {
    if (session.visibility === 'delegates' && !request.admin && !facts.people.get(request.personId)?.attending) {
      return new AppError('forbidden', 'rsvp.error.delegates_only');
    }
    if (request.action === 'take' && session.status === 'cancelled') {
      return new AppError('rule_broken', 'rsvp.error.session_cancelled');
    }
    return null;
  };

  const answers = requests.map((request, index): Settled<RsvpState> => {
    const refused = refusal(request);
    if (refused) return { ok: false, error: refused };
    const { personId } = request;
    const held = facts.people.get(personId)?.assigned ?? false;
    if (request.action === 'take') {
      // Seats freed by a capacity change go to those already waiting before anyone new.
      promote(index);
      const mine = status.get(personId) ?? null;
      if (mine !== 'confirmed' && mine !== 'waitlisted') {
        // A place held through the delegation becomes their own seat: the count does not move.
        const seat = held || capacity === null || (confirmed < capacity && queue.length === 0);
        const taken = seat ? 'confirmed' : 'waitlisted';
        if (seat && !held) confirmed += 1;
        else queue.join(personId);
        status.set(personId, taken);
        queued += 1;
        Object.assign(change(personId), {
          status: taken,
          queued,
          confirmedAt: seat ? 'now' : 'clear',
          cancelledAt: 'clear',
        });
      }
    } else {
      const mine = status.get(personId) ?? null;
      if (mine === 'confirmed' || mine === 'waitlisted') {
        // Giving back their own seat leaves the delegation's place: nothing is freed.
        if (mine === 'confirmed' && !held) confirmed -= 1;
        else if (mine === 'waitlisted') queue.leave(personId);
        status.set(personId, 'cancelled');
        Object.assign(change(personId), { status: 'cancelled', cancelledAt: 'now' });
        promote(index);
      }
    }
    const current = status.get(personId) ?? null;
    return {
      ok: true,
      value: {
        sessionId: session.id,
        status: current,
        waitlistPosition: current === 'waitlisted' ? queue.positionOf(personId) : null,
        confirmed,
        waitlisted: queue.length,
        capacity,
        assigned: held,
      },
    };
  });
  return { answers, changes: [...changes.values()], promoted };
}
