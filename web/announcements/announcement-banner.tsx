import { useState } from 'react';
import { Link } from 'wouter';
import type { AnnouncementMessage } from '../../shared/api/announcements.ts';
import { useMe } from '../accounts/use-me.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useLive } from '../live/use-live.ts';
import { refreshInbox, useInbox } from './use-inbox.ts';
import './announcements.css';

/**
 * An announcement arriving while a page is open shows as a banner at its top
 * (the live channel of the event I attend brings only those meant for me).
 */
export function AnnouncementBanner() {
  const { t, language } = useI18n();
  const { me } = useMe();
  const inbox = useInbox(Boolean(me?.person));
  const [shown, setShown] = useState<AnnouncementMessage | null>(null);
  useLive(inbox?.attending[0] ?? null, {
    announcement: (data) => {
      setShown(data as AnnouncementMessage);
      void refreshInbox(language);
    },
  });
  if (!shown) return null;
  return (
    <div className="announcement-banner" role="status" data-testid="announcement-banner">
      <div className="announcement-banner__text">
        <strong>{shown.title[language]}</strong>
        <span>{shown.body[language]}</span>
      </div>
      <div className="announcement-banner__actions">
        <Link href="/inbox" className="button" onClick={() => setShown(null)}>
          {t('announce.banner.open')}
        </Link>
        <button type="button" className="button button--quiet" onClick={() => setShown(null)}>
          {t('announce.banner.dismiss')}
        </button>
      </div>
    </div>
  );
}
