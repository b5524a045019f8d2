import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { type Db, rows } from './client.ts';

const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');
/** Any fixed number will do; it only has to be the same for every instance. */
export const MIGRATION_LOCK_KEY = 7_240_301;

/**
 * Apply the SQL files of server/db/migrations in name order, each once.
 * Everything runs in one transaction holding an advisory lock, so two
 * instances starting together apply each migration exactly once, and a
 * failing migration leaves the schema as it was.
 */
export async function migrate(db: Db): Promise<string[]> {
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((name) => name.endsWith('.sql'))
    .sort();
  return db.transaction(async (tx) => {
    // Waiting for another instance's migration, or rewriting a large table, may outlast a request's statement limit.
    await tx.execute(sql`set local statement_timeout = 0`);
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(
      sql`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`,
    );
    const done = new Set(
      (await rows<{ name: string }>(tx, sql`select name from schema_migrations`)).map((row) => row.name),
    );
    const applied: string[] = [];
    for (const name of files) {
      if (done.has(name)) continue;
      const text = readFileSync(join(MIGRATIONS_DIR, name), 'utf8');
      // drizzle-kit separates statements with this marker.
      for (const statement of text.split('--> statement-breakpoint')) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`insert into schema_migrations (name) values (${name})`);
      applied.push(name);
    }
    return applied;
  });
}
