import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { ManualClock } from '../clock.ts';
import { createMailer, type SentMail } from '../mail/mailer.ts';
import { createOrPromoteAdmin, REAUTHENTICATION_WINDOW_MS, startSession } from './service.ts';
import { passkeys, users } from './tables.ts';

describe.each(databaseKinds())('re-authentication before passkey changes on %s', (kind) => {
  let t: TestApp;
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  let userId: string;
  let ip = 0;
  const nextIp = () => `10.7.0.${++ip}`;

  beforeAll(async () => {
    const mailer = createMailer({ from: 'test@encuentro.test', production: false, log: () => {} });
    t = await startTestApp(kind, { clock, mailer, loadDemo: false });
    await createOrPromoteAdmin(t.runtime.ctx.db, { email: 'carla@network.example', name: 'Carla Recent' });
    const [user] = await t.runtime.ctx.db
      .select({ id: users.id })
      .from(users)
      .where(sql`${users.email} = 'carla@network.example'`);
    userId = user?.id as string;
  });
  afterAll(() => t?.close());

  const askForOptions = (session: string, lang = 'en') =>
    t.app.inject({
      method: 'POST',
      url: `/api/me/passkeys/options?lang=${lang}`,
      cookies: { encuentro_session: session },
      remoteAddress: nextIp(),
    });

  it('lets a fresh sign-in add a passkey, and asks an older one to sign in again, in its language', async () => {
    const session = await startSession(t.runtime.ctx, userId, 'test');
    expect((await askForOptions(session)).statusCode).toBe(200);

    clock.advance(REAUTHENTICATION_WINDOW_MS - 1000);
    expect((await askForOptions(session)).statusCode).toBe(200);

    clock.advance(2000);
    const stale = await askForOptions(session);
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error).toEqual({
      code: 'reauthentication_required',
      message: expect.stringContaining('sign in again'),
    });
    const enEspanol = await askForOptions(session, 'es');
    expect(enEspanol.json().error.code).toBe('reauthentication_required');
    expect(enEspanol.json().error.message).toContain('Vuelve a iniciar sesión');

    // The session itself still works for everything else.
    const me = await t.app.inject({ url: '/api/me', cookies: { encuentro_session: session } });
    expect(me.statusCode).toBe(200);
    const list = await t.app.inject({ url: '/api/me/passkeys', cookies: { encuentro_session: session } });
    expect(list.statusCode).toBe(200);

    // Finishing a registration begun earlier is refused too, before its answer is even looked at.
    const finish = await t.app.inject({
      method: 'POST',
      url: '/api/me/passkeys',
      cookies: { encuentro_session: session, encuentro_webauthn: 'whatever' },
      payload: {
        response: {
          id: 'abc',
          rawId: 'abc',
          type: 'public-key',
          response: { clientDataJSON: 'abc', attestationObject: 'abc' },
          clientExtensionResults: {},
        },
      },
    });
    expect(finish.statusCode).toBe(401);
    expect(finish.json().error.code).toBe('reauthentication_required');

    // Signing in again starts a new session, which may.
    const again = await startSession(t.runtime.ctx, userId, 'test');
    expect((await askForOptions(again)).statusCode).toBe(200);
  });

  it('keeps a passkey unless the sign-in is recent', async () => {
    await t.runtime.ctx.db.insert(passkeys).values({
      credentialId: 'old-key',
      userId,
      publicKey: Buffer.from([1, 2, 3]),
      counter: 0,
      transports: [],
      name: 'Old phone',
      createdAt: clock.now(),
    });
    const session = await startSession(t.runtime.ctx, userId, 'test');
    clock.advance(REAUTHENTICATION_WINDOW_MS + 1000);
    const stale = await t.app.inject({
      method: 'DELETE',
      url: '/api/me/passkeys/old-key',
      cookies: { encuentro_session: session },
    });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe('reauthentication_required');
    const still = await t.app.inject({ url: '/api/me/passkeys', cookies: { encuentro_session: session } });
    expect(still.json().items.map((p: { id: string }) => p.id)).toContain('old-key');

    const fresh = await startSession(t.runtime.ctx, userId, 'test');
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/me/passkeys/old-key',
      cookies: { encuentro_session: fresh },
    });
    expect(removed.statusCode).toBe(204);
  });

  it('sends a sign-in link that returns to the page that asked for it, and only to a page of the app', async () => {
    const mails = () =>
      (t.runtime.ctx.mailer.devMailbox ?? []).filter((m: SentMail) => m.to === 'carla@network.example');
    const before = mails().length;
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/magic-link',
      payload: { email: 'carla@network.example', next: '/account' },
      remoteAddress: nextIp(),
    });
    expect(asked.statusCode).toBe(202);
    await t.runtime.ctx.background.idle();
    await t.runtime.ctx.outbox.drain();
    const mail = mails()[before];
    const token = mail?.text.match(/\/auth\/verify\?token=([\w-]+)&next=%2Faccount/)?.[1];
    expect(token, mail?.text).toBeTruthy();

    const opened = await t.app.inject({
      url: `/auth/verify?token=${token}&next=%2Faccount`,
      cookies: { encuentro_sign_in: asked.cookies.find((c) => c.name === 'encuentro_sign_in')?.value as string },
    });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe('/account');
    const session = opened.cookies.find((c) => c.name === 'encuentro_session')?.value as string;
    expect((await askForOptions(session)).statusCode).toBe(200);

    for (const next of ['//evil.example/account', 'https://evil.example', '/\\evil.example', '/account?x=1']) {
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/auth/magic-link',
        payload: { email: 'carla@network.example', next },
        remoteAddress: nextIp(),
      });
      expect(refused.statusCode, next).toBe(400);
      const link = await t.app.inject({ url: `/auth/verify?token=${'x'.repeat(40)}&next=${encodeURIComponent(next)}` });
      expect(link.statusCode, next).toBe(400);
    }
  });
});
