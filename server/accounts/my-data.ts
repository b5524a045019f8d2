import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { rows } from '../db/client.ts';
import { people } from '../directory/tables.ts';
import type { Viewer } from '../http/viewer.ts';
import { type DataSubject, PERSONAL_DATA, redact } from './personal-data.ts';
import { users } from './tables.ts';

const subjectOf = (viewer: Viewer): DataSubject => ({
  userId: viewer.userId,
  personId: viewer.personId,
  email: viewer.email,
});

/**
 * GET /api/me/export: the account, the person, and from every table that
 * refers to either what is about them and theirs to see, as PERSONAL_DATA
 * says table by table (others' private notes about them are their writers').
 */
export async function exportMyData(ctx: AppContext, viewer: Viewer) {
  const subject = subjectOf(viewer);
  const [account] = await rows<Record<string, unknown>>(ctx.db, sql`select * from users where id = ${viewer.userId}`);
  const [person] = viewer.personId
    ? await rows<Record<string, unknown>>(ctx.db, sql`select * from people where id = ${viewer.personId}`)
    : [];
  const related: Record<string, Record<string, unknown>[]> = {};
  for (const [table, { export: query }] of Object.entries(PERSONAL_DATA)) {
    const statement = query?.(subject);
    if (statement) related[table] = (await rows<Record<string, unknown>>(ctx.db, statement)).map(redact);
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
 * Each table's own step (PERSONAL_DATA) runs first — the audit trail stays
 * with the changes that named them replaced by a marker, a frozen draw list
 * keeps the entry without the name — then the foreign keys remove or unset
 * the rest.
 */
export async function deleteMyAccount(ctx: AppContext, viewer: Viewer): Promise<void> {
  const subject = subjectOf(viewer);
  await ctx.db.transaction(async (tx) => {
    for (const { erase } of Object.values(PERSONAL_DATA)) {
      const statement = erase?.(subject);
      if (statement) await tx.execute(statement);
    }
    // Sessions, sign-in links and passkeys go with the account (on delete cascade).
    await tx.delete(users).where(eq(users.id, viewer.userId));
    if (viewer.personId) await tx.delete(people).where(eq(people.id, viewer.personId));
  });
  await ctx.changed('directory');
}
