import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Announcement, AnnouncementList, Inbox } from '../../shared/api/announcements.ts';
import { signedInAs } from '../../test/accounts.ts';
import { databaseKinds, freshDatabase } from '../../test/databases.ts';
import { type Device, type PushReceiver, startPushReceiver } from '../../test/push-receiver.ts';
import { buildApp } from '../app.ts';
import { ManualClock } from '../clock.ts';
import { type Database, openDatabase, rows } from '../db/client.ts';
import type { App } from '../http/types.ts';
import type { LiveMessage } from '../realtime/live.ts';
import { type Runtime, startRuntime } from '../runtime.ts';
import { sendDueReminders } from './reminders.ts';

const EVENT = 'encuentro-announce';
const NOW = new Date('2025-05-08T15:00:00Z');

/**
 * One event with three attendees: Ana (Mexico, speaks Spanish, in the ADMI
 * delegation), Ben (United States, English, A2IM, a seat at the workshop) and
 * Chloé (Chile, English, on her own, checked in at the door). On PostgreSQL a
 * second instance shares the database, as behind a load balancer.
 */
describe.each(databaseKinds())('announcements, reminders and push on %s', (kind) => {
  const clock = new ManualClock(NOW);
  let drop: () => Promise<void>;
  const runtimes: Runtime[] = [];
  const apps: App[] = [];
  let second: Database | undefined;
  let app: App;
  let receiver: PushReceiver;
  let staff: string;
  const cookie: Record<'ana' | 'ben' | 'chloe', string> = { ana: '', ben: '', chloe: '' };
  const person: Record<'ana' | 'ben' | 'chloe', string> = { ana: '', ben: '', chloe: '' };
  const device: Record<'ana' | 'ben', Device | undefined> = { ana: undefined, ben: undefined };
  let eventId: string;
  let sessionId: string;
  let admiDelegation: string;
  const heard: { who: string; message: LiveMessage }[] = [];

  const ctx = () => (runtimes[0] as Runtime).ctx;
  const inject = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, who: string, payload?: object) =>
    app.inject({ method, url, cookies: { encuentro_session: who }, ...(payload ? { payload } : {}) });
  const announce = (body: object) => inject('POST', `/api/events/${EVENT}/announcements`, staff, body);
  const texts = (n: string) => ({
    title: { en: `Partner reception ${n}`, es: `Recepción de socios ${n}` },
    body: { en: `Tonight at Casa Aguafuerte ${n}.`, es: `Esta noche en Casa Aguafuerte ${n}.` },
  });
  const inbox = async (who: string) => (await inject('GET', '/api/me/inbox', who)).json() as Inbox;
  const drainAll = async () => {
    for (const runtime of runtimes) await runtime.ctx.outbox.drain();
  };

  beforeAll(async () => {
    receiver = await startPushReceiver();
    const fresh = await freshDatabase(kind, 'schema');
    drop = fresh.drop;
    runtimes.push(await startRuntime(fresh.database, { clock, loadDemo: false }));
    if (kind === 'postgres' && fresh.url) {
      second = await openDatabase({ databaseUrl: fresh.url, poolSize: 3 });
      runtimes.push(await startRuntime(second, { clock, loadDemo: false }));
    }
    for (const runtime of runtimes) {
      const built = await buildApp(runtime.ctx, { serveWeb: false });
      await built.ready();
      apps.push(built);
    }
    app = apps[0] as App;
    const db = ctx().db;
    const [event] = await rows<{ id: string }>(
      db,
      sql`insert into events (slug, name_en, city, time_zone, starts_on, ends_on)
          values (${EVENT}, 'Encuentro announcements', 'Guadalajara', 'America/Mexico_City', '2025-05-08', '2025-05-09')
          returning id`,
    );
    eventId = (event as { id: string }).id;
    const [venue] = await rows<{ id: string }>(
      db,
      sql`insert into venues (slug, name) values ('casa-announce', 'Casa Aguafuerte') returning id`,
    );
    const [session] = await rows<{ id: string }>(
      db,
      sql`insert into sessions (event_id, kind, title_en, title_es, starts_at, ends_at, venue_id)
          values (${eventId}, 'workshop', 'Export workshop', 'Taller de exportación',
                  '2025-05-08T16:00:00Z', '2025-05-08T17:00:00Z', ${venue?.id}) returning id`,
    );
    sessionId = (session as { id: string }).id;
    const organization = async (slug: string, country: string) => {
      const [row] = await rows<{ id: string }>(
        db,
        sql`insert into organizations (slug, kind, name, search_text, country_code)
            values (${slug}, 'association', ${slug.toUpperCase()}, ${slug}, ${country}) returning id`,
      );
      const [delegation] = await rows<{ id: string }>(
        db,
        sql`insert into delegations (event_id, organization_id) values (${eventId}, ${row?.id}) returning id`,
      );
      return (delegation as { id: string }).id;
    };
    admiDelegation = await organization('admi-announce', 'MX');
    const a2imDelegation = await organization('a2im-announce', 'US');
    const add = async (name: string, country: string, languages: string[], delegation: string | null) => {
      const [row] = await rows<{ id: string }>(
        db,
        sql`insert into people (name, country_code, languages, email, search_text)
            values (${name}, ${country}, string_to_array(${languages.join(',')}, ','), ${`${name.toLowerCase()}@announce.test`}, ${name.toLowerCase()})
            returning id`,
      );
      const id = (row as { id: string }).id;
      await db.execute(
        sql`insert into attendances (event_id, person_id, delegation_id, badge_code, rotating_secret, country_code)
            values (${eventId}, ${id}, ${delegation}, ${`ANN${name.slice(0, 3).toUpperCase()}`}, 's', ${country})`,
      );
      return id;
    };
    person.ana = await add('Ana', 'MX', ['es', 'en'], admiDelegation);
    person.ben = await add('Ben', 'US', ['en'], a2imDelegation);
    person.chloe = await add('Chloe', 'CL', ['en', 'es'], null);
    await db.execute(
      sql`update attendances set checked_in_at = ${NOW} where person_id = ${person.chloe} and event_id = ${eventId}`,
    );
    await db.execute(
      sql`insert into rsvps (session_id, person_id, status, queued_at) values (${sessionId}, ${person.ben}, 'confirmed', ${NOW})`,
    );
    staff = await signedInAs(ctx(), { email: 'staff@announce.test', role: 'admin' });
    for (const who of ['ana', 'ben', 'chloe'] as const) {
      cookie[who] = await signedInAs(ctx(), { email: `${who}@announce.test`, role: 'delegate', personId: person[who] });
      ctx().live.subscribe(eventId, { personId: person[who], send: (message) => heard.push({ who, message }) });
    }
    // Ana's phone is in Spanish, Ben's in English.
    for (const [who, language] of [
      ['ana', 'es'],
      ['ben', 'en'],
    ] as const) {
      const phone = receiver.device();
      device[who] = phone;
      const subscribed = await inject('POST', `/api/me/push-subscriptions?lang=${language}`, cookie[who], {
        ...phone.subscription,
        expirationTime: null,
      });
      expect(subscribed.statusCode).toBe(201);
    }
  });

  afterAll(async () => {
    for (const built of apps) await built.close();
    for (const runtime of runtimes) await runtime.close().catch(() => {});
    await drop?.();
    await receiver?.close();
  });

  it('counts each audience before sending, and refuses a value of another event', async () => {
    const count = async (audience: object) => {
      const response = await announce({ ...texts('x'), audience, dryRun: true });
      expect(response.statusCode).toBe(200);
      return (response.json() as { recipients: number }).recipients;
    };
    expect(await count({ kind: 'all' })).toBe(3);
    expect(await count({ kind: 'delegation', value: admiDelegation })).toBe(1);
    expect(await count({ kind: 'country', value: 'cl' })).toBe(1);
    expect(await count({ kind: 'language', value: 'es' })).toBe(1);
    expect(await count({ kind: 'checked_in' })).toBe(1);
    expect(await count({ kind: 'session', value: sessionId })).toBe(1);
    const wrong = await inject('POST', `/api/events/${EVENT}/announcements?lang=es`, staff, {
      ...texts('x'),
      audience: { kind: 'delegation', value: '00000000-0000-4000-8000-000000000000' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('delegación');
    const [written] = await rows<{ n: number }>(ctx().db, sql`select count(*)::int as n from announcements`);
    expect(written?.n).toBe(0);
  });

  it('sends to one delegation: its member sees the banner, the inbox copy, the push in Spanish and the mail', async () => {
    heard.length = 0;
    const sent = await announce({
      ...texts('1'),
      audience: { kind: 'delegation', value: admiDelegation },
      byEmail: true,
    });
    expect(sent.statusCode).toBe(201);
    const announcement = sent.json() as Announcement;
    expect(announcement).toMatchObject({ recipients: 1, read: 0, audience: { kind: 'delegation' } });
    expect(announcement.sentAt).toBe(NOW.toISOString());

    await expect.poll(() => heard.filter((h) => h.message.type === 'announcement').map((h) => h.who)).toEqual(['ana']);
    const anas = await inbox(cookie.ana);
    expect(anas.unread).toBe(1);
    expect(anas.items[0]?.title.es).toBe('Recepción de socios 1');
    expect((await inbox(cookie.ben)).items).toEqual([]);

    await drainAll();
    // What Ana's phone shows, decrypted with its own keys: Spanish, opening the inbox.
    expect(device.ana?.received).toEqual([
      expect.objectContaining({
        title: 'Recepción de socios 1',
        body: 'Esta noche en Casa Aguafuerte 1.',
        lang: 'es',
        url: '/inbox',
      }),
    ]);
    expect(String(device.ana?.received[0]?.headers.authorization)).toMatch(/^vapid t=.+, k=.+/);
    expect(device.ben?.received).toEqual([]);
    const mail = runtimes.flatMap((runtime) => runtime.ctx.mailer.devMailbox ?? []);
    expect(mail.map((m) => [m.to, m.subject])).toEqual([
      ['ana@announce.test', 'Encuentro announcements: Recepción de socios 1'],
    ]);

    const read = await inject('POST', `/api/me/inbox/${announcement.id}/read`, cookie.ana);
    expect((read.json() as Inbox).unread).toBe(0);
    // Ben has no copy to mark.
    expect((await inject('POST', `/api/me/inbox/${announcement.id}/read`, cookie.ben)).statusCode).toBe(403);
    const list = (await inject('GET', `/api/events/${EVENT}/announcements`, staff)).json() as AnnouncementList;
    expect(list.items[0]).toMatchObject({ id: announcement.id, recipients: 1, read: 1 });
  });

  it('sends a scheduled announcement when its time comes, and removes a device the push service says is gone', async () => {
    (device.ben as Device).status = 410;
    const later = await announce({
      ...texts('2'),
      audience: { kind: 'all' },
      sendAt: new Date(NOW.getTime() + 10 * 60_000).toISOString(),
    });
    expect(later.statusCode).toBe(201);
    expect((later.json() as Announcement).sentAt).toBeNull();
    await drainAll();
    expect((await inbox(cookie.chloe)).items).toEqual([]);

    clock.advance(10 * 60_000);
    await drainAll();
    await drainAll();
    expect((await inbox(cookie.chloe)).items.map((item) => item.title.en)).toEqual(['Partner reception 2']);
    expect(device.ana?.received.map((n) => n.title)).toEqual(['Recepción de socios 1', 'Recepción de socios 2']);
    const left = await rows<{ endpoint: string }>(ctx().db, sql`select endpoint from push_subscriptions`);
    expect(left.map((row) => row.endpoint)).toEqual([device.ana?.subscription.endpoint]);
    const list = (await inject('GET', `/api/events/${EVENT}/announcements`, staff)).json() as AnnouncementList;
    expect(list.items[0]).toMatchObject({ recipients: 3, read: 0 });
  });

  it('reminds each holder once before the session, in their language and the event’s zone, whichever instance runs', async () => {
    // Ben's phone subscribes again; Ana wants 60 minutes' notice and holds the session through her delegation.
    (device.ben as Device).status = 201;
    await inject('POST', '/api/me/push-subscriptions?lang=en', cookie.ben, (device.ben as Device).subscription);
    expect((await inject('PUT', '/api/me/reminders', cookie.ana, { leadMinutes: 60 })).json()).toEqual({
      leadMinutes: 60,
    });
    expect((await inject('GET', '/api/me/reminders', cookie.ben)).json()).toEqual({ leadMinutes: 15 });
    await ctx().db.execute(
      sql`insert into session_assignments (session_id, delegation_id) values (${sessionId}, ${admiDelegation})`,
    );
    const before = (phone?: Device) => phone?.received.length ?? 0;
    const anaBefore = before(device.ana);
    // 15:10 now, the workshop at 16:00 (10:00 in Guadalajara): Ana's hour has begun, Ben's quarter not yet.
    await Promise.all(runtimes.map((runtime) => sendDueReminders(runtime.ctx)));
    await drainAll();
    expect(device.ana?.received.slice(anaBefore)).toEqual([
      expect.objectContaining({
        title: 'En 50 minutos: Taller de exportación',
        body: expect.stringContaining('10:00'),
      }),
    ]);
    expect(device.ana?.received.at(-1)?.body).toContain('Casa Aguafuerte');
    expect(device.ben?.received).toEqual([]);

    clock.advance(36 * 60_000);
    // Every instance looks at once, twice: each reminder still leaves once.
    await Promise.all(runtimes.flatMap((runtime) => [sendDueReminders(runtime.ctx), sendDueReminders(runtime.ctx)]));
    await drainAll();
    expect(device.ben?.received).toEqual([
      expect.objectContaining({
        title: 'In 14 minutes: Export workshop',
        lang: 'en',
        url: `/events/${EVENT}/sessions/${sessionId}`,
      }),
    ]);
    expect(device.ana?.received.slice(anaBefore)).toHaveLength(1);
    const notices = await rows<{ person_id: string }>(
      ctx().db,
      sql`select person_id from notifications where kind = 'session_reminder' order by person_id`,
    );
    expect(notices.map((n) => n.person_id).sort()).toEqual([person.ana, person.ben].sort());
  });

  it('tells the holders’ phones, each in its language, when their session moves', async () => {
    const benBefore = device.ben?.received.length ?? 0;
    const moved = await inject('GET', `/api/sessions/${sessionId}`, staff);
    const version = (moved.json() as { version: number }).version;
    const patch = await inject('PATCH', `/api/sessions/${sessionId}`, staff, {
      version,
      startsAt: '2025-05-08T18:00:00Z',
      endsAt: '2025-05-08T19:00:00Z',
    });
    expect(patch.statusCode).toBe(200);
    await drainAll();
    expect(device.ben?.received.slice(benBefore)).toEqual([
      expect.objectContaining({ title: 'Moved: Export workshop', body: expect.stringContaining('12:00') }),
    ]);
    expect(device.ana?.received.at(-1)).toMatchObject({ title: 'Cambio de horario: Taller de exportación' });
  });
});
