import { Link } from 'wouter';
import type { WorkingGroupDetail } from '../../shared/api/groups.ts';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { useApi } from '../api.ts';
import { organizationHref } from '../directory/organization-card.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { Message } from '../i18n/rich-message.tsx';
import { OrganizationKindBadge } from '../ui/badges.tsx';
import { sortCountries } from '../ui/country.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { sessionHref } from '../ui/session-href.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { TopicChips } from '../ui/topic-chips.tsx';
import { OpenActionItems } from './open-action-items.tsx';

export function WorkingGroupPage({ slug }: { slug: string }) {
  const { t, language, text, dates } = useI18n();
  const { me } = useMe();
  const { data: group, error, reload } = useApi<WorkingGroupDetail>(`/api/working-groups/${encodeURIComponent(slug)}`);
  usePageTitle(group ? text(group.name) : undefined);

  if (error) return <ErrorState error={error} onRetry={reload} asPage />;
  if (!group) return <Loading />;

  const meetings = [...group.meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt));

  return (
    <article className="detail">
      <header className="page-header">
        <p className="eyebrow">
          <Link href="/working-groups">{t('nav.workingGroups')}</Link>
        </p>
        <LocalizedText text={group.name} as="h1" />
        {group.network ? (
          <p className="page-header__subtitle">
            <Message
              id="groups.ofNetwork"
              values={{
                network: <Link href={organizationHref(group.network)}>{group.network.name}</Link>,
              }}
            />
          </p>
        ) : null}
        {isAdmin(me) ? (
          <Link
            href={`/working-groups/${encodeURIComponent(group.slug)}/edit`}
            className="button button--quiet edit-link"
            aria-label={t('editing.editNamed', { name: text(group.name) })}
          >
            {t('editing.edit')}
          </Link>
        ) : null}
      </header>

      <LocalizedText text={group.description} as="p" className="prose" />

      {group.countries.length > 0 ? (
        <section aria-labelledby="group-countries">
          <h2 id="group-countries">
            {t('groups.countries')} <span className="count">({group.countries.length})</span>
          </h2>
          <ul className="chips chips--countries">
            {sortCountries(group.countries, language).map((country) => (
              <li key={country.code} className="chip">
                {country.name[language]}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {group.organizations.length > 0 ? (
        <section aria-labelledby="group-organizations">
          <h2 id="group-organizations">
            {t('groups.organizations')} <span className="count">({group.organizations.length})</span>
          </h2>
          <ul className="people-list">
            {group.organizations.map((organization) => (
              <li key={organization.slug}>
                <Link href={organizationHref(organization)}>{organization.name}</Link>{' '}
                <OrganizationKindBadge kind={organization.kind} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {group.topics.length > 0 ? (
        <section aria-labelledby="group-topics">
          <h2 id="group-topics">{t('groups.topics')}</h2>
          <TopicChips topics={group.topics} label={t('groups.topics')} />
        </section>
      ) : null}

      <section aria-labelledby="group-meetings">
        <h2 id="group-meetings">{t('groups.meetings')}</h2>
        {meetings.length === 0 ? (
          <p className="muted">{t('groups.noMeetings')}</p>
        ) : (
          <ul className="session-links">
            {meetings.map((meeting) => {
              const zone = dates(meeting.event.timeZone);
              const day = zone.dayOf(meeting.startsAt);
              return (
                <li key={meeting.id}>
                  <p className="session-links__time">
                    <time dateTime={meeting.startsAt}>
                      {zone.dayHeading(day)}, {zone.timeRange(meeting.startsAt, meeting.endsAt)}
                    </time>
                  </p>
                  <p className="session-links__title">
                    <Link href={sessionHref(meeting.event, meeting)}>
                      <LocalizedText text={meeting.title} />
                    </Link>
                  </p>
                  <p className="session-links__meta">
                    <LocalizedText text={meeting.event.name} />
                    {' · '}
                    <Link href={`/meetings/${meeting.id}`}>{t('meetings.open')}</Link>
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <OpenActionItems slug={group.slug} />
    </article>
  );
}
