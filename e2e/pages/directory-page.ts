import type { Page } from 'playwright-core';
import type { Language } from '../../shared/domain.ts';
import { literal, normalizeSpace } from '../support/text.ts';

const LABELS = {
  en: {
    search: 'Search the directory',
    searchBox: 'Search organisations',
    kind: 'Kind',
    country: 'Country',
    results: 'Organisations found',
    memberOf: 'Member of',
  },
  es: {
    search: 'Buscar en el directorio',
    searchBox: 'Buscar organizaciones',
    kind: 'Tipo',
    country: 'País',
    results: 'Organizaciones encontradas',
    memberOf: 'Miembro de',
  },
} satisfies Record<Language, Record<string, string>>;

/** The directory of organisations (/organizations) with its search and filters. */
export class DirectoryPage {
  constructor(
    readonly page: Page,
    readonly language: Language = 'en',
  ) {}

  get labels() {
    return LABELS[this.language];
  }

  async open(query = ''): Promise<this> {
    await this.page.goto(`/organizations${query}`);
    await this.waitForResults();
    return this;
  }

  async waitForResults(): Promise<void> {
    await this.resultCount.waitFor();
  }

  get searchLandmark() {
    return this.page.getByRole('search', { name: this.labels.search, exact: true });
  }

  get searchBox() {
    return this.searchLandmark.getByRole('searchbox', { name: this.labels.searchBox, exact: true });
  }

  get results() {
    return this.page.getByRole('region', { name: this.labels.results, exact: true });
  }

  /** "22 organisations", announced politely when it changes. */
  get resultCount() {
    return this.results.getByRole('status');
  }

  /** Types as a reader would; the list follows once the debounce has written the URL. */
  async search(text: string): Promise<void> {
    await this.searchBox.fill(text);
  }

  async chooseKind(label: string): Promise<void> {
    await this.searchLandmark.getByRole('combobox', { name: this.labels.kind, exact: true }).selectOption({ label });
  }

  get resultCards() {
    return this.results.getByRole('article');
  }

  /** The names of the organisations listed, in order. */
  async resultNames(): Promise<string[]> {
    return this.resultCards.getByRole('heading', { level: 3 }).allTextContents();
  }

  /** Cards that do not carry the given kind badge (e.g. "Association"). */
  cardsNotOfKind(kindLabel: string) {
    return this.resultCards.filter({ hasNot: this.page.getByText(kindLabel, { exact: true }) });
  }

  async openOrganization(name: string): Promise<OrganizationPage> {
    await this.results.getByRole('link', { name, exact: true }).click();
    const organization = new OrganizationPage(this.page, this.language);
    await organization.heading(name).waitFor();
    return organization;
  }
}

/** One organisation's page (/organizations/:slug). */
export class OrganizationPage {
  constructor(
    readonly page: Page,
    readonly language: Language = 'en',
  ) {}

  get labels() {
    return LABELS[this.language];
  }

  heading(name: string) {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  /** The value next to a term in the facts list ("Country" → "Chile"). */
  fact(term: string) {
    return this.page
      .getByRole('term')
      .filter({ hasText: new RegExp(`^\\s*${literal(term)}\\s*$`) })
      .locator('xpath=following-sibling::*[1]');
  }

  async country(): Promise<string> {
    return normalizeSpace(await this.fact(this.labels.country).textContent());
  }

  /** The link to the network or association this organisation belongs to. */
  get parentLink() {
    return this.fact(this.labels.memberOf).getByRole('link');
  }
}
