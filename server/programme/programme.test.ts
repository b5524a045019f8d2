import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/api/programme.ts';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { rows } from '../db/client.ts';

describe.each(databaseKinds())('programme on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const response = await t.app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, body: response.body, json: () => response.json(), headers: response.headers };
  };

  it('lists FIM GDL 2024 with its zone and four days', async () => {
    const events = (await get('/api/events')).json();
    const event = events.items.find((e: { slug: string }) => e.slug === 'fim-gdl-2024');
    expect(event).toMatchObject({ timeZone: 'America/Mexico_City', startsOn: '2024-02-28', endsOn: '2024-03-02' });
    const detail = (await get('/api/events/fim-gdl-2024')).json();
    expect(detail.days.map((d: { date: string }) => d.date)).toEqual([
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2024-03-02',
    ]);
    expect(detail.days.every((d: { sessionsCount: number }) => d.sessionsCount > 0)).toBe(true);
    expect(detail.kinds).toEqual(expect.arrayContaining(['panel', 'meeting', 'showcase', 'networking', 'social']));
    expect(detail.partners.map((p: { slug: string }) => p.slug)).toEqual(
      expect.arrayContaining(['sounds-from-spain', 'canada-house', 'chilemusica']),
    );
  });

  it('gives each session its speakers with their part, its credits, venue and topics', async () => {
    const { items } = (await get('/api/events/fim-gdl-2024/sessions')).json() as { items: Session[] };
    const panel = items.find((s) => s.kind === 'panel' && s.topics.some((topic) => topic.slug === 'generative-ai'));
    expect(panel).toBeDefined();
    expect(panel?.speakers.map((s) => [s.person.name, s.part])).toEqual(
      expect.arrayContaining([
        ['Noemí Planas', 'moderator'],
        ['Zena White', 'speaker'],
        ['Mark Kitcatt', 'speaker'],
      ]),
    );
    const canadian = items.find((s) => s.presenters.some((p) => p.slug === 'canada-house'));
    expect(canadian?.kind).toBe('showcase');
    expect(canadian?.venue?.slug).toBe('c3-stage');
    expect(canadian?.stage).toBeTruthy();
    const sorted = [...items].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    expect(items.map((s) => s.id)).toEqual(sorted.map((s) => s.id));
  });

  it('groups sessions by the local day in Guadalajara, not by UTC', async () => {
    const { items } = (await get('/api/events/fim-gdl-2024/sessions')).json() as { items: Session[] };
    // Evening showcases end after midnight UTC; they still belong to their Guadalajara day.
    const evening = items.filter((s) => new Date(s.startsAt).getUTCHours() < 6);
    expect(evening.length).toBeGreaterThan(0);
    for (const session of evening) {
      const utcDay = session.startsAt.slice(0, 10);
      expect(session.day < utcDay).toBe(true);
    }
    const day2 = (await get('/api/events/fim-gdl-2024/sessions?day=2024-02-29')).json() as { items: Session[] };
    expect(day2.items.length).toBeGreaterThan(0);
    expect(day2.items.every((s) => s.day === '2024-02-29')).toBe(true);
    expect(day2.items.map((s) => s.id)).toEqual(items.filter((s) => s.day === '2024-02-29').map((s) => s.id));
  });

  it('filters by kind', async () => {
    const { items } = (await get('/api/events/fim-gdl-2024/sessions?kind=showcase')).json() as { items: Session[] };
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.every((s) => s.kind === 'showcase')).toBe(true);
    const meetings = (await get('/api/events/fim-gdl-2024/sessions?kind=meeting')).json() as { items: Session[] };
    expect(meetings.items.map((s) => s.title.en)).toContain('LatAm Network meeting');
  });

  it('hides sessions that are not public', async () => {
    const { items } = (await get('/api/events/fim-gdl-2024/sessions')).json() as { items: Session[] };
    expect(items.every((s) => s.visibility === 'public')).toBe(true);
  });

  it('rejects a day outside the event and a malformed day, naming it', async () => {
    const outside = await get('/api/events/fim-gdl-2024/sessions?day=2024-03-05');
    expect(outside.status).toBe(400);
    expect(outside.json().error.message).toContain('2024-03-05');
    const malformed = await get('/api/events/fim-gdl-2024/sessions?day=tomorrow&lang=es');
    expect(malformed.status).toBe(400);
    expect(malformed.json().error.message).toMatch(/«day»/);
    const unknown = await get('/api/events/fim-gdl-2099/sessions');
    expect(unknown.status).toBe(404);
  });

  it('serves an iCalendar feed that an independent parser reads with the right instants', async () => {
    const { items } = (await get('/api/events/fim-gdl-2024/sessions')).json() as { items: Session[] };
    const response = await get('/api/events/fim-gdl-2024/calendar.ics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(response.body));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const vevents = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(vevents).toHaveLength(items.length);
    for (const session of items) {
      const event = vevents.find((e) => e.uid.startsWith(session.id));
      expect(event, session.title.en ?? session.id).toBeDefined();
      expect(event?.startDate.zone?.tzid).toBe('America/Mexico_City');
      expect(event?.startDate.toJSDate().toISOString()).toBe(new Date(session.startsAt).toISOString());
      expect(event?.endDate.toJSDate().toISOString()).toBe(new Date(session.endsAt).toISOString());
      expect(event?.summary).toBe(session.title.en);
    }
    // Mexico has kept standard time all year since 2022: no DST rule may move these sessions.
    expect(response.body).not.toMatch(/BEGIN:DAYLIGHT/);
  });

  it('writes the calendar in Spanish when asked', async () => {
    const response = await get('/api/events/fim-gdl-2024/calendar.ics?lang=es');
    const calendar = new ICAL.Component(ICAL.parse(response.body));
    const summaries = calendar.getAllSubcomponents('vevent').map((c) => c.getFirstPropertyValue('summary'));
    expect(summaries).toContain('Reunión de la Red LatAm');
  });

  it('lists the sessions a person speaks at', async () => {
    const people = (await get('/api/people?q=tweety')).json();
    const tweety = people.items[0];
    expect(tweety.name).toBe('Tweety González');
    const { items } = (await get(`/api/people/${tweety.id}/sessions`)).json();
    expect(items).toHaveLength(1);
    expect(items[0].event.slug).toBe('fim-gdl-2024');
    expect(items[0].title.en).toMatch(/Latin Rock/);
  });
});

describe.each(databaseKinds())('a session of members only, on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const [member] = await rows<{ id: string }>(
      t.runtime.ctx.db,
      sql`select p.id from people p join attendances a on a.person_id = p.id
          join events e on e.id = a.event_id where e.slug = 'fim-gdl-2024' order by p.name limit 1`,
    );
    cookie = `encuentro_session=${await signedInAs(t.runtime.ctx, {
      email: 'member.reader@example.org',
      role: 'delegate',
      personId: member?.id ?? null,
    })}`;
  });
  afterAll(() => t?.close());

  it('opens by its id for the members it is listed to, and stays hidden from the public', async () => {
    const listed = await t.app.inject({ url: '/api/events/fim-gdl-2024/sessions', headers: { cookie } });
    const lunch = (listed.json().items as Session[]).find((s) => s.visibility === 'members');
    expect(lunch?.title.en).toBe("Lunch with ADMI's promoters");

    const opened = await t.app.inject({ url: `/api/sessions/${lunch?.id}`, headers: { cookie } });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ id: lunch?.id, title: { en: "Lunch with ADMI's promoters" } });
    // The public answer is cached: asking as the member first must not hand it to a stranger.
    expect((await t.app.inject({ url: `/api/sessions/${lunch?.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/sessions/${lunch?.id}`, headers: { cookie } })).statusCode).toBe(200);
  });
});
