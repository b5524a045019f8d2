import { Link } from 'wouter';
import type { EventSummary } from '../../shared/api/programme.ts';
import { formatDateRange } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { Message } from '../i18n/rich-message.tsx';
import { ArrowIcon, CalendarIcon, PinIcon } from '../ui/icons.tsx';
import { eventHref } from './event-href.ts';

/** An event as a card: where, when, and the way into its programme. */
export function EventCard({
  event,
  label,
  headingLevel = 2,
}: {
  event: EventSummary;
  label?: string;
  headingLevel?: 2 | 3;
}) {
  const { t, language } = useI18n();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="card event-card">
      {label ? <p className="eyebrow">{label}</p> : null}
      <Heading className="card__title">
        <Link href={eventHref(event)}>
          <LocalizedText text={event.name} />
        </Link>
      </Heading>
      <p className="card__meta">
        <CalendarIcon />
        {formatDateRange(event.startsOn, event.endsOn, language)}
      </p>
      <p className="card__meta">
        <PinIcon />
        {event.country ? `${event.city}, ${event.country.name[language]}` : event.city}
      </p>
      {event.hostOrganization ? (
        <p className="card__meta">
          <Message id="programme.atConference" values={{ host: event.hostOrganization.name }} />
        </p>
      ) : null}
      <p className="event-card__footer">
        <span className="card__counts">{t('programme.count', { count: event.sessionsCount })}</span>
        <Link href={eventHref(event)} className="button">
          {t('programme.open')}
          <ArrowIcon />
        </Link>
      </p>
    </article>
  );
}
