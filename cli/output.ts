import { readFileSync } from 'node:fs';
import type { Language } from '../shared/domain.ts';
import { type MessageKey, type MessageValues, translate } from '../shared/i18n/index.ts';

/** Exit statuses of the command (78 is EX_CONFIG from sysexits.h, as the server uses). */
export const EXIT = { ok: 0, failed: 1, usage: 2, config: 78 } as const;

/**
 * The language of the messages, from the locale variables in POSIX order of
 * precedence: LC_ALL overrides LC_MESSAGES, which overrides LANG.
 */
export function languageFromEnvironment(env: Record<string, string | undefined>): Language {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value) ?? '';
  return locale.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/**
 * What a command runs in: its environment, its standard streams. The real
 * process in production; buffers when a test runs the command in its own
 * process.
 */
export interface Terminal {
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input, read when a command asks for `-`. */
  stdin(): Buffer;
}

export function processTerminal(): Terminal {
  return {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: () => readFileSync(0),
  };
}

/** Where a command writes, in the reader's language: results to stdout, problems to stderr. */
export interface Output {
  language: Language;
  terminal: Terminal;
  say(key: MessageKey, values?: MessageValues): void;
  complain(key: MessageKey, values?: MessageValues): void;
  text(key: MessageKey, values?: MessageValues): string;
}

export function terminalOutput(terminal: Terminal): Output {
  const language = languageFromEnvironment(terminal.env);
  const text = (key: MessageKey, values?: MessageValues) => translate(language, key, values);
  return {
    language,
    terminal,
    text,
    say: (key, values) => terminal.stdout(`${text(key, values)}\n`),
    complain: (key, values) => terminal.stderr(`${text(key, values)}\n`),
  };
}

/**
 * A failure with its exit status and message, raised anywhere in a command
 * and reported once by main. Without a key, the message was already written.
 */
export class CliFailure extends Error {
  constructor(
    readonly status: number,
    readonly key?: MessageKey,
    readonly values: MessageValues = {},
  ) {
    super(key ?? `exit ${status}`);
  }
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
