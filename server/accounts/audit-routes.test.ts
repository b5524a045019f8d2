import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { rows } from '../db/client.ts';
import { updateOrganization } from '../directory/editing.ts';
import { organizations } from '../directory/tables.ts';
import type { Viewer } from '../http/viewer.ts';
import { startSession } from './service.ts';
import { users } from './tables.ts';

describe.each(databaseKinds())('the audit log on %s', (kind) => {
  let t: TestApp;
  let admin: Viewer;
  const cookies: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await startTestApp(kind);
    const db = t.runtime.ctx.db;
    const [cima] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, 'cima'));
    const accounts = [
      { email: 'staff@win.example', role: 'admin' as const, organizationId: null },
      { email: 'other-staff@win.example', role: 'admin' as const, organizationId: null },
      { email: 'manager@cima.example', role: 'manager' as const, organizationId: cima?.id ?? null },
    ];
    for (const account of accounts) {
      const [user] = await db.insert(users).values(account).returning({ id: users.id });
      const token = await startSession(t.runtime.ctx, user?.id as string, 'test');
      cookies[account.email] = { encuentro_session: token };
      if (account.email === 'staff@win.example') {
        admin = {
          userId: user?.id as string,
          email: account.email,
          role: 'admin',
          organizationId: null,
          personId: null,
          sessionTokenHash: '',
        };
      }
    }
  });
  afterAll(() => t?.close());

  const patchCima = async (who: string, changes: object) => {
    const read = (await t.app.inject('/api/organizations/cima')).json();
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/api/organizations/cima',
      cookies: cookies[who],
      payload: { version: read.version, ...changes },
    });
    expect(response.statusCode).toBe(200);
  };
  const audit = (query: string, who = 'staff@win.example') =>
    t.app.inject({ url: `/api/audit${query}`, cookies: cookies[who] ?? {} });

  it('is for admins only', async () => {
    expect((await audit('', 'nobody')).statusCode).toBe(401);
    expect((await audit('', 'manager@cima.example')).statusCode).toBe(403);
    const answer = await audit('');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('lists who changed what, newest first, with the actor e-mail and the before and after of each field', async () => {
    await patchCima('staff@win.example', { acronym: 'CIMA-1' });
    await patchCima('manager@cima.example', { acronym: 'CIMA-2', website: 'https://cima.example' });
    await patchCima('other-staff@win.example', { name: 'CIMA, Canadian Independent Music' });

    const [cima] = await rows<{ id: string }>(t.runtime.ctx.db, sql`select id from organizations where slug = 'cima'`);
    const answer = await audit(`?entityType=organization&entityId=${cima?.id}`);
    const items = answer.json().items;
    expect(items.map((entry: { actor: { email: string } }) => entry.actor.email)).toEqual([
      'other-staff@win.example',
      'manager@cima.example',
      'staff@win.example',
    ]);
    expect(items[1]).toMatchObject({
      action: 'update',
      entityType: 'organization',
      entityId: cima?.id,
      changes: {
        acronym: { before: 'CIMA-1', after: 'CIMA-2' },
        website: { after: 'https://cima.example' },
      },
    });
    expect(Object.keys(items[1].changes).sort()).toEqual(['acronym', 'website']);
    // Each record says what the entity is called now.
    expect(items.map((entry: { label: string }) => entry.label)).toEqual(
      Array(3).fill('CIMA, Canadian Independent Music'),
    );
    expect(Date.parse(items[0].at)).toBeGreaterThanOrEqual(Date.parse(items[2].at));

    const limited = (await audit('?limit=1')).json().items;
    expect(limited).toHaveLength(1);
    expect(limited[0].id).toBe(items[0].id);
    expect((await audit('?entityType=venue')).json().items).toEqual([]);
    expect((await audit('?entityType=planet')).statusCode).toBe(400);
  });

  it('filters by person and day, pages, and names the records the changes refer to by id', async () => {
    const db = t.runtime.ctx.db;
    const [other] = await rows<{ id: string }>(db, sql`select id from users where email = 'other-staff@win.example'`);
    const [cima] = await rows<{ id: string; name: string }>(
      db,
      sql`select id, name from organizations where slug = 'cima'`,
    );
    const all = (await audit('?limit=500')).json();
    expect(all.total).toBe(all.items.length);
    expect(all.actors.map((a: { email: string }) => a.email)).toContain('other-staff@win.example');

    const theirs = (await audit(`?actor=${other?.id}`)).json();
    expect(theirs.items.length).toBeGreaterThan(0);
    expect(theirs.items.every((e: { actor: { id: string } }) => e.actor.id === other?.id)).toBe(true);
    expect(theirs.total).toBe(theirs.items.length);

    const today = new Date().toISOString().slice(0, 10);
    expect((await audit(`?from=${today}&to=${today}`)).json().total).toBe(all.total);
    expect((await audit('?from=2001-01-01&to=2001-01-31')).json().items).toEqual([]);
    expect((await audit('?from=2024-02-30')).statusCode).toBe(400);
    expect((await audit('?from=yesterday')).statusCode).toBe(400);

    const second = (await audit('?limit=1&offset=1')).json();
    expect(second.items.map((e: { id: string }) => e.id)).toEqual([all.items[1].id]);
    expect(second).toMatchObject({ total: all.total, offset: 1 });

    // A change that refers to an organisation by id is shown with its name.
    await db.execute(
      sql`insert into audit_log (actor_user_id, action, entity_type, entity_id, changes, at)
          values (${other?.id}, 'update', 'person', gen_random_uuid()::text,
                  ${JSON.stringify({ organization: { before: null, after: cima?.id } })}::jsonb, now())`,
    );
    const named = (await audit(`?actor=${other?.id}&limit=1`)).json();
    expect(named.names[cima?.id as string]).toBe(cima?.name);
  });

  it('commits a change and its record together: when the record cannot be written, nothing changes', async () => {
    const before = (await t.app.inject('/api/organizations/impala')).json();
    // The database refuses the record (as a full disk or a lost privilege would): the change must roll back with it.
    const db = t.runtime.ctx.db;
    await db.execute(sql`create function refuse_audit() returns trigger language plpgsql as $$
      begin raise exception 'the audit log is unavailable'; end $$`);
    await db.execute(sql`create trigger refuse_audit before insert on audit_log execute function refuse_audit()`);
    try {
      await expect(
        updateOrganization(t.runtime.ctx, admin, 'impala', { version: before.version, acronym: 'LOST' }),
      ).rejects.toSatisfy((error: Error) =>
        `${error.message} ${(error.cause as Error | undefined)?.message}`.includes('the audit log is unavailable'),
      );
    } finally {
      await db.execute(sql`drop trigger refuse_audit on audit_log`);
      await db.execute(sql`drop function refuse_audit()`);
    }
    const after = (await t.app.inject('/api/organizations/impala')).json();
    expect(after.acronym).toBe(before.acronym);
    expect(after.version).toBe(before.version);
  });

  it('shows a record anonymised by an account deletion as such', async () => {
    await t.runtime.ctx.db.execute(sql`
      insert into audit_log (action, entity_type, entity_id, changes, at)
      values ('update', 'person', '00000000-0000-4000-8000-000000000001', '{"anonymised": true}', now())`);
    const [entry] = (await audit('?entityType=person&entityId=00000000-0000-4000-8000-000000000001')).json().items;
    expect(entry).toMatchObject({ anonymised: true, changes: {}, actor: null, label: null });
  });

  it('records nothing for a change that was refused', async () => {
    const count = async () =>
      (await rows<{ n: number }>(t.runtime.ctx.db, sql`select count(*)::int as n from audit_log`))[0]?.n;
    const n = await count();
    const stale = await t.app.inject({
      method: 'PATCH',
      url: '/api/organizations/cima',
      cookies: cookies['staff@win.example'],
      payload: { version: 1, acronym: 'STALE' },
    });
    expect(stale.statusCode).toBe(409);
    expect(await count()).toBe(n);
  });
});
