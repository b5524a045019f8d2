import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckInAnswer, CheckInCounts, CheckInList } from '../../shared/api/check-in.ts';
import type { Dashboard } from '../../shared/api/dashboard.ts';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { ManualClock } from '../clock.ts';
import { rows } from '../db/client.ts';
import type { LiveMessage } from '../realtime/live.ts';

/** A new event of the network's, with its attendees and no check-in yet. */
const EVENT = 'encuentro-check-in';
const NOW = new Date('2025-05-08T15:00:00Z');

interface Attendee {
  personId: string;
  name: string;
  country: string;
  badgeCode: string;
}

describe.each(databaseKinds())('check-in at the door and at sessions on %s', (kind) => {
  let t: TestApp;
  let staff: string;
  let otherStaff: string;
  let delegate: string;
  let eventId: string;
  let sessionId: string;
  let attendees: Attendee[];
  const heard: LiveMessage[] = [];

  const post = (cookie: string, body: object, lang = 'en') =>
    t.app.inject({
      method: 'POST',
      url: `/api/events/${EVENT}/check-ins?lang=${lang}`,
      cookies: { encuentro_session: cookie },
      payload: body,
    });
  const list = async (session?: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/events/${EVENT}/check-ins${session ? `?session=${session}` : ''}`,
      cookies: { encuentro_session: staff },
    });
    expect(response.statusCode).toBe(200);
    return response.json() as CheckInList;
  };
  const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();
  const a = (i: number) => attendees[i] as Attendee;

  beforeAll(async () => {
    t = await startTestApp(kind, { clock: new ManualClock(NOW) });
    const db = t.runtime.ctx.db;
    const [event] = await rows<{ id: string }>(
      db,
      sql`insert into events (slug, name_en, city, time_zone, starts_on, ends_on)
          values (${EVENT}, 'Encuentro check-in', 'Guadalajara', 'America/Mexico_City', '2025-05-08', '2025-05-09')
          returning id`,
    );
    eventId = (event as { id: string }).id;
    const [session] = await rows<{ id: string }>(
      db,
      sql`insert into sessions (event_id, kind, title_en, starts_at, ends_at)
          values (${eventId}, 'workshop', 'Export workshop', '2025-05-08T17:00:00Z', '2025-05-08T18:00:00Z') returning id`,
    );
    sessionId = (session as { id: string }).id;
    // One fictional delegate from each of six countries, with a badge at the new event.
    const people = await rows<{ id: string; name: string; country: string }>(
      db,
      sql`select distinct on (p.country_code) p.id, p.name, p.country_code as country from people p
          where p.fictional and p.country_code is not null order by p.country_code, p.name limit 6`,
    );
    expect(people).toHaveLength(6);
    attendees = [];
    for (const [i, person] of people.entries()) {
      const badgeCode = `CHK${'ABCDEFGH'[i]}2${'MNPQRS'[i]}`;
      await db.execute(
        sql`insert into attendances (event_id, person_id, badge_code, rotating_secret, country_code)
            values (${eventId}, ${person.id}, ${badgeCode}, 'secret', ${person.country})`,
      );
      attendees.push({ personId: person.id, name: person.name, country: person.country, badgeCode });
    }
    staff = await signedInAs(t.runtime.ctx, { email: 'door@check-in.test', role: 'admin' });
    otherStaff = await signedInAs(t.runtime.ctx, { email: 'second-door@check-in.test', role: 'admin' });
    delegate = await signedInAs(t.runtime.ctx, {
      email: 'delegate@check-in.test',
      role: 'delegate',
      personId: a(0).personId,
    });
    t.runtime.ctx.live.subscribe(eventId, { personId: null, send: (message) => heard.push(message) });
  });
  afterAll(() => t?.close());

  it('checks three delegates in at the door — typed, from the badge QR, and one queued offline — and counts each once', async () => {
    const typed = await post(staff, {
      code: `${a(0).badgeCode.slice(0, 3).toLowerCase()}-${a(0).badgeCode.slice(3)}`,
      nonce: randomUUID(),
      at: at(0),
    });
    expect(typed.statusCode).toBe(201);
    expect(typed.json()).toMatchObject({
      outcome: 'checked_in',
      person: { id: a(0).personId, name: a(0).name, country: { code: a(0).country } },
      session: null,
      count: 1,
    });
    const fromQr = await post(staff, {
      code: `https://encuentro.example/connect/${EVENT}/${a(1).badgeCode}`,
      nonce: randomUUID(),
      at: at(1),
    });
    expect(fromQr.statusCode).toBe(201);
    expect((fromQr.json() as CheckInAnswer).count).toBe(2);

    // The second door's phone was offline: its check-in of a(2), made earlier, arrives after a(2) was checked in again.
    const offline = { code: a(2).badgeCode, nonce: randomUUID(), at: at(-10) };
    const online = await post(staff, { code: a(2).badgeCode, nonce: randomUUID(), at: at(2) });
    expect(online.statusCode).toBe(201);
    const late = await post(otherStaff, offline);
    expect(late.statusCode).toBe(200);
    expect(late.json()).toMatchObject({ outcome: 'already', count: 3, checkedInAt: at(-10) });
    // Sent again (a lost answer), the same check-in gets the same answer.
    const again = await post(otherStaff, offline);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ outcome: 'already', count: 3 });

    const door = await list();
    expect(door.count).toBe(3);
    expect(door.expected).toBe(6);
    expect(door.items.map((item) => item.person.id)).toEqual([a(1).personId, a(0).personId, a(2).personId]);
    expect(door.items.find((item) => item.person.id === a(2).personId)?.checkedInAt).toBe(at(-10));
    // Present at the event from the earliest moment a staff phone saw them.
    const [present] = await rows<{ at: Date }>(
      t.runtime.ctx.db,
      sql`select checked_in_at as at from attendances where event_id = ${eventId} and person_id = ${a(2).personId}`,
    );
    expect(new Date((present as { at: Date }).at).toISOString()).toBe(at(-10));
    // The pages open on the event heard the count move, with no names in it.
    const counts = () => heard.filter((m) => m.type === 'check-ins').map((m) => (m.data as CheckInCounts).door);
    await expect.poll(counts).toEqual([1, 2, 3]);
    expect(JSON.stringify(heard)).not.toContain(a(0).name);
  });

  it('checks people in at a session on their own count', async () => {
    const first = await post(staff, { code: a(3).badgeCode, nonce: randomUUID(), at: at(-3), session: sessionId });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ outcome: 'checked_in', session: sessionId, count: 1 });
    const second = await post(staff, { code: a(3).badgeCode, nonce: randomUUID(), at: at(-2), session: sessionId });
    expect(second.json()).toMatchObject({ outcome: 'already', count: 1 });
    const room = await list(sessionId);
    expect(room.place.session?.title.en).toBe('Export workshop');
    expect(room.items.map((item) => item.person.name)).toEqual([a(3).name]);
    // Being at a session is being at the event, though nobody counted them at the door.
    expect((await list()).count).toBe(3);
    const [present] = await rows<{ n: number }>(
      t.runtime.ctx.db,
      sql`select count(*)::int as n from attendances where event_id = ${eventId} and checked_in_at is not null`,
    );
    expect(present?.n).toBe(4);
  });

  it('refuses another check-in under a nonce already used, unknown codes and sessions, in the staff’s language', async () => {
    const nonce = randomUUID();
    expect((await post(staff, { code: a(4).badgeCode, nonce, at: at(-5) })).statusCode).toBe(201);
    for (const lang of ['en', 'es']) {
      const reused = await post(staff, { code: a(5).badgeCode, nonce, at: at(-4) }, lang);
      expect(reused.statusCode).toBe(409);
      expect(reused.json().error.message).toContain(nonce);
      expect(reused.json().error.message).toMatch(lang === 'en' ? /another check-in/ : /otro registro/);
      const unknown = await post(staff, { code: 'ZZZ-999', nonce: randomUUID(), at: at(-4) }, lang);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.message).toMatch(
        lang === 'en' ? /No attendee .* “ZZZ999”/ : /Ningún asistente .* «ZZZ999»/,
      );
      const noSession = await post(
        staff,
        { code: a(5).badgeCode, nonce: randomUUID(), at: at(-4), session: randomUUID() },
        lang,
      );
      expect(noSession.statusCode).toBe(404);
      const future = await post(staff, { code: a(5).badgeCode, nonce: randomUUID(), at: at(60) }, lang);
      expect(future.statusCode).toBe(422);
      expect(future.json().error.message).toMatch(
        lang === 'en' ? /phone’s date and time/ : /fecha y la hora del teléfono/,
      );
    }
    // a(5) was never checked in by any of those.
    expect((await list()).items.map((item) => item.person.id)).not.toContain(a(5).personId);
    // Delegates do not run the door.
    expect((await post(delegate, { code: a(5).badgeCode, nonce: randomUUID(), at: at(-4) })).statusCode).toBe(403);
  });

  it('makes the countries of those checked in the cells of a new game, and says what to do when they are too few', async () => {
    const game = { gridSize: 2, startsAt: at(-30), endsAt: at(240) };
    const tooFew = await t.app.inject({
      method: 'POST',
      url: `/api/events/${EVENT}/bingo?lang=es`,
      cookies: { encuentro_session: staff },
      payload: { ...game, gridSize: 3 },
    });
    expect(tooFew.statusCode).toBe(422);
    expect(tooFew.json().error.message).toContain('Registra primero a la gente en la entrada');
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/events/${EVENT}/bingo`,
      cookies: { encuentro_session: staff },
      payload: game,
    });
    expect(created.statusCode, created.body).toBe(201);
    const cells = (created.json() as { cells: { country: { code: string } | null }[] }).cells;
    expect(cells.map((cell) => cell.country?.code).sort()).toEqual(
      [a(0), a(1), a(2), a(3), a(4)].map((attendee) => attendee.country).sort(),
    );
  });

  it('ends the game now at staff’s word, once', async () => {
    const end = (lang = 'en') =>
      t.app.inject({
        method: 'POST',
        url: `/api/events/${EVENT}/bingo/end?lang=${lang}`,
        cookies: { encuentro_session: staff },
      });
    const ended = await end();
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'ended', endsAt: NOW.toISOString() });
    const again = await end('es');
    expect(again.statusCode).toBe(422);
    expect(again.json().error.message).toBe('Este juego ya terminó.');
  });

  it('shows staff where the event stands on its dashboard, with what needs their attention', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/events/${EVENT}/dashboard`,
      cookies: { encuentro_session: staff },
    });
    expect(response.statusCode, response.body).toBe(200);
    const board = response.json() as Dashboard;
    expect(board.event).toMatchObject({ slug: EVENT, timeZone: 'America/Mexico_City' });
    // Six badges; a(0) has an account and has signed in; four at the door, a fifth at a session only.
    expect(board.attendees).toEqual({ total: 6, withoutAccount: 5, joined: 1, checkedIn: 5 });
    expect(board.checkIns.count).toBe(4);
    expect(board.checkIns.latest[0]?.person.id).toBe(a(1).personId);
    expect(board.bingo).toMatchObject({ status: 'ended', draw: 'none' });
    expect(board.attention).toEqual(
      expect.arrayContaining([
        { code: 'draw_due', values: { completed: 0 }, href: `/events/${EVENT}/bingo/draw` },
        { code: 'not_checked_in', values: { count: 1 }, href: `/events/${EVENT}/check-in` },
      ]),
    );
    const refused = await t.app.inject({
      method: 'GET',
      url: `/api/events/${EVENT}/dashboard`,
      cookies: { encuentro_session: delegate },
    });
    expect(refused.statusCode).toBe(403);
  });
});
