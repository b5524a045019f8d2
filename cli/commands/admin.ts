import { createOrPromoteAdmin } from '../../server/accounts/service.ts';
import type { Config } from '../../server/config.ts';
import { AppError } from '../../server/errors.ts';
import { openMigratedDatabase } from '../database.ts';
import { EXIT, type Output } from '../output.ts';

/** `encuentro admin create EMAIL [--name NAME]`: how a new installation gets its first admin. */
export async function adminCreateCommand(
  out: Output,
  config: Config,
  email: string,
  name: string | undefined,
): Promise<number> {
  const { database } = await openMigratedDatabase(out, config);
  try {
    const outcome = await createOrPromoteAdmin(database.db, { email, name });
    out.say(`cli.admin.${outcome}`, { email: email.trim().toLowerCase() });
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
