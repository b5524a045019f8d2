import { useSyncExternalStore } from 'react';

/**
 * Whether the app can reach the server, and when it last did. The service
 * worker answers API reads from its cache when the network fails and marks
 * those answers with `x-encuentro-offline`; every other API answer came from
 * the server. Watching `fetch` here sees both kinds without touching each
 * page's data loading. The time kept is the server's `Date` of the newest
 * fresh answer, stored so that a page opened offline tomorrow still knows.
 */
const STORAGE_KEY = 'encuentro.lastSyncedAt';
export const OFFLINE_HEADER = 'x-encuentro-offline';

export interface SyncState {
  online: boolean;
  /** ISO instant of the last answer fresh from the server, if any on this device. */
  lastSyncedAt: string | null;
}

function storedSync(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

let failing = false;
let state: SyncState = { online: true, lastSyncedAt: null };
const listeners = new Set<() => void>();

function publish() {
  const online = navigator.onLine && !failing;
  const lastSyncedAt = storedSync();
  if (online === state.online && lastSyncedAt === state.lastSyncedAt) return;
  state = { online, lastSyncedAt };
  for (const listener of listeners) listener();
}

function recordSync(response: Response) {
  const served = Date.parse(response.headers.get('date') ?? '');
  const at = new Date(Number.isNaN(served) ? Date.now() : served).toISOString();
  const previous = storedSync();
  try {
    if (!previous || previous < at) window.localStorage.setItem(STORAGE_KEY, at);
  } catch {
    // Private mode without storage: the banner then says it has not synced yet.
  }
}

function isOwnApi(input: RequestInfo | URL): boolean {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const url = new URL(href, window.location.href);
  return url.origin === window.location.origin && url.pathname.startsWith('/api/');
}

let installed = false;

/** Start watching API answers and the browser's online state (once, at start-up). */
export function installSyncTracking(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  const send = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const watched = isOwnApi(input);
    try {
      const response = await send(input, init);
      if (watched) {
        failing = response.headers.has(OFFLINE_HEADER);
        if (!failing && response.ok) recordSync(response);
        publish();
      }
      return response;
    } catch (error) {
      if (watched && !(error instanceof DOMException && error.name === 'AbortError')) {
        failing = true;
        publish();
      }
      throw error;
    }
  };
  window.addEventListener('online', () => {
    failing = false;
    publish();
  });
  window.addEventListener('offline', publish);
  publish();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSyncState(): SyncState {
  return useSyncExternalStore(subscribe, () => state);
}
