import { Link } from 'wouter';
import type { EventSummary } from '../../shared/api/programme.ts';
import { type List, useApi } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { EventCard } from '../programme/event-card.tsx';
import { featuredEvent } from '../programme/featured-event.ts';
import { ArrowIcon } from '../ui/icons.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';

export function HomePage() {
  const { t } = useI18n();
  usePageTitle(null);
  const events = useApi<List<EventSummary>>('/api/events');
  const featured = events.data ? featuredEvent(events.data.items) : undefined;

  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <p className="eyebrow">{t('home.eyebrow')}</p>
        <h1 id="home-title">{t('home.title')}</h1>
        <p className="lead">{t('home.intro')}</p>
        <p className="hero__more">{t('home.more')}</p>
      </section>

      <div className="home-columns">
        <section aria-labelledby="home-event">
          <h2 id="home-event">{featured?.upcoming === false ? t('home.latestTrip') : t('home.nextTrip')}</h2>
          {events.error ? (
            <ErrorState error={events.error} onRetry={events.reload} />
          ) : !events.data ? (
            <Loading />
          ) : featured ? (
            <EventCard event={featured.event} headingLevel={3} />
          ) : (
            <p className="empty-state">{t('events.empty')}</p>
          )}
        </section>

        <section aria-labelledby="home-explore">
          <h2 id="home-explore">{t('home.explore')}</h2>
          <ul className="tiles">
            <li>
              <Link href="/organizations" className="tile">
                <span className="tile__title">
                  {t('nav.directory')}
                  <ArrowIcon />
                </span>
                <span className="tile__text">{t('home.directoryText')}</span>
              </Link>
            </li>
            <li>
              <Link href="/people" className="tile">
                <span className="tile__title">
                  {t('nav.people')}
                  <ArrowIcon />
                </span>
                <span className="tile__text">{t('home.peopleText')}</span>
              </Link>
            </li>
            <li>
              <Link href="/working-groups" className="tile">
                <span className="tile__title">
                  {t('nav.workingGroups')}
                  <ArrowIcon />
                </span>
                <span className="tile__text">{t('home.groupsText')}</span>
              </Link>
            </li>
          </ul>
        </section>
      </div>
    </>
  );
}
