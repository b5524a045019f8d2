import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Every line it printed so far (pino JSON at LOG_LEVEL=info). */
  logs: string[];
  /** Resolves with the exit status (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
  /** Resolves with the first line (present or to come) that contains `text`. */
  logged(text: string): Promise<string>;
}

/** The real entry point (server/main.ts) as a child process, ready when it says it listens. */
export function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const watchers: { text: string; resolve(line: string): void }[] = [];
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const logged = (text: string) => {
    const line = logs.find((l) => l.includes(text));
    return line ? Promise.resolve(line) : new Promise<string>((resolve) => watchers.push({ text, resolve }));
  };
  return new Promise((resolve, reject) => {
    let partial = '';
    const onData = (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        logs.push(line);
        for (const watcher of watchers.filter((w) => line.includes(w.text))) watcher.resolve(line);
        const match = line.match(/listening at (http:\/\/127\.0\.0\.1:\d+)/i);
        if (match?.[1]) resolve({ child, url: match[1], logs, exited, logged });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((status) => reject(Object.assign(new Error(`exited with ${status}`), { status, logs })));
  });
}
