import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/api/programme.ts';
import type { NotificationList, RsvpState } from '../../shared/api/rsvp.ts';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { rows } from '../db/client.ts';
import { ensureAttendance } from '../delegations/attendance.ts';
import { sessionWithCapacity } from './crowd.ts';
import { promoteWaitlist } from './service.ts';

const EVENT = 'fim-gdl-2024';

describe.each(databaseKinds())('RSVP and the waitlist on %s', (kind) => {
  let t: TestApp;
  let eventId: string;
  /** Delegates attending the event, by name: their cookie, person and address. */
  const delegates: Record<string, { cookie: string; personId: string; email: string }> = {};
  let outsider: string;
  let admin: string;

  const db = () => t.runtime.ctx.db;
  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, cookie?: string) => {
    const response = await t.app.inject({
      method,
      url,
      ...(cookie ? { cookies: { encuentro_session: cookie } } : {}),
    });
    return { status: response.statusCode, json: () => response.json() };
  };
  const rsvp = async (who: string, sessionId: string, method: 'GET' | 'POST' | 'DELETE' = 'POST') => {
    const response = await call(method, `/api/sessions/${sessionId}/rsvp`, delegates[who]?.cookie);
    expect(response.status).toBe(200);
    return response.json() as RsvpState;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    [{ id: eventId }] = (await rows<{ id: string }>(db(), sql`select id from events where slug = ${EVENT}`)) as [
      { id: string },
    ];
    for (const [name, language] of [
      ['Ana', 'es'],
      ['Ben', 'en'],
      ['Carla', 'es'],
      ['Dev', 'en'],
    ] as const) {
      const email = `${name.toLowerCase()}@rsvp.example`;
      const [person] = await rows<{ id: string }>(
        db(),
        sql`insert into people (name, email, languages) values (${`${name} Test`}, ${email}, array[${language}]::text[]) returning id`,
      );
      const personId = (person as { id: string }).id;
      await ensureAttendance(db(), { eventId, personId });
      delegates[name] = {
        cookie: await signedInAs(t.runtime.ctx, { email, role: 'delegate', personId }),
        personId,
        email,
      };
    }
    // Someone at another event only: signed in, a person, but no attendance here.
    const [elsewhere] = await rows<{ id: string }>(
      db(),
      sql`insert into events (slug, name_en, city, time_zone, starts_on, ends_on)
          values ('elsewhere-2025', 'Elsewhere', 'Lima', 'America/Lima', '2025-05-01', '2025-05-02') returning id`,
    );
    const [stranger] = await rows<{ id: string }>(
      db(),
      sql`insert into people (name) values ('Other Event') returning id`,
    );
    await ensureAttendance(db(), {
      eventId: (elsewhere as { id: string }).id,
      personId: (stranger as { id: string }).id,
    });
    outsider = await signedInAs(t.runtime.ctx, {
      email: 'other@rsvp.example',
      role: 'delegate',
      personId: (stranger as { id: string }).id,
    });
    admin = await signedInAs(t.runtime.ctx, { email: 'admin@rsvp.example', role: 'admin' });
  });
  afterAll(() => t?.close());

  it('confirms up to the capacity, then queues in order; a cancellation promotes the first waiting at once', async () => {
    const sessionId = await sessionWithCapacity(db(), EVENT, 2, 'Small room');
    expect((await rsvp('Ana', sessionId)).status).toBe('confirmed');
    expect(await rsvp('Ben', sessionId)).toMatchObject({ status: 'confirmed', confirmed: 2, capacity: 2 });
    expect(await rsvp('Carla', sessionId)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(await rsvp('Dev', sessionId)).toMatchObject({ status: 'waitlisted', waitlistPosition: 2, waitlisted: 2 });
    // Asking again changes nothing.
    expect(await rsvp('Dev', sessionId)).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

    const before = t.runtime.ctx.mailer.devMailbox?.length ?? 0;
    expect(await rsvp('Ben', sessionId, 'DELETE')).toMatchObject({ status: 'cancelled', confirmed: 2 });
    expect(await rsvp('Carla', sessionId, 'GET')).toMatchObject({ status: 'confirmed', waitlistPosition: null });
    expect(await rsvp('Dev', sessionId, 'GET')).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    // Carla is told by e-mail, in Spanish (her language), and in the app.
    await t.runtime.ctx.outbox.drain();
    const mails = (t.runtime.ctx.mailer.devMailbox ?? []).slice(
      0,
      (t.runtime.ctx.mailer.devMailbox?.length ?? 0) - before,
    );
    const mail = mails.find((m) => m.to === delegates.Carla?.email);
    expect(mail?.subject).toBe('Tienes plaza: Small room');
    const notices = (await call('GET', '/api/me/notifications', delegates.Carla?.cookie)).json() as NotificationList;
    expect(notices.unread).toBe(1);
    expect(notices.items[0]).toMatchObject({ kind: 'rsvp_promoted', readAt: null, session: { id: sessionId } });
    const read = (
      await call('POST', `/api/me/notifications/${notices.items[0]?.id}/read`, delegates.Carla?.cookie)
    ).json() as NotificationList;
    expect(read.unread).toBe(0);
    // Nobody else may mark it.
    expect(
      (await call('POST', `/api/me/notifications/${notices.items[0]?.id}/read`, delegates.Dev?.cookie)).status,
    ).toBe(403);

    // Cancelling and asking again queues at the back.
    await rsvp('Ben', sessionId);
    expect(await rsvp('Ben', sessionId, 'GET')).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
  });

  it('gives the seats of a larger capacity to those waiting, in order; a smaller one unseats nobody', async () => {
    const sessionId = await sessionWithCapacity(db(), EVENT, 1, 'Tiny room');
    for (const name of ['Ana', 'Ben', 'Carla', 'Dev']) await rsvp(name, sessionId);
    await db().execute(sql`update sessions set capacity = 3 where id = ${sessionId}`);
    const promoted = await db().transaction((tx) => promoteWaitlist(tx, sessionId, new Date()));
    expect(promoted.map((p) => p.personId)).toEqual([delegates.Ben?.personId, delegates.Carla?.personId]);
    expect(await rsvp('Dev', sessionId, 'GET')).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
      confirmed: 3,
    });

    await db().execute(sql`update sessions set capacity = 1 where id = ${sessionId}`);
    expect(await rsvp('Carla', sessionId, 'GET')).toMatchObject({ status: 'confirmed', confirmed: 3, capacity: 1 });
    // A cancellation now frees no seat: two are still over the new capacity.
    await rsvp('Ana', sessionId, 'DELETE');
    expect(await rsvp('Dev', sessionId, 'GET')).toMatchObject({ status: 'waitlisted', confirmed: 2 });
  });

  it('shows and books members-only sessions for signed-in accounts, delegates-only ones for those attending', async () => {
    const [members] = await rows<{ id: string }>(
      db(),
      sql`insert into sessions (event_id, kind, title_en, starts_at, ends_at, visibility)
          values (${eventId}, 'meeting', 'Members breakfast', '2024-02-29T14:00:00Z', '2024-02-29T15:00:00Z', 'members')
          returning id`,
    );
    const [delegatesOnly] = await rows<{ id: string }>(
      db(),
      sql`insert into sessions (event_id, kind, title_en, starts_at, ends_at, visibility, capacity)
          values (${eventId}, 'meeting', 'Delegates briefing', '2024-02-29T15:00:00Z', '2024-02-29T16:00:00Z', 'delegates', 10)
          returning id`,
    );
    const titles = async (cookie?: string) =>
      ((await call('GET', `/api/events/${EVENT}/sessions`, cookie)).json().items as Session[]).map((s) => s.title.en);

    const anonymous = await titles();
    expect(anonymous).not.toContain('Members breakfast');
    expect(anonymous).not.toContain('Delegates briefing');
    const fromElsewhere = await titles(outsider);
    expect(fromElsewhere).toContain('Members breakfast');
    expect(fromElsewhere).not.toContain('Delegates briefing');
    expect(await titles(delegates.Ana?.cookie)).toEqual(
      expect.arrayContaining(['Members breakfast', 'Delegates briefing']),
    );
    expect(await titles(admin)).toContain('Delegates briefing');
    // The public answer is still cached and still public after the signed-in reads.
    expect(await titles()).not.toContain('Delegates briefing');
    const eventForOutsider = (await call('GET', `/api/events/${EVENT}`, outsider)).json();
    const eventForDelegate = (await call('GET', `/api/events/${EVENT}`, delegates.Ana?.cookie)).json();
    expect(eventForDelegate.sessionsCount).toBeGreaterThan(eventForOutsider.sessionsCount);

    const delegatesId = (delegatesOnly as { id: string }).id;
    expect((await call('POST', `/api/sessions/${delegatesId}/rsvp`)).status).toBe(401);
    expect((await call('POST', `/api/sessions/${delegatesId}/rsvp`, outsider)).status).toBe(403);
    expect((await call('GET', `/api/sessions/${delegatesId}/rsvp`, outsider)).status).toBe(403);
    expect((await rsvp('Ana', delegatesId)).status).toBe('confirmed');
    expect((await call('POST', `/api/sessions/${(members as { id: string }).id}/rsvp`, outsider)).json().status).toBe(
      'confirmed',
    );
    expect((await call('POST', `/api/sessions/${(members as { id: string }).id}/rsvp`)).status).toBe(401);
    // An account without a person cannot hold a seat.
    expect((await call('POST', `/api/sessions/${(members as { id: string }).id}/rsvp`, admin)).status).toBe(403);
  });

  it('counts the places of a delegation staff assigned, and refuses an assignment the seats cannot hold', async () => {
    const sessionId = await sessionWithCapacity(db(), EVENT, 3, 'Delegation room');
    const delegationOf = async (acronym: string, members: string[]) => {
      const [organization] = await rows<{ id: string }>(
        db(),
        sql`insert into organizations (slug, name, acronym, kind)
            values (${`${acronym.toLowerCase()}-rsvp`}, ${`${acronym} Records`}, ${acronym}, 'label') returning id`,
      );
      const [delegation] = await rows<{ id: string }>(
        db(),
        sql`insert into delegations (event_id, organization_id) values (${eventId}, ${organization?.id}) returning id`,
      );
      for (const name of members) {
        await db().execute(
          sql`insert into delegation_members (delegation_id, person_id)
              values (${delegation?.id}, ${delegates[name]?.personId})`,
        );
      }
      return delegation?.id as string;
    };
    const assign = (delegationId: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/sessions/${sessionId}/assignments`,
        cookies: { encuentro_session: admin },
        headers: { 'accept-language': 'es' },
        payload: { delegationId },
      });

    expect((await assign(await delegationOf('DUO', ['Ana', 'Ben']))).statusCode).toBe(200);
    // Two of three seats are the delegation's: Carla takes the last, Dev waits.
    expect(await rsvp('Ana', sessionId, 'GET')).toMatchObject({ status: null, assigned: true, confirmed: 2 });
    expect(await rsvp('Carla', sessionId)).toMatchObject({ status: 'confirmed', assigned: false, confirmed: 3 });
    expect(await rsvp('Dev', sessionId)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, confirmed: 3 });
    // Ana makes her place a seat of her own and gives it back: the count never moves, nobody is promoted.
    expect(await rsvp('Ana', sessionId)).toMatchObject({ status: 'confirmed', confirmed: 3 });
    expect(await rsvp('Ana', sessionId, 'DELETE')).toMatchObject({ status: 'cancelled', assigned: true, confirmed: 3 });
    expect(await rsvp('Dev', sessionId, 'GET')).toMatchObject({ status: 'waitlisted' });

    const refused = await assign(await delegationOf('SOLO', ['Dev']));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      field: 'delegationId',
      message: 'A esta sesión no le queda ninguna plaza libre; la delegación necesita 1. Aumenta antes el aforo.',
    });
  });

  it('answers 404 for a session that does not exist', async () => {
    expect(
      (await call('POST', '/api/sessions/00000000-0000-4000-8000-000000000000/rsvp', delegates.Ana?.cookie)).status,
    ).toBe(404);
  });
});
