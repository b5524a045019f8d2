import type { Config } from '../../server/config.ts';
import { AppError } from '../../server/errors.ts';
import { makeEditor } from '../../server/news/editors.ts';
import { openMigratedDatabase } from '../database.ts';
import { EXIT, type Output } from '../output.ts';

/** `encuentro editor create EMAIL`: an account that writes the news (decision 0014). */
export async function editorCreateCommand(out: Output, config: Config, email: string): Promise<number> {
  const { database } = await openMigratedDatabase(out, config);
  try {
    const { outcome, was } = await makeEditor(database.db, email);
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
