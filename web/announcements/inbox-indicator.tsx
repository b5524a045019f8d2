import { Link } from 'wouter';
import { useMe } from '../accounts/use-me.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useInbox } from './use-inbox.ts';
import './announcements.css';

/** The inbox in the header, with the number of unread announcements. */
export function InboxIndicator() {
  const { t } = useI18n();
  const { me } = useMe();
  const inbox = useInbox(Boolean(me?.person));
  if (!me?.person || !inbox) return null;
  const label = t('announce.inbox.indicator', { count: inbox.unread });
  return (
    <li>
      <Link href="/inbox" className="site-nav__link inbox-indicator" aria-label={label} title={label}>
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          width="20"
          height="20"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M3 11l18-7-7 18-2-8-9-3z" />
        </svg>
        {inbox.unread > 0 ? (
          <span className="inbox-indicator__count" data-testid="inbox-unread">
            {inbox.unread}
          </span>
        ) : null}
      </Link>
    </li>
  );
}
