import type { ArticleSummary } from '../../shared/api/news.ts';
import { LANGUAGES, type Language, type Localized } from '../../shared/domain.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { intlLocale } from '../i18n/dates.ts';

/**
 * The language an article is shown in: the reader's if it is written in it,
 * else one it exists in. Title, summary and body then all come from that one
 * language, so a half-translated article never mixes the two.
 */
export function shownLanguage(article: Pick<ArticleSummary, 'languages'>, reader: Language): Language {
  return article.languages.includes(reader) ? reader : (article.languages[0] ?? reader);
}

/** The text in the given language, or in the other when that one is missing. */
export function textIn(text: Localized, language: Language): string {
  return text[language] ?? LANGUAGES.map((other) => text[other]).find(Boolean) ?? '';
}

/** "Not yet available in Spanish — shown in English", in the reader's language. */
export function fallbackNoticeKey(reader: Language): MessageKey {
  return reader === 'es' ? 'news.notYetInSpanish' : 'news.notYetInEnglish';
}

const dateFormats = new Map<Language, Intl.DateTimeFormat>();

/** "14 March 2024" / "14 de marzo de 2024", on the reader's own calendar. */
export function formatPublished(instant: string, language: Language): string {
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(language), { day: 'numeric', month: 'long', year: 'numeric' });
    dateFormats.set(language, format);
  }
  return format.format(new Date(instant));
}
