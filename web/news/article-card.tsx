import { Link } from 'wouter';
import type { ArticleSummary } from '../../shared/api/news.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { fallbackNoticeKey, formatPublished, shownLanguage, textIn } from './article-language.ts';

export function articleHref(article: { slug: string }): string {
  return `/news/${encodeURIComponent(article.slug)}`;
}

/** When an article is not written in the reader's language: said in theirs, shown in the other. */
export function FallbackNotice({ article }: { article: Pick<ArticleSummary, 'languages'> }) {
  const { t, language } = useI18n();
  if (shownLanguage(article, language) === language) return null;
  return <p className="news-fallback">{t(fallbackNoticeKey(language))}</p>;
}

/** An article in a list: category and kind, title (the link), date and summary. */
export function ArticleCard({ article, headingLevel = 2 }: { article: ArticleSummary; headingLevel?: 2 | 3 }) {
  const { t, language } = useI18n();
  const shown = shownLanguage(article, language);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const summary = textIn(article.summary, shown);
  return (
    <article className="card news-card">
      <p className="eyebrow news-card__eyebrow">
        <span>{textIn(article.category.name, language)}</span>
        {article.kind === 'trip_report' ? <span className="badge news-badge">{t('news.kind.trip_report')}</span> : null}
      </p>
      <Heading className="card__title" lang={shown === language ? undefined : shown}>
        <Link href={articleHref(article)}>{textIn(article.title, shown)}</Link>
      </Heading>
      <p className="card__meta">
        <time dateTime={article.publishedAt}>{formatPublished(article.publishedAt, language)}</time>
      </p>
      <FallbackNotice article={article} />
      {summary ? (
        <p className="news-card__summary" lang={shown === language ? undefined : shown}>
          {summary}
        </p>
      ) : null}
    </article>
  );
}
