import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agenda, MyEvents } from '../../shared/api/agenda.ts';
import type { ContactsGoing } from '../../shared/api/rsvp.ts';
import { chooseCurrentEvent } from '../../shared/current-event.ts';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { ManualClock } from '../clock.ts';
import { rows } from '../db/client.ts';

describe('the event every tab opens on', () => {
  const events = [
    { slug: 'past', timeZone: 'America/Mexico_City', startsOn: '2024-02-27', endsOn: '2024-03-01' },
    { slug: 'madrid', timeZone: 'Europe/Madrid', startsOn: '2026-11-10', endsOn: '2026-11-12' },
    { slug: 'santiago', timeZone: 'America/Santiago', startsOn: '2026-12-01', endsOn: '2026-12-03' },
  ];
  const at = (iso: string) => new Date(iso);

  it('is the one I attend that is on now or next, before an earlier event I do not attend', () => {
    expect(chooseCurrentEvent(events, new Set(['santiago']), at('2026-11-11T12:00:00Z'))?.slug).toBe('santiago');
    expect(chooseCurrentEvent(events, new Set(), at('2026-11-11T12:00:00Z'))?.slug).toBe('madrid');
  });

  it('keeps my choice while that event is not over, and counts its last day in its own zone', () => {
    const choice = { slug: 'madrid', at: at('2026-11-01T00:00:00Z') };
    expect(chooseCurrentEvent(events, new Set(['santiago']), at('2026-11-11T12:00:00Z'), choice)?.slug).toBe('madrid');
    expect(chooseCurrentEvent(events, new Set(['santiago']), at('2026-11-20T12:00:00Z'), choice)?.slug).toBe(
      'santiago',
    );
    // 23:30 on the last day in Madrid is already the next day in UTC.
    expect(chooseCurrentEvent(events, new Set(['madrid']), at('2026-11-12T22:30:00Z'))?.slug).toBe('madrid');
    expect(chooseCurrentEvent(events, new Set(['madrid']), at('2026-11-13T00:30:00Z'))?.slug).toBe('santiago');
  });

  it('keeps a past event I chose to look back at, until an event I attend is on', () => {
    const lookBack = { slug: 'past', at: at('2026-11-20T00:00:00Z') };
    expect(chooseCurrentEvent(events, new Set(['santiago']), at('2026-11-25T12:00:00Z'), lookBack)?.slug).toBe('past');
    expect(chooseCurrentEvent(events, new Set(['santiago']), at('2026-12-02T12:00:00Z'), lookBack)?.slug).toBe(
      'santiago',
    );
  });

  it('falls back to the latest event I attended once every event is over', () => {
    expect(chooseCurrentEvent(events, new Set(['past']), at('2027-01-01T00:00:00Z'))?.slug).toBe('past');
    expect(chooseCurrentEvent(events, new Set(), at('2027-01-01T00:00:00Z'))?.slug).toBe('santiago');
  });
});

describe.each(databaseKinds())('my events, the agenda default, contacts going and the badge, on %s', (kind) => {
  let t: TestApp;
  let ana: Record<string, string>;
  let bea: Record<string, string>;
  let anaId: string;
  const sessionIds = { madrid: '', santiago: '', delegates: '' };
  const clock = new ManualClock('2026-11-11T10:00:00Z');

  const one = async <T>(query: SQL) => (await rows<T>(t.runtime.ctx.db, query))[0] as T;
  const get = (url: string, cookies: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, cookies });

  beforeAll(async () => {
    t = await startTestApp(kind, { loadDemo: false, clock });
    const ctx = t.runtime.ctx;
    const event = async (slug: string, name: string, zone: string, startsOn: string, endsOn: string) =>
      (
        await one<{ id: string }>(sql`
          insert into events (slug, name_en, name_es, city, time_zone, starts_on, ends_on)
          values (${slug}, ${name}, ${`${name} (es)`}, 'City', ${zone}, ${startsOn}, ${endsOn}) returning id`)
      ).id;
    const madrid = await event('winhub-madrid-2026', 'WINHUB Madrid', 'Europe/Madrid', '2026-11-10', '2026-11-12');
    const santiago = await event('imichile-2026', 'IMICHILE Summit', 'America/Santiago', '2026-12-01', '2026-12-03');
    const session = async (eventId: string, title: string, visibility = 'public') =>
      (
        await one<{ id: string }>(sql`
          insert into sessions (event_id, kind, title_en, starts_at, ends_at, visibility)
          values (${eventId}, 'panel', ${title}, '2026-11-11T09:00:00Z', '2026-11-11T10:00:00Z', ${visibility}::session_visibility)
          returning id`)
      ).id;
    sessionIds.madrid = await session(madrid, 'Madrid panel');
    sessionIds.santiago = await session(santiago, 'Santiago panel');
    sessionIds.delegates = await session(madrid, 'Delegates only', 'delegates');
    const person = async (name: string) =>
      (await one<{ id: string }>(sql`insert into people (name) values (${name}) returning id`)).id;
    anaId = await person('Ana Viajera');
    const beaId = await person('Bea Contacto');
    const celId = await person('Cel Desconocida');
    ana = { encuentro_session: await signedInAs(ctx, { email: 'ana@example.org', role: 'delegate', personId: anaId }) };
    bea = { encuentro_session: await signedInAs(ctx, { email: 'bea@example.org', role: 'delegate', personId: beaId }) };
    // Ana has a badge in Santiago only; Bea, her contact from Madrid, and Cel, a stranger, hold Madrid seats.
    await one(sql`insert into attendances (event_id, person_id, badge_code, rotating_secret)
                  values (${santiago}, ${anaId}, 'ANA-0001', 'secret-a'), (${madrid}, ${beaId}, 'BEA-0001', 'secret-b')`);
    const [low, high] = [anaId, beaId].sort();
    await one(sql`insert into connections (event_id, person_low, person_high, scanner_person_id, method, scanned_at, received_at)
                  values (${madrid}, ${low}, ${high}, ${anaId}, 'short_code', now(), now())`);
    await one(sql`insert into rsvps (session_id, person_id, status, queued_at)
                  values (${sessionIds.madrid}, ${beaId}, 'confirmed', now()), (${sessionIds.madrid}, ${celId}, 'confirmed', now())`);
  });
  afterAll(() => t?.close());

  it('lists the events I attend, and asks me to sign in first', async () => {
    expect((await get('/api/me/events')).statusCode).toBe(401);
    const mine = await get('/api/me/events', ana);
    expect(mine.statusCode, mine.body).toBe(200);
    expect((mine.json() as MyEvents).items).toEqual([{ slug: 'imichile-2026' }]);
  });

  it('opens my agenda on the event I attend next, not on the one on now that I do not attend', async () => {
    const agenda = await get('/api/me/agenda', ana);
    expect(agenda.statusCode, agenda.body).toBe(200);
    expect((agenda.json() as Agenda).event.slug).toBe('imichile-2026');
  });

  it('counts my contacts holding a seat, and no one else', async () => {
    const going = await get(`/api/sessions/${sessionIds.madrid}/contacts-going`, ana);
    expect(going.statusCode, going.body).toBe(200);
    expect(going.json() as ContactsGoing).toEqual({ sessionId: sessionIds.madrid, count: 1 });
    expect((await get(`/api/sessions/${sessionIds.santiago}/contacts-going`, ana)).json().count).toBe(0);
    expect((await get(`/api/sessions/${sessionIds.madrid}/contacts-going`)).statusCode).toBe(401);
    // A delegates-only session is no one's business but its event's attendees.
    expect((await get(`/api/sessions/${sessionIds.delegates}/contacts-going`, ana)).statusCode).toBe(403);
    expect((await get(`/api/sessions/${sessionIds.delegates}/contacts-going`, bea)).statusCode).toBe(200);
  });

  it("names the event, never its slug, when I have no badge there, in the reader's language", async () => {
    const en = await t.app.inject({ method: 'GET', url: '/api/me/badge?event=winhub-madrid-2026', cookies: ana });
    expect(en.statusCode).toBe(404);
    expect(en.json().error.message).toBe('You have no badge for WINHUB Madrid.');
    const es = await t.app.inject({
      method: 'GET',
      url: '/api/me/badge?event=winhub-madrid-2026',
      cookies: ana,
      headers: { 'accept-language': 'es' },
    });
    expect(es.json().error.message).toBe('No tienes credencial para WINHUB Madrid (es).');
  });
});
