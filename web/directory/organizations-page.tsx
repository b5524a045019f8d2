import { Link } from 'wouter';
import type { Country } from '../../shared/api/common.ts';
import type { OrganizationSummary } from '../../shared/api/directory.ts';
import { ORGANIZATION_KINDS } from '../../shared/domain.ts';
import { type ApiState, apiPath, type List, useApi } from '../api.ts';
import { AddLink } from '../forms/edit-link.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { regionsOf, sortCountries } from '../ui/country.ts';
import { isOneOf } from '../ui/one-of.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, ErrorState, Loading } from '../ui/status.tsx';
import { useDebouncedParam, useUrlFilters } from '../ui/url-filters.ts';
import { OrganizationCard } from './organization-card.tsx';

const FILTERS = ['q', 'kind', 'country', 'region'] as const;

export function OrganizationsPage() {
  const { t, language } = useI18n();
  usePageTitle(t('directory.title'));
  const { values, setFilters } = useUrlFilters(FILTERS);
  const [search, setSearch] = useDebouncedParam(values.q, (q) => setFilters({ q }));
  const kind = isOneOf(ORGANIZATION_KINDS, values.kind) ? values.kind : '';

  const countries = useApi<List<Country>>('/api/countries?with=organizations');
  const allCountries = sortCountries(countries.data?.items ?? [], language);
  const regions = regionsOf(allCountries, language);
  // Within a region, offer only its countries (but keep a chosen one visible).
  const countryOptions = values.region
    ? allCountries.filter((c) => c.region.code === values.region || c.code === values.country)
    : allCountries;

  const organizations = useApi<List<OrganizationSummary>>(
    apiPath('/api/organizations', { q: values.q, kind, country: values.country, region: values.region }),
    { keepPrevious: true },
  );
  const filtered = Boolean(values.q || kind || values.country || values.region);

  return (
    <>
      <header className="page-header">
        <h1>{t('directory.title')}</h1>
        <p className="lead">{t('directory.intro')}</p>
        <AddLink what="organization" />
      </header>

      <search aria-label={t('directory.filters')}>
        <form className="filters" onSubmit={(event) => event.preventDefault()}>
          <div className="field field--wide">
            <label htmlFor="organization-search">{t('directory.searchLabel')}</label>
            <input
              id="organization-search"
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder={t('directory.searchPlaceholder')}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <div className="field">
            <label htmlFor="organization-kind">{t('filters.kind')}</label>
            <select id="organization-kind" value={kind} onChange={(event) => setFilters({ kind: event.target.value })}>
              <option value="">{t('filters.allKinds')}</option>
              {ORGANIZATION_KINDS.map((option) => (
                <option key={option} value={option}>
                  {t(`kind.organization.${option}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="organization-region">{t('filters.region')}</label>
            <select
              id="organization-region"
              value={values.region}
              onChange={(event) => setFilters({ region: event.target.value })}
            >
              <option value="">{t('filters.allRegions')}</option>
              {regions.map((region) => (
                <option key={region.code} value={region.code}>
                  {region.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="organization-country">{t('filters.country')}</label>
            <select
              id="organization-country"
              value={values.country}
              onChange={(event) => setFilters({ country: event.target.value })}
            >
              <option value="">{t('filters.allCountries')}</option>
              {countryOptions.map((country) => (
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
                onClick={() => setFilters({ q: null, kind: null, country: null, region: null })}
              >
                {t('filters.clear')}
              </button>
            </div>
          ) : null}
        </form>
      </search>

      <ResultList state={organizations} filtered={filtered} query={values.q ?? ''} />
    </>
  );
}

function ResultList({
  state,
  filtered,
  query,
}: {
  state: ApiState<List<OrganizationSummary>>;
  filtered: boolean;
  query: string;
}) {
  const { t } = useI18n();
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading />;
  const items = state.data.items;
  return (
    <section aria-labelledby="organization-results" aria-busy={state.loading}>
      <h2 id="organization-results" className="visually-hidden">
        {t('directory.results')}
      </h2>
      <p className="result-count" role="status">
        {t('directory.count', { count: items.length })}
      </p>
      {items.length === 0 ? (
        <EmptyState>
          {filtered ? t('directory.emptyFiltered') : t('directory.empty')}
          {query ? (
            // A name typed here is often a person's: the people's directory is one tap away, with the same words.
            <>
              {' '}
              <Link href={`/people?q=${encodeURIComponent(query)}`}>
                {t('directory.searchPeopleInstead', { query })}
              </Link>
            </>
          ) : null}
        </EmptyState>
      ) : (
        <ul className="card-grid">
          {items.map((organization) => (
            <li key={organization.slug}>
              <OrganizationCard organization={organization} headingLevel={3} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
