import { Link } from 'wouter';
import { useMe } from '../accounts/use-me.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { m } from './messages.ts';
import { useNotifications } from './use-notifications.ts';
import './rsvp.css';

/** A bell in the header with the number of unread notices; leads to the notices page. */
export function NotificationsIndicator() {
  const { t } = useI18n();
  const { me } = useMe();
  const list = useNotifications(Boolean(me?.person));
  if (!me?.person || !list) return null;
  const label = t(m('notifications.indicator'), { count: list.unread });
  // An item of the header's navigation list.
  return (
    <li>
      <Link href="/notifications" className="site-nav__link notifications-indicator" aria-label={label} title={label}>
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          width="20"
          height="20"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {list.unread > 0 ? <span className="notifications-indicator__count">{list.unread}</span> : null}
      </Link>
    </li>
  );
}
