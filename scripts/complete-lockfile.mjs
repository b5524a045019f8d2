#!/usr/bin/env node
// Adds to package-lock.json the platform-specific optional packages that npm
// (11.x, see npm/cli#8805 and #8726) leaves out when it writes the lock on one
// platform, and without which `npm ci` refuses the lock as out of sync.
// Run after `npm install` whenever the lock changed:  node scripts/complete-lockfile.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const lockPath = join(import.meta.dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

/** Where node would resolve `name` from the package at `path`: nearest node_modules upwards. */
function resolves(path, name) {
  let base = path;
  for (;;) {
    if (packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    if (!base) return false;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

const added = [];
const unpublished = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(path, name)) continue;
    let meta;
    try {
      meta = JSON.parse(
        execFileSync('npm', ['view', `${name}@${spec}`, '--json'], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      );
    } catch {
      // Declared by its parent but never published (e.g. @biomejs/cli-android-*): no platform
      // can install it, so the parent's lock entry stops naming it.
      delete entry.optionalDependencies[name];
      unpublished.push(`${name}@${spec}`);
      continue;
    }
    const info = Array.isArray(meta) ? meta.at(-1) : meta;
    const record = { version: info.version, integrity: info.dist.integrity };
    for (const field of ['cpu', 'os', 'libc']) if (info[field]) record[field] = info[field];
    if (entry.dev) record.dev = true;
    record.license = info.license;
    record.optional = true;
    if (info.engines) record.engines = info.engines;
    packages[`node_modules/${name}`] = record;
    added.push(`${name}@${info.version}`);
  }
}

// npm keeps the packages sorted by path.
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `Added ${added.length} optional packages:\n  ${added.join('\n  ')}` : 'Nothing to add.');
if (unpublished.length)
  console.log(`Dropped ${unpublished.length} never-published ones:\n  ${unpublished.join('\n  ')}`);
