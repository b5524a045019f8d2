import { Link } from 'wouter';
import type { Country } from '../../shared/api/common.ts';
import type { PersonSummary } from '../../shared/api/directory.ts';
import { type ApiState, apiPath, type List, useApi } from '../api.ts';
import { AddLink } from '../forms/edit-link.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { FictionalBadge } from '../ui/badges.tsx';
import { sortCountries } from '../ui/country.ts';
import { GlobeIcon } from '../ui/icons.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, ErrorState, Loading } from '../ui/status.tsx';
import { useDebouncedParam, useUrlFilters } from '../ui/url-filters.ts';
import { organizationHref, shortName } from './organization-card.tsx';
import { PersonLink } from './person-link.tsx';

const FILTERS = ['q', 'country'] as const;

export function PeoplePage() {
  const { t, language } = useI18n();
  usePageTitle(t('people.title'));
  const { values, setFilters } = useUrlFilters(FILTERS);
  const [search, setSearch] = useDebouncedParam(values.q, (q) => setFilters({ q }));
  const countries = useApi<List<Country>>('/api/countries?with=people');
  const people = useApi<List<PersonSummary>>(apiPath('/api/people', { q: values.q, country: values.country }), {
    keepPrevious: true,
  });
  const filtered = Boolean(values.q || values.country);

  return (
    <>
      <header className="page-header">
        <h1>{t('people.title')}</h1>
        <p className="lead">{t('people.intro')}</p>
        <AddLink what="person" />
      </header>

      <search aria-label={t('people.filters')}>
        <form className="filters" onSubmit={(event) => event.preventDefault()}>
          <div className="field field--wide">
            <label htmlFor="people-search">{t('people.searchLabel')}</label>
            <input
              id="people-search"
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder={t('people.searchPlaceholder')}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <div className="field">
            <label htmlFor="people-country">{t('filters.country')}</label>
            <select
              id="people-country"
              value={values.country}
              onChange={(event) => setFilters({ country: event.target.value })}
            >
              <option value="">{t('filters.allCountries')}</option>
              {sortCountries(countries.data?.items ?? [], language).map((country) => (
                <option key={country.code} value={country.code}>
                  {country.name[language]}
                </option>
              ))}
            </select>
          </div>
          {filtered ? (
            <div className="field field--action">
              <button
                type="button"
                className="button button--quiet"
                onClick={() => setFilters({ q: null, country: null })}
              >
                {t('filters.clear')}
              </button>
            </div>
          ) : null}
        </form>
      </search>

      <PeopleResults state={people} filtered={filtered} />
    </>
  );
}

function PeopleResults({ state, filtered }: { state: ApiState<List<PersonSummary>>; filtered: boolean }) {
  const { t } = useI18n();
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading />;
  const items = state.data.items;
  return (
    <section aria-labelledby="people-results" aria-busy={state.loading}>
      <h2 id="people-results" className="visually-hidden">
        {t('people.results')}
      </h2>
      <p className="result-count" role="status">
        {t('people.count', { count: items.length })}
      </p>
      {items.length === 0 ? (
        <EmptyState>{filtered ? t('people.emptyFiltered') : t('people.empty')}</EmptyState>
      ) : (
        <ul className="card-grid">
          {items.map((person) => (
            <li key={person.id}>
              <PersonCard person={person} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PersonCard({ person }: { person: PersonSummary }) {
  const { language } = useI18n();
  return (
    <article className="card">
      <h3 className="card__title">
        <PersonLink person={person} badge={false} />
      </h3>
      {person.fictional ? (
        <p className="card__badges">
          <FictionalBadge />
        </p>
      ) : null}
      {person.country ? (
        <p className="card__meta">
          <GlobeIcon />
          {person.country.name[language]}
        </p>
      ) : null}
      {person.affiliations.length > 0 ? (
        <ul className="affiliations">
          {person.affiliations.map((affiliation) => (
            <li key={affiliation.organization.slug}>
              <LocalizedText text={affiliation.role} />
              {' · '}
              <Link href={organizationHref(affiliation.organization)}>{shortName(affiliation.organization)}</Link>
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
