import { expect } from 'vitest';

/**
 * Polls what the page shows until it matches, instead of sleeping: the app
 * renders after requests and a debounce, and the machine may be busy, so
 * the limit is generous while a passing check returns at once.
 */
export function eventually<T>(read: () => T | Promise<T>, message?: string) {
  return expect.poll(read, { timeout: 15_000, interval: 50, message });
}
