import pg from 'pg';
import { DEFAULT_LOCAL_POSTGRES, TEMPLATES_ENV } from './databases.ts';
import { prepareTemplates } from './templates.ts';

/**
 * Decide once which databases the run covers. CI must name PostgreSQL
 * (TEST_DATABASE_URL) and it must answer; on a developer machine the local
 * service is used when it answers, and its absence is said out loud. Then
 * prepare the databases suites start from (test/templates.ts).
 */
export default async function setup() {
  const explicit = process.env.TEST_DATABASE_URL;
  if (process.env.CI && !explicit) {
    throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL half of the suite cannot run.');
  }
  const candidate = explicit ?? DEFAULT_LOCAL_POSTGRES;
  const client = new pg.Client({ connectionString: candidate, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    await client.end();
    process.env.ENCUENTRO_TEST_POSTGRES = candidate;
  } catch (error) {
    await client.end().catch(() => {});
    if (explicit || process.env.CI) {
      throw new Error(`PostgreSQL at TEST_DATABASE_URL does not answer: ${(error as Error).message}`);
    }
    console.warn(
      `\n[encuentro] PostgreSQL is not reachable at ${candidate}; database suites run on PGlite only. ` +
        'Set TEST_DATABASE_URL to cover PostgreSQL.\n',
    );
  }
  const prepared = await prepareTemplates(process.env.ENCUENTRO_TEST_POSTGRES);
  process.env[TEMPLATES_ENV] = JSON.stringify(prepared.templates);
  return prepared.remove;
}
