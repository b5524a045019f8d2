import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';

describe.each(databaseKinds())('association-building programmes on %s', (kind) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let manager: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = { encuentro_session: await signedInAs(t.runtime.ctx, { email: 'staff@win.example', role: 'admin' }) };
    manager = { encuentro_session: await signedInAs(t.runtime.ctx, { email: 'm@win.example', role: 'manager' }) };
  });
  afterAll(() => t?.close());

  const get = async (url: string, lang = 'en') => {
    const response = await t.app.inject({ url, headers: { 'accept-language': lang } });
    return { status: response.statusCode, body: response.json() };
  };
  const send = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, cookies: object, payload?: object) => {
    const response = await t.app.inject({
      method,
      url,
      cookies: cookies as Record<string, string>,
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, body: response.json() };
  };

  it('compares the countries: how long each step took, from the Mexico City workshop to the launch in Guadalajara', async () => {
    const { status, body } = await get('/api/building-programmes');
    expect(status).toBe(200);
    const bySlug = Object.fromEntries(body.items.map((p: { slug: string }) => [p.slug, p]));
    expect(Object.keys(bySlug).sort()).toEqual(['colombia', 'mexico']);
    const mexico = bySlug.mexico;
    expect([mexico.status, mexico.organization.slug, mexico.country.name.es]).toEqual(['launched', 'admi', 'México']);
    expect(mexico.startedOn).toBe('2023-03-15');
    expect(mexico.lastDoneOn).toBe('2024-03-01');
    expect(mexico.daysSoFar).toBe(352);
    expect(mexico.milestones.map((m: { daysSincePrevious: number | null }) => m.daysSincePrevious)).toEqual([
      null,
      127,
      189,
      36,
    ]);
    const launch = mexico.milestones.at(-1);
    expect(launch.session.title.en).toBe('Presenting ADMI, the new association of Mexican independent labels');
    expect(launch.illustrative).toBe(false);
    const colombia = bySlug.colombia;
    expect([colombia.status, colombia.illustrative]).toEqual(['in_progress', true]);
    expect(colombia.milestones.filter((m: { doneOn: string | null }) => m.doneOn === null)).toHaveLength(2);
  });

  it("shows one programme's timeline with its promoters, sessions and articles", async () => {
    const { body } = await get('/api/building-programmes/mexico');
    expect(
      body.promoters.map((p: { person: { name: string }; organization: { name: string } }) => [
        p.person.name,
        p.organization.name,
      ]),
    ).toEqual([
      ['Zorry Sedano', 'Grupo Anónimos'],
      ['Laura García', 'Sympathy for the Lawyer'],
    ]);
    expect(body.sessions).toHaveLength(1);
    expect(body.articles.map((a: { slug: string }) => a.slug)).toContain(
      'win-in-mexico-a-trip-into-the-local-independent-community',
    );
    const missing = await get('/api/building-programmes/peru', 'es');
    expect([missing.status, missing.body.error.message]).toEqual([
      404,
      'No hay ningún programa de creación de asociaciones «peru».',
    ]);
  });

  it('lets admins start a programme, add promoters and milestones and mark them done; others are refused', async () => {
    const refused = await send('POST', '/api/building-programmes', manager, {
      slug: 'peru',
      country: 'PE',
      workingName: 'X',
    });
    expect(refused.status).toBe(403);
    const created = await send('POST', '/api/building-programmes', admin, {
      slug: 'peru',
      country: 'pe',
      workingName: 'Asociación peruana (working name)',
      summary: { en: 'Starting.', es: 'Empezando.' },
    });
    expect(created.status).toBe(201);
    expect([created.body.country.code, created.body.status]).toEqual(['PE', 'planned']);
    const taken = await send('POST', '/api/building-programmes', admin, {
      slug: 'peru',
      country: 'PE',
      workingName: 'Again',
    });
    expect([taken.status, taken.body.error.field]).toEqual([409, 'slug']);

    const first = await send('POST', '/api/building-programmes/peru/milestones', admin, {
      title: { en: 'Workshop in Lima', es: 'Taller en Lima' },
      plannedOn: '2025-03-01',
      doneOn: '2025-03-10',
    });
    const second = await send('POST', '/api/building-programmes/peru/milestones', admin, {
      title: { en: 'Founding assembly' },
      plannedOn: '2025-09-01',
    });
    expect(second.status).toBe(201);
    const milestone = second.body.milestones[1];
    const done = await send('PATCH', `/api/building-milestones/${milestone.id}`, admin, {
      version: milestone.version,
      doneOn: '2025-10-09',
    });
    expect(done.body.milestones[1].daysSincePrevious).toBe(213);
    expect(done.body.daysSoFar).toBe(213);
    const stale = await send('PATCH', `/api/building-milestones/${milestone.id}`, admin, {
      version: milestone.version,
      doneOn: null,
    });
    expect([stale.status, stale.body.error.field]).toEqual([409, 'version']);
    expect(first.status).toBe(201);

    const badSession = await send('POST', '/api/building-programmes/peru/milestones', admin, {
      title: { en: 'x' },
      session: '00000000-0000-4000-8000-000000000000',
    });
    expect([badSession.status, badSession.body.error.field]).toEqual([422, 'session']);

    const laura = (await get('/api/people?q=laura')).body.items[0];
    const promoter = await send('POST', '/api/building-programmes/peru/promoters', admin, {
      person: laura.id,
      organization: 'sympathy-for-the-lawyer',
      role: { en: 'Adviser', es: 'Asesora' },
    });
    expect(promoter.status).toBe(201);
    expect(promoter.body.promoters[0].role).toEqual({ en: 'Adviser', es: 'Asesora' });
    const twice = await send('POST', '/api/building-programmes/peru/promoters', admin, { person: laura.id });
    expect(twice.status).toBe(409);

    const status = await send('PATCH', '/api/building-programmes/peru', admin, {
      version: done.body.version,
      status: 'in_progress',
    });
    expect(status.body.status).toBe('in_progress');
    const removed = await send('DELETE', `/api/building-programmes/peru?version=${status.body.version}`, admin);
    expect(removed.status).toBe(200);
    expect((await get('/api/building-programmes/peru')).status).toBe(404);

    const audit = await t.app.inject({ url: '/api/audit?limit=50', cookies: admin });
    expect(audit.statusCode).toBe(200);
    const actions = audit
      .json()
      .items.filter((e: { entityType: string }) => e.entityType === 'building_programme')
      .map((e: { action: string }) => e.action);
    expect(actions).toContain('create');
    expect(actions).toContain('delete');
  });
});
