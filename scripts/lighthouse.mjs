#!/usr/bin/env node
// Lighthouse, with its mobile settings (a mid-range phone on a slow 4G line),
// on the pages a delegate opens most: it builds nothing, so run `npm run build`
// first. It starts the server on a fresh embedded database with the demo, on a
// free loopback port (or uses LIGHTHOUSE_BASE), drives Debian's Chromium, prints each page's scores, and
// exits 1 when a page falls below the goals (bench/README.md).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const ROOT = join(import.meta.dirname, '..');
const GOALS = { performance: 90, accessibility: 100, 'best-practices': 95 };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

function startServer(port, dataDir) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

async function waitUntilUp(base, child) {
  // Loading the demo into a fresh database takes a while on a busy machine.
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the server did not start within 5 minutes');
}

// LIGHTHOUSE_BASE=http://127.0.0.1:3000 audits a demo server already running instead.
const given = process.env.LIGHTHOUSE_BASE;
const port = given ? null : await freePort();
const base = given ?? `http://127.0.0.1:${port}`;
const dataDir = given ? null : mkdtempSync(join(tmpdir(), 'encuentro-lighthouse-'));
const server = given ? null : startServer(port, dataDir);
let chrome;
let failed = false;
try {
  if (server) await waitUntilUp(base, server);
  const sessions = await (await fetch(`${base}/api/events/fim-gdl-2024/sessions`)).json();
  const session = sessions.items.find((item) => item.speakers.length > 0) ?? sessions.items[0];
  const pages = [
    ['home', '/'],
    ['programme', '/events/fim-gdl-2024'],
    ['session', `/events/fim-gdl-2024/sessions/${session.id}`],
    ['my trip (signed out)', '/my-trip'],
  ];
  chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  const rows = [];
  for (const [name, path] of pages) {
    const result = await lighthouse(`${base}${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: Object.keys(GOALS),
    });
    if (result.lhr.runtimeError)
      console.log(`${name}: ${result.lhr.runtimeError.code} — ${result.lhr.runtimeError.message}`);
    const scores = Object.fromEntries(
      Object.keys(GOALS).map((key) => [key, Math.round((result.lhr.categories[key]?.score ?? 0) * 100)]),
    );
    const below = Object.entries(GOALS).filter(([key, goal]) => scores[key] < goal);
    if (below.length > 0) failed = true;
    rows.push({ page: name, ...scores, below: below.map(([key]) => key).join(', ') || '—' });
    for (const [key] of below) {
      const category = result.lhr.categories[key];
      const misses = category.auditRefs
        .map((ref) => result.lhr.audits[ref.id])
        .filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative')
        .map(
          (audit) => `    ${key}: ${audit.id} — ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`,
        );
      console.log(`${name}:\n${misses.join('\n')}`);
    }
  }
  console.table(rows);
  console.log(
    `Goals: performance ≥ ${GOALS.performance}, accessibility ${GOALS.accessibility}, best practices ≥ ${GOALS['best-practices']}`,
  );
} finally {
  await chrome?.kill();
  if (server) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
process.exit(failed ? 1 : 0);
