import { useI18n } from '../i18n/i18n-context.tsx';
import { useSyncState } from './sync-state.ts';
import './offline.css';

/** Says so when the app is showing what it kept rather than what the server says now. */
export function OfflineBanner() {
  const { t, locale } = useI18n();
  const { online, lastSyncedAt } = useSyncState();
  if (online) return null;
  let message = t('offline.neverSynced');
  if (lastSyncedAt) {
    const at = new Date(lastSyncedAt);
    const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at);
    const today = new Date().toDateString() === at.toDateString();
    message = today
      ? t('offline.lastSynced', { time })
      : t('offline.lastSyncedOn', {
          time,
          date: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }).format(at),
        });
  }
  return (
    <div className="offline-banner" role="status">
      <span className="offline-banner__dot" aria-hidden="true" />
      {message}
    </div>
  );
}
