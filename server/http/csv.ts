import { type Options, stringify } from 'csv-stringify/sync';

/**
 * Every CSV the server writes goes through here. A cell that begins with
 * `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width forms)
 * would be run as a formula by a spreadsheet that opens the file, so it is
 * written with a leading apostrophe, which spreadsheets show as text
 * (csv-stringify's `escape_formulas`; OWASP "CSV Injection"). Numbers keep
 * their minus sign. Names, notes and organisations are user text: this is
 * not optional for any export.
 */
export function toCsv(records: unknown[], options: Omit<Options, 'escape_formulas'> = {}): string {
  return stringify(records, { ...options, escape_formulas: true });
}
