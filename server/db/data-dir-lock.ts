import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite has no server process of its own: whichever process opens a data
 * directory is its only PostgreSQL, and a second one opening it at the same
 * time would corrupt it. A server on the embedded database therefore leaves
 * its process id in this file while it runs (PGlite's own postmaster.pid
 * holds no real process id), and the commands that need the directory to
 * themselves check it.
 */
export const LOCK_FILE = 'encuentro.pid';

/** The process id of the live process that holds the directory, if any (a stale file is ignored). */
export function dataDirHolder(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(join(dataDir, LOCK_FILE), 'utf8'), 10);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid}. ` +
        `Stop that server first (if none runs, delete ${join(dataDir, LOCK_FILE)}).`,
    );
  }
}

/** Mark the directory as this process's, or throw if a live process holds it. Returns the release. */
export function claimDataDir(dataDir: string): () => void {
  const holder = dataDirHolder(dataDir);
  if (holder !== undefined) throw new DataDirInUse(dataDir, holder);
  const file = join(dataDir, LOCK_FILE);
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
    } catch {
      // Already gone.
    }
  };
}
