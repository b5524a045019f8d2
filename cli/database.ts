import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Config, ConfigError, loadConfig } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { openConfiguredDatabase } from '../server/runtime.ts';
import { CliFailure, EXIT, type Output, reasonOf } from './output.ts';

/** The configuration the server would use, or a failure that names what is wrong in it. */
export function configuration(out: Output): Config {
  try {
    return loadConfig(out.terminal.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The details name variables and values; the heading is ours to translate.
    out.complain('cli.config_invalid');
    out.terminal.stderr(`${error.message.split('\n').slice(1).join('\n')}\n`);
    throw new CliFailure(EXIT.config);
  }
}

/** Open the server's database, say which one it is, and bring its schema up to date. */
export async function openMigratedDatabase(
  out: Output,
  config: Config,
): Promise<{ database: Database; migrations: string[] }> {
  const embedded = !config.DATABASE_URL;
  if (embedded && !config.DATA_DIR.includes('://')) mkdirSync(config.DATA_DIR, { recursive: true });
  let database: Database;
  try {
    database = await openConfiguredDatabase(config);
  } catch (error) {
    throw new CliFailure(EXIT.failed, 'cli.database_unavailable', { reason: reasonOf(error) });
  }
  out.say('cli.database', {
    kind: database.kind,
    location: config.DATABASE_URL ? describeUrl(config.DATABASE_URL) : resolve(config.DATA_DIR),
  });
  try {
    const migrations = await migrate(database.db);
    if (migrations.length > 0) {
      out.say('cli.migrate.applied', { count: migrations.length, names: migrations.join(', ') });
    }
    return { database, migrations };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

/** host:port/name of a connection string, with the user but never the password. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
