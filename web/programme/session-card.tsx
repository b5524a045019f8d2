import { Link } from 'wouter';
import type { OrganizationRef } from '../../shared/api/directory.ts';
import type { Session } from '../../shared/api/programme.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { RoomLink } from '../audience/room-link.tsx';
import { organizationHref } from '../directory/organization-card.tsx';
import { PersonLink } from '../directory/person-link.tsx';
import type { DateFormat } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { JoinedList, Message } from '../i18n/rich-message.tsx';
import { Avatar } from '../profiles/avatar.tsx';
import { RsvpControl } from '../rsvp/rsvp-button.tsx';
import { SessionKindBadge } from '../ui/badges.tsx';
import { ClockIcon, ExternalIcon, PinIcon } from '../ui/icons.tsx';
import { TopicChips } from '../ui/topic-chips.tsx';

export const ILLUSTRATIVE_LEGEND_ID = 'illustrative-time-legend';

export function Credit({ id, organizations }: { id: MessageKey; organizations: OrganizationRef[] }) {
  if (organizations.length === 0) return null;
  return (
    <p className="session__credit">
      <Message
        id={id}
        values={{
          organizations: (
            <JoinedList
              items={organizations.map((organization) => (
                <Link key={organization.slug} href={organizationHref(organization)}>
                  {organization.name}
                </Link>
              ))}
            />
          ),
        }}
      />
    </p>
  );
}

export function SessionCard({
  session,
  format,
  highlighted = false,
  eventSlug,
}: {
  session: Session;
  format: DateFormat;
  highlighted?: boolean;
  /** The session's event: given, the title links to the session's own page and the card to its room (questions and polls). */
  eventSlug?: string;
}) {
  const { t } = useI18n();
  const cancelled = session.status === 'cancelled';
  const titleId = `session-${session.id}-title`;
  return (
    <article
      id={`session-${session.id}`}
      className={['session', cancelled && 'session--cancelled', highlighted && 'session--highlighted']
        .filter(Boolean)
        .join(' ')}
      aria-labelledby={titleId}
      tabIndex={-1}
    >
      <div className="session__when">
        <p className="session__time">
          <ClockIcon />
          <time dateTime={session.startsAt}>{format.timeRange(session.startsAt, session.endsAt)}</time>
        </p>
        {session.timeIsIllustrative ? (
          <p className="session__illustrative" title={t('programme.illustrativeExplained')}>
            <span aria-hidden="true">≈ </span>
            {t('programme.illustrative')}
          </p>
        ) : null}
      </div>

      <div className="session__body">
        <p className="session__badges">
          <SessionKindBadge kind={session.kind} />
          {cancelled ? <span className="badge badge--cancelled">{t('programme.cancelled')}</span> : null}
          {session.visibility !== 'public' ? (
            <span className="badge badge--restricted">{t(`visibility.${session.visibility}`)}</span>
          ) : null}
        </p>
        {eventSlug ? (
          <h3 className="session__title" id={titleId}>
            <Link
              href={`/events/${encodeURIComponent(eventSlug)}/sessions/${encodeURIComponent(session.id)}`}
              className="session__link"
            >
              <LocalizedText text={session.title} />
            </Link>
          </h3>
        ) : (
          <LocalizedText text={session.title} as="h3" className="session__title" id={titleId} />
        )}
        <LocalizedText text={session.description} as="p" className="session__description" />

        {session.speakers.length > 0 ? (
          <ul className="session__speakers" aria-label={t('programme.speakers')}>
            {session.speakers.map((speaker) => (
              <li key={`${speaker.person.id}-${speaker.part}`}>
                {speaker.person.photo ? (
                  <Avatar photo={speaker.person.photo} name={speaker.person.name} size="tiny" />
                ) : null}
                <PersonLink person={speaker.person} /> — {t(`part.${speaker.part}`)}
              </li>
            ))}
          </ul>
        ) : null}

        <Credit id="programme.hostedBy" organizations={session.hosts} />
        <Credit id="programme.presentedBy" organizations={session.presenters} />
        <Credit id="programme.supportedBy" organizations={session.partners} />

        {session.venue ? (
          <p className="session__venue">
            <PinIcon />
            <span>
              {session.stage
                ? t('programme.venueAndStage', { venue: session.venue.name, stage: session.stage })
                : session.venue.name}
            </span>
            {session.venue.mapUrl ? (
              <a className="session__map" href={session.venue.mapUrl} target="_blank" rel="noopener noreferrer">
                {t('programme.map')}
                <span className="visually-hidden">
                  {': '}
                  {session.venue.name} {t('link.opensInNewTab')}
                </span>
                <ExternalIcon />
              </a>
            ) : null}
          </p>
        ) : null}

        {session.capacity ? (
          <p className="session__capacity">{t('programme.capacity', { capacity: session.capacity })}</p>
        ) : null}

        <TopicChips topics={session.topics} />
        <RsvpControl session={session} />
        {eventSlug && !cancelled ? <RoomLink slug={eventSlug} sessionId={session.id} /> : null}
      </div>
    </article>
  );
}
