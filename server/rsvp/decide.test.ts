import { describe, expect, it } from 'vitest';
import type { RsvpStatus } from '../../shared/domain.ts';
import { decideSeats, type LockedSession, QueueHeadTooShort, type SeatFacts, type SeatRequest } from './decide.ts';

const session = (overrides: Partial<LockedSession> = {}): LockedSession => ({
  id: 'session',
  capacity: 2,
  visibility: 'public',
  status: 'scheduled',
  ...overrides,
});

/** What the database holds: who is seated, who waits (in order), and who else the batch names. */
function facts(
  seated: string[],
  waiting: string[],
  others: string[] = [],
  attending = true,
  held: string[] = [],
): SeatFacts {
  const people: SeatFacts['people'] = new Map();
  const known = (status: RsvpStatus | null, position: number | null, id: string) => ({
    status,
    position,
    attending,
    assigned: held.includes(id),
  });
  for (const id of seated) people.set(id, known('confirmed', null, id));
  waiting.forEach((id, i) => {
    people.set(id, known('waitlisted', i + 1, id));
  });
  for (const id of others) people.set(id, known(null, null, id));
  return {
    // The places held through a delegation count as taken, as selectSeatFacts counts them.
    confirmed: seated.length + held.filter((id) => !seated.includes(id)).length,
    waitlisted: waiting.length,
    queueHead: waiting,
    people,
    rsvpIds: new Map([...seated, ...waiting].map((id) => [id, `rsvp-${id}`])),
  };
}

const take = (personId: string, admin = false): SeatRequest => ({ action: 'take', personId, admin });
const cancel = (personId: string): SeatRequest => ({ action: 'cancel', personId, admin: false });
const states = (decided: ReturnType<typeof decideSeats>) =>
  decided.answers.map((answer) => (answer.ok ? [answer.value.status, answer.value.waitlistPosition] : 'refused'));

describe('deciding a batch of RSVPs', () => {
  it('gives seats freed by a larger capacity to those waiting before anyone new', () => {
    const decided = decideSeats(session({ capacity: 3 }), facts(['ana'], ['ben', 'carla', 'dev'], ['eve']), [
      take('eve'),
    ]);
    expect(decided.promoted.map((p) => p.personId)).toEqual(['ben', 'carla']);
    expect(states(decided)).toEqual([['waitlisted', 2]]);
    expect(decided.changes.find((c) => c.personId === 'eve')).toMatchObject({ rsvpId: null, queued: 1 });
    expect(decided.changes.find((c) => c.personId === 'ben')).toMatchObject({
      rsvpId: 'rsvp-ben',
      status: 'confirmed',
      confirmedAt: 'now',
      queued: null,
    });
  });

  it('seats everyone waiting when the session has no capacity any more', () => {
    const decided = decideSeats(session({ capacity: null }), facts(['ana'], ['ben', 'carla'], ['dev']), [take('dev')]);
    expect(decided.promoted.map((p) => p.personId)).toEqual(['ben', 'carla']);
    expect(states(decided)).toEqual([['confirmed', null]]);
  });

  it('refuses outsiders of a delegates-only session, and new seats at a cancelled one', () => {
    const delegatesOnly = decideSeats(
      session({ visibility: 'delegates' }),
      facts([], [], ['stranger', 'boss'], false),
      [take('stranger'), take('boss', true)],
    );
    expect(states(delegatesOnly)).toEqual(['refused', ['confirmed', null]]);

    const cancelled = decideSeats(session({ status: 'cancelled' }), facts(['ana'], ['ben']), [
      take('carla'),
      cancel('ana'),
    ]);
    // A cancellation is still taken, and promotes nobody into a cancelled session.
    expect(states(cancelled)).toEqual(['refused', ['cancelled', null]]);
    expect(cancelled.promoted).toEqual([]);
  });

  it('never guesses who waits beyond what it read', () => {
    const short = { ...facts(['ana', 'ben'], ['carla']), waitlisted: 2 };
    expect(() => decideSeats(session(), short, [cancel('ana'), cancel('ben')])).toThrow(QueueHeadTooShort);
  });

  it('counts the places of an assigned delegation, and lets its members turn theirs into a seat', () => {
    // Two seats: Ana holds one through her delegation, so Ben takes the last and Carla waits.
    const decided = decideSeats(session(), facts([], [], ['ana', 'ben', 'carla'], true, ['ana']), [
      take('ben'),
      take('carla'),
      take('ana'),
      cancel('ana'),
    ]);
    expect(states(decided)).toEqual([
      ['confirmed', null],
      ['waitlisted', 1],
      ['confirmed', null],
      ['cancelled', null],
    ]);
    // Her own seat given back, the delegation's place stays: nobody is promoted into it.
    expect(decided.promoted).toEqual([]);
    expect(decided.answers.map((a) => (a.ok ? a.value.confirmed : null))).toEqual([2, 2, 2, 2]);
  });
});
