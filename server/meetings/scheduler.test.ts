import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ScheduleOutcome, type SchedulerInput, schedule, scheduleGreedy } from './scheduler.ts';

const MINUTE = 60_000;

/** Generated events: a few spaces at two venues, people with blocked times, requests with and without offered slots. */
const inputs = fc
  .record({
    people: fc.integer({ min: 2, max: 14 }),
    spaces: fc.array(
      fc.record({
        venue: fc.constantFrom('terrace', 'casa'),
        tables: fc.integer({ min: 1, max: 3 }),
        first: fc.integer({ min: 0, max: 8 }),
        count: fc.integer({ min: 1, max: 6 }),
        minutes: fc.constantFrom(15, 20, 30),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    busy: fc.array(fc.record({ person: fc.nat(13), from: fc.nat(300), length: fc.integer({ min: 10, max: 90 }) }), {
      maxLength: 12,
    }),
    requests: fc.array(
      fc.record({ a: fc.nat(13), b: fc.nat(13), offered: fc.option(fc.array(fc.nat(40), { maxLength: 4 })) }),
      { maxLength: 40 },
    ),
    fixed: fc.array(fc.record({ a: fc.nat(13), b: fc.nat(13), slot: fc.nat(40) }), { maxLength: 3 }),
    travel: fc.constantFrom(0, 10),
  })
  .map(({ people, spaces, busy, requests, fixed, travel }): SchedulerInput => {
    const person = (i: number) => `p${i % people}`;
    const slots = spaces.flatMap((space, s) =>
      Array.from({ length: space.count }, (_, i) => ({
        id: `s${s}-${i}`,
        start: (space.first * 15 + i * space.minutes) * MINUTE,
        end: (space.first * 15 + (i + 1) * space.minutes) * MINUTE,
        venue: space.venue,
        tables: space.tables,
      })),
    );
    const slotAt = (i: number) => slots[i % slots.length]?.id as string;
    const blocked = new Map<string, { start: number; end: number }[]>();
    for (const b of busy) {
      const list = blocked.get(person(b.person)) ?? [];
      list.push({ start: b.from * MINUTE, end: (b.from + b.length) * MINUTE });
      blocked.set(person(b.person), list);
    }
    // Fixed meetings are valid among themselves: each takes its own table and its people are free then.
    const fixedMeetings: { a: string; b: string; slot: string; table: number }[] = [];
    for (const f of fixed) {
      const slot = slots.find((candidate) => candidate.id === slotAt(f.slot));
      if (!slot || person(f.a) === person(f.b)) continue;
      const clash = fixedMeetings.some((m) => {
        const other = slots.find((candidate) => candidate.id === m.slot);
        return (
          other &&
          other.start < slot.end + travel * MINUTE &&
          slot.start < other.end + travel * MINUTE &&
          [m.a, m.b].some((p) => p === person(f.a) || p === person(f.b))
        );
      });
      const table = fixedMeetings.filter((m) => m.slot === slot.id).length + 1;
      if (clash || table > slot.tables) continue;
      fixedMeetings.push({ a: person(f.a), b: person(f.b), slot: slot.id, table });
    }
    return {
      slots,
      busy: blocked,
      fixed: fixedMeetings,
      travelMs: travel * MINUTE,
      requests: requests.map((r, i) => ({
        id: `r${String(i).padStart(3, '0')}`,
        a: person(r.a),
        b: person(r.b),
        slots: r.offered ? r.offered.map(slotAt) : undefined,
      })),
    };
  });

/** Every rule a published meeting must keep, checked from the outside. */
function expectValid(input: SchedulerInput, outcome: ScheduleOutcome): void {
  const slots = new Map(input.slots.map((slot) => [slot.id, slot]));
  const requests = new Map(input.requests.map((request) => [request.id, request]));
  const travel = input.travelMs ?? 0;
  const held: { people: string[]; slot: string; table: number }[] = (input.fixed ?? []).map((m) => ({
    people: [m.a, m.b],
    slot: m.slot,
    table: m.table,
  }));
  const seen = new Set<string>();
  for (const placement of outcome.placements) {
    expect(seen.has(placement.request)).toBe(false);
    seen.add(placement.request);
    const request = requests.get(placement.request);
    const slot = slots.get(placement.slot);
    expect(request && slot).toBeTruthy();
    if (!request || !slot) return;
    expect(request.a).not.toBe(request.b);
    if (request.slots) expect(request.slots).toContain(slot.id);
    expect(placement.table).toBeGreaterThanOrEqual(1);
    expect(placement.table).toBeLessThanOrEqual(slot.tables);
    for (const person of [request.a, request.b]) {
      for (const busy of input.busy.get(person) ?? []) {
        expect(busy.start < slot.end && slot.start < busy.end).toBe(false);
      }
    }
    held.push({ people: [request.a, request.b], slot: slot.id, table: placement.table });
  }
  for (let i = 0; i < held.length; i++) {
    for (let j = i + 1; j < held.length; j++) {
      const x = held[i] as (typeof held)[number];
      const y = held[j] as (typeof held)[number];
      const sx = slots.get(x.slot) as (typeof input.slots)[number];
      const sy = slots.get(y.slot) as (typeof input.slots)[number];
      // No table booked twice.
      expect(x.slot === y.slot && x.table === y.table).toBe(false);
      // Nobody in two places at once, and time to walk between venues.
      const gap = sx.venue === sy.venue ? 0 : travel;
      const clash = sx.start < sy.end + gap && sy.start < sx.end + gap;
      if (clash) expect(x.people.some((p) => y.people.includes(p))).toBe(false);
    }
  }
  expect(outcome.placements.length + outcome.unplaced.length).toBe(input.requests.length);
}

describe('the meeting scheduler', () => {
  it('never double-books a person or a table, and keeps every availability, offer and window', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        expectValid(input, schedule(input));
        expectValid(input, scheduleGreedy(input));
      }),
      { numRuns: 150 },
    );
  });

  it('places at least as many meetings as the first-come greedy, and the same ones each time', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const outcome = schedule(input);
        expect(outcome.placements.length).toBeGreaterThanOrEqual(scheduleGreedy(input).placements.length);
        expect(schedule(input)).toEqual(outcome);
      }),
      { numRuns: 100 },
    );
  });

  it('places a meeting the greedy loses by moving another out of the way', () => {
    // One table, two slots. The greedy gives r1 the early slot, where r2 (free only then) also wanted to be.
    const input: SchedulerInput = {
      slots: [
        { id: 'early', start: 0, end: 20 * MINUTE, venue: 'terrace', tables: 1 },
        { id: 'late', start: 20 * MINUTE, end: 40 * MINUTE, venue: 'terrace', tables: 1 },
      ],
      requests: [
        { id: 'r1', a: 'ana', b: 'beto' },
        { id: 'r2', a: 'carla', b: 'dev', slots: ['early'] },
      ],
      busy: new Map(),
    };
    expect(scheduleGreedy(input).placements).toHaveLength(1);
    expect(schedule(input).placements).toEqual([
      { request: 'r1', slot: 'late', table: 1 },
      { request: 'r2', slot: 'early', table: 1 },
    ]);
  });
});
