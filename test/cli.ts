import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'encuentro.mjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the real `encuentro` command in a child process, with only the environment given (plus what node needs). */
export function encuentro(args: string[], env: Record<string, string> = {}, input?: string): Promise<CliRun> {
  const inherited = Object.fromEntries(
    ['PATH', 'HOME', 'TMPDIR', 'SYSTEMROOT'].flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...inherited, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}
