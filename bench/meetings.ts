/**
 * The meetings part of `npm run bench`, runnable alone with
 * `node --import tsx bench/meetings.ts`.
 *
 * The organisers' scheduler (server/meetings/scheduler.ts) on a generated
 * event: 300 attendees, 600 requests, 12 tables and 30 slots of 20 minutes
 * over two afternoons at two venues, a fifth of the people with a blocked
 * hour, a third of the requests limited to the slots their asker offered.
 * The input comes from a fixed seed, so every run measures the same problem.
 * Beside it, the first-come greedy baseline on the same input. No database:
 * the scheduler is pure, and its time is what staff wait for a preview.
 */
import { fileURLToPath } from 'node:url';
import { type SchedulerInput, schedule, scheduleGreedy } from '../server/meetings/scheduler.ts';
import { judge } from './goals.ts';

export const SIZE = { attendees: 300, requests: 600, tables: 12, slots: 30 };
const GOAL_SECONDS = 2;
const MINUTE = 60_000;

/** A small deterministic generator (mulberry32): the same problem every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function benchInput(seed = 2024): SchedulerInput {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  // Two afternoons of 15 slots each: the terrace on the first, Casa Aguafuerte on the second.
  const slots = Array.from({ length: SIZE.slots }, (_, i) => {
    const day = i < SIZE.slots / 2 ? 0 : 1;
    const start = day * 24 * 60 * MINUTE + (i % (SIZE.slots / 2)) * 20 * MINUTE;
    return {
      id: `slot-${i}`,
      start,
      end: start + 20 * MINUTE,
      venue: day === 0 ? 'terrace' : 'casa',
      tables: SIZE.tables,
    };
  });
  const busy = new Map<string, { start: number; end: number }[]>();
  for (let p = 0; p < SIZE.attendees; p++) {
    if (next() < 0.2) {
      const from = (slots[pick(SIZE.slots)] as { start: number }).start;
      busy.set(`person-${p}`, [{ start: from, end: from + 60 * MINUTE }]);
    }
  }
  // Popular people are asked more: a few local labels draw many requests.
  const person = () => `person-${Math.floor(SIZE.attendees * next() ** 1.6)}`;
  const requests = [];
  for (let r = 0; requests.length < SIZE.requests; r++) {
    const a = person();
    const b = `person-${pick(SIZE.attendees)}`;
    if (a === b) continue;
    const offered = next() < 0.33 ? Array.from({ length: 4 }, () => `slot-${pick(SIZE.slots)}`) : undefined;
    requests.push({ id: `request-${String(r).padStart(4, '0')}`, a: b, b: a, slots: offered });
  }
  return { slots, requests, busy, travelMs: 20 * MINUTE };
}

export function benchMeetings(): boolean {
  const input = benchInput();
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  const ours = schedule(input);
  const seconds = (performance.now() - startedAt) / 1000;
  // Beside the wall clock, the CPU time: on a busy machine the first says more about the neighbours.
  const cpuSeconds = process.cpuUsage(cpuAtStart).user / 1e6;
  const greedyStart = performance.now();
  const greedy = scheduleGreedy(input);
  const greedySeconds = (performance.now() - greedyStart) / 1000;
  const capacity = SIZE.tables * SIZE.slots;
  console.log(
    `\n== meetings scheduler: ${SIZE.attendees} attendees, ${SIZE.requests} requests, ${SIZE.tables} tables, ${SIZE.slots} slots (capacity ${capacity})`,
  );
  console.log(
    `  scheduler  ${seconds.toFixed(3)} s (${cpuSeconds.toFixed(3)} s CPU)  ${ours.placements.length} meetings placed`,
  );
  console.log(`  greedy     ${greedySeconds.toFixed(3)} s  ${greedy.placements.length} meetings placed`);
  const met = seconds < GOAL_SECONDS && ours.placements.length >= greedy.placements.length;
  judge(
    'meetings',
    'pure',
    met,
    `${seconds.toFixed(3)} s, ${ours.placements.length} placed vs greedy ${greedy.placements.length}`,
  );
  return met;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { printGoals } = await import('./goals.ts');
  benchMeetings();
  printGoals();
}
