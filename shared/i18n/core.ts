import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../domain.ts';
import type { MessageKey } from './index.ts';

/**
 * The translation machinery without the catalogs: they are added by who
 * loads them — all of them at once on the server and in the command-line
 * tool (index.ts), only the reader's language in the web app
 * (web/i18n/load-catalog.ts), which keeps the other one off the first page.
 */
const loaded: Partial<Record<Language, Record<string, string>>> = {};

export function addCatalog(language: Language, messages: Record<string, string>): void {
  loaded[language] = { ...loaded[language], ...messages };
}

export function hasCatalog(language: Language): boolean {
  return loaded[language] !== undefined;
}

/** The message as written in the catalog (English when the language lacks it), or undefined. */
export function messageSource(language: Language, key: string): string | undefined {
  return loaded[language]?.[key] ?? loaded[DEFAULT_LANGUAGE]?.[key];
}

export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

const compiled = new Map<string, IntlMessageFormat>();

export function translate(language: Language, key: MessageKey, values?: MessageValues): string {
  const cacheKey = `${language}\u0000${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    const message = messageSource(language, key);
    if (message === undefined) return key;
    format = new IntlMessageFormat(message, language);
    compiled.set(cacheKey, format);
  }
  return String(format.format(values as Record<string, string>));
}

export function translator(language: Language): Translate {
  return (key, values) => translate(language, key, values);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The best of our languages for an Accept-Language header, by its q-values. */
export function languageFromAcceptHeader(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((entry) => entry.base).find(isLanguage);
}
