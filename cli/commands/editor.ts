import { sql } from 'drizzle-orm';
import type { Config } from '../../server/config.ts';
import { type Queryable, rows } from '../../server/db/client.ts';
import { insertPeople } from '../../server/directory/service.ts';
import { AppError } from '../../server/errors.ts';
import { makeEditor } from '../../server/news/editors.ts';
import { openMigratedDatabase } from '../database.ts';
import { EXIT, type Output } from '../output.ts';

/**
 * `encuentro editor create EMAIL [--name NAME]`: an account that writes the news (decision 0014).
 * With a name and nobody in the directory at that address, the account gets a person of that name
 * (private by default), as `admin create` does.
 */
export async function editorCreateCommand(
  out: Output,
  config: Config,
  email: string,
  name?: string | undefined,
): Promise<number> {
  const { database } = await openMigratedDatabase(out, config);
  try {
    const { outcome, was } = await database.db.transaction(async (tx) => {
      const made = await makeEditor(tx, email);
      if (made.outcome === 'created' && name) await givePersonIfNone(tx, email, name);
      return made;
    });
    out.say(`news.cli.editor.${outcome}`, { email: email.trim().toLowerCase(), was: was ?? '' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof AppError && error.messageKey === 'accounts.error.bad_email') {
      out.complain('cli.admin.bad_email', { email });
      return EXIT.failed;
    }
    throw error;
  } finally {
    await database.close();
  }
}

/** The new account's person: made with the name given, when the account has none (nobody had the address). */
async function givePersonIfNone(tx: Queryable, rawEmail: string, name: string): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  const [account] = await rows<{ id: string; person_id: string | null }>(
    tx,
    sql`select id, person_id from users where lower(email) = ${email}`,
  );
  if (!account || account.person_id) return;
  const [personId] = await insertPeople(tx, [{ name, email }]);
  await tx.execute(sql`update users set person_id = ${personId} where id = ${account.id}`);
}
