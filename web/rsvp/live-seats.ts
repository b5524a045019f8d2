import { useSyncExternalStore } from 'react';
import type { RsvpLiveMessage } from '../../shared/api/rsvp.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useLive } from '../live/use-live.ts';
import { refreshNotifications } from './use-notifications.ts';

/** The latest seat counts per session, as the event's live channel tells them; `changes` moves on every message. */
interface Seats {
  confirmed?: number;
  capacity?: number | null;
  changes: number;
}

const seatsBySession = new Map<string, Seats>();
const listeners = new Set<() => void>();
let changes = 0;

function record(sessionId: string, seats: Partial<Omit<Seats, 'changes'>>) {
  const previous = seatsBySession.get(sessionId);
  changes += 1;
  seatsBySession.set(sessionId, { ...previous, ...seats, changes });
  for (const listener of listeners) listener();
}

/** Call once on an event's page: seat counts and my promotions arrive while it is open. */
export function useLiveSeats(slug: string): void {
  const { language } = useI18n();
  useLive(slug, {
    rsvp: (data) => {
      const message = data as RsvpLiveMessage;
      record(message.sessionId, { confirmed: message.confirmed, capacity: message.capacity });
    },
    // Only my own pages receive it: a seat came free and it is mine now.
    rsvp_promoted: (data) => {
      const { sessionId } = data as { sessionId: string };
      record(sessionId, {});
      void refreshNotifications(language);
    },
    // Counts may have changed unheard: forget them, so cards show what the page fetches again and reload my seat.
    resync: () => {
      seatsBySession.clear();
      for (const listener of listeners) listener();
    },
  });
}

/** The live seats of one session, if any message about it has arrived. */
export function useSeats(sessionId: string): Seats | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => seatsBySession.get(sessionId),
  );
}
