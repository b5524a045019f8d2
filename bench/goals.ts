/**
 * The goals of the performance issue, as `npm run bench` judges them: each
 * part notes what it measured against its goal, and the run ends with every
 * goal listed, met / NOT MET, or not measured in this run (a part or a
 * database left out). Also written to bench/results/goals-latest.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

export type GoalId =
  | 'reads'
  | 'beside'
  | 'scans-pglite'
  | 'scans-postgres'
  | 'rsvp'
  | 'fan-out'
  | 'announce'
  | 'meetings';

/** Every goal of the table, in its order, and the part of the bench that measures it. */
export const GOALS: { id: GoalId; goal: string; part: string }[] = [
  { id: 'reads', goal: 'every hot read (the programme included) at ≥ 0.5 × hello', part: 'reads' },
  {
    id: 'beside',
    goal: 'cached reads p99 ≤ 100 ms while uncached searches run beside them',
    part: 'reads (the "beside" rows)',
  },
  { id: 'scans-pglite', goal: 'scans on PGlite, 200 phones at once: ≥ 1,500/s, p99 ≤ 300 ms', part: 'bingo' },
  { id: 'scans-postgres', goal: 'scans on PostgreSQL, 50 and 200 phones: ≥ 3,000/s, p99 ≤ 100 ms', part: 'bingo' },
  {
    id: 'rsvp',
    goal: 'RSVPs on one hot session, 200 clients: ≥ 1,000/s, p99 ≤ 250 ms, never over capacity',
    part: 'rsvp',
  },
  { id: 'fan-out', goal: 'live fan-out to 5,000 SSE subscribers: p99 ≤ 1.2 × the bare broadcast', part: 'bingo' },
  { id: 'announce', goal: 'one announcement to 5,000 recipients enqueued in under 1 s', part: 'announcements' },
  {
    id: 'meetings',
    goal: 'meetings scheduler, 300 attendees / 600 requests / 12 tables / 30 slots: < 2 s, ≥ the greedy count',
    part: 'meetings',
  },
];

interface Judged {
  id: GoalId;
  /** The database, or the level (phones), it was measured on. */
  where: string;
  met: boolean;
  measured: string;
}

const judged: Judged[] = [];

export function judge(id: GoalId, where: string, met: boolean, measured: string): void {
  judged.push({ id, where, met, measured });
}

function commit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/** Print every goal with what this run found; true when nothing measured missed its goal. */
export function printGoals(): boolean {
  const lines = ['', '== the goals (issue "Performance"): met / NOT MET in this run'];
  for (const { id, goal, part } of GOALS) {
    lines.push(`  ${goal}`);
    const found = judged.filter((entry) => entry.id === id);
    if (found.length === 0) lines.push(`    not measured in this run (part: ${part})`);
    for (const entry of found) {
      lines.push(`    ${entry.where}: ${entry.met ? 'met' : 'NOT MET'} — ${entry.measured}`);
    }
  }
  console.log(lines.join('\n'));
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(
    join(import.meta.dirname, 'results', 'goals-latest.json'),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        commit: commit(),
        cpus: os.cpus().length,
        loadAverage: os.loadavg(),
        goals: GOALS.map((goal) => ({ ...goal, judged: judged.filter((entry) => entry.id === goal.id) })),
      },
      null,
      2,
    )}\n`,
  );
  return judged.every((entry) => entry.met);
}
