/**
 * Where a PostgreSQL load spends its round trips: every statement sent by any
 * pg client of this process is counted and timed (from sending to its answer)
 * under a short label of its text. Used by the bingo part with
 * BENCH_BINGO_PROFILE=1; it changes nothing but adds a timer per statement.
 */
import pg from 'pg';

export interface StatementStats {
  label: string;
  count: number;
  totalMs: number;
  meanMs: number;
  p99Ms: number;
}

const LABELS: [RegExp, string][] = [
  [/^\s*begin/i, 'BEGIN'],
  [/^\s*commit/i, 'COMMIT'],
  [/^\s*rollback/i, 'ROLLBACK'],
  [/pg_notify/i, 'NOTIFY'],
  [/for update of a/i, 'scans: lock attendances'],
  [/jsonb_to_recordset[\s\S]*as s\(i int, scanner/i, 'scans: facts'],
  [/insert into connections|into scan_receipts/i, 'scans: write'],
  [/"auth_sessions"/i, 'session lookup'],
];

function labelOf(text: string): string {
  for (const [pattern, label] of LABELS) if (pattern.test(text)) return label;
  return `other: ${text.replace(/\s+/g, ' ').trim().slice(0, 60)}`;
}

type Query = (...args: unknown[]) => unknown;

export class StatementProfile {
  private readonly times = new Map<string, number[]>();
  private readonly original: Query;

  constructor() {
    const prototype = pg.Client.prototype as unknown as { query: Query };
    this.original = prototype.query;
    const original = this.original;
    const note = (label: string, ms: number) => {
      let list = this.times.get(label);
      if (!list) {
        list = [];
        this.times.set(label, list);
      }
      list.push(ms);
    };
    prototype.query = function (this: unknown, ...args: unknown[]) {
      const config = args[0] as string | { text?: string } | undefined;
      const text = typeof config === 'string' ? config : (config?.text ?? '');
      const label = labelOf(text);
      const started = performance.now();
      const last = args.length - 1;
      if (typeof args[last] === 'function') {
        const callback = args[last] as (...a: unknown[]) => void;
        args[last] = (...a: unknown[]) => {
          note(label, performance.now() - started);
          callback(...a);
        };
        return original.apply(this, args);
      }
      const result = original.apply(this, args) as Promise<unknown> | undefined;
      if (result && typeof result.then === 'function') {
        result.then(
          () => note(label, performance.now() - started),
          () => note(label, performance.now() - started),
        );
      }
      return result;
    };
  }

  /** Forget what was counted so far (a warm-up). */
  reset(): void {
    this.times.clear();
  }

  stats(): StatementStats[] {
    return [...this.times]
      .map(([label, list]) => {
        const sorted = [...list].sort((a, b) => a - b);
        const totalMs = list.reduce((a, b) => a + b, 0);
        return {
          label,
          count: list.length,
          totalMs,
          meanMs: totalMs / list.length,
          p99Ms: sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? 0,
        };
      })
      .sort((a, b) => b.totalMs - a.totalMs);
  }

  stop(): void {
    (pg.Client.prototype as unknown as { query: Query }).query = this.original;
  }
}
