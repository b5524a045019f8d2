import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { WEB_ROOT } from '../server/app.ts';
import type { DatabaseKind } from '../server/db/client.ts';
import { startTestApp, type TestApp } from './app.ts';
import { databaseKinds } from './databases.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags this machine's Chromium needs: no sandbox as root, and no calls home on a closed network. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** True when the browser suites can run; under CI a missing browser or build is an error, not a skip. */
export function browserAvailable(): boolean {
  const missing = [
    existsSync(CHROMIUM_PATH) ? null : `Chromium at ${CHROMIUM_PATH}`,
    existsSync(join(WEB_ROOT, 'index.html')) ? null : 'the web build (npm run build)',
  ].filter(Boolean);
  if (missing.length === 0) return true;
  const message = `End-to-end tests need ${missing.join(' and ')}.`;
  if (process.env.CI) throw new Error(message);
  console.warn(`[encuentro] ${message} Skipping browser tests.`);
  return false;
}

/**
 * The databases a browser suite runs on (none when the browser cannot run).
 * A browser test drives the pages; what the database does is proven by the
 * server suites, which all run on both kinds. So each browser suite runs on
 * one kind, half of them on each (by a stable hash of the file's name), which
 * halves the longest part of CI (decision 0035). E2E_DATABASES=both runs
 * every browser suite on both.
 */
export function browserKinds(file: string): DatabaseKind[] {
  if (!browserAvailable()) return [];
  const kinds = databaseKinds();
  if (kinds.length < 2 || process.env.E2E_DATABASES === 'both') return kinds;
  const name = file.slice(file.lastIndexOf('/') + 1);
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return [kinds[hash % kinds.length] as DatabaseKind];
}

export interface BrowserFixture {
  server: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * A port nobody listens on now. The app must know its public origin before
 * it listens (links, passkeys and the Origin check come from it), so the port
 * is chosen first.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A served app on a fresh database plus a headless Chromium, for one test file. */
export async function startBrowserFixture(kind: DatabaseKind): Promise<BrowserFixture> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = await startTestApp(kind, { origins: { url: origin, accepted: [origin] } });
  const address = await server.app.listen({ port, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  return {
    server,
    baseUrl: address,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export interface ContextOptions {
  /** The viewer's zone: never Mexico's, so code that forgets the event zone shows the wrong hour. */
  timezoneId?: string;
  locale?: string;
  width?: number;
  height?: number;
}

export async function newPage(
  fixture: BrowserFixture,
  options: ContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await fixture.browser.newContext({
    baseURL: fixture.baseUrl,
    timezoneId: options.timezoneId ?? 'Asia/Kathmandu',
    locale: options.locale ?? 'en-GB',
    viewport: { width: options.width ?? 390, height: options.height ?? 844 },
  });
  // Nothing leaves the machine: only the app under test answers.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await context.tracing.start({ screenshots: true, snapshots: true });
  await watchSecurityPolicy(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

const violationsOf = new WeakMap<BrowserContext, string[]>();

/**
 * Record every Content-Security-Policy violation in the context's pages (the
 * browser fires `securitypolicyviolation` at the document whose policy
 * refused something); closeContext then fails the test that caused any: the
 * app must work under its own policy.
 */
export async function watchSecurityPolicy(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  violationsOf.set(context, violations);
  await context.exposeBinding('__encuentroCspViolation', (_source, violation: string) => violations.push(violation));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __encuentroCspViolation: (violation: string) => void })
        .__encuentroCspViolation;
      report(
        `${event.effectiveDirective} refused ${event.blockedURI || 'inline'} at ${event.sourceFile || event.documentURI}:${event.lineNumber}`,
      );
    });
  });
  return violations;
}

/**
 * The violations seen so far, which then no longer fail the test: for a test
 * that plants hostile content on purpose and expects the policy to refuse it.
 */
export function takeSecurityPolicyViolations(context: BrowserContext): string[] {
  const violations = violationsOf.get(context) ?? [];
  return violations.splice(0, violations.length);
}

/** Fails the current test (by throwing) when the context saw a Content-Security-Policy violation. */
export function assertNoSecurityPolicyViolations(context: BrowserContext): void {
  const violations = violationsOf.get(context) ?? [];
  if (violations.length > 0) {
    throw new Error(`Content-Security-Policy violations:\n${[...new Set(violations)].join('\n')}`);
  }
}

/** Keep a trace when a test failed, for `npx playwright show-trace`. */
export async function closeContext(context: BrowserContext, failedTestName?: string): Promise<void> {
  if (failedTestName) {
    mkdirSync('test-results', { recursive: true });
    await context.tracing.stop({ path: join('test-results', `${failedTestName.replace(/[^a-z0-9]+/gi, '-')}.zip`) });
  } else {
    await context.tracing.stop();
  }
  await context.close();
  assertNoSecurityPolicyViolations(context);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical accessibility violations on the page as it is now. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (an inline
  // <script> would be refused, as it should be).
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
