import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { EventDetail, Session, SessionList } from '../../shared/api/programme.ts';
import { localDate } from '../../shared/time.ts';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { useApi } from '../api.ts';
import { AttendeesLink } from '../attendees/attendees-link.tsx';
import { BingoLink } from '../bingo/bingo-link.tsx';
import { DelegationCredits } from '../delegations/delegation-credits.tsx';
import { organizationHref } from '../directory/organization-card.tsx';
import { VenuesLink } from '../forms/edit-link.tsx';
import { type DateFormat, formatDateRange, viewerTimeZone } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { Message } from '../i18n/rich-message.tsx';
import { timeZoneLabel } from '../i18n/time-zone-label.ts';
import { ChangeNotice } from '../live/change-notice.tsx';
import { useProgrammeChanges } from '../live/use-programme-changes.ts';
import { TripReportButton } from '../news/trip-report-button.tsx';
import { useLiveSeats } from '../rsvp/live-seats.ts';
import { OrganizationKindBadge } from '../ui/badges.tsx';
import { CalendarIcon, PinIcon } from '../ui/icons.tsx';
import { isOneOf } from '../ui/one-of.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, ErrorState, Loading } from '../ui/status.tsx';
import { useUrlFilters } from '../ui/url-filters.ts';
import { calendarPath } from './event-href.ts';
import { ILLUSTRATIVE_LEGEND_ID, SessionCard } from './session-card.tsx';
import { type TimeZoneMode, useTimeZonePreference } from './time-zone-preference.ts';

const FILTERS = ['day', 'kind', 'tz', 'session'] as const;

export function EventPage({ slug }: { slug: string }) {
  const { t, text } = useI18n();
  const base = `/api/events/${encodeURIComponent(slug)}`;
  const event = useApi<EventDetail>(base);
  const sessions = useApi<SessionList>(`${base}/sessions`);
  // Staff edits reach an open page: fetch the event and its sessions again, and say so.
  const { changedAt } = useProgrammeChanges(slug, () => {
    event.reload();
    sessions.reload();
  });
  useLiveSeats(slug);
  usePageTitle(event.data ? t('programme.pageTitle', { event: text(event.data.name) }) : undefined);

  if (event.error) return <ErrorState error={event.error} onRetry={event.reload} asPage />;
  if (!event.data) return <Loading />;
  return (
    <article className="programme">
      <EventHeader event={event.data} />
      <ChangeNotice changedAt={changedAt} />
      {sessions.error ? (
        <ErrorState error={sessions.error} onRetry={sessions.reload} />
      ) : (
        <Programme event={event.data} sessions={sessions.data?.items} />
      )}
      <Partners event={event.data} />
      <DelegationCredits slug={slug} />
    </article>
  );
}

function EventHeader({ event }: { event: EventDetail }) {
  const { t, text, language } = useI18n();
  const { me } = useMe();
  const calendar = calendarPath(event, language);
  const webcal = `webcal://${window.location.host}${calendar}`;
  return (
    <header className="page-header event-header">
      <p className="eyebrow">{t('programme.eyebrow')}</p>
      <LocalizedText text={event.name} as="h1" />
      <p className="event-header__facts">
        <span>
          <CalendarIcon />
          {formatDateRange(event.startsOn, event.endsOn, language, { weekday: true })}
        </span>
        <span>
          <PinIcon />
          {event.country ? `${event.city}, ${event.country.name[language]}` : event.city}
        </span>
      </p>
      {event.hostOrganization ? (
        <p className="event-header__host">
          <Message
            id="programme.atConference"
            values={{
              host: <Link href={organizationHref(event.hostOrganization)}>{event.hostOrganization.name}</Link>,
            }}
          />
        </p>
      ) : null}
      <LocalizedText text={event.description} as="p" className="prose" />
      <p className="actions">
        <a className="button" href={calendar} download={`${event.slug}.ics`}>
          <CalendarIcon />
          {t('programme.addToCalendar')}
        </a>
        <a className="button button--quiet" href={webcal}>
          {t('programme.subscribe')}
        </a>
        {event.website ? (
          <a className="button button--quiet" href={event.website} target="_blank" rel="noopener noreferrer">
            {t('programme.website')}
            <span className="visually-hidden"> {t('link.opensInNewTab')}</span>
          </a>
        ) : null}
        {isAdmin(me) ? (
          <Link
            className="button button--quiet"
            href={`/events/${encodeURIComponent(event.slug)}/edit`}
            aria-label={t('editing.editNamed', { name: text(event.name) })}
          >
            {t('editing.edit')}
          </Link>
        ) : null}
        {isAdmin(me) ? (
          <Link className="button button--quiet" href={`/events/${encodeURIComponent(event.slug)}/sessions/new`}>
            {t('editing.session.new')}
          </Link>
        ) : null}
        <AttendeesLink slug={event.slug} />
        <VenuesLink />
        <BingoLink slug={event.slug} />
        <TripReportButton eventSlug={event.slug} />
      </p>
    </header>
  );
}

/** Session list grouped by day (in the zone shown), in start order. */
function groupByDay(sessions: Session[], dayOf: (session: Session) => string): [string, Session[]][] {
  const groups = new Map<string, Session[]>();
  for (const session of sessions) {
    const day = dayOf(session);
    const group = groups.get(day);
    if (group) group.push(session);
    else groups.set(day, [session]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

function Programme({ event, sessions }: { event: EventDetail; sessions: Session[] | undefined }) {
  const { t, text, dates } = useI18n();
  const { me } = useMe();
  const { values, setFilters } = useUrlFilters(FILTERS);
  const [preferredMode, setPreferredMode] = useTimeZonePreference();
  const mode: TimeZoneMode = values.tz === 'local' || values.tz === 'event' ? values.tz : preferredMode;
  const viewerZone = viewerTimeZone();
  const format = dates(mode === 'local' ? viewerZone : event.timeZone);

  // In the event's zone the server's `day` is the truth; in the viewer's zone
  // a session belongs to the viewer's local date of its start.
  const dayOf = (session: Session) => (mode === 'event' ? session.day : format.dayOf(session.startsAt));
  const daysIn = (zoneMode: TimeZoneMode) =>
    zoneMode === 'event'
      ? event.days.map((day) => day.date)
      : [...new Set((sessions ?? []).map((s) => dates(viewerZone).dayOf(s.startsAt)))].sort();
  const days = daysIn(mode);
  const day = days.includes(values.day) ? values.day : '';
  const kind = isOneOf(event.kinds, values.kind) ? values.kind : '';

  function chooseMode(next: TimeZoneMode) {
    setPreferredMode(next);
    // Keep the chosen day only if it still exists once days are counted in the other zone.
    setFilters({ tz: next === 'local' ? 'local' : null, day: daysIn(next).includes(day) ? day : null });
  }

  const visible = (sessions ?? []).filter(
    (session) => (!kind || session.kind === kind) && (!day || dayOf(session) === day),
  );
  const anyIllustrative = visible.some((session) => session.timeIsIllustrative);

  // `?session=<id>` (from the calendar feed, a person or a working group) or `#session-<id>`.
  const targetSession = values.session || window.location.hash.replace(/^#session-/, '');
  useScrollToSession(sessions !== undefined ? targetSession : '');

  return (
    <section className="programme__sessions" aria-labelledby="programme-heading">
      <h2 id="programme-heading">{t('programme.heading')}</h2>
      <div className="programme-controls">
        <fieldset className="control-group control-group--zones">
          <legend className="control-group__label">{t('programme.timeZone')}</legend>
          <div className="toggle-row">
            <button type="button" aria-pressed={mode === 'event'} onClick={() => chooseMode('event')}>
              {t('programme.eventTime', { zone: timeZoneLabel(t, event.timeZone) })}
            </button>
            <button type="button" aria-pressed={mode === 'local'} onClick={() => chooseMode('local')}>
              {t('programme.myTime', { zone: viewerZone })}
            </button>
          </div>
        </fieldset>

        <div className="control-group field">
          <label htmlFor="session-kind" className="control-group__label">
            {t('programme.kind')}
          </label>
          <select id="session-kind" value={kind} onChange={(e) => setFilters({ kind: e.target.value })}>
            <option value="">{t('filters.allKinds')}</option>
            {event.kinds.map((option) => (
              <option key={option} value={option}>
                {t(`kind.session.${option}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="control-group control-group--days day-tabs">
        <legend className="control-group__label">{t('programme.day')}</legend>
        <div className="toggle-row">
          <button type="button" aria-pressed={day === ''} onClick={() => setFilters({ day: null })}>
            {t('programme.allDays')}
          </button>
          {days.map((date) => (
            <button key={date} type="button" aria-pressed={day === date} onClick={() => setFilters({ day: date })}>
              {format.dayShort(date)}
            </button>
          ))}
        </div>
      </fieldset>

      {sessions ? <NowAndNext event={event} sessions={sessions} format={format} /> : null}

      {sessions === undefined ? (
        <Loading />
      ) : (
        <>
          <p className="result-count" role="status">
            {t('programme.count', { count: visible.length })}
            {mode === 'local' ? ` · ${t('programme.shownIn', { zone: viewerZone })}` : null}
          </p>
          {anyIllustrative ? (
            <p className="legend" id={ILLUSTRATIVE_LEGEND_ID}>
              <span className="session__illustrative">
                <span aria-hidden="true">≈ </span>
                {t('programme.illustrative')}
              </span>{' '}
              {t('programme.illustrativeExplained')}
            </p>
          ) : null}
          {visible.length === 0 ? (
            <EmptyState>{t('programme.empty')}</EmptyState>
          ) : (
            groupByDay(visible, dayOf).map(([date, daySessions]) => (
              <section key={date} className="day" aria-labelledby={`day-${date}`}>
                <h3 className="day__heading" id={`day-${date}`}>
                  {format.dayHeading(date)}
                </h3>
                <ol className="day__sessions">
                  {daySessions.map((session) => (
                    <li key={session.id}>
                      <SessionCard
                        session={session}
                        format={format}
                        highlighted={session.id === targetSession}
                        eventSlug={event.slug}
                      />
                      {isAdmin(me) ? (
                        <Link
                          className="button button--quiet edit-link"
                          href={`/sessions/${encodeURIComponent(session.id)}/edit?event=${encodeURIComponent(event.slug)}`}
                          aria-label={t('editing.editNamed', { name: text(session.title) })}
                        >
                          {t('editing.edit')}
                        </Link>
                      ) : null}
                    </li>
                  ))}
                </ol>
              </section>
            ))
          )}
        </>
      )}
    </section>
  );
}

/**
 * While the event runs (a day of it in its own zone): what is on now and
 * what starts next, each a link to its page. Looked at again every minute.
 */
function NowAndNext({ event, sessions, format }: { event: EventDetail; sessions: Session[]; format: DateFormat }) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  const today = localDate(new Date(now), event.timeZone);
  if (today < event.startsOn || today > event.endsOn) return null;
  const live = sessions.filter((session) => session.status !== 'cancelled');
  const onNow = live.filter((s) => Date.parse(s.startsAt) <= now && now < Date.parse(s.endsAt));
  const upcoming = live
    .filter((s) => Date.parse(s.startsAt) > now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const next = upcoming.filter((s) => s.startsAt === upcoming[0]?.startsAt);
  if (onNow.length === 0 && next.length === 0) return null;
  const row = (label: string, session: Session) => (
    <li key={`${label}-${session.id}`}>
      <span className="now-next__label">{label}</span>{' '}
      <time dateTime={session.startsAt}>{format.timeRange(session.startsAt, session.endsAt)}</time>{' '}
      <Link href={`/events/${encodeURIComponent(event.slug)}/sessions/${encodeURIComponent(session.id)}`}>
        <LocalizedText text={session.title} />
      </Link>
    </li>
  );
  return (
    <section className="now-next" aria-labelledby="now-next-heading">
      <h3 id="now-next-heading">{t('programme.nowNext')}</h3>
      <ul>
        {onNow.map((session) => row(t('programme.now'), session))}
        {next.map((session) => row(t('programme.next'), session))}
      </ul>
    </section>
  );
}

/** Brings the session a link points at into view once the programme has loaded, and moves focus to it. */
function useScrollToSession(sessionId: string) {
  useEffect(() => {
    if (!sessionId) return;
    // After the layout's own scroll-to-top for the new page.
    const timer = window.setTimeout(() => {
      const target = document.getElementById(`session-${sessionId}`);
      if (!target) return;
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    }, 0);
    return () => window.clearTimeout(timer);
  }, [sessionId]);
}

function Partners({ event }: { event: EventDetail }) {
  const { t } = useI18n();
  if (event.partners.length === 0) return null;
  return (
    <section className="partners" aria-labelledby="programme-partners">
      <h2 id="programme-partners">{t('programme.partners')}</h2>
      <p className="muted">{t('programme.partnersIntro')}</p>
      <ul className="partner-list">
        {event.partners.map((partner) => (
          <li key={partner.slug}>
            <Link href={organizationHref(partner)}>{partner.name}</Link>
            <OrganizationKindBadge kind={partner.kind} />
          </li>
        ))}
      </ul>
    </section>
  );
}
