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
function facts(seated: string[], waiting: string[], others: string[] = [], attending = true): SeatFacts {
  const people = new Map<string, { status: RsvpStatus | null; position: number | null; attending: boolean }>();
  for (const id of seated) people.set(id, { status: 'confirmed', position: null, attending });
  waiting.forEach((id, i) => {
    people.set(id, { status: 'waitlisted', position: i + 1, attending });
  });
  for (const id of others) people.set(id, { status: null, position: null, attending });
  return {
    confirmed: seated.length,
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
});
