/**
 * At most one message per key per window, carrying the latest state. A
 * thousand phones voting in one poll within a second would otherwise read the
 * counts and broadcast the whole result a thousand times; here the first vote
 * after a quiet spell goes out at once, later ones mark the poll as changed,
 * and when the window closes one fresh read goes out for all of them
 * (decision 0038). The counts themselves are always read from the database,
 * so every instance's message is right, whichever instance sends it.
 */
export class Coalescer {
  private readonly open = new Map<string, { changed: boolean; send: () => Promise<void> }>();

  constructor(private readonly windowMs: number) {}

  /** Run `send` now, or once when the current window for `key` closes. */
  run(key: string, send: () => Promise<void>): void {
    const window = this.open.get(key);
    if (window) {
      window.changed = true;
      window.send = send;
      return;
    }
    this.fire(key, send);
  }

  private fire(key: string, send: () => Promise<void>): void {
    const window = { changed: false, send };
    this.open.set(key, window);
    const timer = setTimeout(() => {
      this.open.delete(key);
      if (window.changed) this.fire(key, window.send);
    }, this.windowMs);
    timer.unref();
    send().catch(() => {
      // A courtesy: pages read the room again when they reconnect, and the next change sends the state anew.
    });
  }
}
