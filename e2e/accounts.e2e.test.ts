import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrPromoteAdmin } from '../server/accounts/service.ts';
import type { Language } from '../shared/domain.ts';
import { browserKinds, seriousAxeViolations } from '../test/browser.ts';
import { AccountMenu, AccountPage } from './pages/account-page.ts';
import { Layout } from './pages/layout.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import {
  type AccountsFixture,
  browseAccounts,
  signInLinkIn,
  signInThroughApi,
  startAccountsFixture,
} from './support/accounts-fixture.ts';
import { eventually } from './support/eventually.ts';

const kinds = browserKinds(import.meta.url);
const LOCALES: Record<Language, string> = { en: 'en-GB', es: 'es-ES' };

/** The account's status as the browser's own cookies see it. */
async function meStatus(page: Page): Promise<number> {
  return (await page.context().request.get('/api/me')).status();
}

/**
 * Chromium's virtual authenticator in this tab: a platform authenticator that
 * keeps discoverable credentials and verifies the user without a prompt.
 */
async function addVirtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return { cdp, authenticatorId };
}

describe.skipIf(kinds.length === 0).each(kinds)('signing in on %s', (kind) => {
  let fixture: AccountsFixture;
  const people = {
    link: { email: 'staff.link@win.example', name: 'Lina Enlace (fictional)' },
    spanish: { email: 'staff.es@win.example', name: 'Sara Castellano (fictional)' },
    code: { email: 'staff.code@win.example', name: 'Coro Código (fictional)' },
    passkey: { email: 'staff.passkey@win.example', name: 'Pau Llave (fictional)' },
    axe: { email: 'staff.axe@win.example', name: 'Alex Axe (fictional)' },
  };

  beforeAll(async () => {
    fixture = await startAccountsFixture(kind);
    for (const person of Object.values(people)) await createOrPromoteAdmin(fixture.server.runtime.ctx.db, person);
  });
  afterAll(() => fixture?.close());

  it('signs in with a link mailed over SMTP: once, only in the browser that asked, and signs out on the server', async () => {
    const { page, context, errors } = await browseAccounts(fixture);
    const { email, name } = people.link;
    await page.goto('/');
    const menu = new AccountMenu(page);
    await menu.signInLink.click();
    const signIn = new SignInPage(page);
    await signIn.heading.waitFor();

    const mail = fixture.inbox.nextMailTo(email);
    expect(await signIn.requestLink(email)).toContain(`If there is an account for ${email}`);
    const received = await mail;
    expect(received.subject).toBe('Your Encuentro sign-in link');
    const link = signInLinkIn(received);
    expect(link.startsWith(`${fixture.baseUrl}/auth/verify?token=`)).toBe(true);

    // Another browser (no binding cookie) is refused, and the link stays good for the one that asked.
    const elsewhere = await browseAccounts(fixture);
    await elsewhere.page.goto(link);
    const elsewhereSignIn = new SignInPage(elsewhere.page);
    expect(await elsewhereSignIn.linkProblemText()).toMatch(/was asked for in another browser/);
    expect(new URL(elsewhere.page.url()).searchParams.get('error')).toBe('other_browser');
    expect(await meStatus(elsewhere.page)).toBe(401);

    await page.goto(link);
    await menu.nameLink(name).waitFor();
    // Staff land on their back office.
    expect(new URL(page.url()).pathname).toBe('/staff');
    expect(await meStatus(page)).toBe(200);
    const session = (await context.cookies()).find((cookie) => cookie.name === 'encuentro_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    await page.goto(link);
    expect(await signIn.linkProblemText()).toBe(
      'This sign-in link has already been used. Each link works only once: ask for a new one below.',
    );
    // The failed second use leaves the session that the first one started.
    await menu.nameLink(name).waitFor();

    await menu.signOut();
    expect(await meStatus(page)).toBe(401);
    // The old cookie, sent again by hand, no longer opens anything: the session ended on the server.
    const replay = await fetch(new URL('/api/me', fixture.baseUrl), {
      headers: { cookie: `encuentro_session=${session?.value}` },
    });
    expect(replay.status).toBe(401);
    expect(errors).toEqual([]);
    expect(elsewhere.errors).toEqual([]);
  });

  it('signs in with the code of the mail when the link opens in another browser, which says what to do', async () => {
    const { page, errors } = await browseAccounts(fixture);
    const { email, name } = people.code;
    const signIn = await new SignInPage(page).open();
    const mail = fixture.inbox.nextMailTo(email);
    await signIn.requestLink(email);
    const received = await mail;
    const code = received.text.match(/\n(\d{6})\n/)?.[1] as string;
    expect(code).toMatch(/^\d{6}$/);

    // The phone's mail app opens the link in a browser of its own: the page there points to the code.
    const elsewhere = await browseAccounts(fixture);
    await elsewhere.page.goto(signInLinkIn(received));
    expect(await new SignInPage(elsewhere.page).linkProblemText()).toContain(
      'type the 6-digit code from the same e-mail there',
    );

    await signIn.signInWithCode(code);
    await new AccountMenu(page).nameLink(name).waitFor();
    expect(await meStatus(page)).toBe(200);
    expect(await meStatus(elsewhere.page)).toBe(401);
    expect(errors).toEqual([]);
    expect(elsewhere.errors).toEqual([]);
  });

  it('speaks Spanish: the reason a link failed, the form, the confirmation and the mail', async () => {
    const { page, errors } = await browseAccounts(fixture, { locale: LOCALES.es });
    const { email, name } = people.spanish;
    const signIn = await new SignInPage(page, 'es').open('?error=expired');
    expect(await new Layout(page, 'es').documentLanguage()).toBe('es');
    expect(await signIn.linkProblemText()).toBe(
      'Este enlace de acceso ha caducado. Los enlaces duran 15 minutos: pide uno nuevo aquí abajo.',
    );
    // Asking again is right there: the e-mail field has the focus.
    await eventually(() => signIn.emailField.evaluate((field) => field === document.activeElement)).toBe(true);

    await signIn.sendButton.click();
    expect(await signIn.emailField.getAttribute('aria-invalid')).toBe('true');
    await signIn.linkPanel.getByText('Escribe una dirección de correo, como nombre@ejemplo.org.').waitFor();

    const mail = fixture.inbox.nextMailTo(email);
    expect(await signIn.requestLink(email)).toBe(
      `Si existe una cuenta para ${email}, te hemos enviado un enlace de acceso. Ábrelo en este navegador antes de 15 minutos.`,
    );
    await expect(signIn.linkProblem.count()).resolves.toBe(0);
    const received = await mail;
    expect(received.subject).toBe('Tu enlace de acceso a Encuentro');
    expect(received.text).toMatch(/^Hola:/);
    expect(received.text).toContain('Funciona una sola vez, en el navegador donde lo pediste, durante 15 minutos');

    await page.goto(signInLinkIn(received));
    const menu = new AccountMenu(page, 'es');
    await menu.nameLink(name).waitFor();
    await menu.signOutButton.waitFor();
    expect(errors).toEqual([]);
  });

  it('adds a passkey on the account page, then signs in with it alone through the virtual authenticator', async () => {
    const browsing = await browseAccounts(fixture);
    const { page, errors } = browsing;
    const { email, name } = people.passkey;
    const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
    await signInThroughApi(fixture, browsing, email);

    const menu = new AccountMenu(page);
    await menu.nameLink(name).click();
    const account = new AccountPage(page);
    await account.heading(name).waitFor();
    expect(await account.role()).toBe('Network admin');
    expect(await account.fact('E-mail')).toBe(email);
    await account.passkeysSection.getByText('You have no passkeys yet.').waitFor();

    await account.addPasskey('Work laptop');
    await eventually(async () => account.status.textContent()).toBe(
      'Passkey “Work laptop” added. Next time you can sign in with it.',
    );
    await eventually(() => account.passkeyNames()).toEqual(['Work laptop']);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.isResidentCredential).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await menu.signOut();
    expect(await meStatus(page)).toBe(401);

    const mailsBefore = fixture.inbox.mailTo(email).length;
    const signIn = await new SignInPage(page).open();
    await signIn.passkeyButton.click();
    await menu.nameLink(name).waitFor();
    expect(new URL(page.url()).pathname).toBe('/staff');
    expect(await meStatus(page)).toBe(200);
    expect(fixture.inbox.mailTo(email)).toHaveLength(mailsBefore);
    const [used] = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
    expect(used?.signCount).toBeGreaterThan(0);

    await menu.nameLink(name).click();
    await account.heading(name).waitFor();
    await eventually(async () => account.passkeyItem('Work laptop').textContent()).toMatch(/last used/);
    await account.removePasskey('Work laptop');
    await eventually(async () => account.status.textContent()).toBe('Passkey “Work laptop” removed.');
    await account.passkeysSection.getByText('You have no passkeys yet.').waitFor();

    // The authenticator still holds the credential; the server no longer accepts it.
    await menu.signOut();
    await signIn.open();
    await signIn.passkeyButton.click();
    await eventually(async () => signIn.passkeyProblem.textContent()).toMatch(/This passkey is not recognised/);
    expect(await meStatus(page)).toBe(401);
    expect(errors).toEqual([]);
  });

  it.each(['en', 'es'] as const)(
    'has no serious accessibility problems on sign-in and account pages in %s',
    async (language) => {
      const browsing = await browseAccounts(fixture, { locale: LOCALES[language] });
      const { page } = browsing;
      const signIn = await new SignInPage(page, language).open('?error=other_browser');
      await signIn.linkProblem.waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);

      await signIn.emailField.fill(`nobody.${language}@nowhere.example`);
      await signIn.sendButton.click();
      await signIn.sentMessage.waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);

      await signInThroughApi(fixture, browsing, people.axe.email);
      const account = await new AccountPage(page, language).open();
      await account.heading(people.axe.name).waitFor();
      await account.passkeysSection.getByRole('button', { name: account.labels.add }).waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      // Nothing makes a phone scroll sideways.
      expect(await new Layout(page, language).documentWidth()).toBeLessThanOrEqual(390);
    },
  );
});
