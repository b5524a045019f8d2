import { Link } from 'wouter';
import type { EventSummary } from '../../shared/api/programme.ts';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { type List, useApi } from '../api.ts';
import { formatDateRange } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { timeZoneLabel } from '../i18n/time-zone-label.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import './back-office.css';

/** /staff — where staff land after signing in: their events, and the network's own staff pages. */
export function BackOfficePage() {
  const { t, text, language } = useI18n();
  usePageTitle(t('backOffice.title'));
  const { me } = useMe();
  const events = useApi<List<EventSummary>>(me && isAdmin(me) ? '/api/events' : null);
  if (me === undefined) return <Loading />;
  if (!me || !isAdmin(me)) return <StaffOnly />;
  if (events.error) return <ErrorState error={events.error} onRetry={events.reload} asPage />;
  if (!events.data) return <Loading />;
  return (
    <div className="back-office">
      <header className="page-header">
        <h1>{t('backOffice.title')}</h1>
        <p className="lead">{t('backOffice.intro')}</p>
      </header>
      <section aria-labelledby="back-office-events">
        <h2 id="back-office-events">{t('backOffice.events')}</h2>
        <ul className="back-office__events">
          {events.data.items.map((event) => (
            <li key={event.slug}>
              <Link href={`/staff/events/${event.slug}`} className="back-office__event">
                <strong>{text(event.name)}</strong>
                <span>
                  {formatDateRange(event.startsOn, event.endsOn, language)} · {event.city} ·{' '}
                  {timeZoneLabel(t, event.timeZone)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
        <p className="actions">
          <Link href="/events/new" className="button button--quiet">
            {t('backOffice.newEvent')}
          </Link>
        </p>
      </section>
      <section aria-labelledby="back-office-network">
        <h2 id="back-office-network">{t('backOffice.network')}</h2>
        <ul className="back-office__links">
          <li>
            <Link href="/admin/audit">{t('backOffice.link.audit')}</Link>
          </li>
          <li>
            <Link href="/write">{t('backOffice.link.write')}</Link>
          </li>
          <li>
            <Link href="/organizations">{t('backOffice.link.organizations')}</Link>
          </li>
          <li>
            <Link href="/people">{t('backOffice.link.people')}</Link>
          </li>
          <li>
            <Link href="/venues">{t('backOffice.link.venues')}</Link>
          </li>
        </ul>
      </section>
    </div>
  );
}

export function StaffOnly() {
  const { t } = useI18n();
  return (
    <div className="back-office">
      <h1>{t('backOffice.title')}</h1>
      <p className="notice">
        {t('backOffice.staffOnly')} <Link href="/sign-in?next=/staff">{t('backOffice.signIn')}</Link>
      </p>
    </div>
  );
}
