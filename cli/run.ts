import {
  ORGANIZATION_COLUMNS,
  PERSON_COLUMNS,
  REQUIRED_ORGANIZATION_COLUMNS,
  REQUIRED_PERSON_COLUMNS,
} from '../server/directory/import.ts';
import { CONTACT_VISIBILITIES, ORGANIZATION_KINDS, ORGANIZATION_STATUSES } from '../shared/domain.ts';
import type { MessageKey } from '../shared/i18n/index.ts';
import type { ImportTarget } from './commands/import.ts';
import { CliFailure, EXIT, type Output, reasonOf, type Terminal, terminalOutput } from './output.ts';

/** Both spellings are accepted: the network writes British English, the code American. */
const IMPORT_TARGETS: Record<string, ImportTarget> = {
  organisations: 'organizations',
  organizations: 'organizations',
  people: 'people',
};

/** What the arguments ask for, or the usage error they make. */
type Invocation =
  | { command: 'help' }
  | { command: 'migrate' }
  | { command: 'seed-demo' }
  | { command: 'import'; target: ImportTarget; file: string }
  | { command: 'admin-create'; email: string; name?: string | undefined }
  | { command: 'editor-create'; email: string; name: string | undefined }
  | { command: 'draw-verify'; source: string }
  | { command: 'backup' | 'restore'; file: string; force: boolean };

function parseArguments(args: string[]): Invocation {
  const [command, ...rest] = args;
  if (command === undefined || command === 'help' || args.some((arg) => arg === '--help' || arg === '-h')) {
    return { command: 'help' };
  }
  const noMore = (extra: string[]) => {
    if (extra[0] !== undefined) throw new CliFailure(EXIT.usage, 'cli.unexpected_argument', { argument: extra[0] });
  };
  /** `--name NAME` (or `--name=NAME`) after the address, for the person of a new account; nothing else. */
  const nameOption = (extra: string[], usageKey: MessageKey): string | undefined => {
    const [flag, value, ...more] = extra;
    if (flag === undefined) return undefined;
    if (flag.startsWith('--name=')) {
      noMore([value, ...more].filter((arg) => arg !== undefined));
      const inline = flag.slice('--name='.length).trim();
      if (!inline) throw new CliFailure(EXIT.usage, usageKey);
      return inline;
    }
    if (flag !== '--name') noMore(extra);
    if (!value?.trim() || value.startsWith('--')) throw new CliFailure(EXIT.usage, usageKey);
    noMore(more);
    return value.trim();
  };
  switch (command) {
    case 'migrate':
      noMore(rest);
      return { command: 'migrate' };
    case 'seed': {
      const [what, ...extra] = rest;
      if (what !== 'demo') throw new CliFailure(EXIT.usage, 'cli.seed_what');
      noMore(extra);
      return { command: 'seed-demo' };
    }
    case 'import': {
      const [what, file, ...extra] = rest;
      const target = what === undefined ? undefined : IMPORT_TARGETS[what.toLowerCase()];
      if (!what || !target) throw new CliFailure(EXIT.usage, 'cli.import_what');
      if (!file) throw new CliFailure(EXIT.usage, 'cli.missing_file', { what });
      noMore(extra);
      return { command: 'import', target, file };
    }
    case 'admin': {
      const [what, email, ...extra] = rest;
      if (what !== 'create' || !email) throw new CliFailure(EXIT.usage, 'cli.admin_what');
      return { command: 'admin-create', email, name: nameOption(extra, 'cli.admin_what') };
    }
    case 'editor': {
      const [what, email, ...extra] = rest;
      if (what !== 'create' || !email) throw new CliFailure(EXIT.usage, 'news.cli.editor_what');
      return { command: 'editor-create', email, name: nameOption(extra, 'news.cli.editor_what') };
    }
    case 'draw': {
      const [what, source, ...extra] = rest;
      if (what !== 'verify' || !source) throw new CliFailure(EXIT.usage, 'bingo.cli.verify_what' as MessageKey);
      noMore(extra);
      return { command: 'draw-verify', source };
    }
    case 'backup':
    case 'restore': {
      const force = rest.includes('--force');
      const [file, ...extra] = rest.filter((arg) => arg !== '--force');
      if (!file) throw new CliFailure(EXIT.usage, 'cli.backup_what', { command });
      noMore(extra);
      return { command, file, force };
    }
    default:
      throw new CliFailure(EXIT.usage, 'cli.unknown_command', { command });
  }
}

function usage(out: Output): string {
  const columns = (all: readonly string[], required: readonly string[]) =>
    wrap(all.map((name) => (required.includes(name) ? `${name}*` : name)));
  return `${out.text('cli.usage', {
    organizationColumns: columns(ORGANIZATION_COLUMNS, REQUIRED_ORGANIZATION_COLUMNS),
    peopleColumns: columns(PERSON_COLUMNS, REQUIRED_PERSON_COLUMNS),
    kinds: ORGANIZATION_KINDS.join(', '),
    statuses: ORGANIZATION_STATUSES.join(', '),
    visibilities: CONTACT_VISIBILITIES.join(', '),
  })}\n\n${out.text('bingo.cli.usage' as MessageKey)}\n\n${out.text('news.cli.usage')}`;
}

/** A list laid out on short lines, continuation lines indented under the first. */
function wrap(items: string[], width = 64): string {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line && line.length + item.length + 2 > width) {
      lines.push(`${line},`);
      line = item;
    } else {
      line = line ? `${line}, ${item}` : item;
    }
  }
  lines.push(line);
  return lines.join('\n    ');
}

async function execute(out: Output, invocation: Invocation): Promise<number> {
  if (invocation.command === 'help') {
    out.terminal.stdout(`${usage(out)}\n`);
    return EXIT.ok;
  }
  // Reads published JSON only: no database, no configuration.
  if (invocation.command === 'draw-verify') {
    return (await import('./draw.ts')).drawVerifyCommand(out, invocation.source);
  }
  // Loaded on demand: the configuration schema and the database layer take a
  // second to load, and help or a mistyped command should not wait for them.
  const { configuration } = await import('./database.ts');
  const config = configuration(out);
  switch (invocation.command) {
    case 'migrate':
      return (await import('./commands/migrate.ts')).migrateCommand(out, config);
    case 'seed-demo':
      return (await import('./commands/seed.ts')).seedDemoCommand(out, config);
    case 'import':
      return (await import('./commands/import.ts')).importCommand(out, config, invocation.target, invocation.file);
    case 'admin-create':
      return (await import('./commands/admin.ts')).adminCreateCommand(out, config, invocation.email, invocation.name);
    case 'editor-create':
      return (await import('./commands/editor.ts')).editorCreateCommand(out, config, invocation.email, invocation.name);
    case 'backup':
      return (await import('./commands/backup.ts')).backupCommand(out, config, invocation.file, invocation.force);
    case 'restore':
      return (await import('./commands/backup.ts')).restoreCommand(out, config, invocation.file, invocation.force);
  }
}

/** Run the command the arguments name; the exit status. */
export async function main(args: string[], terminal: Terminal): Promise<number> {
  const out = terminalOutput(terminal);
  try {
    return await execute(out, parseArguments(args));
  } catch (error) {
    if (!(error instanceof CliFailure)) {
      out.complain('cli.failed', { reason: reasonOf(error) });
      return EXIT.failed;
    }
    if (error.key) out.complain(error.key, error.values);
    if (error.status === EXIT.usage) out.terminal.stderr(`\n${usage(out)}\n`);
    return error.status;
  }
}
