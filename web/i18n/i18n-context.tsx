import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { LANGUAGES, type Language, type Localized } from '../../shared/domain.ts';
import { type Translate, translator } from '../../shared/i18n/core.ts';
import { type DateFormat, dateFormat, intlLocale } from './dates.ts';
import { initialLanguage, rememberLanguage } from './language-preference.ts';
import { loadCatalog } from './load-catalog.ts';

/** A localized text resolved for the reader: which language it is really in, and whether that is a fallback. */
export interface LocalizedValue {
  text: string;
  lang: Language;
  isFallback: boolean;
}

export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
  /** The reader's language if the text has it, else another one, marked as a fallback. */
  localize(text: Localized | null | undefined): LocalizedValue | null;
  /** Plain-string shortcut of `localize`, for titles and attributes. */
  text(text: Localized | null | undefined): string;
  /** Date and time helpers bound to the language and to a zone (the event's or the viewer's). */
  dates(timeZone: string): DateFormat;
  /** "A, B and C" / "A, B y C". */
  list(items: string[]): string;
  /** Locale for Intl APIs. */
  locale: string;
}

const I18nContext = createContext<I18n | null>(null);

export function resolveLocalized(text: Localized | null | undefined, language: Language): LocalizedValue | null {
  if (!text) return null;
  const own = text[language]?.trim();
  if (own) return { text: own, lang: language, isFallback: false };
  for (const other of LANGUAGES) {
    const value = text[other]?.trim();
    if (value) return { text: value, lang: other, isFallback: true };
  }
  return null;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);

  const setLanguage = useCallback((next: Language) => {
    rememberLanguage(next);
    // The other language's messages arrive first (one small request), then the page switches.
    void loadCatalog(next).then(() => setLanguageState(next));
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const value = useMemo<I18n>(() => {
    const locale = intlLocale(language);
    const listFormat = new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' });
    return {
      language,
      setLanguage,
      t: translator(language),
      localize: (text) => resolveLocalized(text, language),
      text: (text) => resolveLocalized(text, language)?.text ?? '',
      dates: (timeZone) => dateFormat(language, timeZone),
      list: (items) => listFormat.format(items),
      locale,
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
