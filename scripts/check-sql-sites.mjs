#!/usr/bin/env node
// Counts the SQL call sites of each server capability outside its queries.ts
// and tables.ts, and fails when a count passes its ceiling in
// scripts/sql-sites.json. New SQL is born in a capability's queries.ts, as
// functions that take the transaction (or the database) as their first
// argument; the ceilings only go down as inline SQL moves there.
//
// A call site is a query started on a database or transaction handle
// (`db.select(`, `tx.insert(`, `ctx.db.execute(`, … — select, insert, update,
// delete, execute) or a call of the `rows(db, sql…)` helper. Tests, the demo
// loader, migrations and the infrastructure folders (db, editing, …) are not
// counted: they are not a capability's rules.
//
// `node scripts/check-sql-sites.mjs --write` rewrites the ceilings to today's counts (to lower them).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const ceilingsFile = join(root, 'scripts', 'sql-sites.json');
const NOT_CAPABILITIES = new Set(['db', 'http', 'editing', 'cache', 'realtime', 'mail', 'demo']);
const HOME_OF_SQL = new Set(['queries.ts', 'tables.ts']);
const callSite =
  /\b(?:db|tx|database)\s*\.\s*(?:select|selectDistinct|insert|update|delete|execute)\s*\(|(?<!function\s)\brows\s*[<(]/g;

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !HOME_OF_SQL.has(name)) yield path;
  }
}

const counts = {};
const serverDir = join(root, 'server');
for (const name of readdirSync(serverDir).sort()) {
  const dir = join(serverDir, name);
  if (!statSync(dir).isDirectory() || NOT_CAPABILITIES.has(name)) continue;
  let count = 0;
  for (const file of sourceFiles(dir)) {
    const text = readFileSync(file, 'utf8').replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
    count += text.match(callSite)?.length ?? 0;
  }
  counts[name] = count;
}

if (process.argv.includes('--write')) {
  writeFileSync(ceilingsFile, `${JSON.stringify(counts, null, 2)}\n`);
  console.log(`Wrote today's SQL call sites outside queries.ts as the ceilings: ${ceilingsFile}`);
  process.exit(0);
}

const ceilings = JSON.parse(readFileSync(ceilingsFile, 'utf8'));
const over = [];
const under = [];
for (const [capability, count] of Object.entries(counts)) {
  const ceiling = ceilings[capability] ?? 0;
  if (count > ceiling)
    over.push(`  server/${capability}: ${count} SQL call sites outside queries.ts, at most ${ceiling}`);
  else if (count < ceiling) under.push(`server/${capability} ${ceiling} -> ${count}`);
}
if (over.length > 0) {
  console.error("SQL outside queries.ts grew (write it in the capability's queries.ts, taking the transaction):");
  for (const line of over) console.error(line);
  process.exit(1);
}
const total = Object.values(counts).reduce((a, b) => a + b, 0);
console.log(`SQL call sites outside queries.ts within their ceilings (${total} in all).`);
if (under.length > 0) console.log(`Lower the ceilings (node scripts/check-sql-sites.mjs --write): ${under.join(', ')}`);
