import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AffiliationRequest } from '../../shared/api/accounts.ts';
import type { AccountRole } from '../../shared/domain.ts';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { rows } from '../db/client.ts';

/**
 * A manager manages their own organisation's people: bringing in someone who
 * belongs elsewhere, or who has an account of their own, takes that person's
 * acceptance (or an admin). The attack this answers: ASIAr's manager affiliated
 * anyone — an admin's person too — to ASIAr, and then edited them.
 */
describe.each(databaseKinds())('bringing people into an organisation on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let asiarManager: string;
  let impalaManager: string;
  const db = () => t.runtime.ctx.db;

  const call = async (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    cookie?: string,
    payload?: object,
    language: 'en' | 'es' = 'en',
  ) => {
    const response = await t.app.inject({
      method,
      url: `${url}${url.includes('?') ? '&' : '?'}lang=${language}`,
      ...(payload ? { payload } : {}),
      ...(cookie ? { cookies: { encuentro_session: cookie } } : {}),
    });
    return { status: response.statusCode, body: response.body, json: () => response.json() };
  };
  const organizationId = async (slug: string) =>
    ((await rows<{ id: string }>(db(), sql`select id from organizations where slug = ${slug}`))[0] as { id: string })
      .id;
  /** A person in the given organisations (by slug), with the given e-mail and private contact. */
  const personIn = async (name: string, slugs: string[], email: string | null = null) => {
    const [person] = await rows<{ id: string }>(
      db(),
      sql`insert into people (name, email, email_visibility) values (${name}, ${email}, 'private') returning id`,
    );
    const id = (person as { id: string }).id;
    for (const slug of slugs) {
      await db().execute(
        sql`insert into affiliations (person_id, organization_id) select ${id}, id from organizations where slug = ${slug}`,
      );
    }
    return id;
  };
  const accountFor = (email: string, role: AccountRole, personId: string) =>
    signedInAs(t.runtime.ctx, { email, role, personId });
  const organizationsOf = async (personId: string) =>
    (
      await rows<{ slug: string }>(
        db(),
        sql`select o.slug from affiliations a join organizations o on o.id = a.organization_id
            where a.person_id = ${personId} order by o.slug`,
      )
    ).map((row) => row.slug);

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await signedInAs(t.runtime.ctx, { email: 'staff@win.example', role: 'admin' });
    asiarManager = await signedInAs(t.runtime.ctx, {
      email: 'manager@asiar.example',
      role: 'manager',
      organizationId: await organizationId('asiar'),
    });
    impalaManager = await signedInAs(t.runtime.ctx, {
      email: 'manager@impala.example',
      role: 'manager',
      organizationId: await organizationId('impala'),
    });
  });
  afterAll(() => t?.close());

  it("refuses a manager who affiliates an admin's person, and so leaves them uneditable and their e-mail private", async () => {
    const adminsPerson = await personIn('Alba Staff', [], 'alba@win.example');
    await accountFor('alba@win.example', 'admin', adminsPerson);

    const taken = await call('POST', `/api/people/${adminsPerson}/affiliations`, asiarManager, {
      organization: 'asiar',
    });
    expect(taken.status).toBe(403);
    expect(taken.json().error).toEqual({
      code: 'consent_required',
      field: 'organization',
      message:
        'Alba Staff belongs to another organisation or has an account of their own: to join ASIAr they accept ' +
        "a request from their account, or the network's staff add them.",
    });
    expect(await organizationsOf(adminsPerson)).toEqual([]);
    expect((await call('GET', `/api/people/${adminsPerson}/editable`, asiarManager)).status).toBe(403);
    expect(
      (await call('PATCH', `/api/people/${adminsPerson}`, asiarManager, { version: 1, name: 'Renamed' })).status,
    ).toBe(403);
    expect((await call('GET', `/api/people/${adminsPerson}`, asiarManager)).json().contact).toEqual({});
  });

  it('refuses a manager who affiliates someone of another organisation or with an account, in both languages', async () => {
    const ofImpala = await personIn('Ilse Impala', ['impala']);
    const refused = await call(
      'POST',
      `/api/people/${ofImpala}/affiliations`,
      asiarManager,
      { organization: 'asiar' },
      'es',
    );
    expect(refused.status).toBe(403);
    expect(refused.json().error.code).toBe('consent_required');
    expect(refused.json().error.message).toMatch(/^Ilse Impala pertenece a otra organización o tiene cuenta propia/);

    const withAccount = await personIn('Ana Cuenta', [], 'ana@cuenta.example');
    await accountFor('ana@cuenta.example', 'delegate', withAccount);
    const refusedToo = await call('POST', `/api/people/${withAccount}/affiliations`, asiarManager, {
      organization: 'asiar',
    });
    expect(refusedToo.json().error.code).toBe('consent_required');
    expect(await organizationsOf(ofImpala)).toEqual(['impala']);
    expect(await organizationsOf(withAccount)).toEqual([]);

    // The network's staff may; and a person who belongs nowhere and has no account is the manager's to bring in.
    expect((await call('POST', `/api/people/${ofImpala}/affiliations`, admin, { organization: 'asiar' })).status).toBe(
      201,
    );
    const free = await personIn('Franco Libre', []);
    expect(
      (await call('POST', `/api/people/${free}/affiliations`, asiarManager, { organization: 'asiar' })).status,
    ).toBe(201);
    expect((await call('GET', `/api/people/${free}/editable`, asiarManager)).status).toBe(200);
  });

  it("never lets a manager edit an admin's person, even one who belongs to the manager's organisation", async () => {
    const officer = await personIn('Olga Officer', ['asiar'], 'olga@win.example');
    await accountFor('olga@win.example', 'admin', officer);
    expect((await call('GET', `/api/people/${officer}/editable`, asiarManager)).status).toBe(403);
    const renamed = await call('PATCH', `/api/people/${officer}`, asiarManager, {
      version: 1,
      contact: { email: { visibility: 'public' } },
    });
    expect(renamed.status).toBe(403);
    // A person of ASIAr with a delegate's account is ASIAr's to look after.
    const member = await personIn('Mora Miembro', ['asiar'], 'mora@asiar.example');
    await accountFor('mora@asiar.example', 'delegate', member);
    expect((await call('GET', `/api/people/${member}/editable`, asiarManager)).status).toBe(200);
  });

  it('lets a manager ask someone from elsewhere, who accepts or declines from their account', async () => {
    const ines = await personIn('Inés Label', ['impala'], 'ines@label.example');
    const inesAccount = await accountFor('ines@label.example', 'delegate', ines);

    const asked = await call('POST', `/api/people/${ines}/affiliation-requests`, asiarManager, {
      organization: 'asiar',
      role: { en: 'Adviser', es: 'Asesora' },
    });
    expect(asked.status).toBe(201);
    const request = asked.json() as AffiliationRequest;
    expect(request).toMatchObject({
      person: { id: ines, name: 'Inés Label' },
      organization: { slug: 'asiar' },
      role: { en: 'Adviser', es: 'Asesora' },
      status: 'pending',
      answeredAt: null,
    });
    // Asked once; not by a manager for another organisation than their own.
    expect(
      (await call('POST', `/api/people/${ines}/affiliation-requests`, asiarManager, { organization: 'asiar' })).status,
    ).toBe(409);
    expect(
      (await call('POST', `/api/people/${ines}/affiliation-requests`, impalaManager, { organization: 'asiar' })).status,
    ).toBe(403);
    // Asking gives nothing yet.
    expect(await organizationsOf(ines)).toEqual(['impala']);
    expect((await call('GET', `/api/people/${ines}/editable`, asiarManager)).status).toBe(403);

    const mine = await call('GET', '/api/me/affiliation-requests', inesAccount);
    expect((mine.json().items as AffiliationRequest[]).map((r) => r.id)).toEqual([request.id]);
    expect(
      (await call('GET', '/api/affiliation-requests', admin)).json().items.map((r: { id: string }) => r.id),
    ).toContain(request.id);
    // Only she (or an admin) answers: not the manager who asked, nor another.
    expect((await call('POST', `/api/affiliation-requests/${request.id}/accept`, asiarManager)).status).toBe(403);
    expect((await call('POST', `/api/affiliation-requests/${request.id}/accept`, impalaManager)).status).toBe(403);

    const accepted = await call('POST', `/api/affiliation-requests/${request.id}/accept`, inesAccount);
    expect(accepted.status).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', answeredAt: expect.any(String) });
    expect(await organizationsOf(ines)).toEqual(['asiar', 'impala']);
    const shown = await call('GET', `/api/people/${ines}`);
    expect(shown.json().affiliations).toContainEqual({
      organization: expect.objectContaining({ slug: 'asiar' }),
      role: { en: 'Adviser', es: 'Asesora' },
    });
    expect((await call('GET', `/api/people/${ines}/editable`, asiarManager)).status).toBe(200);
    expect((await call('GET', '/api/me/affiliation-requests', inesAccount)).json().items).toEqual([]);
    const again = await call('POST', `/api/affiliation-requests/${request.id}/decline`, inesAccount, undefined, 'es');
    expect(again.status).toBe(409);
    expect(again.json().error.message).toBe('Esta solicitud ya tiene respuesta (aceptada).');

    // Declining adds nothing.
    const other = (
      await call('POST', `/api/people/${ines}/affiliation-requests`, impalaManager, { organization: 'impala' })
    ).json();
    expect(other.error.code).toBe('conflict');
    const pablo = await personIn('Pablo Otro', ['impala'], 'pablo@otro.example');
    const pabloAccount = await accountFor('pablo@otro.example', 'delegate', pablo);
    const second = (
      await call('POST', `/api/people/${pablo}/affiliation-requests`, asiarManager, { organization: 'asiar' })
    ).json() as AffiliationRequest;
    const declined = await call('POST', `/api/affiliation-requests/${second.id}/decline`, pabloAccount);
    expect(declined.json().status).toBe('declined');
    expect(await organizationsOf(pablo)).toEqual(['impala']);

    // The log says who asked and who answered.
    const log = await rows<{ action: string; entity_type: string; email: string }>(
      db(),
      sql`select a.action, a.entity_type, u.email from audit_log a join users u on u.id = a.actor_user_id
          where a.entity_id = ${request.id} or (a.entity_type = 'affiliation' and a.changes->'person'->>'after' = ${ines}
                                                and a.changes->'organization'->>'after' = 'asiar')
          order by a.at, a.action, a.entity_type`,
    );
    // The acceptance writes the affiliation and answers the request in one transaction, at one instant.
    expect(log.map((entry) => [entry.action, entry.entity_type, entry.email])).toEqual([
      ['create', 'affiliation_request', 'manager@asiar.example'],
      ['create', 'affiliation', 'ines@label.example'],
      ['update', 'affiliation_request', 'ines@label.example'],
    ]);
  });

  it('lets an admin answer for someone without an account', async () => {
    const noAccount = await personIn('Nadie Cuenta', ['impala']);
    const request = (
      await call('POST', `/api/people/${noAccount}/affiliation-requests`, asiarManager, { organization: 'asiar' })
    ).json() as AffiliationRequest;
    expect((await call('GET', '/api/affiliation-requests', asiarManager)).status).toBe(403);
    const answered = await call('POST', `/api/affiliation-requests/${request.id}/accept`, admin);
    expect(answered.json().status).toBe('accepted');
    expect(await organizationsOf(noAccount)).toEqual(['asiar', 'impala']);
  });
});
