import { Feed } from 'feed';
import type { ArticleSummary } from '../../shared/api/news.ts';
import type { Language, Localized } from '../../shared/domain.ts';
import { translate } from '../../shared/i18n/index.ts';
import type { FeedEntry } from './service.ts';

/** The reader's language when there is one, else the other, saying which it fell back to. */
function pick(text: Localized, language: Language): { text: string; fellBack: boolean } {
  const own = text[language]?.trim();
  if (own) return { text: own, fellBack: false };
  const other = language === 'en' ? text.es : text.en;
  return { text: other?.trim() ?? '', fellBack: Boolean(other?.trim()) };
}

/** Plain text for an element the feed marks `type="html"`. */
const escapeHtml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * The library escapes `&` and `"` in attribute values but not `<`, which XML
 * forbids there; category names never need it, so it is dropped.
 */
const attributeSafe = (text: string): string => text.replaceAll('<', ' ').replaceAll('>', ' ');

const ATOM_ROOT = '<feed xmlns="http://www.w3.org/2005/Atom">';

const later = (a: string, b: string): Date => new Date(a > b ? a : b);

/**
 * Published articles as Atom 1.0 in one language. An entry whose translation
 * is missing is given in the language it exists in, with a notice at the top
 * of its content. Entry ids are `urn:uuid:` + the article id, so an entry
 * keeps its identity when its slug, title or the site's address changes.
 */
export function newsFeed(
  content: { publisher: string | null; entries: FeedEntry[] },
  language: Language,
  baseUrl: string,
  now: Date,
): string {
  const publisher = content.publisher ?? 'Encuentro';
  const self = `${baseUrl}/feed.atom?lang=${language}`;
  const updatedOf = (summary: ArticleSummary) => later(summary.updatedAt, summary.publishedAt);
  const newest = content.entries.map((entry) => updatedOf(entry.summary)).sort((a, b) => b.getTime() - a.getTime());
  const feed = new Feed({
    id: self,
    title: translate(language, 'news.feed.title', { publisher }),
    description: translate(language, 'news.feed.subtitle', { publisher }),
    link: `${baseUrl}/news`,
    feedLinks: { atom: self },
    // Only a change to the news moves the feed's date, so an unchanged feed stays byte-identical.
    updated: newest[0] ?? now,
    author: { name: publisher },
    generator: 'Encuentro',
  });
  for (const { id, summary, body, author } of content.entries) {
    const title = pick(summary.title, language);
    const text = pick(body, language);
    const notice = text.fellBack
      ? `<p><em>${escapeHtml(translate(language, language === 'es' ? 'news.notYetInSpanish' : 'news.notYetInEnglish'))}</em></p>`
      : '';
    const description = pick(summary.summary, language).text;
    feed.addItem({
      id: `urn:uuid:${id}`,
      title: escapeHtml(title.text),
      link: `${baseUrl}/news/${encodeURIComponent(summary.slug)}?lang=${language}`,
      date: updatedOf(summary),
      published: new Date(summary.publishedAt),
      ...(description ? { description: escapeHtml(description) } : {}),
      ...(text.text ? { content: notice + text.text } : {}),
      author: [{ name: author ?? publisher }],
      category: [
        {
          term: summary.category.slug,
          name: attributeSafe(pick(summary.category.name, language).text),
          scheme: `${baseUrl}/news?category=`,
        },
        ...summary.tags.map((tag) => ({ term: tag, scheme: `${baseUrl}/news?tag=` })),
      ],
    });
  }
  // The library has no option for the feed's language; xml:lang on the root tells readers (and their voices) which it is.
  return feed.atom1().replace(ATOM_ROOT, `${ATOM_ROOT.slice(0, -1)} xml:lang="${language}">`);
}
