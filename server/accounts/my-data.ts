import { eq, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { type Queryable, rows } from '../db/client.ts';
import { people } from '../directory/tables.ts';
import type { Viewer } from '../http/viewer.ts';
import { auditLog, rateLimitHits, users } from './tables.ts';

interface Reference {
  table: string;
  column: string;
  target: 'people' | 'users';
}

/** Columns that hold secrets or key material: exported as present, never as values. */
const SECRET_COLUMN = /hash|public_key|challenge/;

/**
 * Every column of every table that points at a person or an account, read
 * from the catalog, so a table added later is covered without a change here.
 */
async function referencesToPeopleAndUsers(db: Queryable): Promise<Reference[]> {
  return rows<Reference>(
    db,
    sql`select kcu.table_name as "table", kcu.column_name as "column", ccu.table_name as target
        from information_schema.table_constraints tc
        join information_schema.key_column_usage kcu
          on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
        join information_schema.constraint_column_usage ccu
          on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
        where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'
          and ccu.table_name in ('people', 'users') and ccu.column_name = 'id'
        order by 1, 2`,
  );
}

const quoted = (identifier: string): SQL => sql.raw(`"${identifier.replaceAll('"', '""')}"`);

function redact(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, SECRET_COLUMN.test(key) ? '[kept secret]' : value]),
  );
}

/** GET /api/me/export: the account, the person, and every row of every table that refers to either. */
export async function exportMyData(ctx: AppContext, viewer: Viewer) {
  const ids = { users: viewer.userId, people: viewer.personId };
  const [account] = await rows<Record<string, unknown>>(ctx.db, sql`select * from users where id = ${viewer.userId}`);
  const [person] = viewer.personId
    ? await rows<Record<string, unknown>>(ctx.db, sql`select * from people where id = ${viewer.personId}`)
    : [];
  const related: Record<string, Record<string, unknown>[]> = {};
  for (const reference of await referencesToPeopleAndUsers(ctx.db)) {
    const id = ids[reference.target];
    if (!id) continue;
    const found = await rows<Record<string, unknown>>(
      ctx.db,
      sql`select * from ${quoted(reference.table)} where ${quoted(reference.column)} = ${id}`,
    );
    related[reference.table] = [...(related[reference.table] ?? []), ...found.map(redact)];
  }
  return {
    exportedAt: ctx.clock.now().toISOString(),
    account: account ? redact(account) : null,
    person: person ?? null,
    related,
  };
}

/**
 * DELETE /api/me: end every session and remove the account and the person.
 * What must stay — the audit trail of who changed what — stays with the actor
 * unset and the changes that named them replaced by a marker.
 */
export async function deleteMyAccount(ctx: AppContext, viewer: Viewer): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [person] = viewer.personId
      ? await tx.select({ name: people.name, email: people.email }).from(people).where(eq(people.id, viewer.personId))
      : [];
    const traces = [viewer.email, person?.email, person?.name].filter((text): text is string => Boolean(text));
    const concernsThem = sql.join(
      [
        ...(viewer.personId
          ? [sql`(${auditLog.entityType} = 'person' and ${auditLog.entityId} = ${viewer.personId})`]
          : []),
        sql`(${auditLog.entityType} = 'user' and ${auditLog.entityId} = ${viewer.userId})`,
        ...traces.map((text) => sql`${auditLog.changes}::text ilike ${`%${text}%`}`),
      ],
      sql` or `,
    );
    await tx
      .update(auditLog)
      .set({ changes: { anonymised: true } })
      .where(concernsThem);
    await tx.delete(rateLimitHits).where(sql`${rateLimitHits.bucket} ilike ${`%${viewer.email}%`}`);
    // Sessions, sign-in links and passkeys go with the account (on delete cascade).
    await tx.delete(users).where(eq(users.id, viewer.userId));
    if (viewer.personId) {
      // A frozen prize-draw list keeps the entry, so the draw stays verifiable, but not the name.
      await tx.execute(
        sql`update bingo_draws set eligible = (
              select jsonb_agg(case when e->>'personId' = ${viewer.personId}
                                    then jsonb_set(e, '{name}', '"[anonymised]"') else e end order by i)
              from jsonb_array_elements(eligible) with ordinality as t(e, i))
            where eligible @> ${JSON.stringify([{ personId: viewer.personId }])}::jsonb`,
      );
      await tx.delete(people).where(eq(people.id, viewer.personId));
    }
  });
  await ctx.changed('directory');
}
