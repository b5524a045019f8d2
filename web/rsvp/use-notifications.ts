import { useEffect, useSyncExternalStore } from 'react';
import type { NotificationList } from '../../shared/api/rsvp.ts';
import type { Language } from '../../shared/domain.ts';
import { apiGet, apiWrite } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

// One list for the whole page: the header's indicator and the notices page share it.
let current: NotificationList | null = null;
const listeners = new Set<() => void>();
const publish = (next: NotificationList | null) => {
  current = next;
  for (const listener of listeners) listener();
};

/** Ask again (after an RSVP, on focus, every minute). Signed-out readers have none. */
export async function refreshNotifications(language: Language): Promise<void> {
  try {
    publish(await apiGet<NotificationList>('/api/me/notifications', language));
  } catch {
    publish(null);
  }
}

export async function markRead(id: string, language: Language): Promise<void> {
  publish(await apiWrite<NotificationList>('POST', `/api/me/notifications/${id}/read`, language));
}

const REFRESH_MS = 60_000;

/** My notices while signed in; null otherwise. */
export function useNotifications(signedIn: boolean): NotificationList | null {
  const { language } = useI18n();
  const list = useSyncExternalStore(
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
    void refreshNotifications(language);
    const again = () => void refreshNotifications(language);
    const timer = window.setInterval(again, REFRESH_MS);
    window.addEventListener('focus', again);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', again);
    };
  }, [signedIn, language]);
  return signedIn ? list : null;
}
