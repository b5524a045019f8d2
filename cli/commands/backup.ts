import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Config } from '../../server/config.ts';
import { PGLITE_EXTENSIONS } from '../../server/db/client.ts';
import { claimDataDir, dataDirHolder, LOCK_FILE } from '../../server/db/data-dir-lock.ts';
import { CliFailure, EXIT, type Output, reasonOf } from '../output.ts';

/**
 * Backups of the embedded database are PGlite's own dump of its data
 * directory (a gzipped tarball of the PostgreSQL files), written while no
 * server has the directory open (decision 0027). PostgreSQL is backed up
 * with its own tools (pg_dump, pg_restore; see the README).
 */
function embeddedDirectory(config: Config, postgresKey: 'cli.backup.postgres' | 'cli.restore.postgres'): string {
  if (config.DATABASE_URL) throw new CliFailure(EXIT.failed, postgresKey);
  if (config.DATA_DIR.includes('://')) throw new CliFailure(EXIT.failed, 'cli.backup.not_on_disk');
  const dir = resolve(config.DATA_DIR);
  const pid = dataDirHolder(dir);
  if (pid !== undefined) throw new CliFailure(EXIT.failed, 'cli.backup.in_use', { dir, pid });
  return dir;
}

/** `encuentro backup FILE [--force]`: the embedded database, whole, into one file. */
export async function backupCommand(out: Output, config: Config, file: string, force: boolean): Promise<number> {
  const dir = embeddedDirectory(config, 'cli.backup.postgres');
  if (!existsSync(join(dir, 'PG_VERSION'))) throw new CliFailure(EXIT.failed, 'cli.backup.no_database', { dir });
  if (existsSync(file) && !force) throw new CliFailure(EXIT.failed, 'cli.backup.file_exists', { file });
  const client = await PGlite.create(dir, { extensions: PGLITE_EXTENSIONS });
  let archive: Buffer;
  try {
    archive = Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
  } finally {
    await client.close();
  }
  // Written aside and renamed, so a backup that fails half-way never passes for a whole one.
  const partial = `${file}.partial`;
  try {
    writeFileSync(partial, archive);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new CliFailure(EXIT.failed, 'cli.file_unwritable', { file, code, reason: reasonOf(error) });
  }
  out.say('cli.backup.done', { dir, file, bytes: archive.length });
  return EXIT.ok;
}

/**
 * `encuentro restore FILE [--force]`: the embedded database from a backup.
 * The backup is unpacked and opened beside the current files first (inside
 * the data directory, so on the same disk even when it is a mounted volume);
 * only once it opens are the current files replaced.
 */
export async function restoreCommand(out: Output, config: Config, file: string, force: boolean): Promise<number> {
  const dir = embeddedDirectory(config, 'cli.restore.postgres');
  let archive: Buffer;
  try {
    archive = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new CliFailure(EXIT.failed, 'cli.file_unreadable', { file, code, reason: reasonOf(error) });
  }
  mkdirSync(dir, { recursive: true });
  const current = readdirSync(dir).filter((name) => name !== LOCK_FILE);
  if (current.length > 0 && !force) throw new CliFailure(EXIT.failed, 'cli.restore.not_empty', { dir });
  // A server starting while the files are being replaced would refuse the directory.
  const release = claimDataDir(dir);
  const staging = join(dir, `.restoring-${process.pid}`);
  try {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    let counts: Record<string, number>;
    try {
      const client = await PGlite.create(staging, {
        extensions: PGLITE_EXTENSIONS,
        loadDataDir: new Blob([new Uint8Array(archive)]),
      });
      try {
        counts = await countRows(client);
      } finally {
        await client.close();
      }
    } catch (error) {
      throw new CliFailure(EXIT.failed, 'cli.restore.not_a_backup', { file, reason: reasonOf(error) });
    }
    for (const name of current) rmSync(join(dir, name), { recursive: true, force: true });
    for (const name of readdirSync(staging)) renameSync(join(staging, name), join(dir, name));
    out.say('cli.restore.done', { dir, file, ...counts });
    return EXIT.ok;
  } finally {
    rmSync(staging, { recursive: true, force: true });
    release();
  }
}

/** What the restored database holds, for the reader to recognise it. */
async function countRows(client: PGlite): Promise<Record<string, number>> {
  const exists = await client.query<{ present: boolean }>(`select to_regclass('public.people') is not null as present`);
  if (!exists.rows[0]?.present) return { organizations: 0, people: 0, events: 0, connections: 0 };
  const result = await client.query<Record<string, number>>(
    `select (select count(*) from organizations)::int as organizations, (select count(*) from people)::int as people,
            (select count(*) from events)::int as events, (select count(*) from connections)::int as connections`,
  );
  return result.rows[0] ?? {};
}
