import { Link } from 'wouter';
import type { EventDetail, Session } from '../../shared/api/programme.ts';
import type { ContactsGoing } from '../../shared/api/rsvp.ts';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { useApi } from '../api.ts';
import { RoomLink } from '../audience/room-link.tsx';
import { PersonLink } from '../directory/person-link.tsx';
import { viewerTimeZone } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { Avatar } from '../profiles/avatar.tsx';
import { useLiveSeats } from '../rsvp/live-seats.ts';
import { RsvpControl } from '../rsvp/rsvp-button.tsx';
import { SessionKindBadge } from '../ui/badges.tsx';
import { CalendarIcon, ClockIcon, ExternalIcon, PinIcon } from '../ui/icons.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { TopicChips } from '../ui/topic-chips.tsx';
import { useUrlFilters } from '../ui/url-filters.ts';
import { eventHref } from './event-href.ts';
import { Credit } from './session-card.tsx';
import { type TimeZoneMode, useTimeZonePreference } from './time-zone-preference.ts';

const FILTERS = ['tz'] as const;

/** A session's own page, to share, to open from a notice, My trip or a calendar: /events/:slug/sessions/:id. */
export function SessionPage({ slug, id }: { slug: string; id: string }) {
  const { text } = useI18n();
  const event = useApi<EventDetail>(`/api/events/${encodeURIComponent(slug)}`);
  const session = useApi<Session>(`/api/sessions/${encodeURIComponent(id)}`);
  useLiveSeats(slug);
  usePageTitle(session.data ? text(session.data.title) : undefined);

  const error = event.error ?? session.error;
  if (error && !(event.data && session.data)) {
    return <ErrorState error={error} onRetry={error === event.error ? event.reload : session.reload} asPage />;
  }
  if (!event.data || !session.data) return <Loading />;
  return <SessionDetail event={event.data} session={session.data} />;
}

/** An address search on OpenStreetMap: a map to open, without loading map tiles here. */
export function mapSearchUrl(venue: NonNullable<Session['venue']>): string | null {
  const query = [venue.name, venue.address, venue.city].filter(Boolean).join(', ');
  return venue.address || venue.city ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}` : null;
}

function SessionDetail({ event, session }: { event: EventDetail; session: Session }) {
  const { t, text, dates } = useI18n();
  const { me } = useMe();
  const { values, setFilters } = useUrlFilters(FILTERS);
  const [preferred, setPreferred] = useTimeZonePreference();
  const mode: TimeZoneMode = values.tz === 'local' || values.tz === 'event' ? values.tz : preferred;
  const viewerZone = viewerTimeZone();
  const zone = mode === 'local' ? viewerZone : event.timeZone;
  const format = dates(zone);
  const cancelled = session.status === 'cancelled';
  const map = session.venue ? (session.venue.mapUrl ?? mapSearchUrl(session.venue)) : null;

  function choose(next: TimeZoneMode) {
    setPreferred(next);
    setFilters({ tz: next === 'local' ? 'local' : null });
  }

  return (
    <article className="session-page" aria-labelledby="session-title">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={`${eventHref(event)}?session=${encodeURIComponent(session.id)}`}>
            <span aria-hidden="true">← </span>
            {t('session.back', { event: text(event.name) })}
          </Link>
        </p>
        <p className="session__badges">
          <SessionKindBadge kind={session.kind} />
          {cancelled ? <span className="badge badge--cancelled">{t('programme.cancelled')}</span> : null}
          {session.visibility !== 'public' ? (
            <span className="badge badge--restricted">{t(`visibility.${session.visibility}`)}</span>
          ) : null}
        </p>
        <LocalizedText text={session.title} as="h1" id="session-title" />
        <LocalizedText text={session.description} as="p" className="lead" />
        {isAdmin(me) ? (
          <p className="actions">
            <Link
              className="button button--quiet"
              href={`/sessions/${encodeURIComponent(session.id)}/edit?event=${encodeURIComponent(event.slug)}`}
            >
              {t('editing.edit')}
            </Link>
          </p>
        ) : null}
      </header>

      <section className="session-page__panel" aria-labelledby="session-when">
        <h2 id="session-when">{t('session.when')}</h2>
        <p className="session-page__fact">
          <CalendarIcon />
          <span>{format.dayHeading(format.dayOf(session.startsAt))}</span>
        </p>
        <p className="session-page__fact session-page__fact--time">
          <ClockIcon />
          <time dateTime={session.startsAt}>{format.timeRange(session.startsAt, session.endsAt)}</time>
          {session.timeIsIllustrative ? (
            <span className="session__illustrative" title={t('programme.illustrativeExplained')}>
              <span aria-hidden="true">≈ </span>
              {t('programme.illustrative')}
            </span>
          ) : null}
        </p>
        {event.timeZone !== viewerZone ? (
          <fieldset className="control-group">
            <legend className="control-group__label">{t('programme.timeZone')}</legend>
            <div className="toggle-row">
              <button type="button" aria-pressed={mode === 'event'} onClick={() => choose('event')}>
                {t('programme.eventTime', { zone: event.timeZone })}
              </button>
              <button type="button" aria-pressed={mode === 'local'} onClick={() => choose('local')}>
                {t('programme.myTime', { zone: viewerZone })}
              </button>
            </div>
          </fieldset>
        ) : null}
      </section>

      {session.venue ? (
        <section className="session-page__panel" aria-labelledby="session-where">
          <h2 id="session-where">{t('session.where')}</h2>
          <p className="session-page__fact">
            <PinIcon />
            <span>
              {session.stage
                ? t('programme.venueAndStage', { venue: session.venue.name, stage: session.stage })
                : session.venue.name}
              {session.venue.address ? (
                <>
                  <br />
                  <span className="muted">
                    {[session.venue.address, session.venue.city].filter(Boolean).join(', ')}
                  </span>
                </>
              ) : null}
            </span>
          </p>
          {map ? (
            <p>
              <a className="button button--quiet" href={map} target="_blank" rel="noopener noreferrer">
                {t('session.mapSearch')}
                <span className="visually-hidden">
                  {': '}
                  {session.venue.name} {t('link.opensInNewTab')}
                </span>
                <ExternalIcon />
              </a>
            </p>
          ) : null}
        </section>
      ) : null}

      {session.speakers.length + session.hosts.length + session.presenters.length + session.partners.length > 0 ? (
        <section className="session-page__panel" aria-labelledby="session-who">
          <h2 id="session-who">{t('session.who')}</h2>
          {session.speakers.length > 0 ? (
            <ul className="speaker-list" aria-label={t('programme.speakers')}>
              {session.speakers.map((speaker) => (
                <li key={`${speaker.person.id}-${speaker.part}`} className="speaker-list__item">
                  <Avatar photo={speaker.person.photo} name={speaker.person.name} size="small" />
                  <span>
                    <PersonLink person={speaker.person} />
                    <br />
                    <span className="muted">{t(`part.${speaker.part}`)}</span>
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          <Credit id="programme.hostedBy" organizations={session.hosts} />
          <Credit id="programme.presentedBy" organizations={session.presenters} />
          <Credit id="programme.supportedBy" organizations={session.partners} />
        </section>
      ) : null}

      {session.topics.length > 0 ? <TopicChips topics={session.topics} /> : null}

      <section className="session-page__panel" aria-labelledby="session-seats">
        <h2 id="session-seats">{t('session.seats')}</h2>
        {session.capacity ? <p>{t('programme.capacity', { capacity: session.capacity })}</p> : null}
        {/* The seat control names the session through this id (aria-describedby). */}
        <span id={`session-${session.id}-title`} hidden>
          {text(session.title)}
        </span>
        <RsvpControl session={session} />
        {me?.person && !cancelled ? (
          <>
            <p className="muted">{t('session.inTripHint')}</p>
            <p>
              <Link href={`/my-trip?event=${encodeURIComponent(event.slug)}`}>{t('session.openTrip')}</Link>
            </p>
            <ContactsGoingNote sessionId={session.id} />
          </>
        ) : null}
      </section>
      {!cancelled ? <RoomLink slug={event.slug} sessionId={session.id} /> : null}
    </article>
  );
}

function ContactsGoingNote({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  const going = useApi<ContactsGoing>(`/api/sessions/${encodeURIComponent(sessionId)}/contacts-going`);
  if (!going.data) return null;
  return (
    <p className="session-page__contacts">
      {t('session.contactsGoing', { count: going.data.count })}{' '}
      <span className="muted">{t('session.contactsPrivate')}</span>
    </p>
  );
}
