import { Link } from 'wouter';
import type { CheckInCounts } from '../../shared/api/check-in.ts';
import type { Dashboard } from '../../shared/api/dashboard.ts';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { useApi } from '../api.ts';
import { formatDateRange, formatDateTime } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { timeZoneLabel } from '../i18n/time-zone-label.ts';
import { useLive } from '../live/use-live.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { StaffOnly } from './back-office-page.tsx';
import './back-office.css';

/** Every staff page of an event, one tap from its dashboard. */
function staffPages(slug: string) {
  const base = `/events/${slug}`;
  return [
    { key: 'checkIn', href: `${base}/check-in` },
    { key: 'announcements', href: `${base}/announcements` },
    { key: 'meetings', href: `${base}/meetings/staff` },
    { key: 'delegations', href: `${base}/delegations` },
    { key: 'funding', href: `${base}/delegations#funding-heading` },
    { key: 'badges', href: `${base}/badges` },
    { key: 'bingoAdmin', href: `${base}/bingo/admin` },
    { key: 'bigScreen', href: `${base}/bingo/screen` },
    { key: 'draw', href: `${base}/bingo/draw` },
    { key: 'programme', href: `${base}/edit` },
    { key: 'newSession', href: `${base}/sessions/new` },
    { key: 'tripReport', href: base },
    { key: 'audit', href: '/admin/audit' },
  ] as const;
}

/** /staff/events/:slug — where the event stands, live, and every staff page one tap away. */
export function EventDashboardPage({ slug }: { slug: string }) {
  const { t, text, language } = useI18n();
  const { me } = useMe();
  const board = useApi<Dashboard>(me && isAdmin(me) ? `/api/events/${slug}/dashboard` : null);
  usePageTitle(board.data ? text(board.data.event.name) : t('backOffice.title'));
  const { reload } = board;
  useLive(me && isAdmin(me) ? slug : null, {
    // Counts arrive live; the list and the rest are read again.
    'check-ins': (data) => {
      if ((data as CheckInCounts).door >= 0) reload();
    },
  });
  if (me === undefined) return <Loading />;
  if (!me || !isAdmin(me)) return <StaffOnly />;
  if (board.error) return <ErrorState error={board.error} onRetry={board.reload} asPage />;
  if (!board.data) return <Loading />;
  const d = board.data;
  const zone = d.event.timeZone;
  return (
    <div className="back-office">
      <header className="page-header">
        <p className="eyebrow">
          <Link href="/staff">{t('backOffice.title')}</Link>
        </p>
        <h1>{text(d.event.name)}</h1>
        <p className="lead">
          {formatDateRange(d.event.startsOn, d.event.endsOn, language)} · {timeZoneLabel(t, zone)}
        </p>
      </header>

      <nav aria-label={t('backOffice.pages')} className="back-office__pages">
        <ul>
          {staffPages(slug).map((page) => (
            <li key={page.key}>
              <Link href={page.href} className="back-office__page">
                {t(`backOffice.link.${page.key}`)}
              </Link>
            </li>
          ))}
          <li>
            <a className="back-office__page" href={`/api/events/${slug}/delegations/manifest.csv`} download>
              {t('backOffice.link.manifest')}
            </a>
          </li>
        </ul>
      </nav>

      {d.attention.length > 0 ? (
        <section aria-labelledby="dashboard-attention" className="back-office__attention">
          <h2 id="dashboard-attention">{t('backOffice.attention')}</h2>
          <ul>
            {d.attention.map((item) => (
              <li key={`${item.code}-${item.href}`}>
                <Link href={item.href}>
                  {t(`dashboard.attention.${item.code}`, {
                    ...item.values,
                    title: language === 'es' ? (item.values.titleEs ?? item.values.title) : item.values.title,
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="back-office__tiles">
        <section aria-labelledby="dashboard-people" className="back-office__tile">
          <h2 id="dashboard-people">{t('backOffice.people')}</h2>
          <dl>
            <dt>{t('backOffice.people.total')}</dt>
            <dd>{d.attendees.total}</dd>
            <dt>{t('backOffice.people.withoutAccount')}</dt>
            <dd>{d.attendees.withoutAccount}</dd>
            <dt>{t('backOffice.people.joined')}</dt>
            <dd>{d.attendees.joined}</dd>
            <dt>{t('backOffice.people.checkedIn')}</dt>
            <dd data-testid="dashboard-checked-in">{d.attendees.checkedIn}</dd>
          </dl>
        </section>
        <section aria-labelledby="dashboard-delegations" className="back-office__tile">
          <h2 id="dashboard-delegations">{t('backOffice.delegations')}</h2>
          <p>
            {t('backOffice.delegations.summary', {
              total: d.delegations.total,
              confirmed: d.delegations.confirmed,
              members: d.delegations.members,
            })}
          </p>
        </section>
        <section aria-labelledby="dashboard-door" className="back-office__tile">
          <h2 id="dashboard-door">{t('backOffice.door')}</h2>
          <p data-testid="dashboard-door-count">{t('backOffice.door.count', { count: d.checkIns.count })}</p>
          {d.checkIns.latest.length > 0 ? (
            <ul className="back-office__latest">
              {d.checkIns.latest.map((entry) => (
                <li key={entry.person.id}>
                  {entry.person.name}
                  {entry.person.delegation ? ` (${entry.person.delegation})` : ''} —{' '}
                  <time dateTime={entry.checkedInAt}>{formatDateTime(entry.checkedInAt, language, zone)}</time>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        <section aria-labelledby="dashboard-bingo" className="back-office__tile">
          <h2 id="dashboard-bingo">{t('backOffice.bingo')}</h2>
          <p>
            {d.bingo
              ? t('backOffice.bingo.summary', {
                  status: d.bingo.status,
                  players: d.bingo.players,
                  completed: d.bingo.completed,
                  draw: d.bingo.draw,
                })
              : t('backOffice.bingo.none')}
          </p>
        </section>
      </div>

      {d.sessions.length > 0 ? (
        <section aria-labelledby="dashboard-sessions">
          <h2 id="dashboard-sessions">{t('backOffice.sessions')}</h2>
          <ul className="back-office__sessions">
            {d.sessions.map((session) => (
              <li key={session.id}>
                <Link href={`/sessions/${session.id}/edit`}>{text(session.title)}</Link>{' '}
                <span>
                  {formatDateTime(session.startsAt, language, zone)} ·{' '}
                  {t('backOffice.sessions.fill', {
                    confirmed: session.confirmed,
                    capacity: session.capacity ?? '∞',
                    waitlisted: session.waitlisted,
                    checkedIn: session.checkedIn,
                  })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
