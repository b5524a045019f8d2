import { useEffect, useSyncExternalStore } from 'react';
import type { Inbox } from '../../shared/api/announcements.ts';
import type { Language } from '../../shared/domain.ts';
import { apiGet, apiWrite } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

// One inbox for the whole page: the header's badge, the banner and the inbox page share it.
let current: Inbox | null = null;
const listeners = new Set<() => void>();
const publish = (next: Inbox | null) => {
  current = next;
  for (const listener of listeners) listener();
};

export async function refreshInbox(language: Language): Promise<void> {
  try {
    publish(await apiGet<Inbox>('/api/me/inbox', language));
  } catch {
    publish(null);
  }
}

export async function markAnnouncementRead(id: string, language: Language): Promise<void> {
  publish(await apiWrite<Inbox>('POST', `/api/me/inbox/${id}/read`, language));
}

const REFRESH_MS = 60_000;

/** My inbox while signed in as a person; null otherwise. */
export function useInbox(signedIn: boolean): Inbox | null {
  const { language } = useI18n();
  const inbox = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
  useEffect(() => {
    if (!signedIn) {
      publish(null);
      return;
    }
    void refreshInbox(language);
    const timer = setInterval(() => void refreshInbox(language), REFRESH_MS);
    return () => clearInterval(timer);
  }, [signedIn, language]);
  return inbox;
}
