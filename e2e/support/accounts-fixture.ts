import type { AddressInfo } from 'node:net';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { onTestFinished } from 'vitest';
import type { DatabaseKind } from '../../server/db/client.ts';
import { createMailer } from '../../server/mail/mailer.ts';
import { startTestApp } from '../../test/app.ts';
import {
  type BrowserFixture,
  CHROMIUM_PATH,
  type ContextOptions,
  closeContext,
  freePort,
  watchSecurityPolicy,
} from '../../test/browser.ts';
import { ACTION_TIMEOUT_MS, type Browsing } from './browsing.ts';

/** A message as the SMTP server received it: envelope recipients, decoded subject and plain-text body. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/**
 * A real SMTP server on a free local port, receiving what the app sends
 * through nodemailer. Tests wait for a message instead of sleeping.
 */
export class SmtpInbox {
  readonly received: ReceivedMail[] = [];
  private waiters: { to: string; from: number; resolve: (mail: ReceivedMail) => void }[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase());
        this.deliver({ to, ...parseMessage(Buffer.concat(chunks).toString('latin1')) });
        callback();
      });
    },
  });
  port = 0;

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /**
   * The next message to `address` from now on. Call it before the action that
   * sends the mail, then await it after.
   */
  nextMailTo(address: string, timeoutMs = 15_000): Promise<ReceivedMail> {
    const to = address.toLowerCase();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no mail to ${address} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        to,
        from: this.received.length,
        resolve: (mail) => {
          clearTimeout(timer);
          resolve(mail);
        },
      });
    });
  }

  mailTo(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address.toLowerCase()));
  }

  private deliver(mail: ReceivedMail) {
    this.received.push(mail);
    const index = this.received.length - 1;
    const ready = this.waiters.filter((waiter) => mail.to.includes(waiter.to) && index >= waiter.from);
    this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve(mail);
  }
}

/** The sign-in link in a mail's text. */
export function signInLinkIn(mail: ReceivedMail): string {
  const link = mail.text.match(/https?:\/\/\S+\/auth\/verify\?token=[\w-]+/)?.[0];
  if (!link) throw new Error(`no sign-in link in:\n${mail.text}`);
  return link;
}

/**
 * Just enough of RFC 5322 and MIME for the single-part text mail the app
 * sends: unfolded headers, RFC 2047 encoded words in the subject, and a body
 * in 7bit, 8bit, quoted-printable or base64.
 */
function parseMessage(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) =>
    head
      .split('\r\n')
      .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body, 'base64')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : Buffer.from(body, 'latin1');
  return { subject: decodeEncodedWords(header('Subject')), text: bytes.toString('utf8').replace(/\r\n/g, '\n') };
}

function decodeQuotedPrintable(text: string): Buffer {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(joined.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

function decodeEncodedWords(text: string): string {
  return text
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
    );
}

export interface AccountsFixture extends BrowserFixture {
  inbox: SmtpInbox;
}

/**
 * Like startBrowserFixture, plus a real SMTP server the app sends its mail
 * to. The app is addressed as http://localhost: WebAuthn refuses IP
 * addresses as relying-party IDs, and localhost counts as a secure context.
 */
export async function startAccountsFixture(kind: DatabaseKind): Promise<AccountsFixture> {
  const inbox = new SmtpInbox();
  await inbox.start();
  const mailer = createMailer({
    smtpUrl: inbox.url,
    from: 'Encuentro <no-reply@encuentro.test>',
    production: false,
    log: () => {},
  });
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const server = await startTestApp(kind, { mailer, origins: { url: origin, accepted: [origin] } });
  await server.app.listen({ port, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    // As test/browser.ts, plus: "localhost" is the loopback address the app listens on, never IPv6 first.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--host-resolver-rules=MAP localhost 127.0.0.1',
    ],
    headless: true,
  });
  return {
    server,
    baseUrl: origin,
    browser,
    inbox,
    async close() {
      await browser.close();
      await server.close();
      await inbox.close();
    },
  };
}

/**
 * A fresh browser context for the current test (see browse() in
 * browsing.ts), which lets requests reach the app at localhost.
 */
export async function browseAccounts(fixture: AccountsFixture, options: ContextOptions = {}): Promise<Browsing> {
  const context: BrowserContext = await fixture.browser.newContext({
    baseURL: fixture.baseUrl,
    timezoneId: options.timezoneId ?? 'Asia/Kathmandu',
    locale: options.locale ?? 'en-GB',
    viewport: { width: options.width ?? 390, height: options.height ?? 844 },
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  // Nothing leaves the machine: only the app under test answers.
  await context.route(/^https?:\/\/(?!(localhost|127\.0\.0\.1)[:/])/, (route) => route.abort());
  await context.tracing.start({ screenshots: true, snapshots: true });
  await watchSecurityPolicy(context);
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  onTestFinished(async ({ task }) => {
    await closeContext(context, task.result?.state === 'fail' ? task.fullName : undefined);
  });
  return { context, page, errors };
}

/**
 * Sign a browser context in as the given address the way a person does,
 * through the API and the mailed link, without the sign-in page (for tests
 * about other pages). The API request shares the context's cookies, so the
 * link is opened in the browser that asked for it.
 */
export async function signInThroughApi(fixture: AccountsFixture, { context, page }: Browsing, email: string) {
  const mail = fixture.inbox.nextMailTo(email);
  const asked = await context.request.post('/api/auth/magic-link', { data: { email } });
  if (asked.status() !== 202) throw new Error(`asking for a link answered ${asked.status()}: ${await asked.text()}`);
  await page.goto(signInLinkIn(await mail));
}
