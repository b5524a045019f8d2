import type { Page } from 'playwright-core';
import type { Language } from '../../shared/domain.ts';
import { normalizeSpace } from '../support/text.ts';

const LABELS = {
  en: {
    heading: 'Sign in',
    linkPanel: 'With an e-mail link',
    email: 'E-mail address',
    send: 'Send me a link',
    sent: 'Check your e-mail',
    askAgain: 'Send another link',
    problem: 'That link did not work',
    passkeyPanel: 'With a passkey',
    passkey: 'Sign in with a passkey',
    code: 'Code',
    codeSubmit: 'Sign in with the code',
  },
  es: {
    heading: 'Iniciar sesión',
    linkPanel: 'Con un enlace por correo',
    email: 'Correo electrónico',
    send: 'Envíame un enlace',
    sent: 'Revisa tu correo',
    askAgain: 'Enviar otro enlace',
    problem: 'Ese enlace no ha funcionado',
    passkeyPanel: 'Con una llave de acceso',
    passkey: 'Entrar con una llave de acceso',
    code: 'Código',
    codeSubmit: 'Entrar con el código',
  },
} satisfies Record<Language, Record<string, string>>;

/** /sign-in: an e-mail link or a passkey, and why the last link did not work. */
export class SignInPage {
  constructor(
    readonly page: Page,
    readonly language: Language = 'en',
  ) {}

  get labels() {
    return LABELS[this.language];
  }

  async open(query = ''): Promise<this> {
    await this.page.goto(`/sign-in${query}`);
    await this.heading.waitFor();
    return this;
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: this.labels.heading, exact: true });
  }

  get linkPanel() {
    return this.page.getByRole('region', { name: this.labels.linkPanel, exact: true });
  }

  get emailField() {
    return this.linkPanel.getByRole('textbox', { name: this.labels.email, exact: true });
  }

  get sendButton() {
    return this.linkPanel.getByRole('button', { name: this.labels.send, exact: true });
  }

  /** The polite announcement that replaces the form once a link is on its way. */
  get sentMessage() {
    return this.linkPanel
      .getByRole('status')
      .filter({ has: this.page.getByRole('heading', { name: this.labels.sent }) });
  }

  /** Asks for a link and returns what the page then says (below its "Check your e-mail" heading). */
  async requestLink(email: string): Promise<string> {
    await this.emailField.fill(email);
    await this.sendButton.click();
    await this.sentMessage.waitFor();
    return normalizeSpace(await this.sentMessage.getByRole('paragraph').textContent());
  }

  /** Once a link is on its way: the code of the same mail, typed in this browser. */
  async signInWithCode(code: string): Promise<void> {
    await this.linkPanel.getByRole('textbox', { name: this.labels.code, exact: true }).fill(code);
    await this.linkPanel.getByRole('button', { name: this.labels.codeSubmit, exact: true }).click();
  }

  get askAgainButton() {
    return this.linkPanel.getByRole('button', { name: this.labels.askAgain, exact: true });
  }

  /** Why the link just opened did not sign in (`?error=`), as an alert. */
  get linkProblem() {
    return this.page.getByRole('alert').filter({ has: this.page.getByRole('heading', { name: this.labels.problem }) });
  }

  async linkProblemText(): Promise<string> {
    await this.linkProblem.waitFor();
    return normalizeSpace(await this.linkProblem.getByRole('paragraph').textContent());
  }

  get passkeyPanel() {
    return this.page.getByRole('region', { name: this.labels.passkeyPanel, exact: true });
  }

  get passkeyButton() {
    return this.passkeyPanel.getByRole('button', { name: this.labels.passkey, exact: true });
  }

  /** What the passkey panel says went wrong, if anything. */
  get passkeyProblem() {
    return this.passkeyPanel.getByRole('alert');
  }
}
