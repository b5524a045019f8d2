import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { rows } from '../db/client.ts';
import { startSession } from './service.ts';
import { auditLog, users } from './tables.ts';

/** Every text-like column of every table, searched for a string: what a DBA would do to check an erasure. */
async function findEverywhere(db: Parameters<typeof rows>[0], needle: string) {
  const columns = await rows<{ table: string; column: string }>(
    db,
    sql`select table_name as "table", column_name as "column" from information_schema.columns
        where table_schema = 'public' and data_type in ('text', 'character', 'character varying', 'jsonb', 'ARRAY')`,
  );
  const hits: string[] = [];
  for (const { table, column } of columns) {
    const [found] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.raw(`"${table}"`)} where ${sql.raw(`"${column}"`)}::text ilike ${`%${needle}%`}`,
    );
    if ((found?.n ?? 0) > 0) hits.push(`${table}.${column}`);
  }
  return hits;
}

describe.each(databaseKinds())('my data on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  let personId: string;
  const name = 'Valentina Export-Delete';
  const email = 'valentina.export@example.org';

  beforeAll(async () => {
    t = await startTestApp(kind);
    const db = t.runtime.ctx.db;
    const [person] = await rows<{ id: string }>(
      db,
      sql`insert into people (name, email, search_text, country_code) values (${name}, ${email}, 'valentina export delete', 'CL') returning id`,
    );
    personId = (person as { id: string }).id;
    await db.execute(
      sql`insert into affiliations (person_id, organization_id, role_en) select ${personId}, id, 'Label owner' from organizations where slug = 'imichile'`,
    );
    await db.execute(
      sql`insert into session_speakers (session_id, person_id, part) select id, ${personId}, 'speaker' from sessions order by starts_at limit 1`,
    );
    const [user] = await db.insert(users).values({ email, role: 'delegate', personId }).returning({ id: users.id });
    const userId = (user as { id: string }).id;
    cookie = await startSession(t.runtime.ctx, userId, 'my data test');
    await db.insert(auditLog).values({
      actorUserId: userId,
      action: 'update',
      entityType: 'person',
      entityId: personId,
      changes: { name: { before: 'Valentina', after: name } },
      at: new Date(),
    });
  });
  afterAll(() => t?.close());

  const asMe = (method: 'GET' | 'DELETE', url: string) =>
    t.app.inject({ method, url, cookies: { encuentro_session: cookie } });

  it('exports the account, the person and every row that refers to them, without secrets', async () => {
    const response = await asMe('GET', '/api/me/export');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/attachment/);
    const data = response.json();
    expect(data.account.email).toBe(email);
    expect(data.person.name).toBe(name);
    expect(data.related.affiliations).toHaveLength(1);
    expect(data.related.session_speakers).toHaveLength(1);
    expect(data.related.auth_sessions).toHaveLength(1);
    expect(data.related.auth_sessions[0].token_hash).toBe('[kept secret]');
    expect(data.related.audit_log).toHaveLength(1);
    // Every table with a foreign key to people or users is present in the export.
    const referring = await rows<{ table: string }>(
      t.runtime.ctx.db,
      sql`select distinct kcu.table_name as "table" from information_schema.table_constraints tc
          join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name
          join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
          where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name in ('people', 'users')`,
    );
    for (const { table } of referring) expect(Object.keys(data.related), table).toContain(table);
  });

  it('refuses an export or a deletion to the public', async () => {
    expect((await t.app.inject('/api/me/export')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/me' })).statusCode).toBe(401);
  });

  it('deletes the account: sessions end, and the name and address are found nowhere', async () => {
    const before = await findEverywhere(t.runtime.ctx.db, email);
    expect(before.length).toBeGreaterThan(0);
    const response = await asMe('DELETE', '/api/me');
    expect(response.statusCode).toBe(204);
    expect((await asMe('GET', '/api/me')).statusCode).toBe(401);
    expect(await findEverywhere(t.runtime.ctx.db, email)).toEqual([]);
    expect(await findEverywhere(t.runtime.ctx.db, name)).toEqual([]);
    // The audit trail stays, anonymised.
    const trail = await rows<{ changes: unknown; actor_user_id: string | null }>(
      t.runtime.ctx.db,
      sql`select changes, actor_user_id from audit_log where entity_id = ${personId}`,
    );
    expect(trail).toEqual([{ changes: { anonymised: true }, actor_user_id: null }]);
    expect((await t.app.inject(`/api/people/${personId}`)).statusCode).toBe(404);
  });
});
