import { get, set } from 'idb-keyval';
import { useEffect, useSyncExternalStore } from 'react';
import type { CheckInAnswer } from '../../shared/api/check-in.ts';
import type { Language } from '../../shared/domain.ts';

/**
 * Check-ins wait on the staff phone (IndexedDB) until the server has answered
 * them, as scans do (networking/scan-queue.ts): each keeps the moment it was
 * made and a nonce chosen here, so sending it again is harmless, and the
 * door keeps working when the venue's Wi-Fi does not.
 */
export interface QueuedCheckIn {
  nonce: string;
  slug: string;
  code: string;
  /** Null at the door. */
  session: string | null;
  at: string;
  state: 'waiting' | 'sent' | 'rejected';
  outcome?: CheckInAnswer['outcome'];
  name?: string;
  message?: string;
  needsSignIn?: boolean;
}

const STORE_KEY = 'encuentro.check-ins';
const KEEP = 300;

let items: QueuedCheckIn[] = [];
let loaded = false;
const listeners = new Set<() => void>();

function publish(next: QueuedCheckIn[]) {
  items = next;
  for (const listener of listeners) listener();
}

async function load(): Promise<QueuedCheckIn[]> {
  if (!loaded) {
    const stored = (await get<QueuedCheckIn[]>(STORE_KEY).catch(() => undefined)) ?? [];
    const known = new Set(stored.map((s) => s.nonce));
    publish([...stored, ...items.filter((s) => !known.has(s.nonce))]);
    loaded = true;
  }
  return items;
}

async function save(next: QueuedCheckIn[]): Promise<void> {
  const waiting = next.filter((s) => s.state === 'waiting');
  const answered = next.filter((s) => s.state !== 'waiting');
  const kept = [...answered.slice(Math.max(0, answered.length - Math.max(0, KEEP - waiting.length))), ...waiting].sort(
    (a, b) => a.at.localeCompare(b.at),
  );
  publish(kept);
  await set(STORE_KEY, kept).catch(() => {});
}

async function change(nonce: string, patch: Partial<QueuedCheckIn>): Promise<void> {
  await save((await load()).map((s) => (s.nonce === nonce ? { ...s, ...patch } : s)));
}

/** Keep a check-in on the phone first, then try to send everything waiting. */
export async function addCheckIn(
  slug: string,
  code: string,
  session: string | null,
  language: Language,
  onAnswer?: () => void,
): Promise<void> {
  const item: QueuedCheckIn = {
    nonce: crypto.randomUUID(),
    slug,
    code,
    session,
    at: new Date().toISOString(),
    state: 'waiting',
  };
  await save([...(await load()), item]);
  await flushCheckIns(language);
  onAnswer?.();
}

let flushing: Promise<void> | null = null;

export function flushCheckIns(language: Language): Promise<void> {
  flushing ??= sendWaiting(language).finally(() => {
    flushing = null;
  });
  return flushing;
}

async function sendWaiting(language: Language): Promise<void> {
  const waiting = (await load()).filter((s) => s.state === 'waiting');
  for (const item of waiting) {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
    let response: Response;
    try {
      response = await fetch(`/api/events/${encodeURIComponent(item.slug)}/check-ins`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Accept-Language': language, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          code: item.code,
          nonce: item.nonce,
          at: item.at,
          ...(item.session ? { session: item.session } : {}),
        }),
      });
    } catch {
      return; // No network: everything stays waiting.
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status === 200 || response.status === 201) {
      const answer = body as CheckInAnswer;
      await change(item.nonce, {
        state: 'sent',
        outcome: answer.outcome,
        name: answer.person.name,
        needsSignIn: false,
      });
    } else if (response.status === 401) {
      await change(item.nonce, { needsSignIn: true });
      return;
    } else if (response.status >= 500 || response.status === 429) {
      return;
    } else {
      const error = (body as { error?: { message?: string } } | undefined)?.error;
      await change(item.nonce, { state: 'rejected', message: error?.message ?? response.statusText });
    }
  }
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The check-ins on this phone, kept current; what waits is sent on open and whenever the network returns. */
export function useCheckIns(language: Language): QueuedCheckIn[] {
  const current = useSyncExternalStore(
    subscribe,
    () => items,
    () => items,
  );
  useEffect(() => {
    const onOnline = () => void flushCheckIns(language);
    window.addEventListener('online', onOnline);
    void load().then(() => flushCheckIns(language));
    return () => window.removeEventListener('online', onOnline);
  }, [language]);
  return current;
}
