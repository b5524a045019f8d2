import type { Page } from 'playwright-core';
import type { Language } from '../../shared/domain.ts';
import { normalizeSpace } from '../support/text.ts';

const LABELS = {
  en: {
    search: 'Search people',
    searchBox: 'Search people',
    results: 'People found',
    fictional: 'Fictional demo delegate',
    affiliations: 'Organisations and roles',
  },
  es: {
    search: 'Buscar personas',
    searchBox: 'Buscar personas',
    results: 'Personas encontradas',
    fictional: 'Perfil ficticio de demostración',
    affiliations: 'Organizaciones y cargos',
  },
} satisfies Record<Language, Record<string, string>>;

/** The list of people (/people) with its search. */
export class PeoplePage {
  constructor(
    readonly page: Page,
    readonly language: Language = 'en',
  ) {}

  get labels() {
    return LABELS[this.language];
  }

  async open(query = ''): Promise<this> {
    await this.page.goto(`/people${query}`);
    await this.resultCount.waitFor();
    return this;
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

  /** "44 people". */
  get resultCount() {
    return this.results.getByRole('status');
  }

  async search(text: string): Promise<void> {
    await this.searchBox.fill(text);
  }

  async resultNames(): Promise<string[]> {
    return this.results.getByRole('article').getByRole('heading', { level: 3 }).allTextContents();
  }

  /** The "Fictional demo delegate" badges on the cards listed. */
  get fictionalBadges() {
    return this.results.getByText(this.labels.fictional, { exact: true });
  }

  async openPerson(name: string): Promise<PersonPage> {
    await this.results.getByRole('link', { name, exact: true }).click();
    const person = new PersonPage(this.page, this.language);
    await person.heading(name).waitFor();
    return person;
  }
}

/** One person's page (/people/:id). */
export class PersonPage {
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

  get affiliations() {
    return this.page.getByRole('region', { name: this.labels.affiliations, exact: true });
  }

  /** The link to an organisation the person works for. */
  organizationLink(organization: string) {
    return this.affiliations.getByRole('link', { name: organization, exact: true });
  }

  /** The person's role at an organisation, as listed under "Organisations and roles". */
  async roleAt(organization: string): Promise<string> {
    const link = this.page.getByRole('link', { name: organization, exact: true });
    const item = this.affiliations.getByRole('listitem').filter({ has: link });
    const all = normalizeSpace(await item.textContent());
    return all.slice(organization.length).trim();
  }
}
