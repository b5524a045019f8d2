import type { Page } from 'playwright-core';
import type { Language } from '../../shared/domain.ts';

const LABELS = {
  en: { title: 'Working groups', countries: /^Countries \(\d+\)$/, organizations: /^Organisations \(\d+\)$/ },
  es: { title: 'Grupos de trabajo', countries: /^Países \(\d+\)$/, organizations: /^Organizaciones \(\d+\)$/ },
} satisfies Record<Language, Record<string, string | RegExp>>;

/** The list of working groups (/working-groups). */
export class WorkingGroupsPage {
  constructor(
    readonly page: Page,
    readonly language: Language = 'en',
  ) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: LABELS[this.language].title, exact: true });
  }

  async openGroup(name: string): Promise<WorkingGroupPage> {
    await this.page.getByRole('main').getByRole('link', { name, exact: true }).click();
    const group = new WorkingGroupPage(this.page, this.language);
    await group.heading(name).waitFor();
    return group;
  }
}

/** One working group's page (/working-groups/:slug). */
export class WorkingGroupPage {
  constructor(
    readonly page: Page,
    readonly language: Language = 'en',
  ) {}

  heading(name: string) {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  get countriesSection() {
    return this.page.getByRole('region', { name: LABELS[this.language].countries });
  }

  /** The section's heading, which carries the count: "Countries (6)". */
  async countriesHeading(): Promise<string | null> {
    return this.countriesSection.getByRole('heading', { level: 2 }).textContent();
  }

  async countries(): Promise<string[]> {
    return this.countriesSection.getByRole('listitem').allTextContents();
  }
}
