import { DEFAULT_LANGUAGE, type Language } from '../../shared/domain.ts';
import { isLanguage } from '../../shared/i18n/core.ts';

const STORAGE_KEY = 'encuentro.language';
const COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

function storedLanguage(): Language | undefined {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(value)) return value;
  } catch {
    // Storage can be disabled (private mode, strict settings); the cookie still works.
  }
  const cookie = document.cookie
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith('lang='));
  const value = cookie?.slice('lang='.length);
  return isLanguage(value) ? value : undefined;
}

function browserLanguage(): Language | undefined {
  const tags = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of tags) {
    const base = tag?.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return undefined;
}

/** Remembered in localStorage for the app and in a cookie so the server answers in the same language. */
export function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // See storedLanguage.
  }
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser we support
  document.cookie = `lang=${language}; path=/; max-age=${COOKIE_MAX_AGE_SECONDS}; samesite=lax`;
}

/**
 * The language to start in: `?lang=` in the address wins (and is remembered),
 * then what the user chose before, then the browser's preferences.
 */
export function initialLanguage(): Language {
  const url = new URL(window.location.href);
  const forced = url.searchParams.get('lang');
  if (isLanguage(forced)) {
    rememberLanguage(forced);
    // Once remembered the parameter has done its job; dropping it keeps a
    // later switch of language from being undone by a reload.
    url.searchParams.delete('lang');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return forced;
  }
  return storedLanguage() ?? browserLanguage() ?? DEFAULT_LANGUAGE;
}
