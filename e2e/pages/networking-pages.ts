import type { Page } from 'playwright-core';

/** The scanner page (/connect/:slug): a code typed by hand, and the list of my scans with their states. */
export class ConnectPage {
  constructor(readonly page: Page) {}

  async open(slug: string) {
    await this.page.goto(`/connect/${slug}`);
    await this.page.getByRole('heading', { name: 'Connect', level: 1 }).waitFor();
  }

  async typeCode(code: string) {
    await this.page.getByLabel('Code on their badge').fill(code);
    await this.page.getByRole('button', { name: 'Connect', exact: true }).click();
  }

  /** The states of my recent scans, as the list shows them, newest first. */
  recentScans() {
    return this.page.getByRole('list', { name: 'My recent scans' }).getByRole('listitem').allInnerTexts();
  }
}

/** My contacts (/contacts): one card per person, with a private note. */
export class ContactsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/contacts');
    await this.page.getByRole('heading', { name: /^My contacts/, level: 1 }).waitFor();
  }

  names() {
    return this.page.getByRole('list', { name: 'My contacts' }).getByRole('heading', { level: 2 }).allInnerTexts();
  }

  async writeNote(name: string, note: string) {
    await this.page.getByLabel(`My private note about ${name}`).fill(note);
    const card = this.page.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name }) });
    await card.getByRole('button', { name: 'Save note' }).click();
    await card.getByText('Saved', { exact: true }).waitFor();
  }
}
