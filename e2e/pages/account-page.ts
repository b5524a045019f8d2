import type { Page } from 'playwright-core';
import type { Language } from '../../shared/domain.ts';
import { literal, normalizeSpace } from '../support/text.ts';

const LABELS = {
  en: {
    title: 'Your account',
    role: 'Role',
    email: 'E-mail',
    organization: 'Organisation',
    passkeys: 'Passkeys',
    passkeyName: 'Name (optional)',
    add: 'Add a passkey',
    remove: (name: string) => `Remove passkey “${name}”`,
    signIn: 'Sign in',
    signOut: 'Sign out',
  },
  es: {
    title: 'Tu cuenta',
    role: 'Rol',
    email: 'Correo electrónico',
    organization: 'Organización',
    passkeys: 'Llaves de acceso',
    passkeyName: 'Nombre (opcional)',
    add: 'Añadir una llave de acceso',
    remove: (name: string) => `Quitar la llave de acceso «${name}»`,
    signIn: 'Iniciar sesión',
    signOut: 'Cerrar sesión',
  },
} satisfies Record<Language, Record<string, unknown>>;

/** /account: who I am, and my passkeys. */
export class AccountPage {
  constructor(
    readonly page: Page,
    readonly language: Language = 'en',
  ) {}

  get labels() {
    return LABELS[this.language];
  }

  async open(): Promise<this> {
    await this.page.goto('/account');
    await this.page.getByRole('heading', { level: 1 }).waitFor();
    return this;
  }

  heading(name: string) {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  /** The value next to a term ("Role" → "Network admin"). */
  async fact(term: string): Promise<string> {
    const value = this.page
      .getByRole('term')
      .filter({ hasText: new RegExp(`^\\s*${literal(term)}\\s*$`) })
      .locator('xpath=following-sibling::*[1]');
    return normalizeSpace(await value.textContent());
  }

  async role(): Promise<string> {
    return this.fact(this.labels.role);
  }

  get passkeysSection() {
    return this.page.getByRole('region', { name: this.labels.passkeys, exact: true });
  }

  get passkeyItems() {
    return this.passkeysSection.getByRole('list').getByRole('listitem');
  }

  /** The names of the listed passkeys, in order. */
  async passkeyNames(): Promise<string[]> {
    const names = await this.passkeyItems.evaluateAll((items) =>
      items.map((item) => item.querySelector('p')?.textContent ?? ''),
    );
    return names.map(normalizeSpace);
  }

  passkeyItem(name: string) {
    return this.passkeyItems.filter({ has: this.page.getByRole('button', { name: this.labels.remove(name) }) });
  }

  /** The polite announcement of what just happened to the passkeys. */
  get status() {
    return this.passkeysSection.getByRole('status');
  }

  async addPasskey(name: string): Promise<void> {
    await this.passkeysSection.getByRole('textbox', { name: this.labels.passkeyName, exact: true }).fill(name);
    await this.passkeysSection.getByRole('button', { name: this.labels.add, exact: true }).click();
  }

  async removePasskey(name: string): Promise<void> {
    await this.passkeysSection.getByRole('button', { name: this.labels.remove(name), exact: true }).click();
  }
}

/** The header's account corner: "Sign in", or the person's name and "Sign out". */
export class AccountMenu {
  constructor(
    readonly page: Page,
    readonly language: Language = 'en',
  ) {}

  get labels() {
    return LABELS[this.language];
  }

  private get header() {
    return this.page.getByRole('banner');
  }

  get signInLink() {
    return this.header.getByRole('link', { name: this.labels.signIn, exact: true });
  }

  /** The signed-in person's name, linking to their account. */
  nameLink(name: string) {
    return this.header.getByRole('link', { name, exact: true });
  }

  get signOutButton() {
    return this.header.getByRole('button', { name: this.labels.signOut, exact: true });
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
    await this.signInLink.waitFor();
  }
}
