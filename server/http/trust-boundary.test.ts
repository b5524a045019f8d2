import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { buildApp, WEB_ROOT } from '../app.ts';
import { rows } from '../db/client.ts';
import type { App } from './types.ts';

const FORGED = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

describe.each(databaseKinds())('the HTTP trust boundary on %s', (kind) => {
  let t: TestApp;
  /** The same instance behind a proxy at 10.0.0.5, as TRUST_PROXY=10.0.0.5 configures it. */
  let proxied: App;
  const logLines: string[] = [];
  let logged: App;
  let personId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    proxied = await buildApp(t.runtime.ctx, { serveWeb: false, trustProxy: ['10.0.0.5'] });
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    logged = await buildApp(t.runtime.ctx, { serveWeb: false, logger: { level: 'info', stream } });
    const [person] = await rows<{ id: string }>(t.runtime.ctx.db, sql`select id from people order by name limit 1`);
    personId = (person as { id: string }).id;
  });
  afterAll(async () => {
    await proxied?.close();
    await logged?.close();
    await t?.close();
  });

  let accounts = 0;
  const newSession = async () => ({
    encuentro_session: await signedInAs(t.runtime.ctx, {
      email: `reader${++accounts}@trust.example`,
      role: 'delegate',
    }),
  });
  const signedIn = async (cookies: Record<string, string>) =>
    (await t.app.inject({ url: '/api/me', cookies })).statusCode === 200;

  describe('absolute links', () => {
    it('come from the configured origin, never from Host or X-Forwarded-Host', async () => {
      const origin = t.runtime.ctx.publicUrl;
      const cookies = {
        encuentro_session: await signedInAs(t.runtime.ctx, { email: 'feed@trust.example', role: 'delegate', personId }),
      };
      const feed = await t.app.inject({ method: 'POST', url: '/api/me/calendar-token', cookies, headers: FORGED });
      expect(feed.statusCode, feed.body).toBe(201);
      expect(feed.json().url.startsWith(`${origin}/api/me/calendar.ics?token=`)).toBe(true);

      for (const url of ['/api/events/fim-gdl-2024/calendar.ics', '/feed.atom']) {
        const response = await t.app.inject({ url, headers: FORGED });
        expect(response.statusCode, url).toBe(200);
        expect(response.body, url).toContain(origin);
        expect(response.body, url).not.toContain('evil.example');
      }
      const options = await t.app.inject({ method: 'POST', url: '/api/auth/passkey/options', headers: FORGED });
      expect(options.json().rpId).toBe(new URL(origin).hostname);
    });
  });

  describe('writes', () => {
    it('are refused from another origin, a null origin, a forged Host and cross-site fetch metadata', async () => {
      const cookies = await newSession();
      const attempts: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { host: 'evil.example', origin: 'http://evil.example' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
      ];
      for (const headers of attempts) {
        const response = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies, headers });
        expect(response.statusCode, JSON.stringify(headers)).toBe(403);
        expect(response.json().error.code).toBe('forbidden');
      }
      expect(await signedIn(cookies)).toBe(true);

      const fromTheApp = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        cookies,
        headers: { origin: t.runtime.ctx.publicUrl, 'sec-fetch-site': 'same-origin' },
      });
      expect(fromTheApp.statusCode).toBe(204);
      expect(await signedIn(cookies)).toBe(false);
    });

    it('take their bodies as JSON only: text, forms and multipart are 415', async () => {
      const cookies = await newSession();
      const bodies = [
        { 'content-type': 'text/plain', payload: 'x' },
        { 'content-type': 'text/plain;charset=UTF-8', payload: '' },
        { 'content-type': 'application/x-www-form-urlencoded', payload: 'a=b' },
        { 'content-type': 'multipart/form-data; boundary=x', payload: '--x--\r\n' },
      ];
      for (const { payload, ...headers } of bodies) {
        const response = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies, headers, payload });
        expect(response.statusCode, headers['content-type']).toBe(415);
        expect(response.json().error.code).toBe('unsupported_media_type');
      }
      expect(await signedIn(cookies)).toBe(true);
      const bodyless = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies });
      expect(bodyless.statusCode).toBe(204);
    });
  });

  describe('security headers', () => {
    it('go with API answers and errors: a CSP without inline script, no sniffing, no framing', async () => {
      for (const url of ['/api/health', '/api/no-such-thing']) {
        const response = await t.app.inject({ url });
        const csp = String(response.headers['content-security-policy']);
        expect(csp, url).toContain("script-src 'self'");
        expect(csp, url).toContain("frame-ancestors 'none'");
        expect(csp, url).toContain("object-src 'none'");
        expect(csp, url).not.toContain('unsafe-inline');
        expect(response.headers['x-content-type-options'], url).toBe('nosniff');
        expect(response.headers['x-frame-options'], url).toBe('DENY');
        expect(response.headers['referrer-policy'], url).toBe('same-origin');
      }
    });

    it.runIf(existsSync(join(WEB_ROOT, 'index.html')))(
      'go with the app shell, whose article metadata is JSON-LD data that the policy need not allow',
      async () => {
        const [article] = await rows<{ slug: string }>(
          t.runtime.ctx.db,
          sql`select slug from articles where status = 'published' order by published_at limit 1`,
        );
        const page = await t.app.inject({ url: `/news/${(article as { slug: string }).slug}`, headers: FORGED });
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        expect(page.body).toContain('<script type="application/ld+json"');
        expect(page.body).not.toContain('evil.example');
        expect(page.body).not.toMatch(/<script(?![^>]*(\bsrc=|application\/ld\+json))/);
        expect(String(page.headers['content-security-policy'])).not.toContain('unsafe-inline');
      },
    );

    it('ask for HTTPS only over TLS, as a trusted proxy reports it and nobody else', async () => {
      const strict = (response: { headers: Record<string, unknown> }) => response.headers['strict-transport-security'];
      const https = { 'x-forwarded-proto': 'https' };
      expect(strict(await t.app.inject({ url: '/api/health', headers: https }))).toBeUndefined();
      expect(strict(await proxied.inject({ url: '/api/health', headers: https, remoteAddress: '203.0.113.9' }))).toBe(
        undefined,
      );
      expect(strict(await proxied.inject({ url: '/api/health', headers: https, remoteAddress: '10.0.0.5' }))).toMatch(
        /^max-age=\d+/,
      );
      expect(strict(await proxied.inject({ url: '/api/health', remoteAddress: '10.0.0.5' }))).toBeUndefined();
    });
  });

  describe('the development mailbox', () => {
    it('answers a browser on this machine only, judged by the connection and not by headers', async () => {
      const mailbox = (app: App, remoteAddress: string, headers: Record<string, string> = {}) =>
        app.inject({ url: '/dev/mailbox', remoteAddress, headers });
      for (const local of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
        const response = await mailbox(t.app, local);
        expect(response.statusCode, local).toBe(200);
        expect(String(response.headers['content-security-policy'])).toMatch(/style-src 'self' 'sha256-/);
      }
      expect((await mailbox(t.app, '203.0.113.9')).statusCode).toBe(404);
      expect((await mailbox(t.app, '203.0.113.9', { 'x-forwarded-for': '127.0.0.1' })).statusCode).toBe(404);
      // Even a trusted proxy forwarding a loopback client is not a browser on this machine.
      expect((await mailbox(proxied, '10.0.0.5', { 'x-forwarded-for': '127.0.0.1' })).statusCode).toBe(404);
    });
  });

  describe('request logs', () => {
    it('never show sign-in or calendar tokens', async () => {
      const secrets = ['sign-in-secret-1234567890', 'calendar-secret-0987654321'];
      await logged.inject({ url: `/auth/verify?token=${secrets[0]}&next=%2Faccount` });
      await logged.inject({ url: `/api/me/calendar.ics?lang=es&token=${secrets[1]}` });
      const log = logLines.join('');
      expect(log).toContain('/auth/verify?token=[redacted]&next=%2Faccount');
      expect(log).toContain('/api/me/calendar.ics?lang=es&token=[redacted]');
      for (const secret of secrets) expect(log).not.toContain(secret);
    });
  });
});
