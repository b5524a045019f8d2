#!/usr/bin/env node
// Prints the JavaScript the first page loads (the scripts and module preloads
// of dist/web/index.html, and the messages of one language, which the app
// fetches before it renders: the larger catalog counts), gzipped, and fails
// the build above the budget.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1024;
const root = join(import.meta.dirname, '..', 'dist', 'web');
const html = readFileSync(join(root, 'index.html'), 'utf8');
const sources = [
  ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g),
].map((match) => match[1]);
let total = 0;
for (const source of sources) {
  const size = gzipSync(readFileSync(join(root, source)), { level: 9 }).length;
  total += size;
  console.log(`  ${source}  ${(size / 1024).toFixed(1)} KB gzipped`);
}
const catalogs = readdirSync(join(root, 'assets')).filter((name) => /^catalog-(en|es)-.*\.js$/.test(name));
const catalogSizes = catalogs.map((name) => ({
  name,
  size: gzipSync(readFileSync(join(root, 'assets', name)), { level: 9 }).length,
}));
const largest = catalogSizes.sort((a, b) => b.size - a.size)[0];
if (largest) {
  total += largest.size;
  console.log(`  assets/${largest.name}  ${(largest.size / 1024).toFixed(1)} KB gzipped (one language's messages)`);
}
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(
  `First page JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (${verdict} the ${BUDGET_BYTES / 1024} KB budget)`,
);
if (total > BUDGET_BYTES || sources.length === 0 || !largest) process.exit(1);
