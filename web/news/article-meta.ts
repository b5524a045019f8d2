import { useEffect } from 'react';
import type { ArticleDetail } from '../../shared/api/news.ts';
import type { Language } from '../../shared/domain.ts';
import { textIn } from './article-language.ts';

const SITE_NAME = 'Encuentro';
const OG_LOCALES: Record<Language, string> = { en: 'en_GB', es: 'es_ES' };
/** Marks what this page added to <head>, so leaving the page takes exactly that away. */
const MARK = 'data-article-meta';

type Tag =
  | { kind: 'meta'; attribute: 'name' | 'property'; key: string; content: string }
  | { kind: 'link'; rel: string; href: string };

function absolute(path: string): string {
  return new URL(path, window.location.origin).href;
}

/**
 * The article as schema.org sees it: a NewsArticle (a Report for a trip
 * report) naming what it is about, so search engines can tie it to the
 * organisations, people and event pages of the directory and programme.
 */
export function articleJsonLd(article: ArticleDetail, language: Language): Record<string, unknown> {
  const url = absolute(`/news/${article.slug}`);
  return {
    '@context': 'https://schema.org',
    '@type': article.kind === 'trip_report' ? ['NewsArticle', 'Report'] : 'NewsArticle',
    headline: textIn(article.title, language),
    description: textIn(article.summary, language) || undefined,
    inLanguage: language,
    url,
    mainEntityOfPage: url,
    datePublished: article.publishedAt,
    // ISO instants in UTC sort as text: the later of the two.
    dateModified: [article.updatedAt, article.publishedAt].sort().at(-1),
    articleSection: textIn(article.category.name, language),
    keywords: article.tags.join(', ') || undefined,
    author: article.author
      ? { '@type': 'Person', name: article.author.name, url: absolute(`/people/${article.author.id}`) }
      : { '@type': 'Organization', name: SITE_NAME, url: absolute('/') },
    publisher: { '@type': 'Organization', name: SITE_NAME, url: absolute('/') },
    about: article.links.events.map((event) => ({
      '@type': 'Event',
      name: textIn(event.name, language),
      url: absolute(`/events/${event.slug}`),
    })),
    mentions: [
      ...article.links.organizations.map((organization) => ({
        '@type': 'Organization',
        name: organization.name,
        url: absolute(`/organizations/${organization.slug}`),
      })),
      ...article.links.people.map((person) => ({
        '@type': 'Person',
        name: person.name,
        url: absolute(`/people/${person.id}`),
      })),
    ],
  };
}

function socialTags(article: ArticleDetail, language: Language): Tag[] {
  const title = textIn(article.title, language);
  const description = textIn(article.summary, language);
  const url = absolute(`/news/${article.slug}`);
  const og = (key: string, content: string): Tag => ({ kind: 'meta', attribute: 'property', key, content });
  const named = (key: string, content: string): Tag => ({ kind: 'meta', attribute: 'name', key, content });
  return [
    { kind: 'link', rel: 'canonical', href: url },
    og('og:type', 'article'),
    og('og:site_name', SITE_NAME),
    og('og:title', title),
    ...(description ? [og('og:description', description)] : []),
    og('og:url', url),
    og('og:locale', OG_LOCALES[language]),
    ...article.languages
      .filter((other) => other !== language)
      .map((other) => og('og:locale:alternate', OG_LOCALES[other])),
    og('article:published_time', article.publishedAt),
    og('article:modified_time', article.updatedAt),
    og('article:section', textIn(article.category.name, language)),
    ...article.tags.map((tag) => og('article:tag', tag)),
    named('twitter:card', 'summary'),
    named('twitter:title', title),
    ...(description ? [named('twitter:description', description)] : []),
  ];
}

/**
 * While an article is shown, <head> carries its Open Graph and Twitter tags,
 * a canonical link, its description and its JSON-LD. Crawlers that run
 * scripts read them; the description replaces the site's for as long as the
 * page is open and is put back afterwards.
 */
export function useArticleMeta(article: ArticleDetail | undefined, language: Language): void {
  useEffect(() => {
    if (!article) return;
    const head = document.head;
    // The server may have put this article's tags in the page it served (server/news/page-meta.ts): these replace them.
    for (const served of head.querySelectorAll(`[${MARK}]`)) served.remove();
    const added: Element[] = [];
    for (const tag of socialTags(article, language)) {
      const element = document.createElement(tag.kind);
      if (tag.kind === 'meta') {
        element.setAttribute(tag.attribute, tag.key);
        element.setAttribute('content', tag.content);
      } else {
        element.setAttribute('rel', tag.rel);
        element.setAttribute('href', tag.href);
      }
      added.push(element);
    }
    const jsonLd = document.createElement('script');
    jsonLd.type = 'application/ld+json';
    // textContent is never parsed as HTML, so "</script>" in a title cannot end the element.
    jsonLd.textContent = JSON.stringify(articleJsonLd(article, language));
    added.push(jsonLd);
    for (const element of added) {
      element.setAttribute(MARK, '');
      head.append(element);
    }

    const description = head.querySelector<HTMLMetaElement>('meta[name="description"]');
    const siteDescription = description?.content;
    const summary = textIn(article.summary, language);
    if (description && summary) description.content = summary;

    return () => {
      for (const element of added) element.remove();
      if (description && siteDescription !== undefined) description.content = siteDescription;
    };
  }, [article, language]);
}
