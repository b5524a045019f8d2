import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { ManualClock } from '../clock.ts';
import { createMailer, type SentMail } from '../mail/mailer.ts';
import { createOrPromoteAdmin, SESSION_IDLE_MS, SIGN_IN_LIMITS, SIGN_IN_LINK_TTL_MS } from './service.ts';

const cookieValue = (setCookie: string | string[] | undefined, name: string) => {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return all
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]
    ?.slice(name.length + 1);
};

describe.each(databaseKinds())('sign-in by e-mail link on %s', (kind) => {
  let t: TestApp;
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  const mailbox: SentMail[] = [];
  beforeAll(async () => {
    const mailer = createMailer({ from: 'test@encuentro.test', production: false, log: () => {} });
    t = await startTestApp(kind, { clock, mailer });
    mailbox.length = 0;
    await createOrPromoteAdmin(t.runtime.ctx.db, { email: 'Staff@Network.example', name: 'Staff Member' });
  });
  afterAll(() => t?.close());

  const sentTo = (address: string) => (t.runtime.ctx.mailer.devMailbox ?? []).filter((m) => m.to === address);
  const linkIn = (mail: SentMail | undefined) => mail?.text.match(/\/auth\/verify\?token=([\w-]+)/)?.[1];

  async function askForLink(email: string, ip = '10.0.0.1') {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/magic-link',
      payload: { email },
      remoteAddress: ip,
    });
    return { response, binding: cookieValue(response.headers['set-cookie'], 'encuentro_sign_in') };
  }

  async function openLink(token: string, binding: string | undefined) {
    const response = await t.app.inject({
      method: 'GET',
      url: `/auth/verify?token=${token}`,
      cookies: binding ? { encuentro_sign_in: binding } : {},
    });
    return { response, session: cookieValue(response.headers['set-cookie'], 'encuentro_session') };
  }

  it('signs in with a link that works once, in the asking browser, and signs out on the server', async () => {
    const { response, binding } = await askForLink('staff@network.example');
    expect(response.statusCode).toBe(202);
    const token = linkIn(sentTo('staff@network.example')[0]);
    expect(token).toBeTruthy();

    const elsewhere = await openLink(token as string, 'another-browser');
    expect(elsewhere.response.headers.location).toBe('/sign-in?error=other_browser');

    const first = await openLink(token as string, binding);
    expect(first.response.statusCode).toBe(303);
    expect(first.response.headers.location).toBe('/');
    const cookie = (first.response.headers['set-cookie'] as string[]).find((c) => c.startsWith('encuentro_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);

    const me = await t.app.inject({ url: '/api/me', cookies: { encuentro_session: first.session as string } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      email: 'staff@network.example',
      role: 'admin',
      person: { name: 'Staff Member' },
    });

    const again = await openLink(token as string, binding);
    expect(again.response.headers.location).toBe('/sign-in?error=used');

    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { encuentro_session: first.session as string },
    });
    expect(logout.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/me', cookies: { encuentro_session: first.session as string } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('not_signed_in');
  });

  it('gives a new session id at every sign-in', async () => {
    const sessions = [];
    for (let i = 0; i < 2; i++) {
      const { binding } = await askForLink('staff@network.example', `10.0.1.${i}`);
      const token = linkIn(sentTo('staff@network.example')[0]);
      sessions.push((await openLink(token as string, binding)).session);
    }
    expect(sessions[0]).toBeTruthy();
    expect(sessions[0]).not.toBe(sessions[1]);
  });

  it('refuses a link after fifteen minutes', async () => {
    const { binding } = await askForLink('staff@network.example', '10.0.2.1');
    const token = linkIn(sentTo('staff@network.example')[0]);
    clock.advance(SIGN_IN_LINK_TTL_MS + 1000);
    const late = await openLink(token as string, binding);
    expect(late.response.headers.location).toBe('/sign-in?error=expired');
    expect(late.session).toBeUndefined();
  });

  it('ends a session left idle for a week', async () => {
    const { binding } = await askForLink('staff@network.example', '10.0.3.1');
    const { session } = await openLink(linkIn(sentTo('staff@network.example')[0]) as string, binding);
    const me = () => t.app.inject({ url: '/api/me', cookies: { encuentro_session: session as string } });
    expect((await me()).statusCode).toBe(200);
    clock.advance(SESSION_IDLE_MS + 60_000);
    expect((await me()).statusCode).toBe(401);
  });

  it('answers the same for an unknown address, and sends it nothing', async () => {
    const known = await askForLink('staff@network.example', '10.0.4.1');
    const unknown = await askForLink('nobody@nowhere.example', '10.0.4.2');
    expect(unknown.response.statusCode).toBe(known.response.statusCode);
    expect(unknown.response.json()).toEqual(known.response.json());
    expect(sentTo('nobody@nowhere.example')).toHaveLength(0);
  });

  it('rate-limits requests per address and per IP, the same for unknown addresses', async () => {
    clock.advance(60 * 60_000);
    const statuses = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.perAddress.limit; i++) {
      statuses.push((await askForLink('ghost@nowhere.example', `10.1.0.${i}`)).response.statusCode);
    }
    expect(statuses.slice(0, -1).every((s) => s === 202)).toBe(true);
    const refused = await askForLink('ghost@nowhere.example', '10.1.9.9');
    expect(refused.response.statusCode).toBe(429);
    expect(refused.response.json().error.code).toBe('rate_limited');

    const fromOneIp = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.perIp.limit; i++) {
      fromOneIp.push((await askForLink(`person${i}@nowhere.example`, '10.2.0.1')).response.statusCode);
    }
    expect(fromOneIp.at(-1)).toBe(429);
    clock.advance(SIGN_IN_LIMITS.perIp.windowMs + 1000);
    expect((await askForLink('person0@nowhere.example', '10.2.0.1')).response.statusCode).toBe(202);
  });

  it('rejects a malformed address with a 400 that names the field, in Spanish when asked', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/magic-link?lang=es',
      payload: { email: 'not-an-address' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/«email»/);
  });

  it('refuses a cross-site write', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/magic-link',
      payload: { email: 'staff@network.example' },
      headers: { origin: 'https://evil.example' },
    });
    expect(response.statusCode).toBe(403);
  });
});
