import { Link } from 'wouter';
import type { ArticleCategoryWithCount, ArticleSummary } from '../../shared/api/news.ts';
import { type ApiState, apiPath, type List, useApi } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, ErrorState, Loading } from '../ui/status.tsx';
import { useUrlFilters } from '../ui/url-filters.ts';
import { ArticleCard } from './article-card.tsx';
import { textIn } from './article-language.ts';
import './news.css';

const FILTERS = ['category', 'tag'] as const;

export function NewsPage() {
  const { t, language } = useI18n();
  usePageTitle(t('news.title'));
  const { values, setFilters } = useUrlFilters(FILTERS);
  const categories = useApi<List<ArticleCategoryWithCount>>('/api/articles/categories');
  const articles = useApi<List<ArticleSummary>>(
    apiPath('/api/articles', { category: values.category, tag: values.tag }),
    { keepPrevious: true },
  );
  const filtered = Boolean(values.category || values.tag);

  return (
    <>
      <header className="page-header">
        <h1>{t('news.title')}</h1>
        <p className="lead">{t('news.intro')}</p>
      </header>

      <search aria-label={t('news.filters')}>
        <form className="filters" onSubmit={(event) => event.preventDefault()}>
          <div className="field">
            <label htmlFor="news-category">{t('news.category')}</label>
            <select
              id="news-category"
              value={values.category}
              onChange={(event) => setFilters({ category: event.target.value })}
            >
              <option value="">{t('news.allCategories')}</option>
              {(categories.data?.items ?? []).map((category) => (
                <option key={category.slug} value={category.slug}>
                  {t('news.categoryOption', {
                    name: textIn(category.name, language),
                    count: category.articlesCount,
                  })}
                </option>
              ))}
            </select>
          </div>
          {values.tag ? (
            <div className="field field--action news-tag-filter">
              <span className="chip">{t('news.taggedWith', { tag: values.tag })}</span>
              <button type="button" className="button button--quiet" onClick={() => setFilters({ tag: null })}>
                {t('news.clearTag')}
              </button>
            </div>
          ) : null}
        </form>
      </search>

      <ArticleList state={articles} filtered={filtered} />

      <p className="news-subscribe">
        <Link href="/news/subscribe">{t('news.subscribe')}</Link>
      </p>
    </>
  );
}

function ArticleList({ state, filtered }: { state: ApiState<List<ArticleSummary>>; filtered: boolean }) {
  const { t } = useI18n();
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading />;
  const items = state.data.items;
  return (
    <section aria-labelledby="news-results" aria-busy={state.loading}>
      <h2 id="news-results" className="visually-hidden">
        {t('news.results')}
      </h2>
      <p className="result-count" role="status">
        {t('news.count', { count: items.length })}
      </p>
      {items.length === 0 ? (
        <EmptyState>{filtered ? t('news.emptyFiltered') : t('news.empty')}</EmptyState>
      ) : (
        <ul className="news-list">
          {items.map((article) => (
            <li key={article.slug}>
              <ArticleCard article={article} headingLevel={3} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
