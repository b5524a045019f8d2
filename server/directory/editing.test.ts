import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { rows } from '../db/client.ts';

/** A signed-in account of a role, acting for an organisation (by slug) or as a person: its session cookie. */
async function accountOf(
  t: TestApp,
  account: {
    email: string;
    role: 'admin' | 'manager' | 'partner' | 'delegate';
    organization?: string;
    personId?: string;
  },
): Promise<Record<string, string>> {
  const [organization] = account.organization
    ? await rows<{ id: string }>(
        t.runtime.ctx.db,
        sql`select id from organizations where slug = ${account.organization}`,
      )
    : [];
  const token = await signedInAs(t.runtime.ctx, {
    email: account.email,
    role: account.role,
    organizationId: organization?.id ?? null,
    personId: account.personId ?? null,
  });
  return { encuentro_session: token };
}

describe.each(databaseKinds())('editing the directory on %s', (kind) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let admiManager: Record<string, string>;
  let admiPartner: Record<string, string>;
  let a2imManager: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await accountOf(t, { email: 'staff@win.example', role: 'admin' });
    admiManager = await accountOf(t, { email: 'manager@admi.example', role: 'manager', organization: 'admi' });
    admiPartner = await accountOf(t, { email: 'partner@admi.example', role: 'partner', organization: 'admi' });
    a2imManager = await accountOf(t, { email: 'manager@a2im.example', role: 'manager', organization: 'a2im' });
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
  const auditOf = (entityId: string) =>
    rows<{ action: string; changes: Record<string, { before: unknown; after: unknown }>; email: string }>(
      t.runtime.ctx.db,
      sql`select a.action, a.changes, u.email from audit_log a left join users u on u.id = a.actor_user_id
          where a.entity_id = ${entityId} order by a.at, a.id`,
    );

  it('lets an admin add an organisation, findable at once and recorded in the audit log', async () => {
    const created = await call('POST', '/api/organizations', admin, {
      slug: 'musica-libre-peru',
      kind: 'association',
      name: 'Música Libre Perú',
      acronym: 'MLP',
      country: 'pe',
      website: 'https://musicalibre.example',
      memberOf: 'win',
      description: { es: 'Asociación en formación.' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug: 'musica-libre-peru',
      name: 'Música Libre Perú',
      country: { code: 'PE' },
      memberOf: { slug: 'win' },
      description: { en: null, es: 'Asociación en formación.' },
      version: 1,
    });
    const found = await call('GET', '/api/organizations?q=musica%20libre%20peru');
    expect(found.body.items[0].slug).toBe('musica-libre-peru');

    const [id] = await rows<{ id: string }>(
      t.runtime.ctx.db,
      sql`select id from organizations where slug = 'musica-libre-peru'`,
    );
    const [record] = await auditOf(id?.id as string);
    expect(record).toMatchObject({
      action: 'create',
      email: 'staff@win.example',
      changes: { name: { before: null, after: 'Música Libre Perú' }, country: { after: 'PE' } },
    });
  });

  it('refuses broken rules with the right status, naming the field, in the asked language', async () => {
    const base = { kind: 'label', name: 'Some Label' };
    const duplicate = await call('POST', '/api/organizations', admin, { ...base, slug: 'admi' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: 'conflict', field: 'slug' });

    const country = await call('POST', '/api/organizations?lang=es', admin, { ...base, slug: 'x1', country: 'QQ' });
    expect(country.status).toBe(422);
    expect(country.body.error).toMatchObject({ code: 'rule_broken', field: 'country' });
    expect(country.body.error.message).toBe('No hay ningún país con el código «QQ».');

    const parent = await call('POST', '/api/organizations', admin, { ...base, slug: 'x2', memberOf: 'nowhere' });
    expect(parent.status).toBe(422);
    expect(parent.body.error.field).toBe('memberOf');

    const website = await call('POST', '/api/organizations?lang=es', admin, { ...base, slug: 'x3', website: 'nope' });
    expect(website.status).toBe(400);
    expect(website.body.error).toMatchObject({ code: 'invalid_input', field: 'website' });
    expect(website.body.error.message).toContain('«website»');

    const missing = await call('POST', '/api/organizations', admin, { slug: 'x4', kind: 'label' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('name');

    const loop = await call('PATCH', '/api/organizations/win', admin, {
      version: (await call('GET', '/api/organizations/win')).body.version,
      memberOf: 'a2im',
    });
    expect(loop.status).toBe(422);
    expect(loop.body.error.field).toBe('memberOf');
    const nothingStored = await call('GET', '/api/organizations?kind=label&q=some%20label');
    expect(nothingStored.body.items).toEqual([]);
  });

  it("lets ADMI's manager and partner contact edit ADMI, but not its standing, nor anyone else", async () => {
    const read = (await call('GET', '/api/organizations/admi')).body;
    const renamed = await call('PATCH', '/api/organizations/admi', admiManager, {
      version: read.version,
      name: 'Asociación Mexicana de Música Independiente',
      description: { en: 'The Mexican association of independent music.' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'Asociación Mexicana de Música Independiente',
      description: { en: 'The Mexican association of independent music.', es: read.description.es },
      version: read.version + 1,
    });
    // search_text follows the name: the new words find it.
    const found = await call('GET', '/api/organizations?q=musica%20independiente%20mexicana');
    expect(found.body.items.map((o: { slug: string }) => o.slug)).toContain('admi');

    const byPartner = await call('PATCH', '/api/organizations/admi', admiPartner, {
      version: renamed.body.version,
      website: 'https://admi.example',
    });
    expect(byPartner.status).toBe(200);

    const kindChange = await call('PATCH', '/api/organizations/admi', admiManager, {
      version: byPartner.body.version,
      kind: 'label',
    });
    expect(kindChange.status).toBe(403);
    expect(kindChange.body.error.field).toBe('kind');
    // Sending the standing unchanged (as a full form does) is fine.
    const sameKind = await call('PATCH', '/api/organizations/admi', admiManager, {
      version: byPartner.body.version,
      kind: 'association',
      acronym: 'ADMI',
    });
    expect(sameKind.status).toBe(200);

    const other = await call('PATCH', '/api/organizations/admi', a2imManager, { version: 1, name: 'Hijacked' });
    expect(other.status).toBe(403);
    const anonymous = await call('PATCH', '/api/organizations/admi', {}, { version: 1, name: 'Hijacked' });
    expect(anonymous.status).toBe(401);

    const [{ id } = { id: '' }] = await rows<{ id: string }>(
      t.runtime.ctx.db,
      sql`select id from organizations where slug = 'admi'`,
    );
    const updates = (await auditOf(id)).filter((r) => r.action === 'update');
    expect(updates[0]).toMatchObject({
      email: 'manager@admi.example',
      changes: { name: { before: read.name, after: 'Asociación Mexicana de Música Independiente' } },
    });
    expect(Object.keys(updates[0]?.changes ?? {}).sort()).toEqual(['description.en', 'name']);
    expect(updates[1]).toMatchObject({
      email: 'partner@admi.example',
      changes: { website: { after: 'https://admi.example' } },
    });
  });

  it('answers a stale version with a clear 409 and keeps what was saved', async () => {
    const read = (await call('GET', '/api/organizations/ufi')).body;
    const first = await call('PATCH', '/api/organizations/ufi', admin, { version: read.version, acronym: 'UFI' });
    expect(first.status).toBe(200);
    const stale = await call('PATCH', '/api/organizations/ufi?lang=es', admin, {
      version: read.version,
      acronym: 'Overwritten',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'conflict', field: 'version' });
    expect(stale.body.error.message).toMatch(/Otra persona ha cambiado esta organización/);
    expect(stale.body.error.message).toContain(String(read.version + 1));
    expect((await call('GET', '/api/organizations/ufi')).body.acronym).toBe('UFI');
    const cleared = await call('PATCH', '/api/organizations/ufi', admin, {
      version: first.body.version,
      acronym: null,
    });
    expect(cleared.body.acronym).toBeNull();
    const emptied = await call('PATCH', '/api/organizations/ufi', admin, {
      version: cleared.body.version,
      website: '',
    });
    // An emptied box clears the field, as null does.
    expect(emptied.body.website).toBeNull();
  });

  it('lets two clients that read the same version race: exactly one saves, the other gets 409', async () => {
    const read = (await call('GET', '/api/organizations/cima')).body;
    const names = ['CIMA (first client)', 'CIMA (second client)'];
    const answers = await Promise.all(
      names.map((name) => call('PATCH', '/api/organizations/cima', admin, { version: read.version, name })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200);
    const stored = (await call('GET', '/api/organizations/cima')).body;
    expect(stored.name).toBe(winner?.body.name);
    expect(stored.version).toBe(read.version + 1);
    const [{ n } = { n: 0 }] = await rows<{ n: number }>(
      t.runtime.ctx.db,
      sql`select count(*)::int as n from audit_log a join organizations o on o.id::text = a.entity_id
          where o.slug = 'cima' and a.action = 'update'`,
    );
    expect(n).toBe(1);
  });

  it("lets a manager add a person, who joins the manager's organisation, and edit them", async () => {
    const created = await call('POST', '/api/people', admiManager, {
      name: 'Lucía Fernández',
      country: 'MX',
      languages: ['es', 'en'],
      contact: { email: { value: 'Lucia@Example.org', visibility: 'members' } },
      affiliation: { role: { en: 'Treasurer', es: 'Tesorera' } },
    });
    expect(created.status).toBe(201);
    expect(created.body.affiliations).toEqual([
      { organization: expect.objectContaining({ slug: 'admi' }), role: { en: 'Treasurer', es: 'Tesorera' } },
    ]);
    expect(created.body.contact.email).toBe('lucia@example.org');
    const id = created.body.id as string;

    const elsewhere = await call('POST', '/api/people', admiManager, {
      name: 'Someone',
      affiliation: { organization: 'a2im' },
    });
    expect(elsewhere.status).toBe(403);
    const byPartner = await call('POST', '/api/people', admiPartner, { name: 'Someone' });
    expect(byPartner.status).toBe(403);

    const taken = await call('POST', '/api/people', admin, {
      name: 'Another Lucía',
      contact: { email: { value: 'LUCIA@example.org' } },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.field).toBe('contact.email.value');

    const record = await call('GET', `/api/people/${id}/editable`, admiManager);
    expect(record.body.contact.email).toEqual({ value: 'lucia@example.org', visibility: 'members' });
    expect((await call('GET', `/api/people/${id}/editable`, a2imManager)).status).toBe(403);

    const edited = await call('PATCH', `/api/people/${id}`, admiManager, {
      version: record.body.version,
      name: 'Lucía Fernández Ruiz',
      bio: { es: 'Tesorera de ADMI.' },
      contact: { email: { visibility: 'private' }, phone: { value: '+52 33 1234 5678', visibility: 'public' } },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(record.body.version + 1);
    const publicView = await call('GET', `/api/people/${id}`);
    expect(publicView.body.contact).toEqual({ phone: '+52 33 1234 5678' });
    expect((await call('GET', '/api/people?q=fernandez%20ruiz')).body.items[0]?.id).toBe(id);

    const byOther = await call('PATCH', `/api/people/${id}`, a2imManager, { version: edited.body.version, name: 'X' });
    expect(byOther.status).toBe(403);
  });

  it('lets a person edit themself, and nobody else who is not allowed', async () => {
    const [person] = await rows<{ id: string; version: number }>(
      t.runtime.ctx.db,
      sql`select id, version from people where name = 'Noemí Planas'`,
    );
    const noemi = await accountOf(t, { email: 'noemi@win.example', role: 'delegate', personId: person?.id });
    const self = await call('PATCH', `/api/people/${person?.id}`, noemi, {
      version: person?.version,
      bio: { en: 'CEO of the network.' },
    });
    expect(self.status).toBe(200);
    expect(self.body.bio.en).toBe('CEO of the network.');
    const partner = await call('PATCH', `/api/people/${person?.id}`, admiPartner, { version: self.body.version });
    expect(partner.status).toBe(403);
  });

  it("lets an organisation's manager add and remove its people, and nobody else's", async () => {
    const someone = (await call('POST', '/api/people', admin, { name: 'Tomás Ortega' })).body;
    const path = `/api/people/${someone.id}/affiliations`;
    const added = await call('POST', path, admiManager, { organization: 'admi', role: { en: 'Board member' } });
    expect(added.status).toBe(201);
    expect(added.body.affiliations.map((a: { organization: { slug: string } }) => a.organization.slug)).toEqual([
      'admi',
    ]);
    expect((await call('POST', path, admiManager, { organization: 'admi' })).status).toBe(409);
    expect((await call('POST', path, a2imManager, { organization: 'admi' })).status).toBe(403);
    expect((await call('POST', path, admiPartner, { organization: 'admi' })).status).toBe(403);
    expect((await call('POST', path, admin, { organization: 'nowhere' })).status).toBe(422);
    // Now a member of ADMI, the person may be edited by ADMI's manager.
    expect((await call('GET', `/api/people/${someone.id}/editable`, admiManager)).status).toBe(200);

    expect((await call('DELETE', `${path}/admi`, a2imManager)).status).toBe(403);
    const removed = await call('DELETE', `${path}/admi`, admiManager);
    expect(removed.status).toBe(200);
    expect(removed.body.affiliations).toEqual([]);
    expect((await call('DELETE', `${path}/admi`, admiManager)).status).toBe(404);
    const records = await rows<{ action: string }>(
      t.runtime.ctx.db,
      sql`select action from audit_log where entity_type = 'affiliation' and changes->'person'->>'after' = ${someone.id}
          or entity_type = 'affiliation' and changes->'person'->>'before' = ${someone.id} order by at, id`,
    );
    expect(records.map((r) => r.action)).toEqual(['create', 'delete']);
  });

  it('lets only an admin remove people and organisations, refusing one that still has members', async () => {
    const person = (await call('POST', '/api/people', admin, { name: 'Temporary Person' })).body;
    expect((await call('DELETE', `/api/people/${person.id}`, admiManager)).status).toBe(403);
    expect((await call('DELETE', `/api/people/${person.id}?version=${person.version + 1}`, admin)).status).toBe(409);
    const removed = await call('DELETE', `/api/people/${person.id}?version=${person.version}`, admin);
    expect(removed.status).toBe(200);
    expect(removed.body.name).toBe('Temporary Person');
    expect((await call('GET', `/api/people/${person.id}`)).status).toBe(404);

    const network = await call('DELETE', '/api/organizations/win', admin);
    expect(network.status).toBe(409);
    expect(network.body.error.message).toContain('member organisations');
    expect((await call('DELETE', '/api/organizations/musica-libre-peru', admiManager)).status).toBe(403);
    expect((await call('DELETE', '/api/organizations/musica-libre-peru', admin)).status).toBe(200);
    expect((await call('GET', '/api/organizations/musica-libre-peru')).status).toBe(404);
  });
});
