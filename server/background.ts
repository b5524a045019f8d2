/**
 * Work that must not hold an answer back: it starts once the answer has been
 * written (on the next turn of the event loop) and is tracked until it ends,
 * so closing the app waits for it rather than dropping it. A failure is
 * handed to `onError` (the request's log), never swallowed.
 */
export class BackgroundWork {
  readonly #running = new Set<Promise<void>>();

  run(task: () => Promise<void>, onError: (error: unknown) => void): void {
    const done: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(task)
      .catch((error: unknown) => onError(error))
      .finally(() => this.#running.delete(done));
    this.#running.add(done);
  }

  /** Resolves when everything started so far, and whatever it started in turn, has ended. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running);
  }
}
