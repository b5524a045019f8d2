import { useEffect } from 'react';
import { Link } from 'wouter';
import type { Agenda, AgendaItem } from '../../shared/api/agenda.ts';
import { apiPath, useApi } from '../api.ts';
import { formatDateRange, viewerTimeZone } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { ChangeNotice } from '../live/change-notice.tsx';
import { useProgrammeChanges } from '../live/use-programme-changes.ts';
import { TripMeetings } from '../meetings/trip-meetings.tsx';
import { chooseEvent, useCurrentEvent } from '../programme/current-event.ts';
import { eventHref } from '../programme/event-href.ts';
import { EventSwitcher } from '../programme/event-switcher.tsx';
import { SessionCard } from '../programme/session-card.tsx';
import { type TimeZoneMode, useTimeZonePreference } from '../programme/time-zone-preference.ts';
import { CalendarIcon, ExternalIcon, PinIcon } from '../ui/icons.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, ErrorState, Loading } from '../ui/status.tsx';
import { useUrlFilters } from '../ui/url-filters.ts';
import { CalendarFeedSection } from './calendar-feed.tsx';
import { useAgendaText } from './text.ts';
import './agenda.css';
import { timeZoneLabel } from '../i18n/time-zone-label.ts';

const FILTERS = ['event', 'tz'] as const;

/**
 * /my-trip: my sessions at an event, by day. The agenda is always fetched in
 * the event's zone (one address, so the copy kept for offline reading serves
 * both views); "my time" regroups it here by the device's own dates.
 */
export function MyTripPage() {
  const say = useAgendaText();
  const { text } = useI18n();
  const { values, setFilters } = useUrlFilters(FILTERS);
  const current = useCurrentEvent();
  // A link to one event's trip makes it the current event, so Connect and the other tabs follow.
  const known = current.events.some((event) => event.slug === values.event);
  useEffect(() => {
    if (current.ready && known && values.event && values.event !== current.event?.slug) chooseEvent(values.event);
  }, [current.ready, current.event?.slug, known, values.event]);
  const slug = values.event || current.event?.slug;
  const agenda = useApi<Agenda>(current.ready || values.event ? apiPath('/api/me/agenda', { event: slug }) : null);
  const { changedAt } = useProgrammeChanges(agenda.data?.event.slug ?? null, agenda.reload);
  usePageTitle(
    agenda.data ? say('agenda.pageTitleAt', { event: text(agenda.data.event.name) }) : say('agenda.pageTitle'),
  );

  if (agenda.error?.status === 401) return <SignInFirst />;
  if (agenda.error && !agenda.data) return <ErrorState error={agenda.error} onRetry={agenda.reload} asPage />;
  if (!agenda.data) return <Loading />;
  return (
    <article className="my-trip">
      <TripHeader agenda={agenda.data} />
      <EventSwitcher current={current} onChoose={() => setFilters({ event: null })} />
      <ChangeNotice changedAt={changedAt} />
      <Days agenda={agenda.data} tz={values.tz} setTz={(tz) => setFilters({ tz })} />
      <TripMeetings slug={agenda.data.event.slug} timeZone={agenda.data.event.timeZone} />
      <Venues agenda={agenda.data} />
      <CalendarFeedSection />
    </article>
  );
}

function SignInFirst() {
  const say = useAgendaText();
  return (
    <article className="my-trip">
      <header className="page-header">
        <h1>{say('agenda.pageTitle')}</h1>
      </header>
      <p>{say('agenda.signInFirst')}</p>
      <p className="actions">
        <Link className="button" href="/sign-in?next=%2Fmy-trip">
          {say('agenda.signIn')}
        </Link>
      </p>
    </article>
  );
}

function TripHeader({ agenda }: { agenda: Agenda }) {
  const say = useAgendaText();
  const { language } = useI18n();
  const { event } = agenda;
  return (
    <header className="page-header">
      <p className="eyebrow">
        <Link href={eventHref(event)}>
          <LocalizedText text={event.name} />
        </Link>
      </p>
      <h1>{say('agenda.pageTitle')}</h1>
      <p className="event-header__facts">
        <span>
          <CalendarIcon />
          {formatDateRange(event.startsOn, event.endsOn, language, { weekday: true })}
        </span>
        <span>
          <PinIcon />
          {event.city}
        </span>
      </p>
    </header>
  );
}

function Days({ agenda, tz, setTz }: { agenda: Agenda; tz: string; setTz: (tz: string | null) => void }) {
  const say = useAgendaText();
  const { t, dates } = useI18n();
  const [preferred, setPreferred] = useTimeZonePreference();
  const mode: TimeZoneMode = tz === 'local' || tz === 'event' ? tz : preferred;
  const viewerZone = viewerTimeZone();
  const zone = mode === 'local' ? viewerZone : agenda.event.timeZone;
  const format = dates(zone);

  const items = agenda.days.flatMap((day) => day.items);
  const byDay = new Map<string, AgendaItem[]>();
  for (const item of items) {
    const day =
      mode === 'event' ? (agenda.days.find((d) => d.items.includes(item))?.date ?? '') : format.dayOf(item.startsAt);
    byDay.set(day, [...(byDay.get(day) ?? []), item]);
  }
  const days = [...byDay].sort(([a], [b]) => a.localeCompare(b));
  const titleOf = new Map(items.map((item) => [item.id, item]));

  function choose(next: TimeZoneMode) {
    setPreferred(next);
    setTz(next === 'local' ? 'local' : null);
  }

  if (items.length === 0) {
    return (
      <section className="trip-section" aria-labelledby="trip-days-heading">
        <h2 id="trip-days-heading" className="visually-hidden">
          {say('agenda.daysHeading')}
        </h2>
        <EmptyState>
          {say('agenda.empty')} <Link href={eventHref(agenda.event)}>{say('agenda.browseProgramme')}</Link>
        </EmptyState>
      </section>
    );
  }

  return (
    <section className="trip-section" aria-labelledby="trip-days-heading">
      <h2 id="trip-days-heading" className="visually-hidden">
        {say('agenda.daysHeading')}
      </h2>
      <div className="programme-controls">
        <fieldset className="control-group control-group--zones">
          <legend className="control-group__label">{t('programme.timeZone')}</legend>
          <div className="toggle-row">
            <button type="button" aria-pressed={mode === 'event'} onClick={() => choose('event')}>
              {t('programme.eventTime', { zone: timeZoneLabel(t, agenda.event.timeZone) })}
            </button>
            <button type="button" aria-pressed={mode === 'local'} onClick={() => choose('local')}>
              {t('programme.myTime', { zone: viewerZone })}
            </button>
          </div>
        </fieldset>
        <nav className="trip-days-nav" aria-label={say('agenda.jumpToDay')}>
          <ul className="toggle-row">
            {days.map(([date]) => (
              <li key={date}>
                <a href={`#trip-day-${date}`}>{format.dayShort(date)}</a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <p className="result-count">
        {say('agenda.count', { count: items.length })}
        {mode === 'local' ? ` · ${t('programme.shownIn', { zone: viewerZone })}` : null}
      </p>
      {agenda.clashes > 0 ? (
        <p className="notice trip-clash-summary" role="note">
          {say('agenda.clashSummary', { count: agenda.clashes })}
        </p>
      ) : null}
      {days.map(([date, dayItems]) => (
        <section key={date} className="day" id={`trip-day-${date}`} aria-labelledby={`trip-day-${date}-heading`}>
          <h3 className="day__heading" id={`trip-day-${date}-heading`}>
            {format.dayHeading(date)}
          </h3>
          <ol className="day__sessions">
            {dayItems.map((item) => (
              <li key={item.id} className="trip-item">
                <TripStatus item={item} titleOf={titleOf} />
                <SessionCard session={item} format={format} eventSlug={agenda.event.slug} />
              </li>
            ))}
          </ol>
        </section>
      ))}
    </section>
  );
}

function TripStatus({ item, titleOf }: { item: AgendaItem; titleOf: Map<string, AgendaItem> }) {
  const say = useAgendaText();
  const { text, list } = useI18n();
  const clashing = item.clashesWith.map((id) => titleOf.get(id)).filter((other) => other !== undefined);
  return (
    <div className="trip-status">
      <p className="trip-status__chips">
        <span className={`status-chip status-chip--${item.myStatus}`}>
          {item.myStatus === 'assigned'
            ? say('agenda.status.assignedWith', {
                delegation: item.assignedWith?.acronym ?? item.assignedWith?.name ?? '',
              })
            : say(`agenda.status.${item.myStatus}`)}
        </span>
        {item.lastChange && item.lastChange.change !== 'updated' ? (
          <span className={`status-chip status-chip--${item.lastChange.change}`}>
            {say(`agenda.change.${item.lastChange.change}`)}
          </span>
        ) : null}
      </p>
      {clashing.length > 0 ? (
        <p className="trip-status__clash">
          <span aria-hidden="true">⚠ </span>
          {say('agenda.clashesWith', { sessions: list(clashing.map((other) => text(other.title))) })}
        </p>
      ) : null}
    </div>
  );
}

function Venues({ agenda }: { agenda: Agenda }) {
  const say = useAgendaText();
  const { t } = useI18n();
  if (agenda.venues.length === 0) return null;
  return (
    <section className="trip-section" aria-labelledby="trip-venues-heading">
      <h2 id="trip-venues-heading">{say('agenda.venuesHeading')}</h2>
      <ul className="trip-venues">
        {agenda.venues.map((venue) => (
          <li key={venue.slug} className="card">
            <h3 className="card__title">{venue.name}</h3>
            {venue.address || venue.city ? (
              <p>
                <PinIcon />
                {[venue.address, venue.city].filter(Boolean).join(', ')}
              </p>
            ) : null}
            <LocalizedText text={venue.description} as="p" className="muted" />
            {venue.mapUrl ? (
              <p>
                <a href={venue.mapUrl} target="_blank" rel="noopener noreferrer">
                  {say('agenda.openMap', { venue: venue.name })}
                  <ExternalIcon />
                  <span className="visually-hidden"> {t('link.opensInNewTab')}</span>
                </a>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
