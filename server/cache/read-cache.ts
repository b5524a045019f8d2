/**
 * Hot reads (the directory, the programme) change rarely and are read at
 * every page view. PGlite answers on the main thread, so a query per request
 * would cap throughput; instead the finished JSON is kept here and dropped
 * whenever anything is written (see server/realtime/changes.ts, which also
 * carries the invalidation to other instances over LISTEN/NOTIFY).
 */
export class ReadCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  /** Bumped at every invalidation, so a load that began before a write is never stored after it. */
  private generation = 0;
  /** While this instance cannot hear of other instances' writes, nothing kept could be trusted. */
  private suspended = false;

  constructor(private readonly maxEntries = 2000) {}

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.suspended) return load();
    const hit = this.entries.get(key);
    if (hit) return hit as Promise<T>;
    const generation = this.generation;
    const pending = load();
    this.entries.set(key, pending);
    if (this.entries.size > this.maxEntries) {
      // Maps keep insertion order: the oldest entry goes first.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    pending.then(
      () => {
        if (generation !== this.generation && this.entries.get(key) === pending) this.entries.delete(key);
      },
      () => {
        // A failed load is not remembered: the next reader tries again.
        if (this.entries.get(key) === pending) this.entries.delete(key);
      },
    );
    return pending;
  }

  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Drop every kept answer and keep none until `resume`: each read goes to the database. */
  suspend(): void {
    this.suspended = true;
    this.invalidate();
  }

  /** Keep answers again, starting empty. */
  resume(): void {
    this.invalidate();
    this.suspended = false;
  }
}
