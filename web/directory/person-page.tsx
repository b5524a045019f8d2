import { Link } from 'wouter';
import type { PersonDetail } from '../../shared/api/directory.ts';
import type { SpeakerSession } from '../../shared/api/programme.ts';
import { InvitationPanel } from '../accounts/invitation-panel.tsx';
import { type List, useApi } from '../api.ts';
import { PersonRolesSection } from '../attendees/person-roles.tsx';
import { EditPersonLink } from '../forms/edit-link.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { Avatar } from '../profiles/avatar.tsx';
import { FictionalBadge } from '../ui/badges.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { sessionHref } from '../ui/session-href.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { TopicChips } from '../ui/topic-chips.tsx';
import { organizationHref } from './organization-card.tsx';

export function PersonPage({ id }: { id: string }) {
  const { t, language, locale, list, dates } = useI18n();
  const { data: person, error, reload } = useApi<PersonDetail>(`/api/people/${encodeURIComponent(id)}`);
  const sessions = useApi<List<SpeakerSession>>(`/api/people/${encodeURIComponent(id)}/sessions`);
  usePageTitle(person?.name);

  if (error) return <ErrorState error={error} onRetry={reload} asPage />;
  if (!person) return <Loading />;

  const languageNames = new Intl.DisplayNames(locale, { type: 'language' });
  const spoken = person.languages.map((code) => languageNames.of(code) ?? code);
  const { email, phone, website } = person.contact;
  const hasContact = Boolean(email || phone || website);

  return (
    <article className="detail">
      <header className="page-header">
        <p className="eyebrow">
          <Link href="/people">{t('nav.people')}</Link>
        </p>
        <div className="person-heading">
          {person.photo ? <Avatar photo={person.photo} name={person.name} size="large" /> : null}
          <h1>{person.name}</h1>
        </div>
        {person.fictional ? (
          <p className="card__badges">
            <FictionalBadge />
          </p>
        ) : null}
        <EditPersonLink person={person} />
        <InvitationPanel person={person} />
      </header>

      <dl className="facts">
        {person.country ? (
          <div>
            <dt>{t('filters.country')}</dt>
            <dd>{person.country.name[language]}</dd>
          </div>
        ) : null}
        {spoken.length > 0 ? (
          <div>
            <dt>{t('person.languages')}</dt>
            <dd>{list(spoken)}</dd>
          </div>
        ) : null}
      </dl>

      {person.fictional ? <p className="notice">{t('person.fictionalExplained')}</p> : null}

      {person.affiliations.length > 0 ? (
        <section aria-labelledby="person-affiliations">
          <h2 id="person-affiliations">{t('person.affiliations')}</h2>
          <ul className="people-list">
            {person.affiliations.map((affiliation) => (
              <li key={affiliation.organization.slug}>
                <Link href={organizationHref(affiliation.organization)}>{affiliation.organization.name}</Link>
                <LocalizedText text={affiliation.role} className="people-list__role" />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {person.topics.length > 0 ? (
        <section aria-labelledby="person-topics">
          <h2 id="person-topics">{t('person.topics')}</h2>
          <TopicChips topics={person.topics} label={t('person.topics')} />
        </section>
      ) : null}

      {person.bio.en || person.bio.es ? (
        <section aria-labelledby="person-bio">
          <h2 id="person-bio">{t('person.bio')}</h2>
          <LocalizedText text={person.bio} as="p" className="prose" />
        </section>
      ) : null}

      <section aria-labelledby="person-contact">
        <h2 id="person-contact">{t('person.contact')}</h2>
        {hasContact ? (
          <dl className="facts">
            {email ? (
              <div>
                <dt>{t('contact.email')}</dt>
                <dd>
                  <a href={`mailto:${email}`}>{email}</a>
                </dd>
              </div>
            ) : null}
            {phone ? (
              <div>
                <dt>{t('contact.phone')}</dt>
                <dd>
                  <a href={`tel:${phone.replace(/[^+\d]/g, '')}`}>{phone}</a>
                </dd>
              </div>
            ) : null}
            {website ? (
              <div>
                <dt>{t('contact.website')}</dt>
                <dd>
                  <a href={website} rel="noopener noreferrer" target="_blank">
                    {website.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '')}
                    <span className="visually-hidden"> {t('link.opensInNewTab')}</span>
                  </a>
                </dd>
              </div>
            ) : null}
          </dl>
        ) : (
          <p className="muted">{t('person.noContact')}</p>
        )}
      </section>

      {sessions.data && sessions.data.items.length > 0 ? (
        <section aria-labelledby="person-sessions">
          <h2 id="person-sessions">{t('person.sessions')}</h2>
          <ul className="session-links">
            {sessions.data.items.map((session) => {
              const zone = dates(session.event.timeZone);
              const parts = session.speakers
                .filter((speaker) => speaker.person.id === person.id)
                .map((speaker) => t(`part.${speaker.part}`));
              return (
                <li key={session.id}>
                  <p className="session-links__time">
                    <time dateTime={session.startsAt}>
                      {zone.dayHeading(session.day)}, {zone.timeRange(session.startsAt, session.endsAt)}
                    </time>
                  </p>
                  <p className="session-links__title">
                    <Link href={sessionHref(session.event, session)}>
                      <LocalizedText text={session.title} />
                    </Link>
                  </p>
                  <p className="session-links__meta">
                    {parts.length > 0 ? `${list(parts)} · ` : null}
                    <LocalizedText text={session.event.name} />
                  </p>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <PersonRolesSection personId={person.id} />
    </article>
  );
}
