import type { Config } from '../../server/config.ts';
import { openMigratedDatabase } from '../database.ts';
import { EXIT, type Output } from '../output.ts';

/** `encuentro migrate`: apply the migrations the database lacks (opening it already does). */
export async function migrateCommand(out: Output, config: Config): Promise<number> {
  const { database, migrations } = await openMigratedDatabase(out, config);
  await database.close();
  if (migrations.length === 0) out.say('cli.migrate.up_to_date');
  return EXIT.ok;
}
