import type { Page } from 'playwright-core';
import type { Language } from '../../shared/domain.ts';
import { eventually } from '../support/eventually.ts';

export type Section = 'directory' | 'people' | 'programme' | 'workingGroups' | 'news' | 'building';
/** Each language's button is named in that language. */
export type LanguageName = 'English' | 'Español';

const LANGUAGE_OF: Record<LanguageName, Language> = { English: 'en', Español: 'es' };

const LABELS = {
  en: {
    skipLink: 'Skip to content',
    navigation: 'Main',
    languages: 'Language',
    directory: 'Directory',
    people: 'People',
    programme: 'Programme',
    workingGroups: 'Working groups',
    news: 'News',
    building: 'Building',
    tabs: 'Quick navigation',
    more: 'More',
  },
  es: {
    skipLink: 'Saltar al contenido',
    navigation: 'Principal',
    languages: 'Idioma',
    directory: 'Directorio',
    people: 'Personas',
    programme: 'Programa',
    workingGroups: 'Grupos de trabajo',
    news: 'Noticias',
    building: 'Asociaciones',
    tabs: 'Navegación rápida',
    more: 'Más',
  },
} satisfies Record<Language, Record<string, string>>;

/** What every page shares: the header with its navigation and language switcher, and the page's own h1. */
export class Layout {
  constructor(
    readonly page: Page,
    readonly language: Language = 'en',
  ) {}

  get labels() {
    return LABELS[this.language];
  }

  get mainHeading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  get navigation() {
    return this.page.getByRole('navigation', { name: this.labels.navigation, exact: true });
  }

  get skipLink() {
    return this.page.getByRole('link', { name: this.labels.skipLink, exact: true });
  }

  /** The phone's bottom tabs (below 40rem the header's menu gives way to them). */
  get tabs() {
    return this.page.getByRole('navigation', { name: this.labels.tabs, exact: true });
  }

  /** A section's link in the menu shown at this width: the header's, or the phone's tabs. */
  navigationLink(section: Section) {
    return this.navigation.or(this.tabs).getByRole('link', { name: this.labels[section], exact: true });
  }

  /** Goes to a section as a person would: the header's menu, or on a phone its tab or the "More" sheet. */
  async goTo(section: Section): Promise<void> {
    if ((await this.navigation.count()) > 0 || section === 'programme') {
      await this.navigationLink(section).click();
      return;
    }
    await this.tabs.getByRole('button', { name: this.labels.more, exact: true }).click();
    await this.page.getByRole('dialog').getByRole('link', { name: this.labels[section], exact: true }).click();
  }

  get languageSwitcher() {
    return this.page.getByRole('group', { name: this.labels.languages, exact: true });
  }

  /** Chooses a language and waits until the page says it is in it; returns the layout in the new language. */
  async switchLanguage(name: LanguageName): Promise<Layout> {
    await this.languageSwitcher.getByRole('button', { name, exact: true }).click();
    const next = new Layout(this.page, LANGUAGE_OF[name]);
    await next.languageSwitcher.getByRole('button', { name, exact: true, pressed: true }).waitFor();
    await eventually(() => next.documentLanguage()).toBe(next.language);
    return next;
  }

  /** The language button shown as pressed. */
  async chosenLanguage(): Promise<string | null> {
    return this.languageSwitcher.getByRole('button', { pressed: true }).textContent();
  }

  /** `<html lang>`, which screen readers use to pick a voice. */
  async documentLanguage(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang');
  }

  /** How wide the document really is, to catch content that forces sideways scrolling on a phone. */
  async documentWidth(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth);
  }
}
