import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type {
  ArticleCategoryWithCount,
  ArticleListItem,
  ArticleStatus,
  EditableArticle,
} from '../../shared/api/news.ts';
import { type Me, useMe } from '../accounts/use-me.ts';
import { apiPath, apiWrite, type List, useApi } from '../api.ts';
import { CannotEdit, SaveProblems } from '../forms/edit-states.tsx';
import { SelectField, TextField } from '../forms/form-fields.tsx';
import { useSave } from '../forms/use-save.ts';
import { viewerTimeZone } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, ErrorState, Loading } from '../ui/status.tsx';
import { useUrlFilters } from '../ui/url-filters.ts';
import { textIn } from './article-language.ts';
import '../forms/forms.css';
import './news.css';

/** Editors and the network's admins write the news (the server checks every write again). */
export const mayWriteNews = (me: Me | null | undefined): boolean => me?.role === 'editor' || me?.role === 'admin';

const FILTERS = ['status'] as const;
const STATUS_FILTERS = ['all', 'draft', 'scheduled', 'published'] as const;

/** /write — the editors' desk: every article with its status, and a new draft. */
export function WritePage() {
  const { t } = useI18n();
  const { me } = useMe();
  usePageTitle(t('news.write.title'));
  if (me === null) return <CannotEdit reason="sign-in" />;
  if (me === undefined) return <Loading />;
  if (!mayWriteNews(me)) return <CannotEdit reason="not-allowed" />;
  return <WriteDesk />;
}

function WriteDesk() {
  const { t, language } = useI18n();
  const { values, setFilters } = useUrlFilters(FILTERS);
  const status = (STATUS_FILTERS as readonly string[]).includes(values.status) ? values.status : 'all';
  const articles = useApi<List<ArticleListItem>>(apiPath('/api/articles', { status }), { keepPrevious: true });
  const zone = viewerTimeZone();

  return (
    <div className="write-desk">
      <header className="page-header">
        <h1>{t('news.write.title')}</h1>
        <p className="lead">{t('news.write.intro')}</p>
      </header>

      <NewArticleForm />

      <section aria-labelledby="write-articles">
        <h2 id="write-articles">{t('news.write.articles')}</h2>
        <search aria-label={t('news.write.filter')}>
          <form className="filters" onSubmit={(event) => event.preventDefault()}>
            <SelectField
              name="status"
              label={t('news.write.status')}
              value={status}
              onChange={(value) => setFilters({ status: value === 'all' ? null : value })}
              options={STATUS_FILTERS.map((value) => ({ value, label: t(`news.status.${value}`) }))}
            />
          </form>
        </search>
        {articles.error ? (
          <ErrorState error={articles.error} onRetry={articles.reload} />
        ) : !articles.data ? (
          <Loading />
        ) : articles.data.items.length === 0 ? (
          <EmptyState>{t('news.write.none')}</EmptyState>
        ) : (
          <ul className="write-list" aria-busy={articles.loading}>
            {articles.data.items.map((article) => (
              <li key={article.slug} className="write-list__item">
                <Link href={`/write/${encodeURIComponent(article.slug)}`} className="write-list__title">
                  {textIn(article.title, language)}
                </Link>
                <p className="write-list__meta">
                  <StatusBadge status={article.status ?? 'published'} />{' '}
                  {article.kind === 'trip_report' ? `${t('news.kind.trip_report')} · ` : ''}
                  {article.publishedAt
                    ? t(comingOut(article) ? 'news.write.scheduledFor' : 'news.write.publishedAt', {
                        when: new Intl.DateTimeFormat(language, {
                          dateStyle: 'medium',
                          timeStyle: 'short',
                          timeZone: zone,
                        }).format(new Date(article.publishedAt)),
                      })
                    : t('news.write.notPublished')}
                  {' · '}
                  {t('news.write.languages', { count: article.languages.length, list: article.languages.join(', ') })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** Scheduled and still ahead: once its time has passed, a scheduled article is simply out. */
const comingOut = (article: ArticleListItem) =>
  article.status === 'scheduled' && article.publishedAt !== null && Date.parse(article.publishedAt) > Date.now();

export function StatusBadge({ status }: { status: ArticleStatus }) {
  const { t } = useI18n();
  return <span className={`status-badge status-badge--${status}`}>{t(`news.status.${status}`)}</span>;
}

function NewArticleForm() {
  const { t, language } = useI18n();
  const [, navigate] = useLocation();
  const categories = useApi<List<ArticleCategoryWithCount>>('/api/articles/categories');
  const [form, setForm] = useState({ titleEn: '', titleEs: '', category: '' });
  const { state, save, fieldErrors } = useSave((field) =>
    field.startsWith('title') ? 'titleEn' : field === 'category' ? 'category' : undefined,
  );
  const options = (categories.data?.items ?? []).map((category) => ({
    value: category.slug,
    label: textIn(category.name, language),
  }));
  const category = form.category || options[0]?.value || '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const created = await save(() =>
      apiWrite<EditableArticle>('POST', '/api/articles', language, {
        category,
        title: { en: form.titleEn.trim() || null, es: form.titleEs.trim() || null },
      }),
    );
    if (created) navigate(`/write/${encodeURIComponent(created.slug)}`);
  }

  return (
    <section aria-labelledby="write-new" className="write-new">
      <h2 id="write-new">{t('news.write.new')}</h2>
      <SaveProblems state={state} onReload={() => undefined} />
      <form className="edit-form" onSubmit={submit} noValidate>
        <div className="bilingual-pair">
          <TextField
            name="titleEn"
            label={t('news.write.titleEn')}
            lang="en"
            value={form.titleEn}
            onChange={(titleEn) => setForm({ ...form, titleEn })}
            error={fieldErrors.titleEn}
          />
          <TextField
            name="titleEs"
            label={t('news.write.titleEs')}
            lang="es"
            value={form.titleEs}
            onChange={(titleEs) => setForm({ ...form, titleEs })}
          />
        </div>
        <SelectField
          name="category"
          label={t('news.category')}
          value={category}
          onChange={(value) => setForm({ ...form, category: value })}
          options={options}
          error={fieldErrors.category}
        />
        <div className="actions form-actions">
          <button type="submit" className="button" disabled={state.kind === 'saving'}>
            {state.kind === 'saving' ? t('editing.saving') : t('news.write.startDraft')}
          </button>
        </div>
      </form>
    </section>
  );
}
