import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Availability,
  MatchList,
  Meeting,
  MeetingList,
  MeetingSpace,
  MeetingSpaceList,
  ScheduleResult,
  StaffMeetingList,
} from '../../shared/api/meetings.ts';
import { signedInAs } from '../../test/accounts.ts';
import { databaseKinds, freshDatabase } from '../../test/databases.ts';
import { buildApp } from '../app.ts';
import { type Database, openDatabase, rows } from '../db/client.ts';
import type { App } from '../http/types.ts';
import { type Runtime, startRuntime } from '../runtime.ts';

/** A new event of the network's, a week ahead, with a terrace of two tables and a handful of attendees. */
const EVENT = 'encuentro-meetings';
const DAY = 24 * 3600 * 1000;
const start = new Date(Math.ceil((Date.now() + 7 * DAY) / DAY) * DAY + 22 * 3600 * 1000); // 16:00 in Guadalajara
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString();

interface Someone {
  id: string;
  cookie: string;
}

/** The app without the demo; on PostgreSQL a second instance shares the database, as behind a load balancer. */
async function startInstances(kind: Parameters<typeof freshDatabase>[0]) {
  const fresh = await freshDatabase(kind, 'schema');
  const runtimes: Runtime[] = [await startRuntime(fresh.database, { loadDemo: false })];
  let second: Database | undefined;
  if (kind === 'postgres' && fresh.url) {
    second = await openDatabase({ databaseUrl: fresh.url, poolSize: 3 });
    runtimes.push(await startRuntime(second, { loadDemo: false }));
  }
  const apps: App[] = [];
  for (const runtime of runtimes) {
    const app = await buildApp(runtime.ctx, { serveWeb: false });
    await app.ready();
    apps.push(app);
  }
  return {
    apps,
    runtimes,
    async close() {
      for (const app of apps) await app.close();
      for (const runtime of runtimes) await runtime.close().catch(() => {});
      await fresh.drop().catch(() => {});
    },
  };
}

describe.each(databaseKinds())('one-to-one meetings on %s', (kind) => {
  let t: Awaited<ReturnType<typeof startInstances>>;
  let app: App;
  let staff: string;
  let outsider: string;
  const who: Record<string, Someone> = {};
  let terrace: MeetingSpace;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, cookie?: string, payload?: object, on = app) =>
    on.inject({
      method,
      url,
      ...(cookie ? { cookies: { encuentro_session: cookie } } : {}),
      ...(payload ? { payload } : {}),
    });
  const slot = (i: number) => terrace.slots[i]?.id as string;
  const ask = (from: string, to: string, slots: number[], lang = 'en') =>
    call('POST', `/api/events/${EVENT}/meetings?lang=${lang}`, who[from]?.cookie, {
      with: who[to]?.id,
      message: 'Shall we talk about export to Mexico?',
      slots: slots.map(slot),
    });
  const change = (person: string, meeting: Meeting, body: object, on = app) =>
    call('PATCH', `/api/meetings/${meeting.id}`, who[person]?.cookie, { version: meeting.version, ...body }, on);

  beforeAll(async () => {
    t = await startInstances(kind);
    app = t.apps[0] as App;
    const ctx = t.runtimes[0]?.ctx as NonNullable<(typeof t.runtimes)[0]>['ctx'];
    const [event] = await rows<{ id: string }>(
      ctx.db,
      sql`insert into events (slug, name_en, city, country_code, time_zone, starts_on, ends_on)
          values (${EVENT}, 'Encuentro meetings', 'Guadalajara', 'MX', 'America/Mexico_City',
                  ${start.toISOString().slice(0, 10)}, ${new Date(start.getTime() + DAY).toISOString().slice(0, 10)})
          returning id`,
    );
    const eventId = (event as { id: string }).id;
    // A delegate who is not attending this event.
    const [elsewhere] = await rows<{ id: string }>(
      ctx.db,
      sql`insert into people (name, country_code, fictional) values ('Fran Elsewhere', 'CL', true) returning id`,
    );
    outsider = await signedInAs(ctx, { email: 'outsider@meetings.test', role: 'delegate', personId: elsewhere?.id });
    const people: [string, string, string[], string[]][] = [
      ['Ana', 'AR', ['es', 'en'], ['export', 'festivals']],
      ['Beto', 'MX', ['es'], ['export', 'publishing']],
      ['Carla', 'MX', ['es', 'en'], ['festivals']],
      ['Dev', 'CA', ['en'], ['publishing']],
      ['Eli', 'ES', ['es'], ['export']],
    ];
    for (const [i, [name, country, languages, topics]] of people.entries()) {
      const [person] = await rows<{ id: string }>(
        ctx.db,
        sql`insert into people (name, country_code, languages, topics, fictional)
            values (${`${name} Meetings`}, ${country}, string_to_array(${languages.join(',')}, ','),
                    string_to_array(${topics.join(',')}, ','), true) returning id`,
      );
      const id = (person as { id: string }).id;
      await ctx.db.execute(
        sql`insert into attendances (event_id, person_id, badge_code, rotating_secret, country_code)
            values (${eventId}, ${id}, ${`MTG${'ABCDE'[i]}2K`}, 'secret', ${country})`,
      );
      who[name] = {
        id,
        cookie: await signedInAs(ctx, { email: `${name.toLowerCase()}@meetings.test`, role: 'delegate', personId: id }),
      };
    }
    staff = await signedInAs(ctx, { email: 'staff@meetings.test', role: 'admin' });
  });
  afterAll(() => t?.close());

  it('lets staff set up a terrace of tables cut into slots, and shows its free tables to anyone', async () => {
    const body = {
      name: 'Terrace',
      tables: 2,
      slotMinutes: 20,
      windows: [{ startsAt: at(0), endsAt: at(130) }],
    };
    expect((await call('POST', `/api/events/${EVENT}/meeting-spaces`, who.Ana?.cookie, body)).statusCode).toBe(403);
    const bad = await call('POST', `/api/events/${EVENT}/meeting-spaces?lang=es`, staff, {
      ...body,
      windows: [{ startsAt: at(0), endsAt: at(10) }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toMatch(/turno/);
    const created = await call('POST', `/api/events/${EVENT}/meeting-spaces`, staff, body);
    expect(created.statusCode).toBe(201);
    terrace = created.json() as MeetingSpace;
    // 130 minutes make six whole slots of 20: the last ten minutes are left over.
    expect(terrace.slots).toHaveLength(6);
    expect(terrace.slots[0]).toMatchObject({ startsAt: at(0), endsAt: at(20), freeTables: 2 });
    const list = (await call('GET', `/api/events/${EVENT}/meeting-spaces`)).json() as MeetingSpaceList;
    expect(list.timeZone).toBe('America/Mexico_City');
    expect(list.items.map((space) => space.name)).toEqual(['Terrace']);
  });

  it('keeps my blocked times and my closed inbox, and refuses those who do not attend', async () => {
    const put = await call('PUT', `/api/events/${EVENT}/availability`, who.Dev?.cookie, {
      blocks: [{ startsAt: at(100), endsAt: at(120) }],
      inboxClosed: false,
    });
    expect(put.statusCode).toBe(200);
    expect((put.json() as Availability).blocks).toEqual([{ startsAt: at(100), endsAt: at(120) }]);
    expect((await call('GET', `/api/events/${EVENT}/availability`, outsider)).statusCode).toBe(403);
    expect((await call('GET', `/api/events/${EVENT}/availability`)).statusCode).toBe(401);

    await call('PUT', `/api/events/${EVENT}/availability`, who.Eli?.cookie, { blocks: [], inboxClosed: true });
    const closed = await ask('Ana', 'Eli', [0]);
    expect(closed.statusCode).toBe(422);
    expect(closed.json().error.message).toMatch(/not taking meeting requests/);
  });

  it('runs a request through a counter-proposal to a confirmed meeting with a table, in My trip and the feed', async () => {
    const asked = await ask('Ana', 'Beto', [0, 1]);
    expect(asked.statusCode).toBe(201);
    let meeting = asked.json() as Meeting;
    expect(meeting).toMatchObject({ status: 'pending', direction: 'outgoing', awaiting: 'them', slot: null });
    expect(meeting.offered.map((s) => s.id)).toEqual([slot(0), slot(1)]);
    expect((await ask('Beto', 'Ana', [2])).statusCode).toBe(409);
    expect((await ask('Ana', 'Ana', [2])).statusCode).toBe(422);

    // Ana cannot answer her own request; Beto proposes a later slot instead.
    expect((await change('Ana', meeting, { action: 'accept', slot: slot(0) })).statusCode).toBe(422);
    const proposed = await change('Beto', meeting, { action: 'propose', slots: [slot(3)] });
    expect(proposed.statusCode).toBe(200);
    meeting = proposed.json() as Meeting;
    expect(meeting).toMatchObject({ direction: 'incoming', awaiting: 'them' });
    // A stale version is a conflict; a slot not offered is refused.
    expect((await change('Ana', { ...meeting, version: 1 }, { action: 'accept', slot: slot(3) })).statusCode).toBe(409);
    expect((await change('Ana', meeting, { action: 'accept', slot: slot(0) })).statusCode).toBe(422);
    const accepted = await change('Ana', meeting, { action: 'accept', slot: slot(3) });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'confirmed', table: 1, slot: { id: slot(3), space: 'Terrace' } });

    const mine = (await call('GET', `/api/me/meetings?event=${EVENT}`, who.Beto?.cookie)).json() as MeetingList;
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ status: 'confirmed', direction: 'incoming', with: { id: who.Ana?.id } });
    const notices = (await call('GET', '/api/me/notifications', who.Beto?.cookie)).json() as {
      items: { kind: string }[];
    };
    expect(notices.items.map((n) => n.kind)).toEqual(['meeting_confirmed', 'meeting_requested']);

    const token = await call('POST', '/api/me/calendar-token?lang=es', who.Ana?.cookie);
    const feed = await call('GET', new URL(token.json().url).pathname + new URL(token.json().url).search);
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain('Reunión con Beto Meetings (mesa 1)');
    expect(feed.body).toContain('Terrace · mesa 1');
  });

  it('never double-books: a clash with my other meeting, a full slot, and a person who blocked the time', async () => {
    // Carla asks Beto for the slot he already spends with Ana.
    const clash = (await ask('Carla', 'Beto', [3])).json() as Meeting;
    const refused = await change('Beto', clash, { action: 'accept', slot: slot(3) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/already has a meeting/);
    // Dev blocked slot 5 (100–120).
    const blocked = (await ask('Carla', 'Dev', [5])).json() as Meeting;
    expect((await change('Dev', blocked, { action: 'accept', slot: slot(5) })).statusCode).toBe(409);
    for (const m of [clash, blocked]) await change('Carla', m, { action: 'cancel' });
  });

  it('gives two accepts of the last free moment of one person one meeting, across instances', async () => {
    // Carla asked both Dev and Eli for slot 4; they answer at the same instant, each on its own instance.
    await call('PUT', `/api/events/${EVENT}/availability`, who.Eli?.cookie, { blocks: [], inboxClosed: false });
    const toDev = (await ask('Carla', 'Dev', [4])).json() as Meeting;
    const toEli = (await ask('Carla', 'Eli', [4])).json() as Meeting;
    const second = (t.apps[1] ?? app) as App;
    const answers = await Promise.all([
      change('Dev', toDev, { action: 'accept', slot: slot(4) }),
      change('Eli', toEli, { action: 'accept', slot: slot(4) }, second),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const mine = (await call('GET', `/api/me/meetings?event=${EVENT}`, who.Carla?.cookie)).json() as MeetingList;
    expect(mine.items.filter((m) => m.status === 'confirmed' && m.slot?.id === slot(4))).toHaveLength(1);
  });

  it('caps the requests waiting for answers and answers in Spanish', async () => {
    const spaces = (await call('GET', `/api/events/${EVENT}/meeting-spaces`)).json() as MeetingSpaceList;
    expect(spaces.items[0]?.slots[4]?.freeTables).toBe(1);
    // Ten requests of Dev's waiting (written directly: the event has too few people to ask).
    const ctx = t.runtimes[0]?.ctx as NonNullable<(typeof t.runtimes)[0]>['ctx'];
    await ctx.db.execute(
      sql`insert into meetings (event_id, requester_id, invitee_id, status, awaiting_id, offered, created_at, updated_at)
          select e.id, ${who.Dev?.id}, ${who.Ana?.id}, 'pending', ${who.Ana?.id}, '[]'::jsonb, now(), now()
          from events e, generate_series(1, 10) where e.slug = ${EVENT}`,
    );
    const over = await ask('Dev', 'Eli', [0], 'es');
    expect(over.statusCode).toBe(429);
    expect(over.json().error.message).toMatch(/solicitudes esperando respuesta/);
    await ctx.db.execute(sql`delete from meetings where requester_id = ${who.Dev?.id} and offered = '[]'::jsonb`);
  });

  it('suggests local industry to a visitor, with reasons in my language', async () => {
    const matches = (await call('GET', `/api/events/${EVENT}/matches?lang=es`, who.Dev?.cookie)).json() as MatchList;
    const beto = matches.items.find((m) => m.person.id === who.Beto?.id);
    expect(beto?.reasons.map((r) => r.code)).toContain('local_industry');
    expect(beto?.reasons.find((r) => r.code === 'local_industry')?.text).toBe(
      'Industria local: alguien a quien viniste a conocer',
    );
    expect((await call('GET', `/api/events/${EVENT}/matches`, outsider)).statusCode).toBe(403);
  });

  it('lets staff preview the scheduler, then publish it, and both people are told', async () => {
    await ask('Dev', 'Eli', [0, 1, 2]);
    await ask('Eli', 'Ana', [0, 1]);
    await ask('Beto', 'Dev', [0, 1, 2, 3]);
    expect(
      (await call('POST', `/api/events/${EVENT}/meetings/schedule`, who.Ana?.cookie, { publish: false })).statusCode,
    ).toBe(403);
    const preview = (
      await call('POST', `/api/events/${EVENT}/meetings/schedule`, staff, { publish: false })
    ).json() as ScheduleResult;
    expect(preview.published).toBe(false);
    expect(preview.placements.length).toBeGreaterThanOrEqual(preview.greedyCount);
    expect(preview.placements.length).toBe(3);
    const still = (await call('GET', `/api/events/${EVENT}/meetings`, staff)).json() as StaffMeetingList;
    // The fourth pending request (Carla's, for a slot she now spends with someone else) cannot be placed.
    expect(still.items.filter((m) => m.status === 'pending')).toHaveLength(4);
    expect(preview.unplaced).toHaveLength(1);

    const published = (
      await call('POST', `/api/events/${EVENT}/meetings/schedule`, staff, { publish: true })
    ).json() as ScheduleResult;
    expect(published.placements).toHaveLength(3);
    const after = (await call('GET', `/api/events/${EVENT}/meetings`, staff)).json() as StaffMeetingList;
    const confirmed = after.items.filter((m) => m.status === 'confirmed');
    // Nobody twice in a slot, no table twice in a slot.
    const seats = confirmed.flatMap((m) => [`${m.slot?.id} ${m.requester.id}`, `${m.slot?.id} ${m.invitee.id}`]);
    expect(new Set(seats).size).toBe(seats.length);
    const tables = confirmed.map((m) => `${m.slot?.id} ${m.table}`);
    expect(new Set(tables).size).toBe(tables.length);
    const notices = (await call('GET', '/api/me/notifications', who.Eli?.cookie)).json() as {
      items: { kind: string }[];
    };
    expect(notices.items.filter((n) => n.kind === 'meeting_scheduled')).toHaveLength(2);
  });

  it('asks after the slot whether it happened, and shows staff the no-shows', async () => {
    const mine = (await call('GET', `/api/me/meetings?event=${EVENT}`, who.Ana?.cookie)).json() as MeetingList;
    const withBeto = mine.items.find((m) => m.with.id === who.Beto?.id) as Meeting;
    expect((await change('Ana', withBeto, { action: 'met' })).statusCode).toBe(422);
    const ctx = t.runtimes[0]?.ctx as NonNullable<(typeof t.runtimes)[0]>['ctx'];
    await ctx.db.execute(
      sql`update meeting_slots set starts_at = starts_at - interval '30 days', ends_at = ends_at - interval '30 days'
          where id = ${withBeto.slot?.id}`,
    );
    const met = await change('Ana', withBeto, { action: 'met' });
    expect(met.json()).toMatchObject({ myOutcome: 'met', theirOutcome: null });
    const fromBeto = (await call('GET', `/api/me/meetings?event=${EVENT}`, who.Beto?.cookie)).json() as MeetingList;
    const same = fromBeto.items.find((m) => m.id === withBeto.id) as Meeting;
    expect((await change('Beto', same, { action: 'missed' })).json()).toMatchObject({
      myOutcome: 'missed',
      theirOutcome: 'met',
    });
    const board = (await call('GET', `/api/events/${EVENT}/meetings`, staff)).json() as StaffMeetingList;
    expect(board.noShows).toBe(1);
    // Someone else's meeting is not mine to change.
    expect((await change('Carla', same, { action: 'cancel' })).statusCode).toBe(403);
  });
});
