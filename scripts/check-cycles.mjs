#!/usr/bin/env node
// Fails when capabilities import each other in a cycle, or when a server
// capability imports from another what the allow-list below does not name.
//
// A capability is a folder directly under server/ or web/ (directory,
// programme, groups, …). Every relative import from a file in one such folder
// to a file in another is an edge; any cycle in that graph is reported with
// the files that make it. Tests are included: a test that needs a cycle
// reveals one in the design too.
//
// On the server, a capability may import the infrastructure folders freely
// (INFRASTRUCTURE) and server/accounts/policy.ts; from another capability,
// only the files ALLOWED names for it. Infrastructure imports only
// infrastructure. Tests and the demo (which loads every capability's data)
// are not held to the list. The list names the edges that exist: it may only
// shrink, except for a new capability's own entry (see docs/ARCHITECTURE.md).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** Folders under server/ that every capability may import; they import only each other. */
const INFRASTRUCTURE = new Set(['db', 'http', 'editing', 'cache', 'realtime', 'mail', 'outbox']);
/** Folders under server/ held to no list: the demo loads every capability's data. */
const UNLISTED = new Set(['demo']);

/** Per server capability: the files of other capabilities it may import (paths under server/). */
const ALLOWED = {
  accounts: ['directory/presenter.ts', 'directory/queries.ts', 'directory/service.ts', 'directory/tables.ts'],
  announcements: ['accounts/tables.ts', 'directory/tables.ts', 'programme/editing.ts', 'programme/tables.ts'],
  attendees: [
    'accounts/tables.ts',
    'delegations/attendance.ts',
    'delegations/queries.ts',
    'delegations/service.ts',
    'delegations/tables.ts',
    'directory/import.ts',
    'directory/presenter.ts',
    'directory/service.ts',
    'directory/tables.ts',
  ],
  agenda: [
    'directory/presenter.ts',
    'directory/reference.ts',
    'programme/editing.ts',
    'programme/presenter.ts',
    'programme/queries.ts',
    'rsvp/service.ts',
    'rsvp/tables.ts',
  ],
  audience: ['accounts/tables.ts', 'directory/tables.ts', 'programme/tables.ts'],
  bingo: [
    'directory/reference.ts',
    'directory/tables.ts',
    'networking/hooks.ts',
    'networking/tables.ts',
    'programme/tables.ts',
  ],
  building: [
    'directory/editing.ts',
    'directory/presenter.ts',
    'directory/reference.ts',
    'directory/tables.ts',
    'programme/tables.ts',
  ],
  'check-in': [
    'accounts/tables.ts',
    'directory/reference.ts',
    'directory/tables.ts',
    'networking/scanning.ts',
    'programme/tables.ts',
  ],
  dashboard: ['bingo/game.ts', 'check-in/service.ts'],
  delegations: [
    'accounts/invitations.ts',
    'accounts/tables.ts',
    'directory/presenter.ts',
    'directory/queries.ts',
    'directory/reference.ts',
    'directory/service.ts',
    'directory/tables.ts',
    'programme/tables.ts',
  ],
  directory: [],
  groups: [
    'directory/editing.ts',
    'directory/presenter.ts',
    'directory/reference.ts',
    'directory/tables.ts',
    'programme/tables.ts',
  ],
  networking: [
    'delegations/attendance.ts',
    'delegations/tables.ts',
    'directory/presenter.ts',
    'directory/reference.ts',
    'directory/tables.ts',
    'programme/tables.ts',
  ],
  meetings: ['accounts/tables.ts', 'directory/tables.ts', 'programme/tables.ts'],
  news: ['directory/presenter.ts', 'directory/tables.ts'],
  profiles: ['directory/queries.ts', 'directory/tables.ts'],
  programme: ['directory/editing.ts', 'directory/presenter.ts', 'directory/reference.ts', 'directory/tables.ts'],
  rsvp: [
    'accounts/tokens.ts',
    'delegations/attendance.ts',
    'delegations/service.ts',
    'delegations/tables.ts',
    'directory/presenter.ts',
    'directory/tables.ts',
    'programme/tables.ts',
  ],
};
const sides = ['server', 'web'];
const importPattern = /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mjs|js)$/.test(name)) yield path;
  }
}

/**
 * Files that are a node of their own although they sit in a capability's
 * folder: the rules of who may do what, which every capability imports
 * (the directory too, which accounts builds on). Each may import only the
 * infrastructure, never a capability, or it could not stand below them all.
 */
const standalone = new Set(['server/accounts/policy.ts']);

/** "server/directory" for server/directory/service.ts; null for files at the top of a side. */
function capabilityOf(path) {
  const file = relative(root, path).split(sep).join('/');
  if (standalone.has(file)) return file;
  const parts = file.split('/');
  if (!sides.includes(parts[0]) || parts.length < 3) return null;
  return `${parts[0]}/${parts[1]}`;
}

/** Why an import from `file` to `target` (both relative to the root) breaks the allow-list, or null. */
function refusal(file, target) {
  if (!file.startsWith('server/') || /\.test\.tsx?$/.test(file)) return null;
  const [, from] = file.split('/');
  const to = target.startsWith('server/') && target.split('/').length > 2 ? target.split('/')[1] : null;
  if (!to || to === from || UNLISTED.has(from)) return null;
  const within = target.slice('server/'.length);
  if (INFRASTRUCTURE.has(to)) return null;
  if (standalone.has(file) || INFRASTRUCTURE.has(from)) {
    return `${file} stands below the capabilities and may import only infrastructure`;
  }
  if (standalone.has(target)) return null;
  const allowed = ALLOWED[from];
  if (!allowed) return `server/${from} is not in ALLOWED of scripts/check-cycles.mjs: add its entry`;
  if (!allowed.includes(within)) return `server/${from} may not import ${target} (not in its ALLOWED list)`;
  return null;
}

const refusals = [];
const edges = new Map(); // capability -> Map(target capability -> example "file -> file")
for (const side of sides) {
  const sideDir = join(root, side);
  try {
    statSync(sideDir);
  } catch {
    continue;
  }
  for (const file of sourceFiles(sideDir)) {
    const from = capabilityOf(file);
    if (!from) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const target = resolve(dirname(file), match[1] ?? match[2]);
      const why = refusal(relative(root, file).split(sep).join('/'), relative(root, target).split(sep).join('/'));
      if (why) refusals.push(`  ${relative(root, file)} -> ${relative(root, target)}: ${why}`);
      const to = capabilityOf(target);
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      const targets = edges.get(from);
      if (!targets.has(to)) targets.set(to, `${relative(root, file)} -> ${relative(root, target)}`);
    }
  }
}

// Depth-first search; a back edge closes a cycle.
const cycles = [];
const state = new Map();
const stack = [];
function visit(node) {
  state.set(node, 'open');
  stack.push(node);
  for (const next of edges.get(node)?.keys() ?? []) {
    if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
    else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(node, 'done');
}
for (const node of edges.keys()) if (!state.has(node)) visit(node);

if (refusals.length > 0) {
  console.error(`Imports the capabilities' allow-list does not name (${refusals.length}):`);
  for (const line of refusals) console.error(line);
}
if (cycles.length > 0) {
  console.error(`Import cycles between capabilities (${cycles.length}):`);
  for (const cycle of cycles) {
    console.error(`  ${cycle.join(' -> ')}`);
    for (let i = 0; i < cycle.length - 1; i++) console.error(`    ${edges.get(cycle[i]).get(cycle[i + 1])}`);
  }
}
if (refusals.length > 0 || cycles.length > 0) process.exit(1);
const count = [...edges.values()].reduce((n, targets) => n + targets.size, 0);
console.log(
  `No import cycles between capabilities, none outside the allow-list (${edges.size} importing capabilities, ${count} edges).`,
);
