import { Link } from 'wouter';
import { useMe } from '../accounts/use-me.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, Loading } from '../ui/status.tsx';
import { m } from './messages.ts';
import { markRead, useNotifications } from './use-notifications.ts';
import './rsvp.css';

/** The notices the one-to-one meetings leave (server/meetings). */
type MeetingNotice =
  | 'meeting_requested'
  | 'meeting_confirmed'
  | 'meeting_declined'
  | 'meeting_proposed'
  | 'meeting_cancelled'
  | 'meeting_scheduled';

export function NotificationsPage() {
  const { t, language, dates, text } = useI18n();
  const { me } = useMe();
  const list = useNotifications(Boolean(me?.person));
  usePageTitle(t(m('notifications.title')));
  const format = dates(Intl.DateTimeFormat().resolvedOptions().timeZone);

  return (
    <section className="notifications-page">
      <header className="page-header">
        <h1>{t(m('notifications.title'))}</h1>
      </header>
      {me === null ? (
        <p>
          <Link href="/sign-in">{t(m('rsvp.signInToReserve'))}</Link>
        </p>
      ) : !list ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <EmptyState>{t(m('notifications.none'))}</EmptyState>
      ) : (
        <ul className="notifications">
          {list.items.map((notice) => (
            <li key={notice.id} className={notice.readAt ? 'notification' : 'notification notification--unread'}>
              <p className="notification__text">
                {notice.kind === 'rsvp_promoted' && notice.session ? (
                  <>
                    {t(m('notifications.promoted'))}{' '}
                    <Link href={`/events/${notice.session.eventSlug}/sessions/${notice.session.id}`}>
                      <LocalizedText text={notice.session.title} />
                    </Link>
                  </>
                ) : notice.kind === 'bingo_won' && notice.prize ? (
                  <Link href={`/events/${notice.prize.eventSlug}/bingo/draw`}>
                    {t(m('notifications.won'), {
                      event: text(notice.prize.event),
                      prize: text(notice.prize.description),
                    })}
                  </Link>
                ) : (notice.kind === 'session_reminder' || notice.kind === 'session_changed') && notice.session ? (
                  <>
                    {t(notice.kind === 'session_reminder' ? 'announce.notice.reminder' : 'announce.notice.changed')}{' '}
                    <Link href={`/events/${notice.session.eventSlug}/sessions/${notice.session.id}`}>
                      <LocalizedText text={notice.session.title} />
                    </Link>
                  </>
                ) : notice.kind.startsWith('meeting_') ? (
                  <>
                    {t(`meetings.notice.${notice.kind as MeetingNotice}`)}{' '}
                    <Link href="/my-trip">{t('meetings.notice.open')}</Link>
                  </>
                ) : (
                  notice.kind
                )}
              </p>
              <p className="notification__when">
                <time dateTime={notice.createdAt}>{format.dateTime(notice.createdAt)}</time>
              </p>
              {notice.readAt ? null : (
                <button type="button" className="button button--quiet" onClick={() => markRead(notice.id, language)}>
                  {t(m('notifications.markRead'))}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
