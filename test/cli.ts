import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Terminal } from '../cli/output.ts';
import { main } from '../cli/run.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'encuentro.mjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the `encuentro` command in this process, with only the environment
 * given, standard input from `input`, and its output captured: the same
 * code as the binary runs, without starting a process (and its TypeScript
 * loader) for each call.
 */
export async function encuentro(args: string[], env: Record<string, string> = {}, input?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const terminal: Terminal = {
    env: { ...env },
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdin: () => Buffer.from(input ?? ''),
  };
  const status = await main(args, terminal);
  return { status, stdout, stderr };
}

/** Run the real `encuentro` binary in a child process, with only the environment given (plus what node needs). */
export function encuentroProcess(args: string[], env: Record<string, string> = {}, input?: string): Promise<CliRun> {
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
