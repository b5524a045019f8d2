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

/** Where a command writes, in the reader's language: results to stdout, problems to stderr. */
export interface Output {
  language: Language;
  say(key: MessageKey, values?: MessageValues): void;
  complain(key: MessageKey, values?: MessageValues): void;
  text(key: MessageKey, values?: MessageValues): string;
}

export function consoleOutput(language: Language): Output {
  const text = (key: MessageKey, values?: MessageValues) => translate(language, key, values);
  return {
    language,
    text,
    say: (key, values) => process.stdout.write(`${text(key, values)}\n`),
    complain: (key, values) => process.stderr.write(`${text(key, values)}\n`),
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
