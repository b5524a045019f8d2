import { Link } from 'wouter';
import type { WorkingGroupSummary } from '../../shared/api/groups.ts';
import { type List, useApi } from '../api.ts';
import { organizationHref } from '../directory/organization-card.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { Message } from '../i18n/rich-message.tsx';
import { sortCountries } from '../ui/country.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, ErrorState, Loading } from '../ui/status.tsx';

export function workingGroupHref(group: { slug: string }): string {
  return `/working-groups/${encodeURIComponent(group.slug)}`;
}

export function WorkingGroupsPage() {
  const { t } = useI18n();
  usePageTitle(t('groups.title'));
  const groups = useApi<List<WorkingGroupSummary>>('/api/working-groups');

  return (
    <>
      <header className="page-header">
        <h1>{t('groups.title')}</h1>
        <p className="lead">{t('groups.intro')}</p>
      </header>
      {groups.error ? (
        <ErrorState error={groups.error} onRetry={groups.reload} />
      ) : !groups.data ? (
        <Loading />
      ) : groups.data.items.length === 0 ? (
        <EmptyState>{t('groups.empty')}</EmptyState>
      ) : (
        <ul className="card-grid card-grid--wide">
          {groups.data.items.map((group) => (
            <li key={group.slug}>
              <WorkingGroupCard group={group} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function WorkingGroupCard({ group }: { group: WorkingGroupSummary }) {
  const { t, language, list } = useI18n();
  return (
    <article className="card">
      <h2 className="card__title">
        <Link href={workingGroupHref(group)}>
          <LocalizedText text={group.name} />
        </Link>
      </h2>
      {group.network ? (
        <p className="card__meta">
          <Message
            id="groups.ofNetwork"
            values={{
              network: (
                <Link href={organizationHref(group.network)}>{group.network.acronym ?? group.network.name}</Link>
              ),
            }}
          />
        </p>
      ) : null}
      {group.countries.length > 0 ? (
        <p>{list(sortCountries(group.countries, language).map((country) => country.name[language]))}</p>
      ) : null}
      <p className="card__counts">
        {t('groups.countriesCount', { count: group.countries.length })}
        {' · '}
        {t('groups.organizationsCount', { count: group.organizationsCount })}
      </p>
    </article>
  );
}
