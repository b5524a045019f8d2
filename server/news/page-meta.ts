import type { ArticleDetail } from '../../shared/api/news.ts';
import type { Language, Localized } from '../../shared/domain.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { selectPublisherName } from './queries.ts';
import { getArticle, refreshWhenScheduledArticlesGoLive } from './service.ts';

/**
 * Link previews (chat apps, social networks) and search engines read the HTML
 * as served and run no script. So the app shell served for /news/:slug gets
 * the article's Open Graph and Twitter tags and its schema.org NewsArticle
 * (JSON-LD) in <head>; the page itself is still drawn by the web app. Only a
 * public article gets any: a draft's page says nothing about it.
 */
export type PageHead = (path: string, language: Language, baseUrl: string) => Promise<string | null>;

/** The same mark as the web app's (web/news/article-meta.ts), which replaces these tags once it runs. */
const MARK = 'data-article-meta';

const ARTICLE_PATH = /^\/news\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/;

const escapeAttribute = (text: string): string =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');

/** JSON inside <script>: nothing in it may close the element or start a comment. */
const scriptJson = (value: unknown): string =>
  JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');

function pick(text: Localized, language: Language): string {
  return (text[language] ?? (language === 'en' ? text.es : text.en) ?? '').trim();
}

/** The <head> tags of one public article, in the reader's language (falling back like the page does). */
export function articleHead(article: ArticleDetail, language: Language, baseUrl: string, publisher: string): string {
  const url = `${baseUrl}/news/${article.slug}`;
  const title = pick(article.title, language);
  const description = pick(article.summary, language);
  const shown = article.languages.includes(language) ? language : (article.languages[0] ?? language);
  const meta = (attribute: 'property' | 'name', key: string, content: string) =>
    content ? `<meta ${attribute}="${key}" content="${escapeAttribute(content)}" ${MARK}>` : '';
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': article.kind === 'trip_report' ? ['NewsArticle', 'Report'] : 'NewsArticle',
    headline: title,
    description: description || undefined,
    url,
    mainEntityOfPage: url,
    inLanguage: shown,
    datePublished: article.publishedAt,
    // ISO instants of one format sort as they happen.
    dateModified: [article.updatedAt, article.publishedAt].sort().at(-1),
    articleSection: pick(article.category.name, language),
    keywords: article.tags.join(', ') || undefined,
    author: article.author
      ? { '@type': 'Person', name: article.author.name }
      : { '@type': 'Organization', name: publisher },
    publisher: { '@type': 'Organization', name: publisher },
    about: article.links.events.map((event) => ({ '@type': 'Event', name: pick(event.name, language) })),
  };
  return [
    meta('property', 'og:type', 'article'),
    meta('property', 'og:title', title),
    meta('property', 'og:description', description),
    meta('property', 'og:url', url),
    meta('property', 'og:site_name', publisher),
    meta('property', 'og:locale', shown === 'es' ? 'es_ES' : 'en_GB'),
    meta('property', 'article:published_time', article.publishedAt),
    meta('property', 'article:section', pick(article.category.name, language)),
    ...article.tags.map((tag) => meta('property', 'article:tag', tag)),
    meta('name', 'twitter:card', 'summary'),
    meta('name', 'twitter:title', title),
    meta('name', 'twitter:description', description),
    `<link rel="canonical" href="${escapeAttribute(url)}" ${MARK}>`,
    `<script type="application/ld+json" ${MARK}>${scriptJson(jsonLd)}</script>`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** For server/app.ts: the extra <head> of a page path, or null when news has nothing to say about it. */
export function newsPageHead(ctx: ServiceContext): PageHead {
  return async (path, language, baseUrl) => {
    const slug = ARTICLE_PATH.exec(path)?.[1];
    if (!slug) return null;
    await refreshWhenScheduledArticlesGoLive(ctx);
    return ctx.cache.get(`news-head|${slug}|${language}|${baseUrl}`, async () => {
      try {
        const [article, publisher] = await Promise.all([getArticle(ctx, slug), selectPublisherName(ctx.db)]);
        return articleHead(article, language, baseUrl, publisher ?? 'Encuentro');
      } catch (error) {
        if (error instanceof AppError && error.code === 'not_found') return null;
        throw error;
      }
    });
  };
}
