import { Link } from 'wouter';
import type { OrganizationDetail } from '../../shared/api/directory.ts';
import type { WorkingGroupSummary } from '../../shared/api/groups.ts';
import { apiPath, type List, useApi } from '../api.ts';
import { EditOrganizationLink } from '../forms/edit-link.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { OrganizationKindBadge, OrganizationStatusBadge } from '../ui/badges.tsx';
import { ExternalIcon, GlobeIcon } from '../ui/icons.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { OrganizationCard, organizationHref } from './organization-card.tsx';
import { PersonLink } from './person-link.tsx';

export function OrganizationPage({ slug }: { slug: string }) {
  const { t, language } = useI18n();
  const {
    data: organization,
    error,
    reload,
  } = useApi<OrganizationDetail>(`/api/organizations/${encodeURIComponent(slug)}`);
  const groups = useApi<List<WorkingGroupSummary>>(apiPath('/api/working-groups', { organization: slug }));
  usePageTitle(organization?.name);

  if (error) return <ErrorState error={error} onRetry={reload} asPage />;
  if (!organization) return <Loading />;

  const showAcronym = organization.acronym && organization.acronym !== organization.name;
  return (
    <article className="detail">
      <header className="page-header">
        <p className="eyebrow">
          <Link href="/organizations">{t('nav.directory')}</Link>
        </p>
        <h1>{organization.name}</h1>
        {showAcronym ? <p className="page-header__subtitle">{organization.acronym}</p> : null}
        <p className="card__badges">
          <OrganizationKindBadge kind={organization.kind} />
          <OrganizationStatusBadge status={organization.status} />
        </p>
        <EditOrganizationLink organization={organization} />
      </header>

      <dl className="facts">
        {organization.country ? (
          <div>
            <dt>{t('filters.country')}</dt>
            <dd>
              <GlobeIcon /> {organization.country.name[language]}
            </dd>
          </div>
        ) : null}
        {organization.memberOf ? (
          <div>
            <dt>{t('organization.memberOfLabel')}</dt>
            <dd>
              <Link href={organizationHref(organization.memberOf)}>{organization.memberOf.name}</Link>
            </dd>
          </div>
        ) : null}
        {organization.website ? (
          <div>
            <dt>{t('contact.website')}</dt>
            <dd>
              <a href={organization.website} rel="noopener noreferrer" target="_blank">
                {organization.website.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '')}
                <ExternalIcon />
                <span className="visually-hidden"> {t('link.opensInNewTab')}</span>
              </a>
            </dd>
          </div>
        ) : null}
      </dl>

      <LocalizedText text={organization.description} as="p" className="prose" />

      {organization.status === 'in_formation' ? (
        <p className="notice">{t('organization.inFormationExplained')}</p>
      ) : null}

      {organization.people.length > 0 ? (
        <section aria-labelledby="organization-people">
          <h2 id="organization-people">{t('organization.people')}</h2>
          <ul className="people-list">
            {organization.people.map((person) => (
              <li key={person.id}>
                <PersonLink person={person} />
                <LocalizedText text={person.role} className="people-list__role" />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {organization.members.length > 0 ? (
        <section aria-labelledby="organization-members">
          <h2 id="organization-members">
            {t('organization.members')} <span className="count">({organization.members.length})</span>
          </h2>
          <ul className="card-grid">
            {organization.members.map((member) => (
              <li key={member.slug}>
                <OrganizationCard organization={member} headingLevel={3} showParent={false} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {groups.data && groups.data.items.length > 0 ? (
        <section aria-labelledby="organization-groups">
          <h2 id="organization-groups">{t('nav.workingGroups')}</h2>
          <ul className="link-list">
            {groups.data.items.map((group) => (
              <li key={group.slug}>
                <Link href={`/working-groups/${encodeURIComponent(group.slug)}`}>
                  <LocalizedText text={group.name} />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
