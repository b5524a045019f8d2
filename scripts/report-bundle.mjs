#!/usr/bin/env node
// Prints the JavaScript the first page loads (the scripts and module preloads
// of dist/web/index.html, gzipped) and fails the build above the budget.
import { readFileSync } from 'node:fs';
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
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(
  `First page JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (${verdict} the ${BUDGET_BYTES / 1024} KB budget)`,
);
if (total > BUDGET_BYTES || sources.length === 0) process.exit(1);
