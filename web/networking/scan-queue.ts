import { get, set } from 'idb-keyval';
import { useEffect, useSyncExternalStore } from 'react';
import type { ContactCard, ScanAccepted, ScanRejected } from '../../shared/api/networking.ts';
import type { Language } from '../../shared/domain.ts';
import { signedInPersonId } from '../accounts/use-me.ts';

/**
 * Scans wait on the phone (IndexedDB) until the server has answered them.
 * Each keeps the moment it was made and a nonce chosen here, so sending it
 * again — after a lost answer, a reload, a second tab — is harmless: the
 * server answers a known nonce as it did the first time. Nothing leaves the
 * list silently: an answered scan stays, sent or rejected with its reason.
 */
export type ScanState = 'waiting' | 'sent' | 'rejected';

export interface QueuedScan {
  nonce: string;
  slug: string;
  code: string;
  method: 'badge_qr' | 'short_code';
  scannedAt: string;
  state: ScanState;
  /** Set once sent. */
  outcome?: 'connected' | 'repeat';
  /** The person met, as their card showed them (scans kept from before photos lack the rest). */
  contact?: Pick<ContactCard, 'id' | 'name'> & Partial<Pick<ContactCard, 'photo' | 'organizations' | 'country'>>;
  /** Set when rejected: the server's reason code and its message, or why the request failed. */
  reason?: string;
  message?: string;
  /**
   * Who made the scan, when someone was signed in: only they send it, so a
   * phone passed to someone else after a sign-out never connects them instead.
   * A scan made signed out goes with whoever signs in next (the QR flow).
   */
  owner?: string;
  /** The last try failed because nobody is signed in on this phone. */
  needsSignIn?: boolean;
}

const STORE_KEY = 'encuentro.scans';
/** Kept on the phone; older answered scans make way for new ones. */
const KEEP = 200;

let scans: QueuedScan[] = [];
let loaded = false;
const listeners = new Set<() => void>();

function publish(next: QueuedScan[]) {
  scans = next;
  for (const listener of listeners) listener();
}

async function load(): Promise<QueuedScan[]> {
  if (!loaded) {
    const stored = (await get<QueuedScan[]>(STORE_KEY).catch(() => undefined)) ?? [];
    // Scans added before the store answered are kept too.
    const known = new Set(stored.map((s) => s.nonce));
    publish([...stored, ...scans.filter((s) => !known.has(s.nonce))]);
    loaded = true;
  }
  return scans;
}

async function save(next: QueuedScan[]): Promise<void> {
  const waiting = next.filter((s) => s.state === 'waiting');
  const answered = next.filter((s) => s.state !== 'waiting');
  const room = Math.max(0, KEEP - waiting.length);
  const keptAnswered = answered.slice(Math.max(0, answered.length - room));
  const kept = next.filter((s) => s.state === 'waiting' || keptAnswered.includes(s));
  publish(kept);
  await set(STORE_KEY, kept);
}

async function change(nonce: string, patch: Partial<QueuedScan>): Promise<void> {
  const current = await load();
  await save(current.map((s) => (s.nonce === nonce ? { ...s, ...patch } : s)));
}

/** Keep a scan on the phone (before anything is sent), then try to send everything waiting. */
export async function addScan(
  slug: string,
  code: string,
  method: QueuedScan['method'],
  language: Language,
): Promise<QueuedScan> {
  const owner = await signedInPersonId(language);
  const scan: QueuedScan = {
    ...(owner ? { owner } : {}),
    nonce: crypto.randomUUID(),
    slug,
    code,
    method,
    scannedAt: new Date().toISOString(),
    state: 'waiting',
  };
  await save([...(await load()), scan]);
  void flushScans(language);
  return scan;
}

let flushing: Promise<void> | null = null;

/** Send the waiting scans, oldest first; stops at the first network failure (the rest waits for `online`). */
export function flushScans(language: Language): Promise<void> {
  flushing ??= sendWaiting(language).finally(() => {
    flushing = null;
  });
  return flushing;
}

async function sendWaiting(language: Language): Promise<void> {
  const me = await signedInPersonId(language);
  const waiting = (await load())
    .filter((s) => s.state === 'waiting' && (!s.owner || !me || s.owner === me))
    .sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
  for (const scan of waiting) {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
    let response: Response;
    try {
      response = await fetch(`/api/events/${scan.slug}/connections`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Accept-Language': language, 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: scan.code, nonce: scan.nonce, scannedAt: scan.scannedAt, method: scan.method }),
      });
    } catch {
      return; // No network: everything stays waiting.
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status === 200 || response.status === 201) {
      const accepted = body as ScanAccepted;
      await change(scan.nonce, {
        state: 'sent',
        outcome: accepted.outcome,
        contact: {
          id: accepted.contact.id,
          name: accepted.contact.name,
          photo: accepted.contact.photo,
          organizations: accepted.contact.organizations,
          country: accepted.contact.country,
        },
        needsSignIn: false,
      });
    } else if (response.status === 401) {
      await change(scan.nonce, { needsSignIn: true });
      return;
    } else if (response.status >= 500 || response.status === 429 || response.status === 0) {
      return; // The server is struggling: try again later.
    } else {
      const error = (body as ScanRejected | { error?: { code?: string; message?: string } } | undefined)?.error;
      await change(scan.nonce, {
        state: 'rejected',
        reason: (error && 'reason' in error ? error.reason : error?.code) ?? `http_${response.status}`,
        message: error?.message ?? response.statusText,
        needsSignIn: false,
      });
    }
  }
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The scans on this phone (all events, in the order made), kept current. */
export function useScans(): QueuedScan[] {
  const current = useSyncExternalStore(
    subscribe,
    () => scans,
    () => scans,
  );
  useEffect(() => {
    void load();
  }, []);
  return current;
}

/** Send what waits when the app opens and whenever the network comes back. */
export function startScanQueue(language: () => Language): () => void {
  const onOnline = () => void flushScans(language());
  window.addEventListener('online', onOnline);
  void flushScans(language());
  return () => window.removeEventListener('online', onOnline);
}

/** For the app's frame: the queue is sent on every page, not only the scanner's. */
export function useScanQueue(language: Language): void {
  useEffect(() => startScanQueue(() => language), [language]);
}
