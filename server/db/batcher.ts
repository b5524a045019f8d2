/** What became of one item of a batch. */
export type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface BatcherOptions<I> {
  /** At most this many items in one batch. */
  maxBatch: number;
  /** At most this many batches running at once; the rest wait in the queue. */
  maxInFlight: number;
  /** Items of one batch share this key (the event of a scan); the default puts every item together. */
  key?: (item: I) => string;
  /**
   * Never run two batches of one key at once, while batches of other keys may
   * run beside it (up to maxInFlight): when a batch locks what its key names
   * (an RSVP batch, its session), a second one would only wait on that lock,
   * holding a connection of the pool.
   */
  oneBatchPerKey?: boolean;
}

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

/**
 * Groups concurrent calls into batches. A call waits for the next turn of the
 * event loop, so the calls that arrived together start together; while
 * `maxInFlight` batches run, further calls queue, and the next batch takes
 * what queued (at most `maxBatch`). Without load a call runs alone at once;
 * under load the batches grow, so the fixed cost of a statement, a round trip
 * or a commit is shared by many callers.
 *
 * Nothing is kept from one batch to the next: this batches work, it does not
 * cache answers. `run` answers every item of its batch, in order; if it
 * throws, every item of the batch fails with that error.
 */
export class Batcher<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private running = 0;
  private scheduled = false;
  private readonly idleWaiters: (() => void)[] = [];
  /** The keys of the batches running, with oneBatchPerKey. */
  private readonly runningKeys = new Set<string>();

  constructor(
    private readonly run: (items: I[]) => Promise<Settled<O>[]>,
    private readonly options: BatcherOptions<I>,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once nothing waits and no batch runs: what was submitted before has been answered. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.running === 0 && this.queue.length === 0 && !this.scheduled;
  }

  private settleIdle(): void {
    if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Calls waiting for a batch (not counting those running). */
  get waiting(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.take();
      if (batch.length === 0) return;
      this.running += 1;
      void this.execute(batch);
    }
    this.settleIdle();
  }

  /**
   * The oldest waiting call (with oneBatchPerKey, the oldest whose key has no
   * batch running) and those after it with the same key, up to maxBatch, in
   * arrival order.
   */
  private take(): Waiting<I, O>[] {
    const { key, maxBatch, oneBatchPerKey } = this.options;
    if (!key) return this.queue.splice(0, maxBatch);
    const oldest = oneBatchPerKey
      ? this.queue.find((waiting) => !this.runningKeys.has(key(waiting.item)))
      : this.queue[0];
    if (!oldest) return [];
    const first = key(oldest.item);
    if (oneBatchPerKey) this.runningKeys.add(first);
    const taken: Waiting<I, O>[] = [];
    for (let i = 0; i < this.queue.length && taken.length < maxBatch; ) {
      const waiting = this.queue[i] as Waiting<I, O>;
      if (key(waiting.item) === first) {
        taken.push(waiting);
        this.queue.splice(i, 1);
      } else {
        i += 1;
      }
    }
    return taken;
  }

  private async execute(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const results = await this.run(batch.map((waiting) => waiting.item));
      batch.forEach((waiting, i) => {
        const result = results[i];
        if (!result) waiting.reject(new Error('the batch gave no answer for this item'));
        else if (result.ok) waiting.resolve(result.value);
        else waiting.reject(result.error);
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      const { key, oneBatchPerKey } = this.options;
      if (key && oneBatchPerKey) this.runningKeys.delete(key((batch[0] as Waiting<I, O>).item));
      this.running -= 1;
      if (this.queue.length > 0) this.pump();
      this.settleIdle();
    }
  }
}
