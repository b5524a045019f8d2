import { sql } from 'drizzle-orm';
import { type Queryable, rows } from '../db/client.ts';
import { AppError } from '../errors.ts';

export type EditorOutcome = 'created' | 'promoted' | 'unchanged' | 'admin';

/**
 * `encuentro editor create EMAIL`: the account with this address becomes a
 * news editor, or is created as one (tied to the directory's person with that
 * address, if there is one). An admin stays an admin: admins write the news
 * already. An account has one role, so a manager or partner contact made
 * editor stops acting for their organisation; the command's message says so.
 * Written as SQL over the accounts table by name: news does not import accounts.
 */
export async function makeEditor(db: Queryable, rawEmail: string): Promise<{ outcome: EditorOutcome; was?: string }> {
  const email = rawEmail.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AppError('invalid_input', 'accounts.error.bad_email');
  const [existing] = await rows<{ id: string; role: string }>(
    db,
    sql`select id, role::text as role from users where lower(email) = ${email}`,
  );
  if (existing) {
    if (existing.role === 'admin') return { outcome: 'admin' };
    if (existing.role === 'editor') return { outcome: 'unchanged' };
    await db.execute(
      sql`update users set role = 'editor', organization_id = null, version = version + 1 where id = ${existing.id}`,
    );
    return { outcome: 'promoted', was: existing.role };
  }
  await db.execute(
    sql`insert into users (email, role, person_id)
        values (${email}, 'editor', (select p.id from people p
                 where lower(p.email) = ${email} and not exists (select 1 from users u where u.person_id = p.id)
                 order by p.created_at limit 1))`,
  );
  return { outcome: 'created' };
}
