import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase } from '../test/databases.ts';

const root = join(import.meta.dirname, '..');

interface Started {
  child: ChildProcess;
  url: string;
  logs: string[];
}

/** Start the real server entry point and wait until it listens (or exits). */
function startServer(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        logs.push(line);
        const match = line.match(/listening at (http:\/\/127\.0\.0\.1:\d+)/i);
        if (match?.[1]) resolve({ child, url: match[1], logs });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(Object.assign(new Error(`exited with ${code}`), { code, logs })));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

const demoLoadedOf = (logs: string[]) => logs.map((line) => line.match(/"demoLoaded":(true|false)/)?.[1]).find(Boolean);

describe.each(databaseKinds())('the server entry point on %s', (kind) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'encuentro-main-'));
  const dropDatabase: (() => Promise<void>)[] = [];
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    for (const drop of dropDatabase) await drop();
  });

  it('starts with the demo, serves the API and the app, and restarts without loading the demo again', async () => {
    let env: Record<string, string> = { DATA_DIR: dataDir };
    if (kind === 'postgres') {
      const fresh = await freshDatabase('postgres');
      await fresh.database.close();
      dropDatabase.push(fresh.drop);
      env = { DATABASE_URL: fresh.url as string };
    }
    const first = await startServer(env);
    const health = await (await fetch(`${first.url}/api/health`)).json();
    expect(health).toEqual({ status: 'ok', database: kind });
    const event = await fetch(`${first.url}/api/events/fim-gdl-2024`);
    expect(event.status).toBe(200);
    const page = await fetch(`${first.url}/organizations/win`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    // Link checkers and uptime monitors ask with HEAD: the home page is there for them too.
    const home = await fetch(`${first.url}/`, { method: 'HEAD' });
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(demoLoadedOf(first.logs)).toBe('true');
    expect(await stop(first.child)).toBe(0);

    const second = await startServer(env);
    expect(demoLoadedOf(second.logs)).toBe('false');
    const organizations = await (await fetch(`${second.url}/api/organizations?q=win`)).json();
    expect(organizations.items.filter((o: { slug: string }) => o.slug === 'win')).toHaveLength(1);
    expect(await stop(second.child)).toBe(0);
  });
});

describe('the server configuration check', () => {
  it('refuses to start on a wrong value and names it', async () => {
    const failure = await startServer({ PORT: 'eighty', DATA_DIR: 'memory://' }).catch((error) => error);
    expect(failure.code).toBe(78);
    expect(failure.logs.join('\n')).toContain('PORT="eighty"');
  });
});

describe('the server entry point in production', () => {
  it('refuses to start without PUBLIC_URL, and says so', async () => {
    const failure = await startServer({ NODE_ENV: 'production' }).then(
      () => null,
      (error: { code: number; logs: string[] }) => error,
    );
    expect(failure?.code).toBe(78);
    expect(failure?.logs.join('\n')).toMatch(/PUBLIC_URL="": required when NODE_ENV=production/);
  });
});
