const WINDOW_MS = 60_000;

/**
 * Codes that name nobody, counted per scanner over the last minute, so that
 * nobody can find badges by trying codes: a real scan reads a real code, and a
 * person who mistypes a few still gets through. Past the limit the scanner's
 * scans are answered 429 and leave nothing in the database (no receipt), until
 * the oldest miss is a minute old.
 *
 * Kept in this instance's memory, not in the database: the check costs the
 * scan hot path no statement (decision 0018), and a flood of guesses is turned
 * away before it reaches a batch. Each instance counts on its own, so behind a
 * load balancer of n instances an account gets at most n times the limit; a
 * restart forgets the counts. At 10 a minute a guesser is 6,600 times slower
 * than the 1,100 guesses a second one account managed without it (decision 0022).
 */
export class GuessThrottle {
  /** Per scanner, the times (ms) of their recent unknown codes, oldest first. */
  private readonly misses = new Map<string, number[]>();

  constructor(private readonly maxPerMinute: number) {}

  /** How many more unknown codes the scanner may try at `now`. */
  left(scanner: string, now: Date): number {
    return Math.max(0, this.maxPerMinute - this.recent(scanner, now.getTime()).length);
  }

  /** Count unknown codes the scanner was answered (once recorded: a retry of the same nonce is not a new guess). */
  note(scanner: string, at: Date, count = 1): void {
    const times = this.recent(scanner, at.getTime());
    for (let i = 0; i < count; i++) times.push(at.getTime());
    this.misses.set(scanner, times);
    if (this.misses.size > 10_000) this.forgetOlderThan(at.getTime() - WINDOW_MS);
  }

  get limit(): number {
    return this.maxPerMinute;
  }

  private recent(scanner: string, now: number): number[] {
    const times = this.misses.get(scanner);
    if (!times) return [];
    const since = now - WINDOW_MS;
    const kept = times.filter((time) => time > since);
    if (kept.length === 0) this.misses.delete(scanner);
    else if (kept.length < times.length) this.misses.set(scanner, kept);
    return kept;
  }

  private forgetOlderThan(since: number): void {
    for (const [scanner, times] of this.misses) {
      if ((times[times.length - 1] ?? 0) <= since) this.misses.delete(scanner);
    }
  }
}
