import { type SQL, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agenda, AgendaItem, CalendarFeed } from '../../shared/api/agenda.ts';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { rows } from '../db/client.ts';
import type { LiveMessage } from '../realtime/live.ts';

const EVENT = 'fim-gdl-2024';

describe.each(databaseKinds())('my trip and my calendar feed, on %s', (kind) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let traveller: Record<string, string>;
  let bystander: Record<string, string>;
  let noPerson: Record<string, string>;
  let personId: string;
  let eventId: string;
  /** Sessions made for this suite, in Guadalajara time (UTC−6 all year). */
  const ids = { panel: '', overlapping: '', waitlisted: '', evening: '', other: '' };
  const heard: LiveMessage[] = [];

  const one = async <T>(query: SQL) => (await rows<T>(t.runtime.ctx.db, query))[0] as T;
  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    cookies: Record<string, string> = {},
    payload?: object,
  ) => {
    const response = await t.app.inject({ method, url, cookies, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.body, json: () => response.json(), headers: response.headers };
  };
  const newSession = async (title: string, startsAt: string, endsAt: string) => {
    const created = await call('POST', `/api/events/${EVENT}/sessions`, admin, {
      kind: 'meeting',
      title: { en: title, es: `${title} (es)` },
      startsAt,
      endsAt,
      venue: 'fim-gdl',
      hosts: ['a2im'],
      visibility: 'delegates',
    });
    expect(created.status, created.body).toBe(201);
    return created.json().id as string;
  };
  const agenda = async (query = '', cookies = traveller) => {
    const response = await call('GET', `/api/me/agenda?event=${EVENT}${query}`, cookies);
    expect(response.status, response.body).toBe(200);
    return response.json() as Agenda;
  };
  const itemsOf = (a: Agenda) => a.days.flatMap((day) => day.items);
  const item = (a: Agenda, id: string) => itemsOf(a).find((i) => i.id === id) as AgendaItem;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const ctx = t.runtime.ctx;
    admin = { encuentro_session: await signedInAs(ctx, { email: 'staff@win.example', role: 'admin' }) };
    personId = (
      await one<{ id: string }>(sql`insert into people (name, languages) values ('Ana Viajera', '{es}') returning id`)
    ).id;
    const otherId = (await one<{ id: string }>(sql`insert into people (name) values ('Bea Aparte') returning id`)).id;
    traveller = {
      encuentro_session: await signedInAs(ctx, { email: 'ana@example.org', role: 'delegate', personId }),
    };
    bystander = {
      encuentro_session: await signedInAs(ctx, { email: 'bea@example.org', role: 'delegate', personId: otherId }),
    };
    noPerson = { encuentro_session: await signedInAs(ctx, { email: 'ops@win.example', role: 'admin' }) };
    eventId = (await one<{ id: string }>(sql`select id from events where slug = ${EVENT}`)).id;

    ids.panel = await newSession('Trip panel', '2024-02-28T10:00:00-06:00', '2024-02-28T11:30:00-06:00');
    ids.overlapping = await newSession('Delegation briefing', '2024-02-28T11:00:00-06:00', '2024-02-28T12:00:00-06:00');
    ids.waitlisted = await newSession('Popular workshop', '2024-02-29T09:00:00-06:00', '2024-02-29T10:00:00-06:00');
    // 20:00 in Guadalajara is already 07:45 the next day in Kathmandu.
    ids.evening = await newSession('Evening social', '2024-02-28T20:00:00-06:00', '2024-02-28T22:00:00-06:00');
    ids.other = await newSession('Not mine', '2024-02-28T10:30:00-06:00', '2024-02-28T11:00:00-06:00');

    const now = new Date().toISOString();
    await ctx.db.execute(sql`insert into rsvps (session_id, person_id, status, queued_at, confirmed_at) values
      (${ids.panel}, ${personId}, 'confirmed', ${now}, ${now}),
      (${ids.evening}, ${personId}, 'confirmed', ${now}, ${now}),
      (${ids.waitlisted}, ${personId}, 'waitlisted', ${now}, null),
      (${ids.other}, ${personId}, 'cancelled', ${now}, null)`);
    // Staff put the whole A2IM delegation down for the briefing; Ana travels with it.
    const delegation = await one<{ id: string }>(sql`
      insert into delegations (event_id, organization_id)
      select ${eventId}, id from organizations where slug = 'a2im'
      on conflict (event_id, organization_id) do update set notes = delegations.notes
      returning id`);
    await ctx.db.execute(
      sql`insert into delegation_members (delegation_id, person_id) values (${delegation.id}, ${personId})`,
    );
    await ctx.db.execute(
      sql`insert into session_assignments (session_id, delegation_id) values (${ids.overlapping}, ${delegation.id})`,
    );
    ctx.live.subscribe(eventId, { personId: null, send: (message) => heard.push(message) });
  });
  afterAll(() => t?.close());

  it('asks who is there: no agenda without signing in', async () => {
    const response = await call('GET', `/api/me/agenda?event=${EVENT}`);
    expect(response.status).toBe(401);
    expect(response.json().error.code).toBe('not_signed_in');
  });

  it('lists my sessions by day in the event zone, with why each is mine, clashes and venues', async () => {
    const mine = await agenda();
    expect(mine.timeZone).toBe('America/Mexico_City');
    expect(mine.event.slug).toBe(EVENT);
    expect(mine.days.map((day) => day.date)).toEqual(['2024-02-28', '2024-02-29']);
    expect(mine.days[0]?.items.map((i) => i.title.en)).toEqual(['Trip panel', 'Delegation briefing', 'Evening social']);
    expect(itemsOf(mine).map((i) => i.id)).not.toContain(ids.other);

    expect(item(mine, ids.panel).myStatus).toBe('confirmed');
    expect(item(mine, ids.waitlisted).myStatus).toBe('waitlisted');
    const briefing = item(mine, ids.overlapping);
    expect(briefing.myStatus).toBe('assigned');
    expect(briefing.assignedWith?.slug).toBe('a2im');
    // Delegate-only sessions reach the delegates who hold them.
    expect(briefing.visibility).toBe('delegates');

    expect(item(mine, ids.panel).clashesWith).toEqual([ids.overlapping]);
    expect(briefing.clashesWith).toEqual([ids.panel]);
    expect(item(mine, ids.evening).clashesWith).toEqual([]);
    expect(mine.clashes).toBe(1);

    const venue = mine.venues.find((v) => v.slug === 'fim-gdl');
    expect(venue?.name).toBeTruthy();
    expect(item(mine, ids.panel).venue?.slug).toBe('fim-gdl');
  });

  it('counts the days in my own zone on request', async () => {
    const kathmandu = await agenda('&tz=Asia/Kathmandu');
    expect(kathmandu.timeZone).toBe('Asia/Kathmandu');
    expect(kathmandu.days.map((day) => day.date)).toEqual(['2024-02-28', '2024-02-29']);
    // The evening social starts at 07:45 on the 29th in Kathmandu.
    expect(kathmandu.days[1]?.items.map((i) => i.id)).toContain(ids.evening);
    expect(kathmandu.days[0]?.items.map((i) => i.id)).not.toContain(ids.evening);

    const wrong = await call('GET', `/api/me/agenda?event=${EVENT}&tz=Mars/Olympus`, traveller);
    expect(wrong.status).toBe(400);
    expect(wrong.json().error.message).toMatch(/Mars\/Olympus/);
    const unknown = await call('GET', '/api/me/agenda?event=no-such-event', traveller);
    expect(unknown.status).toBe(404);
  });

  it('gives an account without a person an empty agenda, not an error', async () => {
    const empty = await agenda('', noPerson);
    expect(empty.days).toEqual([]);
    expect((await agenda('', bystander)).days).toEqual([]);
  });

  it('tells everyone holding a moved or cancelled session, and every open page', async () => {
    const before = (await call('GET', `/api/sessions/${ids.panel}`, admin)).json();
    heard.length = 0;
    const moved = await call('PATCH', `/api/sessions/${ids.panel}`, admin, {
      version: before.version,
      startsAt: '2024-02-28T12:30:00-06:00',
      endsAt: '2024-02-28T13:30:00-06:00',
    });
    expect(moved.status, moved.body).toBe(200);

    const mine = await agenda();
    const panel = item(mine, ids.panel);
    expect(panel.startsAt).toBe('2024-02-28T18:30:00.000Z');
    expect(panel.lastChange?.change).toBe('moved');
    // Moved out of the briefing's hour: no clash any more.
    expect(panel.clashesWith).toEqual([]);
    expect(mine.clashes).toBe(0);
    expect(item(mine, ids.overlapping).lastChange).toBeNull();

    const notices = await rows<{ person_id: string; change: string }>(
      t.runtime.ctx.db,
      sql`select person_id, payload->>'change' as change from notifications
          where kind = 'session_changed' and payload->>'sessionId' = ${ids.panel}`,
    );
    expect(notices).toEqual([{ person_id: personId, change: 'moved' }]);
    await expect.poll(() => heard.find((m) => m.type === 'programme')).toBeDefined();
    expect(heard.find((m) => m.type === 'programme')?.data).toEqual({
      sessionId: ids.panel,
      change: 'moved',
      version: before.version + 1,
    });

    const briefing = (await call('GET', `/api/sessions/${ids.overlapping}`, admin)).json();
    const cancelled = await call('PATCH', `/api/sessions/${ids.overlapping}`, admin, {
      version: briefing.version,
      status: 'cancelled',
    });
    expect(cancelled.status, cancelled.body).toBe(200);
    const after = item(await agenda(), ids.overlapping);
    expect(after.status).toBe('cancelled');
    expect(after.lastChange?.change).toBe('cancelled');
    // Every member of the assigned delegation hears of it.
    const told = await rows<{ n: number }>(
      t.runtime.ctx.db,
      sql`select count(*)::int as n from notifications
          where person_id = ${personId} and payload->>'sessionId' = ${ids.overlapping}`,
    );
    expect(told[0]?.n).toBe(1);
  });

  it('sends the programme fingerprint to a page on connect, and a new one after a change', async () => {
    const snapshot = t.runtime.ctx.live.snapshots.get('programme');
    const first = (await snapshot?.(eventId, null)) as { version: string };
    const session = (await call('GET', `/api/sessions/${ids.evening}`, admin)).json();
    await call('PATCH', `/api/sessions/${ids.evening}`, admin, {
      version: session.version,
      description: { en: 'Bring your badge.' },
    });
    expect((await call('GET', `/api/sessions/${ids.evening}`, admin)).json().version).toBe(session.version + 1);
    const second = (await snapshot?.(eventId, null)) as { version: string };
    expect(second.version).not.toBe(first.version);
  });

  it('gives me a seat from the waitlist when staff raise the capacity', async () => {
    // Full: one seat, taken by someone else; I wait.
    const session = (await call('GET', `/api/sessions/${ids.waitlisted}`, admin)).json();
    const taken = await call('PATCH', `/api/sessions/${ids.waitlisted}`, admin, {
      version: session.version,
      capacity: 1,
    });
    expect(taken.status, taken.body).toBe(200);
    expect(item(await agenda(), ids.waitlisted).myStatus).toBe('confirmed');
    const other = (await one<{ id: string }>(sql`select id from people where name = 'Bea Aparte'`)).id;
    const now = new Date().toISOString();
    await t.runtime.ctx.db.execute(
      sql`update rsvps set status = 'waitlisted', confirmed_at = null where session_id = ${ids.waitlisted} and person_id = ${personId}`,
    );
    await t.runtime.ctx.db.execute(sql`insert into rsvps (session_id, person_id, status, queued_at, confirmed_at)
      values (${ids.waitlisted}, ${other}, 'confirmed', ${now}, ${now})`);
    expect(item(await agenda(), ids.waitlisted).myStatus).toBe('waitlisted');

    const raised = await call('PATCH', `/api/sessions/${ids.waitlisted}`, admin, {
      version: session.version + 1,
      capacity: 2,
    });
    expect(raised.status, raised.body).toBe(200);
    expect(item(await agenda(), ids.waitlisted).myStatus).toBe('confirmed');
  });

  describe('the personal calendar feed', () => {
    let feed: CalendarFeed;
    const read = async (url: string) => {
      const path = new URL(url).pathname + new URL(url).search;
      // No cookie: calendar apps have none, the token is the credential.
      return call('GET', path);
    };
    const parse = (body: string) => {
      const calendar = new ICAL.Component(ICAL.parse(body));
      for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
      return calendar.getAllSubcomponents('vevent');
    };

    it('needs a person, and signing in, to make one', async () => {
      expect((await call('POST', '/api/me/calendar-token')).status).toBe(401);
      const refused = await call('POST', '/api/me/calendar-token', noPerson);
      expect(refused.status).toBe(403);
      expect((await call('GET', '/api/me/calendar-token', traveller)).json()).toEqual({
        active: false,
        createdAt: null,
      });
    });

    it('serves my sessions with zone-correct instants, organiser, location, reminders and sequence', async () => {
      const created = await call('POST', '/api/me/calendar-token', traveller);
      expect(created.status, created.body).toBe(201);
      feed = created.json();
      expect(feed.url).toMatch(/^http:\/\/localhost(:\d+)?\/api\/me\/calendar\.ics\?token=[\w-]{20,}&lang=en$/);
      expect(feed.webcalUrl).toBe(feed.url.replace(/^http:/, 'webcal:'));
      expect((await call('GET', '/api/me/calendar-token', traveller)).json().active).toBe(true);

      const response = await read(feed.url);
      expect(response.status, response.body).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/calendar/);
      const vevents = parse(response.body);
      const mine = itemsOf(await agenda());
      expect(vevents).toHaveLength(mine.length);
      for (const session of mine) {
        const component = vevents.find((c) => String(c.getFirstPropertyValue('uid')).startsWith(session.id));
        expect(component, session.title.en ?? '').toBeDefined();
        const event = new ICAL.Event(component);
        expect(event.uid).toBe(`${session.id}@encuentro`);
        expect(event.startDate.zone?.tzid).toBe('America/Mexico_City');
        expect(event.startDate.toJSDate().toISOString()).toBe(new Date(session.startsAt).toISOString());
        expect(event.endDate.toJSDate().toISOString()).toBe(new Date(session.endsAt).toISOString());
        expect(event.sequence).toBe(session.version);
        const venue = session.venue;
        expect(venue?.address).toBeTruthy();
        expect(event.location).toBe(
          [venue?.name, session.stage, venue?.address, venue?.city].filter(Boolean).join(', '),
        );
        expect(String(component?.getFirstPropertyValue('organizer'))).toMatch(/^mailto:/);
        expect(component?.getFirstProperty('organizer')?.getParameter('cn')).toBe(session.hosts[0]?.name);
        const cancelled = session.status === 'cancelled';
        expect(component?.getFirstPropertyValue('status')).toBe(cancelled ? 'CANCELLED' : 'CONFIRMED');
        const alarms = component?.getAllSubcomponents('valarm') ?? [];
        expect(alarms).toHaveLength(cancelled ? 0 : 1);
        if (!cancelled) expect(alarms[0]?.getFirstPropertyValue('trigger')?.toString()).toBe('-PT30M');
      }
    });

    it('moves a session in place: same UID, higher SEQUENCE, new time', async () => {
      const before = parse((await read(feed.url)).body).find((c) =>
        String(c.getFirstPropertyValue('uid')).startsWith(ids.evening),
      );
      const session = (await call('GET', `/api/sessions/${ids.evening}`, admin)).json();
      await call('PATCH', `/api/sessions/${ids.evening}`, admin, {
        version: session.version,
        startsAt: '2024-02-28T21:00:00-06:00',
        endsAt: '2024-02-28T23:00:00-06:00',
      });
      const after = parse((await read(feed.url)).body).filter((c) =>
        String(c.getFirstPropertyValue('uid')).startsWith(ids.evening),
      );
      expect(after).toHaveLength(1);
      const moved = new ICAL.Event(after[0]);
      expect(moved.sequence).toBe(new ICAL.Event(before).sequence + 1);
      expect(moved.startDate.toJSDate().toISOString()).toBe('2024-02-29T03:00:00.000Z');
    });

    it("writes names in the person's language, or the one asked for", async () => {
      const token = new URL(feed.url).searchParams.get('token');
      const spanish = parse((await call('GET', `/api/me/calendar.ics?token=${token}`)).body);
      expect(spanish.map((c) => c.getFirstPropertyValue('summary'))).toContain('Trip panel (es)');
      const english = parse((await call('GET', `/api/me/calendar.ics?token=${token}&lang=en`)).body);
      expect(english.map((c) => c.getFirstPropertyValue('summary'))).toContain('Trip panel');
    });

    it('stops the old address when a new one is made, and every address when revoked', async () => {
      const second = (await call('POST', '/api/me/calendar-token', traveller)).json() as CalendarFeed;
      const old = await read(feed.url);
      expect(old.status).toBe(404);
      expect(old.json().error.message).toMatch(/revoked/);
      expect((await read(second.url)).status).toBe(200);

      const revoked = await call('DELETE', '/api/me/calendar-token', traveller);
      expect(revoked.json()).toEqual({ active: false, createdAt: null });
      expect((await read(second.url)).status).toBe(404);
      expect((await call('GET', '/api/me/calendar.ics?token=aaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
      expect((await call('GET', '/api/me/calendar.ics')).status).toBe(400);
    });
  });
});
