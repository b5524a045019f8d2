import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delegation, FunderTotal } from '../../shared/api/delegations.ts';
import type { AuditEntry } from '../../shared/api/editing.ts';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { rows } from '../db/client.ts';

const EVENT = 'fim-gdl-2024';

type Member = NonNullable<Delegation['detail']>['members'][number];

describe.each(databaseKinds())('delegations on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let imichileManager: string;
  let partisanManager: string;
  let delegate: string;

  const db = () => t.runtime.ctx.db;
  const idOf = async (table: 'organizations', slug: string) =>
    (
      (await rows<{ id: string }>(db(), sql`select id from ${sql.raw(table)} where slug = ${slug}`))[0] as {
        id: string;
      }
    ).id;
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie?: string, payload?: object) => {
    const response = await t.app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      ...(cookie ? { cookies: { encuentro_session: cookie } } : {}),
    });
    return { status: response.statusCode, body: response.body, headers: response.headers, json: () => response.json() };
  };
  const list = async (cookie?: string) =>
    (await call('GET', `/api/events/${EVENT}/delegations`, cookie)).json().items as Delegation[];
  const find = (items: Delegation[], slug: string) => items.find((d) => d.organization.slug === slug) as Delegation;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await signedInAs(t.runtime.ctx, { email: 'admin@d.example', role: 'admin' });
    imichileManager = await signedInAs(t.runtime.ctx, {
      email: 'manager@imichile.example',
      role: 'manager',
      organizationId: await idOf('organizations', 'imichile'),
    });
    partisanManager = await signedInAs(t.runtime.ctx, {
      email: 'manager@partisan.example',
      role: 'manager',
      organizationId: await idOf('organizations', 'partisan-records'),
    });
    delegate = await signedInAs(t.runtime.ctx, { email: 'delegate@d.example', role: 'delegate' });
  });
  afterAll(() => t?.close());

  it("credits the seed's delegations and their funders in public, without members", async () => {
    const items = await list();
    const slugs = items.map((d) => d.organization.slug);
    expect(slugs).toEqual(
      expect.arrayContaining(['a2im', 'cima', 'imichile', 'ami-paraguay', 'asiar', 'ufi', 'impala', 'admi', 'win']),
    );
    expect(find(items, 'imichile')).toMatchObject({
      country: { code: 'CL' },
      membersCount: 5,
      detail: null,
      canManage: false,
    });
    expect(find(items, 'ufi').funders.map((f) => f.funder.slug)).toEqual(['ac-e']);
    expect(find(items, 'ufi').funders[0]?.covers.en).toMatch(/illustrative/);
    expect(items.every((d) => d.detail === null)).toBe(true);
    // A delegate sees the same as the public.
    expect((await list(delegate)).every((d) => d.detail === null)).toBe(true);
  });

  it("shows staff everyone's members, and a manager their own delegation's", async () => {
    const forAdmin = find(await list(admin), 'imichile');
    expect(forAdmin.detail?.leader?.name).toBe('Fran Sandoval');
    expect(forAdmin.detail?.members.map((m) => m.person.name)).toContain('Fran Sandoval');
    expect(forAdmin.detail?.members.every((m) => m.badgeCode && m.badgeCode.length === 6)).toBe(true);
    const forManager = await list(imichileManager);
    expect(find(forManager, 'imichile').detail?.members).toHaveLength(5);
    expect(find(forManager, 'a2im').detail).toBeNull();
  });

  it('lets a manager create their own delegation, name a leader and manage members, dates and funding', async () => {
    // Partisan's own people, added by its manager (the demo's Partisan people travel with WIN).
    const newPerson = async (name: string) =>
      ((await call('POST', '/api/people', partisanManager, { name })).json() as { id: string }).id;
    const zena = await newPerson('Zoe Partisan');
    const created = await call('POST', `/api/events/${EVENT}/delegations`, partisanManager, {
      organization: 'partisan-records',
      leaderPersonId: zena,
      arrivesOn: '2024-02-27',
      departsOn: '2024-03-02',
    });
    expect(created.status).toBe(201);
    const delegation = created.json() as Delegation;
    expect(delegation.detail?.leader?.name).toBe('Zoe Partisan');
    expect(delegation.detail?.members.map((m) => [m.person.name, m.isLeader])).toEqual([['Zoe Partisan', true]]);

    // Not for another organisation, and not twice.
    expect(
      (await call('POST', `/api/events/${EVENT}/delegations`, partisanManager, { organization: 'a2im' })).status,
    ).toBe(403);
    const again = await call('POST', `/api/events/${EVENT}/delegations`, partisanManager, {
      organization: 'partisan-records',
    });
    expect(again.status).toBe(409);
    expect(again.json().error.field).toBe('organization');

    // Invite someone new by e-mail: a person, a delegate account, an attendance and a mail.
    const invited = await call('POST', `/api/delegations/${delegation.id}/members`, partisanManager, {
      name: 'Nadia Invited',
      email: 'Nadia@Invited.example',
      country: 'us',
    });
    expect(invited.status).toBe(201);
    const nadia = (invited.json() as Delegation).detail?.members.find((m) => m.person.name === 'Nadia Invited');
    expect(nadia?.person.country?.code).toBe('US');
    expect(nadia?.badgeCode).toMatch(/^[A-Z0-9]{6}$/);
    const [account] = await rows<{ role: string }>(
      db(),
      sql`select role from users where email = 'nadia@invited.example'`,
    );
    expect(account?.role).toBe('delegate');
    // One mail whose link signs her in, in any browser, and opens her trip.
    await t.runtime.ctx.outbox.drain();
    const mail = (t.runtime.ctx.mailer.devMailbox ?? []).find((m) => m.to === 'nadia@invited.example');
    expect(mail?.subject).toContain('FIM GDL');
    const token = mail?.text.match(/\/auth\/verify\?token=([\w-]+)/)?.[1];
    const opened = await t.app.inject({ method: 'GET', url: `/auth/verify?token=${token}` });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe('/my-trip');
    // An existing person of Partisan's.
    const kitcatt = await newPerson('Kit Partisan');
    const withMark = await call('POST', `/api/delegations/${delegation.id}/members`, partisanManager, {
      personId: kitcatt,
    });
    expect((withMark.json() as Delegation).membersCount).toBe(3);
    expect(
      (await call('POST', `/api/delegations/${delegation.id}/members`, partisanManager, { personId: kitcatt })).status,
    ).toBe(409);

    // Travel dates of one member; a departure before the arrival is refused.
    const dated = await call('PATCH', `/api/delegations/${delegation.id}/members/${kitcatt}`, partisanManager, {
      arrivesOn: '2024-02-28',
      departsOn: '2024-03-01',
    });
    expect((dated.json() as Delegation).detail?.members.find((m) => m.person.id === kitcatt)).toMatchObject({
      arrivesOn: '2024-02-28',
      departsOn: '2024-03-01',
    });
    const backwards = await call('PATCH', `/api/delegations/${delegation.id}/members/${kitcatt}`, partisanManager, {
      departsOn: '2024-02-20',
    });
    expect(backwards.status).toBe(422);

    // Funding.
    const funded = await call('POST', `/api/delegations/${delegation.id}/funding`, partisanManager, {
      funder: 'ac-e',
      covers: { en: 'Flights', es: 'Vuelos' },
      amountCents: 150000,
      currency: 'EUR',
    });
    expect(funded.status).toBe(201);
    const fundingId = (funded.json() as Delegation).detail?.funding[0]?.id as string;
    const perFunder = (await call('GET', `/api/events/${EVENT}/funding`, admin)).json().items as FunderTotal[];
    const ace = perFunder.find((f) => f.funder.slug === 'ac-e');
    expect(ace?.delegations.map((d) => d.organization.slug).sort()).toEqual(['partisan-records', 'ufi', 'win']);
    expect(ace?.totals).toEqual([{ currency: 'EUR', amountCents: 150000 }]);
    expect((await call('GET', `/api/events/${EVENT}/funding`, partisanManager)).status).toBe(403);

    // A change from a stale version is a conflict.
    const current = (await call('GET', `/api/delegations/${delegation.id}`, partisanManager)).json() as Delegation;
    const saved = await call('PATCH', `/api/delegations/${delegation.id}`, partisanManager, {
      version: current.version,
      status: 'confirmed',
    });
    expect(saved.json()).toMatchObject({ status: 'confirmed', version: current.version + 1 });
    const stale = await call('PATCH', `/api/delegations/${delegation.id}`, partisanManager, {
      version: current.version,
      notes: 'late',
    });
    expect(stale.status).toBe(409);
    expect(stale.json().error.field).toBe('version');

    // Removing the leader leaves the delegation without one; removing funding and the delegation itself.
    const withoutZena = await call('DELETE', `/api/delegations/${delegation.id}/members/${zena}`, partisanManager);
    expect((withoutZena.json() as Delegation).detail?.leader).toBeNull();
    const unfunded = await call('DELETE', `/api/delegations/${delegation.id}/funding/${fundingId}`, partisanManager);
    expect((unfunded.json() as Delegation).funders).toEqual([]);
    expect((await call('DELETE', `/api/delegations/${delegation.id}`, imichileManager)).status).toBe(403);
    expect((await call('DELETE', `/api/delegations/${delegation.id}`, partisanManager)).status).toBe(200);
    expect((await call('GET', `/api/delegations/${delegation.id}`)).status).toBe(404);
    // The public list no longer has it (the cached answer was cleared).
    expect(find(await list(), 'partisan-records')).toBeUndefined();

    // Staff can read who did each of those changes, oldest first; refused writes left no entry.
    const audit = await call('GET', `/api/audit?entityType=delegation&entityId=${delegation.id}`, admin);
    const entries = (audit.json().items as AuditEntry[]).slice().reverse();
    expect(entries.map((entry) => entry.action)).toEqual([
      'create',
      'update', // Nadia invited
      'update', // Mark added
      'update', // Mark's dates
      'update', // funding
      'update', // confirmed
      'update', // Zena removed
      'update', // funding removed
      'delete',
    ]);
    expect(new Set(entries.map((entry) => entry.actor?.email))).toEqual(new Set(['manager@partisan.example']));
    expect(entries[0]?.changes.organization).toEqual({ before: null, after: 'partisan-records' });
    expect(entries[3]?.changes[`members.${kitcatt}.departsOn`]).toEqual({ before: null, after: '2024-03-01' });
    expect(entries[5]?.changes.status).toEqual({ before: 'planned', after: 'confirmed' });
  });

  it('exports the manifest as CSV for staff only', async () => {
    const csv = await call('GET', `/api/events/${EVENT}/delegations/manifest.csv`, admin);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'delegation,delegation_country,name,country,organizations,leader,arrives_on,departs_on,badge_code,funded_by',
    );
    expect(lines.find((line) => line.includes('Fran Sandoval'))).toMatch(
      /^IMICHILE,CL,Fran Sandoval,CL,IMICHILE,yes,2024-02-27,2024-03-03,[A-Z0-9]{6},$/,
    );
    expect(lines.find((line) => line.includes('Marta Vidal'))).toMatch(/AC\/E$/);
    expect((await call('GET', `/api/events/${EVENT}/delegations/manifest.csv`, imichileManager)).status).toBe(403);
    expect((await call('GET', `/api/events/${EVENT}/delegations/manifest.csv`)).status).toBe(401);
  });

  it('puts whole delegations down for a session of the same event', async () => {
    const items = await list(admin);
    const cima = find(items, 'cima');
    const [session] = await rows<{ id: string }>(db(), sql`select id from sessions where title_en = 'A2IM networking'`);
    const sessionId = (session as { id: string }).id;
    const assigned = await call('POST', `/api/sessions/${sessionId}/assignments`, admin, { delegationId: cima.id });
    expect(assigned.status).toBe(200);
    expect(assigned.json().items.map((a: { organization: { slug: string } }) => a.organization.slug)).toEqual(['cima']);
    expect(
      (await call('POST', `/api/sessions/${sessionId}/assignments`, imichileManager, { delegationId: cima.id })).status,
    ).toBe(403);
    const removed = await call('DELETE', `/api/sessions/${sessionId}/assignments/${cima.id}`, admin);
    expect(removed.json().items).toEqual([]);
    expect((await call('DELETE', `/api/sessions/${sessionId}/assignments/${cima.id}`, admin)).status).toBe(404);
  });

  it('writes names and organisations that look like formulas as text in the manifest', async () => {
    const hostile = '=HYPERLINK("http://evil.example","x")';
    const [organization] = await rows<{ id: string }>(
      db(),
      sql`insert into organizations (slug, kind, name, search_text) values ('formula-label', 'label', '@SUM(1)', 'sum 1')
          returning id`,
    );
    const [person] = await rows<{ id: string }>(
      db(),
      sql`insert into people (name, search_text) values (${hostile}, 'hyperlink') returning id`,
    );
    const personId = (person as { id: string }).id;
    await db().execute(
      sql`insert into affiliations (person_id, organization_id) values (${personId}, ${(organization as { id: string }).id})`,
    );
    const imichile = find(await list(admin), 'imichile');
    expect((await call('POST', `/api/delegations/${imichile.id}/members`, admin, { personId })).status).toBe(201);
    const csv = await call('GET', `/api/events/${EVENT}/delegations/manifest.csv`, admin);
    const lines = parse(csv.body, { columns: true }) as Record<string, string>[];
    const line = lines.find((l) => l.name?.includes('HYPERLINK'));
    expect(line).toMatchObject({ name: `'${hostile}`, organizations: "'@SUM(1)" });
  });

  it("lets a manager add only their own organisation's people who travel with no other delegation", async () => {
    const asiarManager = await signedInAs(t.runtime.ctx, {
      email: 'manager@asiar.example',
      role: 'manager',
      organizationId: await idOf('organizations', 'asiar'),
    });
    const forStaff = await list(admin);
    const asiar = find(forStaff, 'asiar');
    const cima = find(forStaff, 'cima');
    const cimaMember = cima.detail?.members.find((m) => !m.isLeader) as Member;
    const members = `/api/delegations/${asiar.id}/members`;
    const delegationOf = async (personId: string) =>
      (
        await rows<{ delegation_id: string | null }>(
          db(),
          sql`select a.delegation_id from attendances a join events e on e.id = a.event_id
              where e.slug = ${EVENT} and a.person_id = ${personId}`,
        )
      )[0]?.delegation_id;

    // Someone of another association, travelling with it: refused, with nothing of theirs in the answer.
    const refused = await call('POST', members, asiarManager, { personId: cimaMember.person.id });
    expect(refused.status).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'forbidden', field: 'personId' });
    expect(refused.json().error.message).toBe(
      `ASIAr's manager can add only ASIAr's own people who travel with no other delegation. Ask ${cimaMember.person.name} ` +
        "to join ASIAr first, or ask the network's staff.",
    );
    expect(refused.body).not.toContain(cimaMember.badgeCode);
    expect(await delegationOf(cimaMember.person.id)).toBe(cima.id);
    // The same person named by their address.
    await db().execute(sql`update people set email = 'cima.member@example.org' where id = ${cimaMember.person.id}`);
    const byEmail = await call('POST', `${members}?lang=es`, asiarManager, {
      name: 'Someone',
      email: 'CIMA.member@example.org',
    });
    expect(byEmail.status).toBe(403);
    expect(byEmail.json().error.message).toMatch(/^Quien gestiona ASIAr solo puede añadir a personas de ASIAr/);
    expect(byEmail.body).not.toContain(cimaMember.badgeCode);
    expect(await delegationOf(cimaMember.person.id)).toBe(cima.id);

    // An admin's person, even one who belongs to ASIAr; an admin's login without a person, by its address.
    const [officer] = await rows<{ id: string }>(
      db(),
      sql`insert into people (name) values ('Olga Officer') returning id`,
    );
    const officerId = (officer as { id: string }).id;
    await db().execute(
      sql`insert into affiliations (person_id, organization_id) values (${officerId}, ${await idOf('organizations', 'asiar')})`,
    );
    await signedInAs(t.runtime.ctx, { email: 'olga@win.example', role: 'admin', personId: officerId });
    expect((await call('POST', members, asiarManager, { personId: officerId })).status).toBe(403);
    await signedInAs(t.runtime.ctx, { email: 'loose@win.example', role: 'admin' });
    expect((await call('POST', members, asiarManager, { name: 'Loose', email: 'loose@win.example' })).status).toBe(403);
    const [loose] = await rows<{ person_id: string | null }>(
      db(),
      sql`select person_id from users where email = 'loose@win.example'`,
    );
    expect(loose?.person_id).toBeNull();

    // One of ASIAr's people who travels with IMICHILE: neither a member nor the leader.
    const chilean = find(forStaff, 'imichile').detail?.members.find((m) => !m.isLeader) as Member;
    await db().execute(
      sql`insert into affiliations (person_id, organization_id) values (${chilean.person.id}, ${await idOf('organizations', 'asiar')})`,
    );
    expect((await call('POST', members, asiarManager, { personId: chilean.person.id })).status).toBe(403);
    const asLeader = await call('PATCH', `/api/delegations/${asiar.id}`, asiarManager, {
      version: asiar.version,
      leaderPersonId: chilean.person.id,
    });
    expect(asLeader.status).toBe(403);
    expect(asLeader.json().error.field).toBe('leaderPersonId');
    expect(await delegationOf(chilean.person.id)).toBe(find(forStaff, 'imichile').id);

    // ASIAr's own person, travelling with nobody: added.
    const own = ((await call('POST', '/api/people', asiarManager, { name: 'Rocío Propia' })).json() as { id: string })
      .id;
    expect((await call('POST', members, asiarManager, { personId: own })).status).toBe(201);
    expect(await delegationOf(own)).toBe(asiar.id);

    // The network's staff may move someone from one delegation to another.
    expect((await call('POST', members, admin, { personId: cimaMember.person.id })).status).toBe(201);
    expect(await delegationOf(cimaMember.person.id)).toBe(asiar.id);
    // Once a member, they may be named leader by ASIAr's manager.
    const current = (await call('GET', `/api/delegations/${asiar.id}`, asiarManager)).json() as Delegation;
    const led = await call('PATCH', `/api/delegations/${asiar.id}`, asiarManager, {
      version: current.version,
      leaderPersonId: cimaMember.person.id,
    });
    expect(led.status).toBe(200);
    expect((led.json() as Delegation).detail?.leader?.id).toBe(cimaMember.person.id);
  });
});
