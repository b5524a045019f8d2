import { readFileSync } from 'node:fs';
import type { Config } from '../../server/config.ts';
import { type ImportResult, importOrganizations, importPeople } from '../../server/directory/import.ts';
import { openMigratedDatabase } from '../database.ts';
import { CliFailure, EXIT, type Output, reasonOf } from '../output.ts';

export type ImportTarget = 'organizations' | 'people';

/** `encuentro import organisations|people FILE.csv` (`-` reads standard input). */
export async function importCommand(out: Output, config: Config, target: ImportTarget, file: string): Promise<number> {
  // Read the file before opening the database: a wrong name should not wait for it.
  const text = readCsvText(out, file);
  const { database } = await openMigratedDatabase(out, config);
  let result: ImportResult;
  try {
    const importer = target === 'organizations' ? importOrganizations : importPeople;
    result = await importer(database.db, text);
  } catch (error) {
    throw new CliFailure(EXIT.failed, 'cli.import.failed', { reason: reasonOf(error) });
  } finally {
    await database.close();
  }

  if (result.outcome === 'imported') {
    out.say('cli.import.done', { what: target, count: result.imported });
    return EXIT.ok;
  }
  if (result.rows.length > 0) {
    out.complain('cli.import.rejected', { rejected: result.rows.length, total: result.total });
  } else {
    out.complain('cli.import.file_rejected');
  }
  // File problems (the header) first, then the rows, each line with all its reasons.
  const problems = [...result.file, ...result.rows].sort((a, b) => a.line - b.line);
  for (const { line, reasons } of problems) {
    for (const reason of reasons) {
      out.complain('cli.import.problem', { line, reason: out.text(reason.key, reason.values) });
    }
  }
  return EXIT.failed;
}

function readCsvText(out: Output, file: string): string {
  let bytes: Buffer;
  try {
    bytes = file === '-' ? out.terminal.stdin() : readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'other';
    throw new CliFailure(EXIT.failed, 'cli.file_unreadable', { file, code, reason: reasonOf(error) });
  }
  try {
    // Spreadsheets on Windows often save CSV in a legacy code page; reading it as UTF-8 would mangle every accent.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliFailure(EXIT.failed, 'cli.not_utf8', { file });
  }
}
