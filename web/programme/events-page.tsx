import type { EventSummary } from '../../shared/api/programme.ts';
import { type List, useApi } from '../api.ts';
import { AddLink } from '../forms/edit-link.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, ErrorState, Loading } from '../ui/status.tsx';
import { EventCard } from './event-card.tsx';

export function EventsPage() {
  const { t } = useI18n();
  usePageTitle(t('events.title'));
  const events = useApi<List<EventSummary>>('/api/events');
  const sorted = [...(events.data?.items ?? [])].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  return (
    <>
      <header className="page-header">
        <h1>{t('events.title')}</h1>
        <p className="lead">{t('events.intro')}</p>
        <AddLink what="event" />
      </header>
      {events.error ? (
        <ErrorState error={events.error} onRetry={events.reload} />
      ) : !events.data ? (
        <Loading />
      ) : sorted.length === 0 ? (
        <EmptyState>{t('events.empty')}</EmptyState>
      ) : (
        <ul className="card-grid card-grid--wide">
          {sorted.map((event) => (
            <li key={event.slug}>
              <EventCard event={event} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
