import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { ManualClock } from '../clock.ts';
import type { Mailer, SentMail } from '../mail/mailer.ts';
import { RATE_LIMIT_RETENTION_MS } from './rate-limit.ts';
import { createOrPromoteAdmin, SESSION_IDLE_MS, SIGN_IN_LIMITS, SIGN_IN_LINK_TTL_MS } from './service.ts';
import { rateLimitHits, users } from './tables.ts';

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
  // Every message, newest first (the dev mailbox keeps only the last 50), and what happened when.
  const mailbox: SentMail[] = [];
  const happenings: string[] = [];
  const mailer: Mailer = {
    devMailbox: null,
    async send(message) {
      happenings.push(`mail to ${message.to}`);
      mailbox.unshift({ ...message, at: new Date().toISOString() });
    },
  };
  beforeAll(async () => {
    t = await startTestApp(kind, { clock, mailer });
    mailbox.length = 0;
    await createOrPromoteAdmin(t.runtime.ctx.db, { email: 'Staff@Network.example', name: 'Staff Member' });
  });
  afterAll(() => t?.close());

  const sentTo = (address: string) => mailbox.filter((m) => m.to === address);
  const linkIn = (mail: SentMail | undefined) => mail?.text.match(/\/auth\/verify\?token=([\w-]+)/)?.[1];

  async function askForLink(email: string, ip = '10.0.0.1', headers: Record<string, string> = {}) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/magic-link',
      payload: { email },
      remoteAddress: ip,
      headers,
    });
    // The mail leaves after the answer.
    await t.runtime.ctx.background.idle();
    await t.runtime.ctx.outbox.drain();
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
    // Staff land on their back office when the link names no page.
    expect(first.response.headers.location).toBe('/staff');
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

  it('mails links to the configured origin, whatever Host or X-Forwarded-Host the request names', async () => {
    await askForLink('staff@network.example', '10.0.5.1', {
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
    });
    const text = sentTo('staff@network.example')[0]?.text ?? '';
    expect(text).toContain(`${t.runtime.ctx.publicUrl}/auth/verify?token=`);
    expect(text).not.toContain('evil.example');
  });

  it('answers before it looks the address up or sends the mail', async () => {
    happenings.length = 0;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/magic-link',
      payload: { email: 'staff@network.example' },
      remoteAddress: '10.0.6.1',
    });
    happenings.push(`answered ${response.statusCode}`);
    await t.runtime.ctx.background.idle();
    await t.runtime.ctx.outbox.drain();
    expect(happenings).toEqual(['answered 202', 'mail to staff@network.example']);
  });

  it("keeps a stranger's requests from stopping a person signing in, without telling the stranger anything", async () => {
    clock.advance(2 * 60 * 60_000);
    const person = 'staff@network.example';
    const mine = await askForLink(person, '10.1.0.1');
    const myLink = linkIn(sentTo(person)[0]);
    const before = sentTo(person).length;

    const answers = [];
    for (let i = 0; i < 2 * SIGN_IN_LIMITS.perAddressAndIp.limit; i++) {
      const { response } = await askForLink(person, '10.1.6.6');
      answers.push({ status: response.statusCode, body: response.json() });
    }
    expect(answers.every((answer) => answer.status === 202)).toBe(true);
    expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBe(1);
    expect(sentTo(person).length - before).toBe(SIGN_IN_LIMITS.perAddressAndIp.limit);

    // The link the person had keeps working, and they can still ask for another from where they are.
    expect((await openLink(myLink as string, mine.binding)).response.headers.location).toBe('/staff');
    const again = await askForLink(person, '10.1.0.1');
    expect(again.response.statusCode).toBe(202);
    expect(sentTo(person)).toHaveLength(before + SIGN_IN_LIMITS.perAddressAndIp.limit + 1);
    const { session } = await openLink(linkIn(sentTo(person)[0]) as string, again.binding);
    expect(session).toBeTruthy();
  });

  it('lets a venue of hundreds of people behind one IP ask for links within a minute', async () => {
    clock.advance(2 * 60 * 60_000);
    const delegates = Array.from({ length: 300 }, (_, i) => `delegate${i}@venue.example`);
    await t.runtime.ctx.db.insert(users).values(delegates.map((email) => ({ email, role: 'delegate' as const })));
    const ask = (email: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email }, remoteAddress: '10.2.0.1' });
    const statuses = [];
    // Phones arrive a few at a time; every answer is at once, the mail follows through the outbox.
    for (let i = 0; i < delegates.length; i += 10) {
      const answers = await Promise.all(delegates.slice(i, i + 10).map(ask));
      statuses.push(...answers.map((answer) => answer.statusCode));
    }
    // One address asked over and over from the same IP still gets only its allowance of mail.
    const hammered = delegates[0] as string;
    for (let i = 0; i < 10; i++) statuses.push((await ask(hammered)).statusCode);
    await t.runtime.ctx.background.idle();
    await t.runtime.ctx.outbox.drain();
    expect(statuses.filter((status) => status !== 202)).toEqual([]);
    expect(
      delegates.filter(
        (email) => sentTo(email).length !== (email === hammered ? SIGN_IN_LIMITS.perAddressAndIp.limit : 1),
      ),
    ).toEqual([]);
  });

  it('refuses an IP past its allowance, whatever X-Forwarded-For it sends, until the window has passed', async () => {
    clock.advance(2 * 60 * 60_000);
    const ip = '10.2.9.9';
    // The allowance all but spent (one request's worth left), as a busy hour would.
    const at = clock.now();
    await t.runtime.ctx.db
      .insert(rateLimitHits)
      .values(Array.from({ length: SIGN_IN_LIMITS.perIp.limit - 1 }, () => ({ bucket: `sign-in:ip:${ip}`, at })));
    expect((await askForLink('last@nowhere.example', ip)).response.statusCode).toBe(202);
    for (const forged of ['198.51.100.7', '127.0.0.1', '198.51.100.8, 10.9.9.9']) {
      const refused = await askForLink('one-more@nowhere.example', ip, { 'x-forwarded-for': forged });
      expect(refused.response.statusCode).toBe(429);
      expect(refused.response.json().error.code).toBe('rate_limited');
    }
    clock.advance(SIGN_IN_LIMITS.perIp.windowMs + 1000);
    expect((await askForLink('one-more@nowhere.example', ip)).response.statusCode).toBe(202);
  });

  it('deletes rate-limit counts once no limit looks back at them', async () => {
    clock.advance(2 * 60 * 60_000);
    await askForLink('passing@nowhere.example', '10.3.0.1');
    const countsOf = async (ip: string) =>
      (
        await t.runtime.ctx.db
          .select({ bucket: rateLimitHits.bucket })
          .from(rateLimitHits)
          .where(like(rateLimitHits.bucket, `%${ip}`))
      ).length;
    expect(await countsOf('10.3.0.1')).toBeGreaterThan(0);
    clock.advance(RATE_LIMIT_RETENTION_MS + 60_000);
    await askForLink('someone-else@nowhere.example', '10.3.0.2');
    expect(await countsOf('10.3.0.1')).toBe(0);
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
