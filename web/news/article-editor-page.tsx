import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type {
  ArticleCategoryWithCount,
  ArticleChanges,
  ArticleStatus,
  EditableArticle,
} from '../../shared/api/news.ts';
import type { EventSummary } from '../../shared/api/programme.ts';
import { zonedTimeToInstant } from '../../shared/time.ts';
import { useMe } from '../accounts/use-me.ts';
import { apiWrite, type List, useApi } from '../api.ts';
import { CannotEdit, SaveProblems } from '../forms/edit-states.tsx';
import { SelectField, TextAreaField, TextField } from '../forms/form-fields.tsx';
import { useSave } from '../forms/use-save.ts';
import { useRecord } from '../forms/write.ts';
import { viewerTimeZone } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { textIn } from './article-language.ts';
import { RichTextEditor } from './rich-text-editor.tsx';
import { mayWriteNews, StatusBadge } from './write-page.tsx';
import '../forms/forms.css';
import './news.css';

interface ArticleForm {
  slug: string;
  category: string;
  titleEn: string;
  titleEs: string;
  summaryEn: string;
  summaryEs: string;
  bodyEn: string;
  bodyEs: string;
  tags: string;
  events: string[];
  organizations: string;
  scheduleAt: string;
}

const formOf = (article: EditableArticle): ArticleForm => ({
  slug: article.slug,
  category: article.category,
  titleEn: article.title.en ?? '',
  titleEs: article.title.es ?? '',
  summaryEn: article.summary.en ?? '',
  summaryEs: article.summary.es ?? '',
  bodyEn: article.body.en ?? '',
  bodyEs: article.body.es ?? '',
  tags: article.tags.join(', '),
  events: article.links.events,
  organizations: article.links.organizations.join(', '),
  scheduleAt: '',
});

const FIELD_OF_API: Record<string, keyof ArticleForm> = {
  slug: 'slug',
  category: 'category',
  title: 'titleEn',
  'title.en': 'titleEn',
  'title.es': 'titleEs',
  'summary.en': 'summaryEn',
  'summary.es': 'summaryEs',
  body: 'bodyEn',
  'body.en': 'bodyEn',
  'body.es': 'bodyEs',
  tags: 'tags',
  'links.events': 'events',
  'links.organizations': 'organizations',
  publishedAt: 'scheduleAt',
};

const orNull = (text: string) => text.trim() || null;
const slugList = (text: string) => [
  ...new Set(
    text
      .split(/[\s,]+/)
      .map((part) => part.trim().toLowerCase())
      .filter(Boolean),
  ),
];
/** An editable area left with only an empty paragraph or a line break holds no text. */
const bodyOrNull = (html: string) => (html.replace(/<br\s*\/?>|<\/?p>|&nbsp;|\s/g, '') === '' ? null : html);

/** Only what changed, with the version the form was filled from; plus the status asked for. */
function changesOf(
  article: EditableArticle,
  before: ArticleForm,
  after: ArticleForm,
  status?: { status: ArticleStatus; publishedAt?: string },
): ArticleChanges | null {
  const changes: ArticleChanges = { version: article.version, ...(status ?? {}) };
  const changed = (key: keyof ArticleForm) => JSON.stringify(before[key]) !== JSON.stringify(after[key]);
  if (changed('slug')) changes.slug = after.slug.trim();
  if (changed('category')) changes.category = after.category;
  const texts = (en: keyof ArticleForm, es: keyof ArticleForm, clean: (text: string) => string | null) =>
    changed(en) || changed(es)
      ? {
          ...(changed(en) ? { en: clean(after[en] as string) } : {}),
          ...(changed(es) ? { es: clean(after[es] as string) } : {}),
        }
      : undefined;
  const title = texts('titleEn', 'titleEs', orNull);
  if (title) changes.title = title;
  const summary = texts('summaryEn', 'summaryEs', orNull);
  if (summary) changes.summary = summary;
  const body = texts('bodyEn', 'bodyEs', bodyOrNull);
  if (body) changes.body = body;
  if (changed('tags')) changes.tags = slugList(after.tags);
  if (changed('events') || changed('organizations')) {
    changes.links = { ...article.links, events: after.events, organizations: slugList(after.organizations) };
  }
  return Object.keys(changes).length > 1 ? changes : null;
}

/** /write/:slug — an article in both languages, with its status. Editors and admins. */
export function ArticleEditorPage({ slug }: { slug: string }) {
  const { t, text } = useI18n();
  const { me } = useMe();
  const record = useRecord<EditableArticle>(`/api/articles/${encodeURIComponent(slug)}/editable`);
  usePageTitle(record.data ? t('news.editor.title', { title: text(record.data.title) }) : t('news.write.title'));
  // Kept here, above the form that is rebuilt at each new version, so the news of a save survives it.
  const [notice, setNotice] = useState<string | null>(null);

  if (me === null) return <CannotEdit reason="sign-in" />;
  if (me !== undefined && !mayWriteNews(me)) return <CannotEdit reason="not-allowed" />;
  if (record.error) return <ErrorState error={record.error} onRetry={() => void record.reload()} asPage />;
  if (me === undefined || !record.data) return <Loading />;
  // Keyed by version: after a save or a reload the form starts afresh from what the server holds (sanitised).
  return (
    <ArticleEditor
      key={`${record.data.slug}-${record.data.version}`}
      article={record.data}
      onReload={() => void record.reload()}
      notice={notice}
      onNotice={setNotice}
    />
  );
}

function ArticleEditor({
  article,
  onReload,
  notice,
  onNotice,
}: {
  article: EditableArticle;
  onReload(): void;
  notice: string | null;
  onNotice(message: string | null): void;
}) {
  const { t, text, language } = useI18n();
  const [, navigate] = useLocation();
  const initial = formOf(article);
  const [form, setForm] = useState(initial);
  const { state, save, fieldErrors } = useSave((field) => FIELD_OF_API[field]);
  const categories = useApi<List<ArticleCategoryWithCount>>('/api/articles/categories');
  const events = useApi<List<EventSummary>>('/api/events');
  const zone = viewerTimeZone();
  const set =
    <K extends keyof ArticleForm>(key: K) =>
    (value: ArticleForm[K]) =>
      setForm({ ...form, [key]: value });
  const saving = state.kind === 'saving';

  async function send(status?: { status: ArticleStatus; publishedAt?: string }, done?: string) {
    const changes = changesOf(article, initial, form, status);
    if (!changes) {
      onNotice(t('news.editor.nothingChanged'));
      return;
    }
    onNotice(null);
    const answer = await save(() =>
      apiWrite<EditableArticle>('PATCH', `/api/articles/${encodeURIComponent(article.slug)}`, language, changes),
    );
    if (!answer) return;
    onNotice(done ?? t('news.editor.saved'));
    if (answer.slug !== article.slug) navigate(`/write/${encodeURIComponent(answer.slug)}`, { replace: true });
    else onReload();
  }

  function schedule() {
    const [date, time] = form.scheduleAt.split('T');
    if (!date || !time) {
      void send({ status: 'scheduled' });
      return;
    }
    void send(
      { status: 'scheduled', publishedAt: zonedTimeToInstant(date, time.slice(0, 5), zone).toISOString() },
      t('news.editor.scheduledDone'),
    );
  }

  async function remove() {
    if (!window.confirm(t('news.editor.confirmDelete', { title: text(article.title) }))) return;
    const answer = await save(() =>
      apiWrite<EditableArticle>(
        'DELETE',
        `/api/articles/${encodeURIComponent(article.slug)}?version=${article.version}`,
        language,
      ),
    );
    if (answer) navigate('/write');
  }

  const when = (instant: string) =>
    new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short', timeZone: zone }).format(
      new Date(instant),
    );

  return (
    <div className="edit-page article-editor">
      <p className="breadcrumb">
        <Link href="/write">{t('news.write.title')}</Link>
      </p>
      <header className="page-header">
        <h1>{t('news.editor.title', { title: text(article.title) })}</h1>
        <p className="article-editor__status">
          <StatusBadge status={article.status} />{' '}
          {article.status === 'draft'
            ? t('news.editor.isDraft')
            : article.publishedAt
              ? t(article.live ? 'news.editor.isLive' : 'news.editor.isScheduled', { when: when(article.publishedAt) })
              : null}{' '}
          {article.live ? (
            <Link href={`/news/${encodeURIComponent(article.slug)}`}>{t('news.editor.view')}</Link>
          ) : null}
        </p>
      </header>

      <p className="save-notice" role="status">
        {notice}
      </p>
      <SaveProblems state={state} onReload={onReload} />

      <form
        className="edit-form"
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void send();
        }}
      >
        <div className="article-editor__languages">
          {(['en', 'es'] as const).map((lang) => {
            const suffix = lang === 'en' ? 'En' : 'Es';
            return (
              <fieldset key={lang} className="edit-form__group article-editor__language" lang={lang}>
                <legend>{t(`news.editor.language.${lang}`)}</legend>
                <TextField
                  name={`title${suffix}`}
                  label={t('news.editor.titleField')}
                  lang={lang}
                  value={form[`title${suffix}`]}
                  onChange={set(`title${suffix}`)}
                  error={fieldErrors[`title${suffix}`]}
                />
                <TextAreaField
                  name={`summary${suffix}`}
                  label={t('news.editor.summary')}
                  lang={lang}
                  rows={3}
                  value={form[`summary${suffix}`]}
                  onChange={set(`summary${suffix}`)}
                  error={fieldErrors[`summary${suffix}`]}
                />
                <RichTextEditor
                  label={t('news.editor.body')}
                  lang={lang}
                  initialHtml={initial[`body${suffix}`]}
                  onChange={set(`body${suffix}`)}
                  error={fieldErrors[`body${suffix}`]}
                />
              </fieldset>
            );
          })}
        </div>

        <fieldset className="edit-form__group">
          <legend>{t('news.editor.details')}</legend>
          <SelectField
            name="category"
            label={t('news.category')}
            value={form.category}
            onChange={set('category')}
            options={(categories.data?.items ?? [{ slug: form.category, name: { en: form.category, es: null } }]).map(
              (category) => ({ value: category.slug, label: textIn(category.name, language) }),
            )}
            error={fieldErrors.category}
          />
          <TextField
            name="slug"
            label={t('news.editor.slug')}
            hint={t('news.editor.slugHint')}
            value={form.slug}
            onChange={set('slug')}
            error={fieldErrors.slug}
          />
          <TextField
            name="tags"
            label={t('news.tags')}
            hint={t('news.editor.tagsHint')}
            value={form.tags}
            onChange={set('tags')}
            error={fieldErrors.tags}
          />
          <fieldset className="article-editor__events">
            <legend>{t('news.linkedEvents')}</legend>
            {(events.data?.items ?? []).map((event) => (
              <label key={event.slug} className="checkbox">
                <input
                  type="checkbox"
                  checked={form.events.includes(event.slug)}
                  onChange={(change) =>
                    set('events')(
                      change.target.checked
                        ? [...form.events, event.slug]
                        : form.events.filter((slug) => slug !== event.slug),
                    )
                  }
                />{' '}
                {text(event.name)}
              </label>
            ))}
            {fieldErrors.events ? <p className="form-field__error">{fieldErrors.events}</p> : null}
          </fieldset>
          <TextAreaField
            name="organizations"
            rows={3}
            label={t('news.linkedOrganizations')}
            hint={t('news.editor.organizationsHint')}
            value={form.organizations}
            onChange={set('organizations')}
            error={fieldErrors.organizations}
          />
          {article.links.people.length > 0 ? (
            <p className="form-field__hint">{t('news.editor.peopleLinked', { count: article.links.people.length })}</p>
          ) : null}
        </fieldset>

        <div className="actions form-actions article-editor__actions">
          <button type="submit" className="button" disabled={saving}>
            {saving ? t('editing.saving') : article.status === 'draft' ? t('news.editor.saveDraft') : t('editing.save')}
          </button>
          {article.live ? null : (
            <button
              type="button"
              className="button"
              disabled={saving}
              onClick={() => void send({ status: 'published' }, t('news.editor.publishedDone'))}
            >
              {t('news.editor.publishNow')}
            </button>
          )}
          {article.status !== 'draft' ? (
            <button
              type="button"
              className="button button--quiet"
              disabled={saving}
              onClick={() => void send({ status: 'draft' }, t('news.editor.withdrawnDone'))}
            >
              {t('news.editor.withdraw')}
            </button>
          ) : null}
        </div>

        <fieldset className="edit-form__group article-editor__schedule">
          <legend>{t('news.editor.schedule')}</legend>
          <TextField
            name="scheduleAt"
            label={t('news.editor.scheduleAt', { zone })}
            value={form.scheduleAt}
            onChange={set('scheduleAt')}
            error={fieldErrors.scheduleAt}
            type={'datetime-local' as 'text'}
          />
          <button type="button" className="button button--quiet" disabled={saving} onClick={schedule}>
            {t('news.editor.scheduleButton')}
          </button>
        </fieldset>

        <p className="article-editor__danger">
          <button type="button" className="button button--danger" disabled={saving} onClick={() => void remove()}>
            {t('news.editor.delete')}
          </button>
        </p>
      </form>
    </div>
  );
}
