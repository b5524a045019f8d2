import { CsvError, parse } from 'csv-parse/sync';
import { inArray, sql } from 'drizzle-orm';
import {
  CONTACT_VISIBILITIES,
  type ContactVisibility,
  ORGANIZATION_KINDS,
  ORGANIZATION_STATUSES,
  type OrganizationKind,
  type OrganizationStatus,
} from '../../shared/domain.ts';
import type { MessageKey, MessageValues } from '../../shared/i18n/index.ts';
import { isStorableText, withStorableCharacters } from '../../shared/schema-helpers.ts';
import { slugify } from '../../shared/text.ts';
import { type Db, notify, type Queryable, rows } from '../db/client.ts';
import { CHANGES_CHANNEL } from '../realtime/changes.ts';
import { insertOrganizations, insertPeople, type NewOrganization, type NewPerson } from './service.ts';
import { countries, organizations, topics } from './tables.ts';

/**
 * Bulk import of the directory from CSV files (the `encuentro import` command).
 * Every row is checked before anything is written, and all rows go in with one
 * transaction: a file is imported whole or not at all. Problems are returned as
 * catalog keys with values, so the caller words them in the reader's language.
 */

export const ORGANIZATION_COLUMNS = [
  'slug',
  'kind',
  'name',
  'acronym',
  'country',
  'website',
  'member_of',
  'status',
  'description_en',
  'description_es',
] as const;
export const REQUIRED_ORGANIZATION_COLUMNS: readonly string[] = ['kind', 'name'];

export const PERSON_COLUMNS = [
  'name',
  'country',
  'email',
  'email_visibility',
  'phone',
  'phone_visibility',
  'website',
  'website_visibility',
  'languages',
  'topics',
  'bio_en',
  'bio_es',
  'organization',
  'role_en',
  'role_es',
] as const;
export const REQUIRED_PERSON_COLUMNS: readonly string[] = ['name'];

/** Spellings of a column name that mean the same column. */
const COLUMN_ALIASES: Record<string, string> = { organisation: 'organization' };

/** Separates the values of the list columns (languages, topics). */
export const LIST_SEPARATOR = ';';

export interface ImportReason {
  key: MessageKey;
  values?: MessageValues;
}

/** The problems found on one line of the file (line 1 is the header). */
export interface LineProblems {
  line: number;
  reasons: ImportReason[];
}

export type ImportResult =
  | { outcome: 'imported'; imported: number }
  | {
      outcome: 'rejected';
      /** Data rows in the file. */
      total: number;
      /** Problems of the file as a whole: its header, or text that is not CSV. */
      file: LineProblems[];
      /** The rejected rows, in file order, each with all its problems. */
      rows: LineProblems[];
    };

export async function importOrganizations(db: Db, csvText: string): Promise<ImportResult> {
  const csv = readCsv(csvText, ORGANIZATION_COLUMNS, REQUIRED_ORGANIZATION_COLUMNS);
  return importRows(db, csv, async (tx) => {
    const checked = await checkOrganizations(tx, csv);
    return { ...checked, insert: () => insertOrganizations(tx, checked.valid) };
  });
}

export async function importPeople(db: Db, csvText: string): Promise<ImportResult> {
  const csv = readCsv(csvText, PERSON_COLUMNS, REQUIRED_PERSON_COLUMNS);
  return importRows(db, csv, async (tx) => {
    const checked = await checkPeople(tx, csv);
    return { ...checked, insert: () => insertPeople(tx, checked.valid) };
  });
}

interface Checked {
  rejected: LineProblems[];
  insert(): Promise<unknown>;
}

async function importRows(db: Db, csv: CsvFile, check: (tx: Queryable) => Promise<Checked>): Promise<ImportResult> {
  if (csv.problems.length > 0 && csv.rows.length === 0) {
    return { outcome: 'rejected', total: 0, file: csv.problems, rows: [] };
  }
  // The checks read inside the transaction that writes, so what they saw is
  // what the insert meets; a row another writer adds meanwhile still trips the
  // unique indexes, which throws and rolls everything back.
  return db.transaction(async (tx): Promise<ImportResult> => {
    const { rejected, insert } = await check(tx);
    if (csv.problems.length > 0 || rejected.length > 0) {
      return { outcome: 'rejected', total: csv.rows.length, file: csv.problems, rows: rejected };
    }
    await insert();
    // NOTIFY inside a transaction is delivered at commit and dropped on
    // rollback: running servers drop their cached reads only once the rows
    // are there for them to read.
    await notify(tx, CHANGES_CHANNEL, 'directory');
    return { outcome: 'imported', imported: csv.rows.length };
  });
}

// --- Reading the CSV ------------------------------------------------------

export interface CsvRow {
  line: number;
  /** Known columns only; empty cells are absent. */
  values: Record<string, string>;
  /** Problems found while reading the row (a wrong number of values). */
  reasons: ImportReason[];
}

export interface CsvFile {
  columns: Set<string>;
  rows: CsvRow[];
  problems: LineProblems[];
}

const QUOTE_ERRORS = new Set([
  'CSV_QUOTE_NOT_CLOSED',
  'CSV_INVALID_CLOSING_QUOTE',
  'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE',
  'INVALID_OPENING_QUOTE',
]);

export function readCsv(text: string, known: readonly string[], required: readonly string[]): CsvFile {
  // csv-parse counts bytes, so line numbers are worked out on the same bytes. UTF-8 has no form for half a
  // surrogate pair (encoding would quietly make it U+FFFD): it becomes a NUL, refused with its cell below.
  const bytes = Buffer.from(text.replace(/[\ud800-\udfff]/gu, '\u0000'), 'utf8');
  const lines = new LineCounter(bytes);
  const headerStart = skipBlank(bytes, startOfText(bytes));
  const headerLine = lines.lineOf(headerStart);
  if (headerStart >= bytes.length) {
    return { columns: new Set(), rows: [], problems: [{ line: 1, reasons: [{ key: 'import.problem.empty_file' }] }] };
  }
  const headerEnd = endOfFirstRecord(bytes, headerStart);

  let header: string[] = [];
  const read: { record: Record<string, string>; end: number; found?: number }[] = [];
  let lastEnd = headerEnd;
  let fatal: LineProblems | undefined;
  try {
    parse(bytes, {
      columns: (names: string[]) => {
        header = names.map(columnName);
        // Unnamed columns (a spreadsheet's trailing empty cells) get a private name, checked below.
        return header.map((name, index) => name || unnamedColumn(index));
      },
      delimiter: guessDelimiter(bytes.subarray(headerStart, headerEnd)),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      // A row with too few or too many values is reported with the others, not as the end of reading.
      relax_column_count: true,
      on_record: (record: Record<string, string>, context) => {
        const found = context.error?.code === 'CSV_RECORD_INCONSISTENT_COLUMNS' ? fieldCount(context.error) : undefined;
        read.push({ record, end: context.bytes, ...(found === undefined ? {} : { found }) });
        lastEnd = context.bytes;
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const problem = QUOTE_ERRORS.has(error.code) ? 'quote' : 'other';
    fatal = {
      line: lines.lineOf(skipBlank(bytes, lastEnd)),
      reasons: [{ key: 'import.problem.malformed', values: { problem } }],
    };
  }

  // When the header itself cannot be read, the missing columns would only repeat that.
  if (header.length === 0 && fatal) return { columns: new Set(), rows: [], problems: [fatal] };
  const { present, reasons: headerReasons } = checkHeader(header, read, known, required);

  const rowsRead: CsvRow[] = [];
  let previousEnd = headerEnd;
  for (const { record, end, found } of read) {
    const values: Record<string, string> = {};
    for (const name of known) {
      const value = record[name];
      if (value) values[name] = value;
    }
    const reasons: ImportReason[] =
      found === undefined ? [] : [{ key: 'import.problem.field_count', values: { found, expected: header.length } }];
    // PostgreSQL cannot store them: said per cell rather than failing the whole file at the insert. The row's
    // other checks (which query the database) go on with the characters replaced, so they can say their part too.
    for (const [column, value] of Object.entries(values)) {
      if (isStorableText(value)) continue;
      reasons.push({ key: 'import.problem.unstorable', values: { column } });
      values[column] = withStorableCharacters(value);
    }
    rowsRead.push({ line: lines.lineOf(skipBlank(bytes, previousEnd)), values, reasons });
    previousEnd = end;
  }

  const problems: LineProblems[] = [];
  if (headerReasons.length > 0) problems.push({ line: headerLine, reasons: headerReasons });
  if (fatal) problems.push(fatal);
  else if (rowsRead.length === 0) problems.push({ line: headerLine, reasons: [{ key: 'import.problem.no_rows' }] });
  return { columns: present, rows: fatal ? [] : rowsRead, problems };
}

/** Columns named twice, unknown, missing, or holding values without a name: each said once, for the file. */
function checkHeader(
  header: string[],
  read: { record: Record<string, string> }[],
  known: readonly string[],
  required: readonly string[],
): { present: Set<string>; reasons: ImportReason[] } {
  const reasons: ImportReason[] = [];
  const present = new Set<string>();
  const unknown: string[] = [];
  header.forEach((name, index) => {
    if (!name) {
      if (read.some((r) => r.record[unnamedColumn(index)])) {
        reasons.push({ key: 'import.problem.unnamed_column', values: { position: index + 1 } });
      }
    } else if (present.has(name)) {
      reasons.push({ key: 'import.problem.duplicate_column', values: { column: name } });
    } else if (!known.includes(name)) {
      unknown.push(name);
    }
    if (name) present.add(name);
  });
  if (unknown.length > 0) {
    reasons.push({
      key: 'import.problem.unknown_columns',
      values: { count: unknown.length, columns: quoteList(unknown), known: known.join(', ') },
    });
  }
  for (const name of required) {
    if (!present.has(name)) reasons.push({ key: 'import.problem.missing_column', values: { column: name } });
  }
  return { present, reasons };
}

function unnamedColumn(index: number): string {
  return `\u0000unnamed ${index + 1}`;
}

/** "Member of" and "Member-Of" both name the column member_of. */
function columnName(raw: string): string {
  const name = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return COLUMN_ALIASES[name] ?? name;
}

function fieldCount(error: CsvError): number | undefined {
  return Array.isArray(error.record) ? error.record.length : undefined;
}

/** Spreadsheets set to Spanish write CSV with ";" between values: take whichever separator the header uses most. */
function guessDelimiter(headerBytes: Buffer): string {
  const header = headerBytes.toString('utf8').replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: header.split(delimiter).length - 1 }));
  const best = counts.reduce((a, b) => (b.count > a.count ? b : a));
  return best.count > 0 ? best.delimiter : ',';
}

function startOfText(bytes: Buffer): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** Skip the blank lines csv-parse skips, to land where the next record starts. */
function skipBlank(bytes: Buffer, offset: number): number {
  let at = offset;
  while (at < bytes.length && (bytes[at] === 0x0a || bytes[at] === 0x0d || bytes[at] === 0x20 || bytes[at] === 0x09)) {
    at++;
  }
  return at;
}

/** Where the header ends: the first line break outside quotes. */
function endOfFirstRecord(bytes: Buffer, start: number): number {
  let quoted = false;
  for (let at = start; at < bytes.length; at++) {
    if (bytes[at] === 0x22) quoted = !quoted;
    else if (bytes[at] === 0x0a && !quoted) return at + 1;
  }
  return bytes.length;
}

/** Line numbers of byte offsets asked for in increasing order, in one pass over the file. */
class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly bytes: Buffer) {}

  lineOf(offset: number): number {
    if (offset < this.offset) {
      this.offset = 0;
      this.line = 1;
    }
    for (; this.offset < offset && this.offset < this.bytes.length; this.offset++) {
      if (this.bytes[this.offset] === 0x0a) this.line++;
    }
    return this.line;
  }
}

// --- Checking the rows ----------------------------------------------------

function quoteList(values: readonly string[]): string {
  return values.map((value) => `“${withStorableCharacters(value)}”`).join(', ');
}

function oneOf<T extends string>(allowed: readonly T[], value: string): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

// Deliberately loose: one @, something on each side, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+\d\s()./-]+$/;
const LANGUAGE_CODE = /^[a-z]{2,3}$/;

function listOf(value: string | undefined): string[] {
  if (!value) return [];
  const items = value
    .split(LIST_SEPARATOR)
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(items)];
}

async function knownCountries(tx: Queryable, codes: string[]): Promise<Set<string>> {
  const wanted = [...new Set(codes)].filter((code) => /^[A-Z]{2}$/.test(code));
  if (wanted.length === 0) return new Set();
  const found = await tx.select({ code: countries.code }).from(countries).where(inArray(countries.code, wanted));
  return new Set(found.map((row) => row.code));
}

async function existingSlugs(tx: Queryable, slugs: string[]): Promise<Set<string>> {
  const wanted = [...new Set(slugs)];
  if (wanted.length === 0) return new Set();
  const found = await tx
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(inArray(organizations.slug, wanted));
  return new Set(found.map((row) => row.slug));
}

/** Checks shared by both files; returns the upper-cased country code when it is a known one. */
function checkCommon(
  values: Record<string, string>,
  known: { countries: Set<string> },
  reasons: ImportReason[],
): { countryCode: string | undefined } {
  let countryCode: string | undefined;
  if (values.country) {
    countryCode = values.country.toUpperCase();
    if (!known.countries.has(countryCode)) {
      reasons.push({ key: 'import.problem.country', values: { value: values.country } });
    }
  }
  if (values.website && !isHttpUrl(values.website)) {
    reasons.push({ key: 'import.problem.url', values: { column: 'website', value: values.website } });
  }
  return { countryCode };
}

/** A required column the header lacks is reported once for the file, not again on every row. */
function requireValues(row: CsvRow, csv: CsvFile, required: readonly string[], reasons: ImportReason[]): void {
  for (const column of required) {
    if (csv.columns.has(column) && !row.values[column]) {
      reasons.push({ key: 'import.problem.required', values: { column } });
    }
  }
}

async function checkOrganizations(
  tx: Queryable,
  csv: CsvFile,
): Promise<{ valid: NewOrganization[]; rejected: LineProblems[] }> {
  const input = csv.rows;
  // First pass: every row's slug, so member_of can tell "earlier", "later" and "nowhere" apart.
  const planned = input.map((row) => {
    const given = row.values.slug;
    const derived = slugify(row.values.acronym ?? '') || slugify(row.values.name ?? '');
    return { row, slug: given ?? derived, derived: given === undefined };
  });
  const firstLineOfSlug = new Map<string, number>();
  for (const { row, slug } of planned) if (slug && !firstLineOfSlug.has(slug)) firstLineOfSlug.set(slug, row.line);

  const memberOfs = input.map((row) => row.values.member_of?.toLowerCase()).filter((slug): slug is string => !!slug);
  // One after another: a transaction is one connection, which runs one query at a time.
  const stored = await existingSlugs(tx, [...firstLineOfSlug.keys(), ...memberOfs]);
  const knownCountryCodes = await knownCountries(
    tx,
    input.map((row) => row.values.country?.toUpperCase() ?? ''),
  );
  const known = { countries: knownCountryCodes };

  const valid: NewOrganization[] = [];
  const rejected: LineProblems[] = [];
  for (const { row, slug, derived } of planned) {
    const { values, line } = row;
    const reasons = [...row.reasons];
    requireValues(row, csv, REQUIRED_ORGANIZATION_COLUMNS, reasons);

    const kind = values.kind ? oneOf<OrganizationKind>(ORGANIZATION_KINDS, values.kind.toLowerCase()) : undefined;
    if (values.kind && !kind) {
      reasons.push({
        key: 'import.problem.not_one_of',
        values: { column: 'kind', value: values.kind, allowed: ORGANIZATION_KINDS.join(', ') },
      });
    }
    const status = values.status
      ? oneOf<OrganizationStatus>(ORGANIZATION_STATUSES, values.status.toLowerCase())
      : 'active';
    if (!status) {
      reasons.push({
        key: 'import.problem.not_one_of',
        values: { column: 'status', value: values.status, allowed: ORGANIZATION_STATUSES.join(', ') },
      });
    }
    const { countryCode } = checkCommon(values, known, reasons);

    const mark = derived ? 'yes' : 'no';
    if (!derived && slugify(slug) !== slug) {
      reasons.push({
        key: 'import.problem.slug_form',
        values: { value: slug, suggestion: slugify(slug) || 'ami-paraguay' },
      });
    } else if (!slug) {
      if (values.name) reasons.push({ key: 'import.problem.slug_underivable' });
    } else if (stored.has(slug)) {
      reasons.push({ key: 'import.problem.slug_taken', values: { value: slug, derived: mark } });
    } else if (firstLineOfSlug.get(slug) !== line) {
      reasons.push({
        key: 'import.problem.slug_repeated',
        values: { value: slug, other: firstLineOfSlug.get(slug), derived: mark },
      });
    }

    const memberOf = values.member_of?.toLowerCase();
    if (memberOf) {
      const definedOn = firstLineOfSlug.get(memberOf);
      if (memberOf === slug) {
        reasons.push({ key: 'import.problem.member_of_self', values: { value: values.member_of } });
      } else if (definedOn !== undefined && definedOn > line && !stored.has(memberOf)) {
        reasons.push({ key: 'import.problem.member_of_later', values: { value: values.member_of, other: definedOn } });
      } else if (definedOn === undefined && !stored.has(memberOf)) {
        reasons.push({ key: 'import.problem.member_of_unknown', values: { value: values.member_of } });
      }
    }

    if (reasons.length > 0) {
      rejected.push({ line, reasons });
      continue;
    }
    // Without a reason of its own, a row lacks these only when the header lacks the column, reported once already.
    if (!kind || !status || !values.name) continue;
    valid.push({
      slug,
      kind,
      status,
      name: values.name,
      acronym: values.acronym ?? null,
      countryCode: countryCode ?? null,
      website: values.website ?? null,
      memberOfSlug: memberOf ?? null,
      descriptionEn: values.description_en ?? null,
      descriptionEs: values.description_es ?? null,
    });
  }
  return { valid, rejected };
}

async function checkPeople(tx: Queryable, csv: CsvFile): Promise<{ valid: NewPerson[]; rejected: LineProblems[] }> {
  const input = csv.rows;
  const emails = input.map((row) => row.values.email?.toLowerCase()).filter((email): email is string => !!email);
  // One after another: a transaction is one connection, which runs one query at a time.
  const knownCountryCodes = await knownCountries(
    tx,
    input.map((row) => row.values.country?.toUpperCase() ?? ''),
  );
  const stored = await existingSlugs(
    tx,
    input.map((row) => row.values.organization?.toLowerCase() ?? '').filter(Boolean),
  );
  const emailsTaken =
    emails.length === 0
      ? []
      : await rows<{ email: string }>(
          tx,
          sql`select lower(email) as email from people where lower(email) in (${sql.join(
            [...new Set(emails)].map((email) => sql`${email}`),
            sql`, `,
          )})`,
        );
  const topicRows = await tx.select({ slug: topics.slug }).from(topics).orderBy(topics.slug);
  const known = { countries: knownCountryCodes };
  const takenEmails = new Set(emailsTaken.map((row) => row.email));
  const knownTopics = new Set(topicRows.map((row) => row.slug));
  const firstLineOfEmail = new Map<string, number>();

  const valid: NewPerson[] = [];
  const rejected: LineProblems[] = [];
  for (const row of input) {
    const { values, line } = row;
    const reasons = [...row.reasons];
    requireValues(row, csv, REQUIRED_PERSON_COLUMNS, reasons);
    const { countryCode } = checkCommon(values, known, reasons);

    if (values.email) {
      const email = values.email.toLowerCase();
      const earlier = firstLineOfEmail.get(email);
      if (!EMAIL.test(values.email)) {
        reasons.push({ key: 'import.problem.email', values: { value: values.email } });
      } else if (takenEmails.has(email)) {
        reasons.push({ key: 'import.problem.email_taken', values: { value: values.email } });
      } else if (earlier !== undefined) {
        reasons.push({ key: 'import.problem.email_repeated', values: { value: values.email, other: earlier } });
      } else {
        firstLineOfEmail.set(email, line);
      }
    }
    if (values.phone && !(PHONE.test(values.phone) && /\d/.test(values.phone))) {
      reasons.push({ key: 'import.problem.phone', values: { column: 'phone', value: values.phone } });
    }

    const visibility = (column: 'email_visibility' | 'phone_visibility' | 'website_visibility') => {
      const value = values[column];
      if (!value) return undefined;
      const found = oneOf<ContactVisibility>(CONTACT_VISIBILITIES, value.toLowerCase());
      if (!found) {
        reasons.push({
          key: 'import.problem.not_one_of',
          values: { column, value, allowed: CONTACT_VISIBILITIES.join(', ') },
        });
      }
      return found;
    };
    const emailVisibility = visibility('email_visibility');
    const phoneVisibility = visibility('phone_visibility');
    const websiteVisibility = visibility('website_visibility');

    const languages = listOf(values.languages);
    for (const language of languages) {
      if (!LANGUAGE_CODE.test(language)) reasons.push({ key: 'import.problem.language', values: { value: language } });
    }
    const personTopics = listOf(values.topics);
    for (const topic of personTopics) {
      if (!knownTopics.has(topic)) {
        reasons.push({
          key: 'import.problem.topic',
          values: { value: topic, known: knownTopics.size > 0 ? [...knownTopics].join(', ') : '—' },
        });
      }
    }

    const organization = values.organization?.toLowerCase();
    if (organization && !stored.has(organization)) {
      reasons.push({ key: 'import.problem.organization_unknown', values: { value: values.organization } });
    }
    if (!organization && (values.role_en || values.role_es)) {
      reasons.push({ key: 'import.problem.role_without_organization' });
    }

    if (reasons.length > 0) {
      rejected.push({ line, reasons });
      continue;
    }
    if (!values.name) continue; // the header lacks the column, reported once already
    valid.push({
      name: values.name,
      countryCode: countryCode ?? null,
      languages,
      topics: personTopics,
      bioEn: values.bio_en ?? null,
      bioEs: values.bio_es ?? null,
      email: values.email ?? null,
      emailVisibility,
      phone: values.phone ?? null,
      phoneVisibility,
      website: values.website ?? null,
      websiteVisibility,
      affiliations: organization
        ? [{ organizationSlug: organization, roleEn: values.role_en ?? null, roleEs: values.role_es ?? null }]
        : [],
    });
  }
  return { valid, rejected };
}
