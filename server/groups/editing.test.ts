import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { rows } from '../db/client.ts';

describe.each(databaseKinds())('editing working groups on %s', (kind) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let manager: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const signIn = async (account: { email: string; role: 'admin' | 'manager' }) => ({
      encuentro_session: await signedInAs(t.runtime.ctx, account),
    });
    admin = await signIn({ email: 'staff@win.example', role: 'admin' });
    manager = await signIn({ email: 'manager@win.example', role: 'manager' });
  });
  afterAll(() => t?.close());

  const patch = async (cookies: Record<string, string>, payload: object) => {
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/api/working-groups/latam-network',
      cookies,
      payload,
    });
    return { status: response.statusCode, body: response.json() };
  };

  it('lets an admin change a group, its countries and members, from the version read', async () => {
    const read = (await t.app.inject('/api/working-groups/latam-network')).json();
    const changed = await patch(admin, {
      version: read.version,
      description: { en: 'Independent music associations of Latin America and Spain.' },
      countries: ['uy', ...read.countries.map((c: { code: string }) => c.code)],
      organizations: ['admi', 'imichile'],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(read.version + 1);
    expect(changed.body.countries.map((c: { code: string }) => c.code)).toContain('UY');
    expect(changed.body.organizations.map((o: { slug: string }) => o.slug).sort()).toEqual(['admi', 'imichile']);
    expect((await t.app.inject('/api/working-groups?organization=a2im')).json().items).toEqual([]);

    const [record] = await rows<{ changes: Record<string, unknown> }>(
      t.runtime.ctx.db,
      sql`select changes from audit_log where entity_type = 'working_group'`,
    );
    expect(Object.keys(record?.changes ?? {}).sort()).toEqual(['countries', 'description.en', 'organizations']);

    const stale = await patch(admin, { version: read.version, topics: [] });
    expect(stale.status).toBe(409);
    const unknown = await patch(admin, { version: changed.body.version, organizations: ['nowhere'] });
    expect([unknown.status, unknown.body.error.field]).toEqual([422, 'organizations']);
    const country = await patch(admin, { version: changed.body.version, countries: ['ZZ'] });
    expect([country.status, country.body.error.field]).toEqual([422, 'countries']);
  });

  it('is for admins only', async () => {
    expect((await patch(manager, { version: 1, topics: [] })).status).toBe(403);
    expect((await patch({}, { version: 1, topics: [] })).status).toBe(401);
  });
});
