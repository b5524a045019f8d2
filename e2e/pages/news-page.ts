import type { Page } from 'playwright-core';
import type { Language } from '../../shared/domain.ts';
import { normalizeSpace } from '../support/text.ts';
import { Layout } from './layout.ts';

const LABELS = {
  en: {
    navigation: 'Main',
    news: 'News',
    filters: 'Filter the news',
    category: 'Category',
    results: 'Articles',
    mentioned: 'In this article',
    related: 'Related news',
    notYetTranslated: 'Not yet available in English — shown in Spanish.',
  },
  es: {
    navigation: 'Principal',
    news: 'Noticias',
    filters: 'Filtrar las noticias',
    category: 'Categoría',
    results: 'Artículos',
    mentioned: 'En este artículo',
    related: 'Noticias relacionadas',
    notYetTranslated: 'Todavía no está disponible en español: se muestra en inglés.',
  },
} satisfies Record<Language, Record<string, string>>;

/** The news (/news): articles newest first, filtered by category. */
export class NewsPage {
  constructor(
    readonly page: Page,
    readonly language: Language = 'en',
  ) {}

  get labels() {
    return LABELS[this.language];
  }

  async open(query = ''): Promise<this> {
    await this.page.goto(`/news${query}`);
    await this.resultCount.waitFor();
    return this;
  }

  /** Through the "News" link of the main navigation, as a reader would. */
  async openFromNavigation(): Promise<this> {
    await new Layout(this.page, this.language).goTo('news');
    await this.resultCount.waitFor();
    return this;
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: this.labels.news, exact: true });
  }

  get results() {
    return this.page.getByRole('region', { name: this.labels.results, exact: true });
  }

  /** "4 articles", announced politely when it changes. */
  get resultCount() {
    return this.results.getByRole('status');
  }

  get cards() {
    return this.results.getByRole('article');
  }

  /** Article titles as listed, in order. */
  async titles(): Promise<string[]> {
    return (await this.cards.getByRole('heading', { level: 3 }).allTextContents()).map(normalizeSpace);
  }

  card(title: string) {
    return this.cards.filter({ has: this.page.getByRole('heading', { level: 3, name: title, exact: true }) });
  }

  async chooseCategory(label: string): Promise<void> {
    await this.page
      .getByRole('search', { name: this.labels.filters, exact: true })
      .getByRole('combobox', { name: this.labels.category, exact: true })
      .selectOption({ label });
  }

  async openArticle(title: string): Promise<ArticlePage> {
    await this.results.getByRole('link', { name: title, exact: true }).click();
    const article = new ArticlePage(this.page, this.language);
    await article.heading(title).waitFor();
    return article;
  }
}

/** One article (/news/:slug). */
export class ArticlePage {
  constructor(
    readonly page: Page,
    readonly language: Language = 'en',
  ) {}

  get labels() {
    return LABELS[this.language];
  }

  heading(title?: string) {
    return this.page.getByRole('heading', { level: 1, ...(title ? { name: title, exact: true } : {}) });
  }

  /** The body's section headings ("Day 1: …"). */
  async sectionHeadings(): Promise<string[]> {
    return (await this.page.locator('.news-body').getByRole('heading', { level: 2 }).allTextContents()).map(
      normalizeSpace,
    );
  }

  /** The publication date under the title. */
  get publishedDate() {
    return this.page.getByRole('main').locator('header time').first();
  }

  get fallbackNotice() {
    return this.page.getByText(this.labels.notYetTranslated, { exact: true });
  }

  get mentioned() {
    return this.page.getByRole('region', { name: this.labels.mentioned, exact: true });
  }

  get related() {
    return this.page.getByRole('region', { name: this.labels.related, exact: true });
  }

  async relatedTitles(): Promise<string[]> {
    return (await this.related.getByRole('link').allTextContents()).map(normalizeSpace);
  }

  async followRelated(title: string): Promise<ArticlePage> {
    await this.related.getByRole('link', { name: title, exact: true }).click();
    const next = new ArticlePage(this.page, this.language);
    await next.heading(title).waitFor();
    return next;
  }

  /** The content of a <meta property|name=…> the page set for crawlers and social previews. */
  async meta(key: string): Promise<string | null> {
    return this.page.locator(`head meta[property="${key}"], head meta[name="${key}"]`).first().getAttribute('content');
  }

  /** The schema.org description the page carries. */
  async jsonLd(): Promise<Record<string, unknown>> {
    const text = await this.page.locator('head script[type="application/ld+json"]').textContent();
    return JSON.parse(text ?? '{}') as Record<string, unknown>;
  }
}
