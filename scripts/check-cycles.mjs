#!/usr/bin/env node
// Fails when capabilities import each other in a cycle.
//
// A capability is a folder directly under server/ or web/ (directory,
// programme, groups, …). Every relative import from a file in one such folder
// to a file in another is an edge; any cycle in that graph is reported with
// the files that make it. Tests are included: a test that needs a cycle
// reveals one in the design too.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
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

if (cycles.length > 0) {
  console.error(`Import cycles between capabilities (${cycles.length}):`);
  for (const cycle of cycles) {
    console.error(`  ${cycle.join(' -> ')}`);
    for (let i = 0; i < cycle.length - 1; i++) console.error(`    ${edges.get(cycle[i]).get(cycle[i + 1])}`);
  }
  process.exit(1);
}
const count = [...edges.values()].reduce((n, targets) => n + targets.size, 0);
console.log(`No import cycles between capabilities (${edges.size} importing capabilities, ${count} edges).`);
