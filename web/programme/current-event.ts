import { useSyncExternalStore } from 'react';
import type { MyEvents } from '../../shared/api/agenda.ts';
import type { EventSummary } from '../../shared/api/programme.ts';
import { chooseCurrentEvent, type EventChoice } from '../../shared/current-event.ts';
import { useMe } from '../accounts/use-me.ts';
import { type List, useApi } from '../api.ts';

const STORAGE_KEY = 'encuentro.currentEvent';
const listeners = new Set<() => void>();

/** The stored choice as "slug@ISO time", read as a string so that React can compare snapshots. */
function readChoice(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function parseChoice(stored: string | null): EventChoice | null {
  const [slug, at] = stored?.split('@') ?? [];
  return slug && at && !Number.isNaN(Date.parse(at)) ? { slug, at: new Date(at) } : null;
}

/** Remember the event the person switched to: every tab opens on it (shared/current-event.ts says until when). */
export function chooseEvent(slug: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, `${slug}@${new Date().toISOString()}`);
  } catch {
    // Private browsing without storage: the choice lasts as long as the page.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

export interface CurrentEvent {
  /** False while the events (and mine) are loading: `event` is then not yet chosen. */
  ready: boolean;
  /** The event every tab opens on; undefined until the events have loaded (or when there are none). */
  event: EventSummary | undefined;
  /** Every event, for the switcher, mine first. */
  events: EventSummary[];
  /** The slugs of the events I attend (a badge, or a session I hold). */
  mine: ReadonlySet<string>;
}

/**
 * The one current event of the programme, My trip, Connect and Bingo tabs
 * (shared/current-event.ts says how it is chosen; the server's agenda makes
 * the same choice when no event is named).
 */
export function useCurrentEvent(): CurrentEvent {
  const { me } = useMe();
  const events = useApi<List<EventSummary>>('/api/events');
  const myEvents = useApi<MyEvents>(me?.person ? '/api/me/events' : null);
  const chosen = useSyncExternalStore(subscribe, readChoice, () => null);
  const all = events.data?.items ?? [];
  const mine = new Set((me?.person ? myEvents.data?.items : [])?.map((item) => item.slug) ?? []);
  // Wait for my own events before choosing, so the tabs do not jump from the public choice to mine.
  const ready =
    me !== undefined &&
    (events.data !== undefined || events.error !== undefined) &&
    (!me?.person || myEvents.data !== undefined || myEvents.error !== undefined);
  const event = ready ? chooseCurrentEvent(all, mine, new Date(), parseChoice(chosen)) : undefined;
  const ordered = [...all].sort(
    (a, b) => Number(mine.has(b.slug)) - Number(mine.has(a.slug)) || b.startsOn.localeCompare(a.startsOn),
  );
  return { ready, event, events: ordered, mine };
}
