import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import {
  ATTENDEE_COLUMNS,
  type AttendeeColumn,
  type AttendeeImportBody,
  type AttendeeImportReport,
  type ImportedRow,
  type ImportMatch,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
} from '../../shared/api/attendees.ts';
import type { OrganizationRef } from '../../shared/api/directory.ts';
import type { AttendeeRole, Language } from '../../shared/domain.ts';
import { type MessageKey, type MessageValues, translate } from '../../shared/i18n/index.ts';
import { searchForm } from '../../shared/text.ts';
import { canManageAttendees, requireAllowed } from '../accounts/policy.ts';
import type { AppContext } from '../context.ts';
import type { Queryable } from '../db/client.ts';
import { newBadgeCode } from '../delegations/attendance.ts';
import { DELEGATIONS_TOPIC } from '../delegations/service.ts';
import { attendances, delegations } from '../delegations/tables.ts';
import { readCsv } from '../directory/import.ts';
import { presentOrganizationRef } from '../directory/presenter.ts';
import { insertPeople } from '../directory/service.ts';
import { affiliations, people } from '../directory/tables.ts';
import { recordAudit } from '../editing/audit.ts';
import { AppError } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import {
  affiliationsOf,
  attendancesOfEvent,
  badgeCodesOfEvent,
  type DirectoryPerson,
  delegationsOfEvent,
  moveIntoDelegations,
  type OrganizationRow,
  peopleByEmail,
  peopleByNameForm,
  selectCountries,
  selectOrganizations,
} from './queries.ts';
import { requireEvent } from './service.ts';

/**
 * Importing an event's attendee list (decision 0031). Every row is read and
 * matched against the directory first; the report says, row by row, who is
 * new, who is someone already in the directory (by e-mail, else by the
 * accent-free name, which staff confirm), and what is wrong with the rest.
 * Applying checks again inside the one transaction that writes, and writes
 * nothing unless every row is right: people, affiliations, delegations,
 * memberships and attendances go in together or not at all. Importing the
 * same list again finds the same people and updates their attendance.
 */

export interface ImportInput {
  /** CSV text (a text/csv body) or the JSON body. */
  body: string | AttendeeImportBody;
  dryRun: boolean;
  /** Row numbers whose match by name staff confirmed (the JSON body's `confirm`, or the query's for CSV). */
  confirm: number[];
}

interface Problem {
  field: AttendeeColumn | null;
  key: MessageKey;
  values?: MessageValues;
}

interface SourceRow {
  row: number;
  line: number;
  values: Partial<Record<AttendeeColumn, string>>;
  problems: Problem[];
}

interface Source {
  rows: SourceRow[];
  file: { line: number; key: MessageKey; values?: MessageValues }[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LANGUAGE_CODE = /^[a-z]{2,3}$/;

/** The words a list may use for each role at the event, in English and Spanish (compared without accents or case). */
const ROLE_WORDS: Record<string, AttendeeRole> = {
  delegate: 'delegate',
  delegado: 'delegate',
  delegada: 'delegate',
  staff: 'staff',
  personal: 'staff',
  equipo: 'staff',
  partner: 'partner',
  socio: 'partner',
  socia: 'partner',
  aliado: 'partner',
  aliada: 'partner',
  speaker: 'speaker',
  ponente: 'speaker',
  conferencista: 'speaker',
};

// --- Reading ---------------------------------------------------------------------

function readSource(body: string | AttendeeImportBody): Source {
  if (typeof body === 'string' || body.csv !== undefined) {
    const text = typeof body === 'string' ? body : (body.csv as string);
    if (Buffer.byteLength(text, 'utf8') > MAX_IMPORT_BYTES) {
      throw new AppError('invalid_input', 'attendees.error.too_large', { limit: MAX_IMPORT_BYTES / 1024 / 1024 });
    }
    const csv = readCsv(text, ATTENDEE_COLUMNS, ['name']);
    if (csv.rows.length > MAX_IMPORT_ROWS) {
      throw new AppError('invalid_input', 'attendees.error.too_many_rows', { limit: MAX_IMPORT_ROWS });
    }
    return {
      file: csv.problems.flatMap((p) => p.reasons.map((r) => ({ line: p.line, key: r.key, values: r.values ?? {} }))),
      rows: csv.rows.map((row, index) => ({
        row: index + 1,
        line: row.line,
        values: row.values,
        problems: row.reasons.map((r) => ({
          field: columnOf(r.values?.column),
          key: r.key,
          ...(r.values ? { values: r.values } : {}),
        })),
      })),
    };
  }
  if (!body.rows) throw new AppError('invalid_input', 'attendees.error.nothing_to_import');
  return {
    file: body.rows.length === 0 ? [{ line: 1, key: 'import.problem.no_rows' }] : [],
    rows: body.rows.map((cells, index) => {
      const values: SourceRow['values'] = {};
      for (const column of ATTENDEE_COLUMNS) {
        const value = cells[column]?.trim();
        if (value) values[column] = value;
      }
      return { row: index + 1, line: index + 1, values, problems: [] };
    }),
  };
}

function columnOf(value: unknown): AttendeeColumn | null {
  return ATTENDEE_COLUMNS.find((column) => column === value) ?? null;
}

// --- Matching names of things ---------------------------------------------------

type Resolved = { organization: OrganizationRow } | { choices: OrganizationRow[] } | { none: true };

/** Organisations found by slug (exactly), else by name or acronym without accents, case or punctuation. */
function organizationIndex(all: OrganizationRow[]) {
  const bySlug = new Map(all.map((o) => [o.slug, o]));
  const byForm = new Map<string, OrganizationRow[]>();
  for (const organization of all) {
    for (const form of new Set([searchForm(organization.name), searchForm(organization.acronym)])) {
      if (!form) continue;
      const list = byForm.get(form) ?? [];
      list.push(organization);
      byForm.set(form, list);
    }
  }
  return (text: string): Resolved => {
    const exact = bySlug.get(text.trim().toLowerCase());
    if (exact) return { organization: exact };
    const found = byForm.get(searchForm(text)) ?? [];
    if (found.length === 1) return { organization: found[0] as OrganizationRow };
    if (found.length > 1) return { choices: [...found].sort((a, b) => a.name.localeCompare(b.name)) };
    return { none: true };
  };
}

function countryIndex(all: { code: string; nameEn: string; nameEs: string }[]) {
  const byText = new Map<string, string>();
  for (const country of all) {
    byText.set(country.code.toLowerCase(), country.code);
    byText.set(searchForm(country.nameEn), country.code);
    byText.set(searchForm(country.nameEs), country.code);
  }
  return (text: string): string | undefined =>
    /^[a-z]{2}$/i.test(text) ? byText.get(text.toLowerCase()) : byText.get(searchForm(text));
}

function rolesOf(text: string): { roles: AttendeeRole[]; unknown: string[] } {
  const roles = new Set<AttendeeRole>();
  const unknown: string[] = [];
  for (const word of text.split(/[;,/|]/)) {
    const trimmed = word.trim();
    if (!trimmed) continue;
    const role = ROLE_WORDS[searchForm(trimmed)];
    if (role) roles.add(role);
    else unknown.push(trimmed);
  }
  return { roles: [...roles], unknown };
}

// --- Checking -------------------------------------------------------------------

interface Planned {
  source: SourceRow;
  /** Someone already in the directory, or null for a new person. */
  person: DirectoryPerson | null;
  email: string | null;
  organization: OrganizationRow | null;
  delegation: OrganizationRow | null;
  countryCode: string | null;
  language: string | null;
  /** Null when the row says nothing of the role: an attendance keeps what it had. */
  roles: AttendeeRole[] | null;
}

interface Checked {
  report: ImportedRow[];
  planned: Planned[];
  hasErrors: boolean;
  counts: AttendeeImportReport['counts'];
}

async function check(
  db: Queryable,
  eventId: string,
  source: Source,
  confirm: Set<number>,
  applying: boolean,
  language: Language,
): Promise<Checked> {
  const rowsIn = source.rows;
  const emails = rowsIn.flatMap((r) =>
    r.values.email && EMAIL.test(r.values.email) ? [r.values.email.toLowerCase()] : [],
  );
  const forms = rowsIn.flatMap((r) => (r.values.name ? [searchForm(r.values.name)] : []));
  // One after the other: inside a transaction they share one connection anyway.
  const organizationRows = await selectOrganizations(db);
  const countryRows = await selectCountries(db);
  const byEmailRows = await peopleByEmail(db, [...new Set(emails)]);
  const byNameRows = await peopleByNameForm(db, [...new Set(forms)]);
  const attending = await attendancesOfEvent(db, eventId);
  const eventDelegations = await delegationsOfEvent(db, eventId);
  const findOrganization = organizationIndex(organizationRows);
  const findCountry = countryIndex(countryRows);
  const byEmail = new Map(byEmailRows.map((p) => [(p.email as string).toLowerCase(), p]));
  const byName = new Map<string, DirectoryPerson[]>();
  for (const person of byNameRows) byName.set(person.searchText, [...(byName.get(person.searchText) ?? []), person]);
  const attendingIds = new Set(attending.map((a) => a.personId));
  const withDelegation = new Set(eventDelegations.map((d) => d.organizationId));

  const report: ImportedRow[] = [];
  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  const counts = { rows: rowsIn.length, new: 0, matched: 0, toConfirm: 0, errors: 0 };
  const ref = (o: OrganizationRow): OrganizationRef => presentOrganizationRef(o);

  for (const source of rowsIn) {
    const { values } = source;
    const problems: Problem[] = [...source.problems];
    const email = values.email ?? null;
    if (!values.name && !problems.some((p) => p.field === 'name')) {
      problems.push({ field: 'name', key: 'import.problem.required', values: { column: 'name' } });
    }
    if (email && !EMAIL.test(email))
      problems.push({ field: 'email', key: 'import.problem.email', values: { value: email } });

    let organization: OrganizationRow | null = null;
    let organizationChoices: OrganizationRow[] = [];
    if (values.organization) {
      const found = findOrganization(values.organization);
      if ('organization' in found) organization = found.organization;
      else if ('choices' in found) {
        organizationChoices = found.choices;
        problems.push({
          field: 'organization',
          key: 'attendees.problem.organization_ambiguous',
          values: { value: values.organization, count: found.choices.length },
        });
      } else {
        problems.push({
          field: 'organization',
          key: 'attendees.problem.organization_unknown',
          values: { value: values.organization },
        });
      }
    }

    let delegation: OrganizationRow | null = null;
    if (values.delegation) {
      const found = findOrganization(values.delegation);
      if ('organization' in found) delegation = found.organization;
      else {
        problems.push({
          field: 'delegation',
          key: 'choices' in found ? 'attendees.problem.delegation_ambiguous' : 'attendees.problem.delegation_unknown',
          values: { value: values.delegation },
        });
      }
    }

    let countryCode: string | null = null;
    if (values.country) {
      countryCode = findCountry(values.country) ?? null;
      if (!countryCode)
        problems.push({ field: 'country', key: 'attendees.problem.country', values: { value: values.country } });
    }

    let chosenLanguage: string | null = null;
    if (values.language) {
      chosenLanguage = values.language.toLowerCase();
      if (!LANGUAGE_CODE.test(chosenLanguage)) {
        problems.push({ field: 'language', key: 'import.problem.language', values: { value: values.language } });
      }
    }

    let roles: AttendeeRole[] | null = null;
    if (values.role) {
      const read = rolesOf(values.role);
      roles = read.roles;
      if (read.unknown.length > 0) {
        problems.push({
          field: 'role',
          key: 'attendees.problem.role',
          values: { value: read.unknown.join(', '), allowed: 'delegate, staff, partner, speaker' },
        });
      }
    }

    // Who the row is: the directory person with this e-mail; else the one person with this name (accents and
    // case aside) who has no other e-mail; else someone new.
    let person: DirectoryPerson | null = null;
    let match: ImportMatch | null = null;
    const lowerEmail = email && EMAIL.test(email) ? email.toLowerCase() : null;
    if (lowerEmail && byEmail.has(lowerEmail)) {
      person = byEmail.get(lowerEmail) as DirectoryPerson;
      match = { personId: person.id, name: person.name, by: 'email', needsConfirmation: false, confirmed: true };
    } else if (values.name) {
      const namesakes = (byName.get(searchForm(values.name)) ?? []).filter(
        (p) => !(lowerEmail && p.email && p.email.toLowerCase() !== lowerEmail),
      );
      if (namesakes.length > 1) {
        problems.push({ field: 'name', key: 'attendees.problem.name_ambiguous', values: { count: namesakes.length } });
      } else if (namesakes.length === 1) {
        person = namesakes[0] as DirectoryPerson;
        const needsConfirmation = !attendingIds.has(person.id);
        const confirmed = !needsConfirmation || confirm.has(source.row);
        match = { personId: person.id, name: person.name, by: 'name', needsConfirmation, confirmed };
        if (applying && !confirmed) problems.push({ field: 'name', key: 'attendees.problem.confirm_name' });
      }
    }

    const identity = person
      ? person.id
      : lowerEmail
        ? `email:${lowerEmail}`
        : values.name
          ? `name:${searchForm(values.name)}`
          : null;
    if (identity) {
      const other = seen.get(identity);
      if (other !== undefined) {
        problems.push({ field: null, key: 'attendees.problem.repeated', values: { other } });
      } else {
        seen.set(identity, source.line);
      }
    }

    const outcome = problems.length > 0 ? 'error' : person ? 'matched' : 'new';
    if (outcome === 'error') counts.errors++;
    else if (outcome === 'matched') counts.matched++;
    else counts.new++;
    if (match && !match.confirmed && outcome !== 'error') counts.toConfirm++;

    report.push({
      row: source.row,
      line: source.line,
      cells: { ...values },
      name: values.name ?? null,
      email,
      outcome,
      match,
      organization: organization ? ref(organization) : null,
      organizationChoices: organizationChoices.map(ref),
      delegation: delegation ? { organization: ref(delegation), isNew: !withDelegation.has(delegation.id) } : null,
      country: countryCode,
      language: chosenLanguage,
      roles: roles ?? [],
      attending: person !== null && attendingIds.has(person.id),
      problems: problems.map((p) => ({ field: p.field, message: translate(language, p.key, p.values) })),
    });
    if (problems.length === 0) {
      planned.push({ source, person, email, organization, delegation, countryCode, language: chosenLanguage, roles });
    }
  }
  const hasErrors = counts.errors > 0 || source.file.length > 0 || counts.toConfirm > 0;
  return { report, planned, hasErrors, counts };
}

// --- Applying -------------------------------------------------------------------

const flagsOf = (roles: AttendeeRole[]) => ({
  isStaff: roles.includes('staff'),
  isPartner: roles.includes('partner'),
  isSpeaker: roles.includes('speaker'),
});

async function write(tx: Queryable, eventId: string, planned: Planned[]): Promise<void> {
  // New people, with the organisation they come from.
  const fresh = planned.filter((p) => p.person === null);
  const freshIds = await insertPeople(
    tx,
    fresh.map((p) => ({
      name: p.source.values.name as string,
      email: p.email,
      countryCode: p.countryCode,
      languages: p.language ? [p.language] : [],
      affiliations: p.organization ? [{ organizationSlug: p.organization.slug }] : [],
    })),
  );
  const personIdOf = new Map<Planned, string>();
  for (const [index, p] of fresh.entries()) personIdOf.set(p, freshIds[index] as string);

  // People already in the directory: blanks filled in, never overwritten; joined to the organisation named.
  const known = planned.filter((p) => p.person !== null);
  const theirAffiliations = await affiliationsOf(
    tx,
    known.map((p) => (p.person as DirectoryPerson).id),
  );
  const affiliationCount = new Map<string, number>();
  const affiliated = new Set<string>();
  for (const a of theirAffiliations) {
    affiliationCount.set(a.personId, (affiliationCount.get(a.personId) ?? 0) + 1);
    affiliated.add(`${a.personId}/${a.organizationId}`);
  }
  const newAffiliations: { personId: string; organizationId: string; position: number }[] = [];
  for (const p of known) {
    const person = p.person as DirectoryPerson;
    personIdOf.set(p, person.id);
    const changes: Partial<typeof people.$inferInsert> = {};
    if (!person.email && p.email) changes.email = p.email;
    if (!person.countryCode && p.countryCode) changes.countryCode = p.countryCode;
    if (p.language && !person.languages.includes(p.language)) changes.languages = [...person.languages, p.language];
    if (Object.keys(changes).length > 0) {
      await tx
        .update(people)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(people.id, person.id));
    }
    if (p.organization && !affiliated.has(`${person.id}/${p.organization.id}`)) {
      affiliated.add(`${person.id}/${p.organization.id}`);
      const position = affiliationCount.get(person.id) ?? 0;
      affiliationCount.set(person.id, position + 1);
      newAffiliations.push({ personId: person.id, organizationId: p.organization.id, position });
    }
  }
  if (newAffiliations.length > 0) await tx.insert(affiliations).values(newAffiliations);

  // The delegations named, made where the organisation has none to this event yet.
  const wantedDelegations = [...new Set(planned.flatMap((p) => (p.delegation ? [p.delegation.id] : [])))];
  if (wantedDelegations.length > 0) {
    await tx
      .insert(delegations)
      .values(wantedDelegations.map((organizationId) => ({ eventId, organizationId })))
      .onConflictDoNothing();
  }
  const delegationOf = new Map((await delegationsOfEvent(tx, eventId)).map((d) => [d.organizationId, d.id]));

  // Attendances: the ones there are updated, the others made with badge codes unique at the event.
  const existing = new Map((await attendancesOfEvent(tx, eventId)).map((a) => [a.personId, a]));
  const usedCodes = await badgeCodesOfEvent(tx, eventId);
  const inserts: (typeof attendances.$inferInsert)[] = [];
  const placements: { personId: string; delegationId: string }[] = [];
  for (const p of planned) {
    const personId = personIdOf.get(p) as string;
    const delegationId = p.delegation ? (delegationOf.get(p.delegation.id) ?? null) : null;
    if (delegationId) placements.push({ personId, delegationId });
    const current = existing.get(personId);
    if (current) {
      const changes: Partial<typeof attendances.$inferInsert> = {};
      if (delegationId && current.delegationId !== delegationId) changes.delegationId = delegationId;
      if (p.roles) {
        const flags = flagsOf(p.roles);
        if (flags.isStaff !== current.isStaff) changes.isStaff = flags.isStaff;
        if (flags.isPartner !== current.isPartner) changes.isPartner = flags.isPartner;
        if (flags.isSpeaker !== current.isSpeaker) changes.isSpeaker = flags.isSpeaker;
      }
      if (Object.keys(changes).length > 0)
        await tx.update(attendances).set(changes).where(eq(attendances.id, current.id));
      continue;
    }
    let badgeCode = newBadgeCode();
    while (usedCodes.has(badgeCode)) badgeCode = newBadgeCode();
    usedCodes.add(badgeCode);
    inserts.push({
      eventId,
      personId,
      delegationId,
      badgeCode,
      rotatingSecret: randomBytes(20).toString('base64url'),
      countryCode: p.countryCode ?? p.person?.countryCode ?? null,
      ...flagsOf(p.roles ?? []),
    });
  }
  // In slices, to stay well under PostgreSQL's limit of parameters per statement.
  for (let start = 0; start < inserts.length; start += 1000) {
    await tx.insert(attendances).values(inserts.slice(start, start + 1000));
  }
  await moveIntoDelegations(tx, eventId, placements);
}

function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** POST /api/events/:slug/attendees/import: the report, and with `dryRun=false` the list applied whole or not at all. */
export async function importAttendees(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  input: ImportInput,
  language: Language,
): Promise<AttendeeImportReport> {
  const actor = requireAllowed(viewer, canManageAttendees(viewer));
  const event = await requireEvent(ctx.db, slug);
  const source = readSource(input.body);
  const confirm = new Set(input.confirm);
  const file = source.file.map((f) => ({ line: f.line, message: translate(language, f.key, f.values) }));
  const answer = (checked: Checked, applied: boolean): AttendeeImportReport => ({
    dryRun: input.dryRun,
    applied,
    counts: checked.counts,
    file,
    rows: checked.report,
  });

  if (input.dryRun) return answer(await check(ctx.db, event.id, source, confirm, false, language), false);

  let result: AttendeeImportReport;
  try {
    result = await ctx.db.transaction(async (tx) => {
      // One import of an event at a time: the second sees the people the first made, and matches them.
      await tx.execute(sql`select id from events where id = ${event.id} for update`);
      const checked = await check(tx, event.id, source, confirm, true, language);
      if (checked.hasErrors) return answer(checked, false);
      const before = (await attendancesOfEvent(tx, event.id)).length;
      await write(tx, event.id, checked.planned);
      const after = (await attendancesOfEvent(tx, event.id)).length;
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: 'update',
        entityType: 'event',
        entityId: event.id,
        changes: {
          attendees: { before, after },
          imported: { before: null, after: { new: checked.counts.new, matched: checked.counts.matched } },
        },
        at: ctx.clock.now(),
      });
      return answer(checked, true);
    });
  } catch (error) {
    // Someone else wrote one of these people (an e-mail) meanwhile: the preview is out of date.
    if (isUniqueViolation(error)) throw new AppError('conflict', 'attendees.error.changed_meanwhile');
    throw error;
  }
  if (result.applied) {
    await ctx.changed('directory');
    await ctx.changed(DELEGATIONS_TOPIC);
  }
  return result;
}

/**
 * The demo's attendee list goes in the way staff's does, inside the loader's
 * transaction. A wrong row is a mistake in the demo data: it stops the load,
 * naming the row.
 */
export async function importDemoAttendees(tx: Queryable, eventId: string, csv: string): Promise<void> {
  const source = readSource(csv);
  // The demo's matches by name are the people meant: confirmed, as staff would.
  const confirmed = new Set(source.rows.map((row) => row.row));
  const checked = await check(tx, eventId, source, confirmed, true, 'en');
  const wrong = checked.report.filter((row) => row.outcome === 'error');
  if (checked.hasErrors) {
    throw new Error(`Demo attendee list: ${JSON.stringify(wrong.map((row) => [row.line, row.problems]))}`);
  }
  await write(tx, eventId, checked.planned);
}
