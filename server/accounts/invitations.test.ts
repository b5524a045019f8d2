import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { ManualClock } from '../clock.ts';
import { rows } from '../db/client.ts';
import type { Mailer, SentMail } from '../mail/mailer.ts';
import { INVITATION_TTL_MS } from './invitations.ts';
import { SIGN_IN_CODE_ATTEMPTS } from './service.ts';

const cookieValue = (header: string | string[] | number | undefined, name: string) =>
  [header ?? []]
    .flat()
    .map(String)
    .find((cookie) => cookie.startsWith(`${name}=`))
    ?.split(';')[0]
    ?.slice(name.length + 1);

describe.each(databaseKinds())('signing in from any browser, and invitations, on %s', (kind) => {
  let t: TestApp;
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  const mailbox: SentMail[] = [];
  /** The mail server answers once this settles (a test holds it to see mail waiting). */
  let mailServerUp: Promise<void> = Promise.resolve();
  const mailer: Mailer = {
    devMailbox: null,
    async send(message) {
      await mailServerUp;
      mailbox.unshift({ ...message, at: new Date().toISOString() });
    },
  };
  let admin: string;
  let admins = 0;
  /** A fresh admin session (the clock moves days ahead in some tests). */
  const signInAdmin = async () => {
    admin = await signedInAs(t.runtime.ctx, { email: `staff${admins++}@invite.example`, role: 'admin' });
  };
  beforeAll(async () => {
    t = await startTestApp(kind, { clock, mailer });
    await signInAdmin();
  });
  afterAll(() => t?.close());

  const lastMailTo = async (address: string) => {
    await t.runtime.ctx.background.idle();
    await t.runtime.ctx.outbox.drain();
    return mailbox.find((mail) => mail.to === address);
  };
  const tokenIn = (mail: SentMail | undefined) => mail?.text.match(/\/auth\/verify\?token=([\w-]+)/)?.[1];
  const codeIn = (mail: SentMail | undefined) => mail?.text.match(/\n(\d{6})\n/)?.[1];
  const me = async (session: string | undefined) =>
    (await t.app.inject({ url: '/api/me', cookies: session ? { encuentro_session: session } : {} })).json();

  async function newPerson(name: string, email: string | null, languages: string[] = ['en']): Promise<string> {
    const [person] = await rows<{ id: string }>(
      t.runtime.ctx.db,
      sql`insert into people (name, email, search_text, languages) values (${name}, ${email}, ${name.toLowerCase()},
            ${`{${languages.join(',')}}`}::text[]) returning id`,
    );
    return (person as { id: string }).id;
  }

  async function askForLink(email: string, lang = 'en') {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/auth/magic-link?lang=${lang}`,
      payload: { email },
      remoteAddress: '10.7.0.1',
    });
    return cookieValue(response.headers['set-cookie'], 'encuentro_sign_in') as string;
  }

  const typeCode = (email: string, code: string, binding: string | undefined) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/code',
      payload: { email, code },
      cookies: binding ? { encuentro_sign_in: binding } : {},
      remoteAddress: '10.7.0.1',
    });

  it('signs in with the code of the mail in the browser that asked, when the link opened elsewhere', async () => {
    const coda = await newPerson('Coda Phone', 'coda@invite.example');
    await t.runtime.ctx.db.execute(
      sql`insert into users (email, role, person_id) values ('coda@invite.example', 'delegate', ${coda})`,
    );
    const binding = await askForLink('coda@invite.example', 'es');
    const mail = await lastMailTo('coda@invite.example');
    expect(mail?.text).toContain('escribe en cambio este código');
    const code = codeIn(mail) as string;
    expect(code).toMatch(/^\d{6}$/);

    // The phone's mail app opens the link in its own browser: the page there says what to do.
    const elsewhere = await t.app.inject({ url: `/auth/verify?token=${tokenIn(mail)}` });
    expect(elsewhere.headers.location).toBe('/sign-in?error=other_browser');

    // The code works only in the asking browser, and only for that address.
    expect((await typeCode('coda@invite.example', code, 'another-browser')).statusCode).toBe(400);
    expect((await typeCode('someone@invite.example', code, binding)).statusCode).toBe(400);
    const signedIn = await typeCode('CODA@invite.example', code, binding);
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.json().email).toBe('coda@invite.example');
    expect((await me(cookieValue(signedIn.headers['set-cookie'], 'encuentro_session'))).email).toBe(
      'coda@invite.example',
    );
    // Once used, neither the code nor the link signs in again.
    expect((await typeCode('coda@invite.example', code, binding)).statusCode).toBe(400);
    const again = await t.app.inject({
      url: `/auth/verify?token=${tokenIn(mail)}`,
      cookies: { encuentro_sign_in: binding },
    });
    expect(again.headers.location).toBe('/sign-in?error=used');
  });

  it('kills a code after a few wrong tries, and says so in the language asked', async () => {
    const binding = await askForLink('coda@invite.example');
    const code = codeIn(await lastMailTo('coda@invite.example')) as string;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < SIGN_IN_CODE_ATTEMPTS; i++) {
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/auth/code?lang=es',
        payload: { email: 'coda@invite.example', code: wrong },
        cookies: { encuentro_sign_in: binding },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.message).toContain('Ese código no funcionó');
    }
    expect((await typeCode('coda@invite.example', code, binding)).statusCode).toBe(400);
    expect((await typeCode('coda@invite.example', 'abc', binding)).statusCode).toBe(400);
  });

  it('invites a directory person without an account: one mail in their language that signs them in once, in any browser', async () => {
    const luz = await newPerson('Luz Directorio', 'luz@invite.example', ['es', 'en']);
    const [before] = await rows<{ n: number }>(
      t.runtime.ctx.db,
      sql`select count(*)::int as n from affiliations where person_id = ${luz}`,
    );
    const invited = await t.app.inject({
      method: 'POST',
      url: `/api/people/${luz}/invitation`,
      cookies: { encuentro_session: admin },
    });
    expect(invited.statusCode, invited.body).toBe(202);
    expect(invited.json()).toMatchObject({ email: 'luz@invite.example', accountCreated: true });
    const mail = await lastMailTo('luz@invite.example');
    expect(mail?.subject).toBe('Te invitamos a Encuentro');
    expect(mail?.text).toContain('durante 7 días');

    // Sent again: only the newest link works.
    await t.app.inject({ method: 'POST', url: `/api/people/${luz}/invitation`, cookies: { encuentro_session: admin } });
    const resent = await lastMailTo('luz@invite.example');
    expect(tokenIn(resent)).not.toBe(tokenIn(mail));
    const old = await t.app.inject({ url: `/auth/verify?token=${tokenIn(mail)}` });
    expect(old.headers.location).toBe('/sign-in?error=invalid');

    // A fresh browser, no cookie of any kind: signed in.
    const opened = await t.app.inject({ url: `/auth/verify?token=${tokenIn(resent)}` });
    expect(opened.headers.location).toBe('/');
    expect((await me(cookieValue(opened.headers['set-cookie'], 'encuentro_session'))).person.name).toBe(
      'Luz Directorio',
    );
    const twice = await t.app.inject({ url: `/auth/verify?token=${tokenIn(resent)}` });
    expect(twice.headers.location).toBe('/sign-in?error=used');
    // Nothing else about her changed.
    const [after] = await rows<{ n: number }>(
      t.runtime.ctx.db,
      sql`select count(*)::int as n from affiliations where person_id = ${luz}`,
    );
    expect(after?.n).toBe(before?.n);
  });

  it('withdraws an invitation, and lets one expire after seven days', async () => {
    const ana = await newPerson('Ana Withdrawn', 'ana@invite.example');
    await t.app.inject({ method: 'POST', url: `/api/people/${ana}/invitation`, cookies: { encuentro_session: admin } });
    const first = await lastMailTo('ana@invite.example');
    const withdrawn = await t.app.inject({
      method: 'DELETE',
      url: `/api/people/${ana}/invitation`,
      cookies: { encuentro_session: admin },
    });
    expect(withdrawn.json()).toEqual({ withdrawn: 1 });
    expect((await t.app.inject({ url: `/auth/verify?token=${tokenIn(first)}` })).headers.location).toBe(
      '/sign-in?error=invalid',
    );
    await t.app.inject({ method: 'POST', url: `/api/people/${ana}/invitation`, cookies: { encuentro_session: admin } });
    const second = await lastMailTo('ana@invite.example');
    clock.advance(INVITATION_TTL_MS + 1000);
    expect((await t.app.inject({ url: `/auth/verify?token=${tokenIn(second)}` })).headers.location).toBe(
      '/sign-in?error=expired',
    );
  });

  it('refuses a person without an address, clearly', async () => {
    await signInAdmin();
    const nobody = await newPerson('Sin Correo', null);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/people/${nobody}/invitation?lang=es`,
      cookies: { encuentro_session: admin },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe(
      'Sin Correo no tiene dirección de correo en el directorio: añade una antes de invitarle.',
    );
  });

  it("invites an event's attendees who have not joined, at once, and the link opens their trip", async () => {
    await signInAdmin();
    const [event] = await rows<{ id: string; name: string }>(
      t.runtime.ctx.db,
      sql`select id, name_en as name from events where slug = 'fim-gdl-2024'`,
    );
    const guests: string[] = [];
    for (const i of [1, 2, 3]) {
      const id = await newPerson(`Attendee ${i}`, `attendee${i}@invite.example`);
      await t.runtime.ctx.db.execute(
        sql`insert into attendances (event_id, person_id, badge_code, rotating_secret)
            values (${event?.id}, ${id}, ${`INV00${i}`}, ${`secret-${i}`})`,
      );
      guests.push(id);
    }
    let mailServerStarts = () => {};
    mailServerUp = new Promise((resolve) => {
      mailServerStarts = resolve;
    });
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/events/fim-gdl-2024/invitations',
      payload: { personIds: guests },
      cookies: { encuentro_session: admin },
    });
    expect(answer.statusCode, answer.body).toBe(202);
    expect(answer.json()).toEqual({ invited: 3, skipped: 0 });
    // The list tells staff where each mail is: waiting in the outbox, then sent.
    const mailStates = async () => {
      const list = await t.app.inject({
        url: '/api/events/fim-gdl-2024/attendees',
        cookies: { encuentro_session: admin },
      });
      return (list.json().items as { personId: string; invitationMail: string | null }[])
        .filter((a) => guests.includes(a.personId))
        .map((a) => a.invitationMail);
    };
    expect(await mailStates()).toEqual(['waiting', 'waiting', 'waiting']);
    mailServerStarts();
    const mail = await lastMailTo('attendee2@invite.example');
    expect(await mailStates()).toEqual(['sent', 'sent', 'sent']);
    expect(mail?.subject).toBe(`Your invitation to ${event?.name} on Encuentro`);
    const opened = await t.app.inject({ url: `/auth/verify?token=${tokenIn(mail)}` });
    expect(opened.headers.location).toBe('/my-trip');
    // Attendee 2 has joined: inviting everyone again leaves them out.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/events/fim-gdl-2024/invitations',
      payload: { personIds: guests },
      cookies: { encuentro_session: admin },
    });
    expect(again.json()).toEqual({ invited: 2, skipped: 0 });
  });
});
