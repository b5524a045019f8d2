import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { rows } from '../db/client.ts';

describe.each(databaseKinds())('editing the programme on %s', (kind) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let manager: Record<string, string>;
  let speakerIds: string[];

  beforeAll(async () => {
    t = await startTestApp(kind);
    const signIn = async (account: { email: string; role: 'admin' | 'manager' }) => ({
      encuentro_session: await signedInAs(t.runtime.ctx, account),
    });
    admin = await signIn({ email: 'staff@win.example', role: 'admin' });
    manager = await signIn({ email: 'manager@win.example', role: 'manager' });
    speakerIds = (
      await rows<{ id: string }>(t.runtime.ctx.db, sql`select id from people where not fictional order by name limit 3`)
    ).map((row) => row.id);
  });
  afterAll(() => t?.close());

  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    cookies: Record<string, string> = {},
    payload?: object,
  ) => {
    const response = await t.app.inject({ method, url, cookies, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.json() };
  };

  const newSession = () => ({
    kind: 'panel',
    title: { en: 'Streaming reform in Latin America', es: 'Reforma del streaming en América Latina' },
    startsAt: '2025-05-08T10:00:00-04:00',
    endsAt: '2025-05-08T11:30:00-04:00',
    venue: 'teatro-sucre',
    stage: 'Sala principal',
    capacity: 120,
    topics: ['streaming-reform'],
    speakers: [
      { person: speakerIds[0], part: 'moderator' },
      { person: speakerIds[1], part: 'speaker' },
    ],
    hosts: ['win'],
    presenters: ['imichile'],
    partners: ['ac-e'],
  });

  it('lets an admin add a venue, an event and a session with its speakers and credits', async () => {
    const venue = await call('POST', '/api/venues', admin, {
      slug: 'teatro-sucre',
      name: 'Teatro Sucre',
      city: 'Quito',
      country: 'EC',
      stages: ['Sala principal', 'Terraza'],
    });
    expect(venue.status).toBe(201);
    expect(venue.body).toMatchObject({
      slug: 'teatro-sucre',
      country: { code: 'EC' },
      stages: ['Sala principal', 'Terraza'],
    });
    expect(venue.body.version).toEqual(expect.any(Number));
    const listed = await call('GET', '/api/venues');
    expect(listed.body.items.find((v: { slug: string }) => v.slug === 'teatro-sucre')).toEqual(venue.body);

    const event = await call('POST', '/api/events', admin, {
      slug: 'quito-2025',
      name: { en: 'Quito Music Week 2025', es: 'Semana de la Música de Quito 2025' },
      city: 'Quito',
      country: 'ec',
      timeZone: 'America/Guayaquil',
      startsOn: '2025-05-07',
      endsOn: '2025-05-09',
      hostOrganization: 'win',
    });
    expect(event.status).toBe(201);
    expect(event.body).toMatchObject({ slug: 'quito-2025', hostOrganization: { slug: 'win' }, version: 1 });

    const session = await call('POST', '/api/events/quito-2025/sessions', admin, newSession());
    expect(session.status).toBe(201);
    expect(session.body).toMatchObject({
      kind: 'panel',
      startsAt: '2025-05-08T14:00:00.000Z',
      day: '2025-05-08',
      venue: { slug: 'teatro-sucre' },
      stage: 'Sala principal',
      capacity: 120,
      hosts: [expect.objectContaining({ slug: 'win' })],
      presenters: [expect.objectContaining({ slug: 'imichile' })],
      partners: [expect.objectContaining({ slug: 'ac-e' })],
      topics: [expect.objectContaining({ slug: 'streaming-reform' })],
      version: 1,
    });
    expect(session.body.speakers.map((s: { person: { id: string }; part: string }) => [s.person.id, s.part])).toEqual([
      [speakerIds[0], 'moderator'],
      [speakerIds[1], 'speaker'],
    ]);
    const programme = await call('GET', '/api/events/quito-2025/sessions?day=2025-05-08');
    expect(programme.body.items.map((s: { id: string }) => s.id)).toEqual([session.body.id]);
    expect((await call('GET', `/api/sessions/${session.body.id}`)).body).toEqual(session.body);
  });

  it('refuses sessions and events that break the rules, naming the field', async () => {
    const cases: [object, number, string][] = [
      [{ endsAt: '2025-05-08T09:00:00-04:00' }, 422, 'endsAt'],
      [{ startsAt: '2025-05-12T10:00:00-04:00', endsAt: '2025-05-12T11:00:00-04:00' }, 422, 'startsAt'],
      [{ venue: 'nowhere' }, 422, 'venue'],
      [{ venue: null }, 422, 'stage'],
      [{ stage: 'Backstage' }, 422, 'stage'],
      [{ speakers: [{ person: '00000000-0000-4000-8000-000000000000', part: 'speaker' }] }, 422, 'speakers'],
      [
        {
          speakers: [
            { person: speakerIds[0], part: 'speaker' },
            { person: speakerIds[0], part: 'moderator' },
          ],
        },
        422,
        'speakers',
      ],
      [{ hosts: ['nowhere'] }, 422, 'hosts'],
      [{ topics: ['astrology'] }, 422, 'topics'],
      [{ kind: 'concert' }, 400, 'kind'],
      [{ capacity: 0 }, 400, 'capacity'],
      [{ startsAt: 'tomorrow' }, 400, 'startsAt'],
    ];
    for (const [change, status, field] of cases) {
      const answer = await call('POST', '/api/events/quito-2025/sessions', admin, { ...newSession(), ...change });
      expect([answer.status, answer.body.error?.field], JSON.stringify(change)).toEqual([status, field]);
    }
    const lateFirst = await call('POST', '/api/events', admin, {
      slug: 'backwards',
      name: { en: 'Backwards' },
      city: 'Quito',
      timeZone: 'America/Guayaquil',
      startsOn: '2025-05-09',
      endsOn: '2025-05-07',
    });
    expect([lateFirst.status, lateFirst.body.error.field]).toEqual([422, 'endsOn']);
    const zone = await call('POST', '/api/events?lang=es', admin, {
      slug: 'nowhere-time',
      name: { en: 'Nowhere' },
      city: 'Quito',
      timeZone: 'Mars/Olympus_Mons',
      startsOn: '2025-05-07',
      endsOn: '2025-05-07',
    });
    expect([zone.status, zone.body.error.field]).toEqual([422, 'timeZone']);
    expect(zone.body.error.message).toContain('Mars/Olympus_Mons');
    const taken = await call('POST', '/api/events', admin, {
      slug: 'fim-gdl-2024',
      name: { en: 'Again' },
      city: 'Guadalajara',
      timeZone: 'America/Mexico_City',
      startsOn: '2024-02-27',
      endsOn: '2024-02-27',
    });
    expect([taken.status, taken.body.error.field]).toEqual([409, 'slug']);
  });

  it('changes a session from the version read, replacing its speakers, and records before and after', async () => {
    const [session] = (await call('GET', '/api/events/quito-2025/sessions')).body.items;
    const changed = await call('PATCH', `/api/sessions/${session.id}`, admin, {
      version: session.version,
      speakers: [{ person: speakerIds[2], part: 'case_study' }],
      venue: null,
      visibility: 'members',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      venue: null,
      stage: null,
      visibility: 'members',
      version: session.version + 1,
    });
    expect(changed.body.speakers.map((s: { person: { id: string } }) => s.person.id)).toEqual([speakerIds[2]]);
    // Members-only now: the public no longer sees it, an admin still does.
    expect((await call('GET', `/api/sessions/${session.id}`)).status).toBe(404);
    expect((await call('GET', `/api/sessions/${session.id}`, admin)).status).toBe(200);

    const stale = await call('PATCH', `/api/sessions/${session.id}`, admin, { version: session.version, capacity: 10 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/Someone else changed this session meanwhile/);

    const [record] = await rows<{ changes: Record<string, { before: unknown; after: unknown }> }>(
      t.runtime.ctx.db,
      sql`select changes from audit_log where entity_id = ${session.id} and action = 'update'`,
    );
    expect(record?.changes.speakers).toEqual({
      before: [
        { person: speakerIds[0], part: 'moderator' },
        { person: speakerIds[1], part: 'speaker' },
      ],
      after: [{ person: speakerIds[2], part: 'case_study' }],
    });
    expect(Object.keys(record?.changes ?? {}).sort()).toEqual(['speakers', 'stage', 'venue', 'visibility']);
  });

  it('lets exactly one of two simultaneous changes to a session win', async () => {
    const session = (await call('POST', '/api/events/quito-2025/sessions', admin, newSession())).body;
    const answers = await Promise.all(
      [30, 40].map((capacity) =>
        call('PATCH', `/api/sessions/${session.id}`, admin, { version: session.version, capacity }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)?.body;
    const stored = (await call('GET', `/api/sessions/${session.id}`, admin)).body;
    expect(stored.capacity).toBe(winner.capacity);
    expect(stored.version).toBe(session.version + 1);
  });

  it('keeps sessions inside their event: dates that would leave one out are refused', async () => {
    const event = (await call('GET', '/api/events/quito-2025')).body;
    const shorter = await call('PATCH', '/api/events/quito-2025', admin, {
      version: event.version,
      endsOn: '2025-05-07',
    });
    expect([shorter.status, shorter.body.error.field]).toEqual([422, 'endsOn']);
    const renamed = await call('PATCH', '/api/events/quito-2025', admin, {
      version: event.version,
      name: { en: 'Quito Music Week', es: 'Semana de la Música de Quito' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name.en).toBe('Quito Music Week');
  });

  it('versions venues too: a stale change is a 409, a stage in use stays', async () => {
    const read = (await call('GET', '/api/venues')).body.items.find((v: { slug: string }) => v.slug === 'teatro-sucre');
    const first = await call('PATCH', '/api/venues/teatro-sucre', admin, {
      version: read.version,
      address: 'Calle Guayaquil',
    });
    expect(first.status).toBe(200);
    expect(first.body.version).not.toBe(read.version);
    const stale = await call('PATCH', '/api/venues/teatro-sucre', admin, { version: read.version, city: 'Guayaquil' });
    expect(stale.status).toBe(409);
    expect(
      (await call('GET', '/api/venues')).body.items.find((v: { slug: string }) => v.slug === 'teatro-sucre').city,
    ).toBe('Quito');
    // A stage-only change still moves the version.
    const stages = await call('PATCH', '/api/venues/teatro-sucre', admin, {
      version: first.body.version,
      stages: ['Sala principal', 'Terraza', 'Patio'],
    });
    expect(stages.body.stages).toEqual(['Patio', 'Sala principal', 'Terraza']);
    expect(stages.body.version).not.toBe(first.body.version);

    const session = await call('POST', '/api/events/quito-2025/sessions', admin, newSession());
    const dropStage = await call('PATCH', '/api/venues/teatro-sucre', admin, {
      version: stages.body.version,
      stages: ['Terraza'],
    });
    expect([dropStage.status, dropStage.body.error.field]).toEqual([422, 'stages']);
    const inUse = await call('DELETE', '/api/venues/teatro-sucre', admin);
    expect(inUse.status).toBe(409);
    expect((await call('DELETE', `/api/sessions/${session.body.id}`, admin)).status).toBe(200);
  });

  it('is for admins only', async () => {
    expect((await call('POST', '/api/venues', manager, { slug: 'x', name: 'X' })).status).toBe(403);
    expect((await call('POST', '/api/venues', {}, { slug: 'x', name: 'X' })).status).toBe(401);
    expect((await call('DELETE', '/api/events/quito-2025', manager)).status).toBe(403);
  });

  it('removes an event with its sessions', async () => {
    const removed = await call('DELETE', '/api/events/quito-2025', admin);
    expect(removed.status).toBe(200);
    expect(removed.body.slug).toBe('quito-2025');
    expect((await call('GET', '/api/events/quito-2025')).status).toBe(404);
    const [left] = await rows<{ n: number }>(
      t.runtime.ctx.db,
      sql`select count(*)::int as n from sessions s join events e on e.id = s.event_id where e.slug = 'quito-2025'`,
    );
    expect(left?.n).toBe(0);
  });
});
