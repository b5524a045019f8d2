import { and, eq, inArray, max, ne, sql } from 'drizzle-orm';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { OrganizationDetail, PersonDetail } from '../../shared/api/directory.ts';
import type {
  AuditAction,
  AuditChanges,
  AuditedEntity,
  FieldErrorBody,
  NewAffiliation,
  NewOrganization,
  NewPerson,
  OrganizationChanges,
  PersonChanges,
  PersonRecord,
} from '../../shared/api/editing.ts';
import type { MessageKey, MessageValues } from '../../shared/i18n/index.ts';
import { searchForm } from '../../shared/text.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { type Queryable, rows, type Tx } from '../db/client.ts';
import { AppError, type ErrorCode, notFound } from '../errors.ts';
import { errorHandler } from '../http/errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { localized, presentOrganizationRef } from './presenter.ts';
import { type PersonStanding, selectAffiliationsOfPeople, selectPersonStanding } from './queries.ts';
import { reference } from './reference.ts';
import { getOrganization, getPerson, insertOrganizations, insertPeople } from './service.ts';
import { affiliations, organizations, people } from './tables.ts';

// === The editing kit: what every capability's writes share ===============

/**
 * Who may write: the rules of server/accounts/policy.ts, bound by
 * server/accounts/editing-policy.ts and handed in by the composition root,
 * because accounts depends on the directory and never the reverse. Each
 * `require…` returns the signed-in viewer, or throws 401 when nobody is signed
 * in and 403 when the account lacks the right.
 */
export interface EditingPolicy {
  requireAdmin(viewer: Viewer | null): Viewer;
  requireCanEditOrganization(viewer: Viewer | null, organizationId: string): Viewer;
  /** Kind, status and parent place an organisation in the network; may this editor change them? */
  mayChangeOrganizationStanding(viewer: Viewer): boolean;
  requireCanCreatePerson(viewer: Viewer | null): Viewer;
  requireCanEditPerson(viewer: Viewer | null, person: PersonStanding): Viewer;
  requireCanManageAffiliation(viewer: Viewer | null, organizationId: string): Viewer;
  /** May the person join the organisation on this editor's word alone, or must they (or an admin) accept? */
  mayAffiliateWithoutConsent(viewer: Viewer, organizationId: string, person: PersonStanding): boolean;
}

export interface AuditRecord {
  actorUserId: string;
  action: AuditAction;
  entityType: AuditedEntity;
  entityId: string;
  changes: AuditChanges;
  at: Date;
}

export interface EditingKit {
  policy: EditingPolicy;
  /** Writes one audit record inside the caller's transaction, so the change and its record commit together. */
  audit(tx: Queryable, record: AuditRecord): Promise<void>;
}

export type ChangeTopic = 'directory' | 'programme' | 'groups' | 'news' | 'building';
export type AuditLog = (entry: Omit<AuditRecord, 'actorUserId' | 'at'>) => Promise<void>;

/** A rule broken by one field of a write: the form shows the message next to that field. */
export class FieldError extends AppError {
  constructor(
    code: ErrorCode,
    messageKey: MessageKey,
    values: MessageValues,
    readonly field: string,
  ) {
    super(code, messageKey, values);
  }
}

/** A save based on an old version. Its field is `version`: a form tells it from other conflicts (a taken slug) by that. */
export const versionConflict = (entity: AuditedEntity, read: number, current: number) =>
  new FieldError('conflict', 'editing.error.conflict', { entity, read, current }, 'version');

/** The row is locked and current: a version other than the one the client read means someone else saved meanwhile. */
export function expectVersion(entity: AuditedEntity, current: number, read: number | undefined): void {
  if (read !== undefined && current !== read) throw versionConflict(entity, read, current);
}

/**
 * Run a write in one transaction with its audit records, then announce the
 * change. The announcement comes after the commit, never inside it, so no
 * reader can see what a rollback undid. Database refusals that slipped past
 * the checks (a race on a unique slug, a row still referenced) become 409s.
 */
export async function commitWrite<T>(
  ctx: AppContext,
  kit: EditingKit,
  actor: Viewer,
  topic: ChangeTopic,
  work: (tx: Tx, log: AuditLog) => Promise<T>,
): Promise<T> {
  const at = ctx.clock.now();
  let result: T;
  try {
    result = await ctx.db.transaction((tx) =>
      work(tx, (entry) => kit.audit(tx, { ...entry, actorUserId: actor.userId, at })),
    );
  } catch (error) {
    throw fromDatabaseRefusal(error);
  }
  await ctx.changed(topic);
  return result;
}

function databaseErrorCode(error: unknown): string | undefined {
  // Drizzle wraps the driver's error; both pg and PGlite carry the SQLSTATE as `code`.
  for (let current = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

function fromDatabaseRefusal(error: unknown): unknown {
  if (error instanceof AppError) return error;
  switch (databaseErrorCode(error)) {
    case '23505':
      return new AppError('conflict', 'editing.error.duplicate');
    case '23503':
      return new AppError('conflict', 'editing.error.still_referenced');
    case '40001':
    case '40P01':
      return new AppError('conflict', 'editing.error.try_again');
    default:
      return error;
  }
}

/**
 * The writes' error handler: the shared one's answer, plus `field` when one
 * field is at fault (a schema violation in the body, or a FieldError).
 */
export function editingErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const field = error instanceof FieldError ? error.field : bodyFieldOf(error);
  if (field === undefined) return errorHandler(error, request, reply);
  const answer: { status: number; body?: FieldErrorBody } = { status: 500 };
  const recorder = {
    code(status: number) {
      answer.status = status;
      return recorder;
    },
    type: () => recorder,
    send(body: FieldErrorBody) {
      answer.body = body;
      return recorder;
    },
  };
  errorHandler(error, request, recorder as unknown as FastifyReply);
  const { code = 'invalid_input', message = '' } = answer.body?.error ?? {};
  return reply.code(answer.status).type('application/json; charset=utf-8').send({ error: { code, message, field } });
}

function bodyFieldOf(error: FastifyError): string | undefined {
  const issue = error.validation?.[0];
  if (!issue || error.validationContext !== 'body') return undefined;
  const params = issue.params as { missingProperty?: string; additionalProperty?: string };
  const path = issue.instancePath.split('/').filter(Boolean);
  const leaf = params.missingProperty ?? params.additionalProperty;
  if (leaf) path.push(leaf);
  return path.length > 0 ? path.join('.') : undefined;
}

// --- Values and changes ---------------------------------------------------

/** Forms send "" for an empty box: stored as null. Surrounding spaces never matter. */
export function cleanText(value: string | null): string | null;
export function cleanText(value: string | null | undefined): string | null | undefined;
export function cleanText(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value?.trim() || null;
}

/** Before and after of every field whose value differs (compared as JSON, so lists and dates compare by content). */
export function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>): AuditChanges {
  const changes: AuditChanges = {};
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const was = before[field] ?? null;
    if (JSON.stringify(was) !== JSON.stringify(value)) changes[field] = { before: was, after: value };
  }
  return changes;
}

export const createdChanges = (state: Record<string, unknown>) =>
  changesBetween({}, Object.fromEntries(Object.entries(state).filter(([, value]) => value !== null)));

export const deletedChanges = (state: Record<string, unknown>): AuditChanges =>
  Object.fromEntries(
    Object.entries(state)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([field, value]) => [field, { before: value, after: null }]),
  );

export const nothingChanged = (changes: AuditChanges) => Object.keys(changes).length === 0;

/** Drop the fields a body left out, so `{ ...current, ...given }` changes only what was sent. */
export const given = <T extends Record<string, unknown>>(values: T): Partial<T> =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;

/** Both languages of a text, each only if the body named it. */
export function givenTexts(prefix: string, texts: { en?: string | null; es?: string | null } | undefined) {
  return given({ [`${prefix}.en`]: cleanText(texts?.en), [`${prefix}.es`]: cleanText(texts?.es) });
}

// --- Reference checks -----------------------------------------------------

export async function checkedCountry(
  ctx: ServiceContext,
  code: string | null | undefined,
  field = 'country',
): Promise<string | null | undefined> {
  if (code === undefined) return undefined;
  if (!code?.trim()) return null;
  const upper = code.trim().toUpperCase();
  if (!(await reference(ctx)).countries.has(upper)) {
    throw new FieldError('rule_broken', 'editing.error.unknown_country', { code: upper }, field);
  }
  return upper;
}

export async function checkedTopics(
  ctx: ServiceContext,
  slugs: string[] | undefined,
  field = 'topics',
): Promise<string[] | undefined> {
  if (slugs === undefined) return undefined;
  const known = (await reference(ctx)).topics;
  const unknown = slugs.find((slug) => !known.has(slug));
  if (unknown) throw new FieldError('rule_broken', 'editing.error.unknown_topic', { slug: unknown }, field);
  return slugs;
}

/** Organisation ids for slugs, in the order given; an unknown slug breaks the rule, naming the field. */
export async function organizationIdsOf(db: Queryable, slugs: string[], field: string): Promise<string[]> {
  if (slugs.length === 0) return [];
  const found = await db
    .select({ id: organizations.id, slug: organizations.slug })
    .from(organizations)
    .where(inArray(organizations.slug, slugs));
  const ids = new Map(found.map((row) => [row.slug, row.id]));
  return slugs.map((slug) => {
    const id = ids.get(slug);
    if (!id) throw new FieldError('rule_broken', 'editing.error.unknown_organization', { slug }, field);
    return id;
  });
}

async function organizationIdBySlug(db: Queryable, slug: string): Promise<string | undefined> {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
  return row?.id;
}

async function organizationBySlug(db: Queryable, slug: string) {
  const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  if (!row) throw notFound('error.not_found.organization', { slug });
  return row;
}

async function personById(db: Queryable, id: string, lock = false) {
  const query = db.select().from(people).where(eq(people.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('error.not_found.person', { id });
  return row;
}

// === Organisations ========================================================

type OrganizationRow = typeof organizations.$inferSelect;

/** The fields of an organisation as the API names them: what the audit log compares. */
async function organizationState(db: Queryable, row: OrganizationRow) {
  const [parent] = row.memberOfId
    ? await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, row.memberOfId))
    : [];
  return {
    name: row.name,
    acronym: row.acronym,
    kind: row.kind,
    status: row.status,
    country: row.countryCode,
    website: row.website,
    memberOf: parent?.slug ?? null,
    'description.en': row.descriptionEn,
    'description.es': row.descriptionEs,
  };
}
type OrganizationState = Awaited<ReturnType<typeof organizationState>>;

const STANDING_FIELDS = ['kind', 'status', 'memberOf'] as const;

async function organizationInput(ctx: ServiceContext, input: Omit<OrganizationChanges, 'version'>) {
  return given({
    name: input.name?.trim(),
    acronym: cleanText(input.acronym),
    kind: input.kind,
    status: input.status,
    country: await checkedCountry(ctx, input.country),
    website: cleanText(input.website),
    memberOf: cleanText(input.memberOf),
    ...givenTexts('description', input.description),
  }) as Partial<OrganizationState>;
}

/** The parent must exist, and must not be the organisation itself or one of its own members (no loops). */
async function checkedParentId(tx: Queryable, parentSlug: string | null, selfId: string | null) {
  if (parentSlug === null) return null;
  const [parentId] = await organizationIdsOf(tx, [parentSlug], 'memberOf');
  if (!parentId || selfId === null) return parentId ?? null;
  const loop = await rows<{ found: number }>(
    tx,
    sql`with recursive up(id, member_of_id) as (
          select id, member_of_id from organizations where id = ${parentId}
          union
          select o.id, o.member_of_id from organizations o join up on o.id = up.member_of_id)
        select 1 as found from up where id = ${selfId}`,
  );
  if (loop.length > 0) throw new FieldError('rule_broken', 'editing.error.member_of_itself', {}, 'memberOf');
  return parentId;
}

export async function createOrganization(
  ctx: AppContext,
  kit: EditingKit,
  viewer: Viewer | null,
  input: NewOrganization,
): Promise<OrganizationDetail> {
  const actor = kit.policy.requireAdmin(viewer);
  const state = await organizationInput(ctx, input);
  await commitWrite(ctx, kit, actor, 'directory', async (tx, log) => {
    const [taken] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.slug, input.slug));
    if (taken) throw new FieldError('conflict', 'editing.error.slug_taken', { slug: input.slug }, 'slug');
    await checkedParentId(tx, state.memberOf ?? null, null);
    const ids = await insertOrganizations(tx, [
      {
        slug: input.slug,
        kind: input.kind,
        status: state.status,
        name: state.name ?? input.name,
        acronym: state.acronym,
        countryCode: state.country,
        website: state.website,
        memberOfSlug: state.memberOf,
        descriptionEn: state['description.en'],
        descriptionEs: state['description.es'],
      },
    ]);
    const row = await organizationBySlug(tx, input.slug);
    await log({
      action: 'create',
      entityType: 'organization',
      entityId: ids.get(input.slug) ?? row.id,
      changes: createdChanges({ slug: input.slug, ...(await organizationState(tx, row)) }),
    });
  });
  return getOrganization(ctx, input.slug);
}

export async function updateOrganization(
  ctx: AppContext,
  kit: EditingKit,
  viewer: Viewer | null,
  slug: string,
  input: OrganizationChanges,
): Promise<OrganizationDetail> {
  const targetId = await organizationIdBySlug(ctx.db, slug);
  // Authorised before saying whether it exists: an unknown slug is only an admin's to hear about.
  const actor = kit.policy.requireCanEditOrganization(viewer, targetId ?? '');
  if (!targetId) throw notFound('error.not_found.organization', { slug });
  const wanted = await organizationInput(ctx, input);
  await commitWrite(ctx, kit, actor, 'directory', async (tx, log) => {
    // Locked until the commit, so the "before" written to the audit log is exactly what this change replaced.
    const [row] = await tx.select().from(organizations).where(eq(organizations.id, targetId)).for('update');
    if (!row) throw notFound('error.not_found.organization', { slug });
    expectVersion('organization', row.version, input.version);
    const before = await organizationState(tx, row);
    const after = { ...before, ...wanted };
    const changes = changesBetween(before, after);
    if (nothingChanged(changes)) return;
    const standing = STANDING_FIELDS.find((field) => field in changes);
    if (standing && !kit.policy.mayChangeOrganizationStanding(actor)) {
      throw new FieldError('forbidden', 'editing.error.standing_admin_only', {}, standing);
    }
    const memberOfId = 'memberOf' in changes ? await checkedParentId(tx, after.memberOf, row.id) : row.memberOfId;
    // The version in the condition is what makes a concurrent save a conflict instead of an overwrite.
    const updated = await tx
      .update(organizations)
      .set({
        name: after.name,
        acronym: after.acronym,
        kind: after.kind,
        status: after.status,
        countryCode: after.country,
        website: after.website,
        memberOfId,
        descriptionEn: after['description.en'],
        descriptionEs: after['description.es'],
        searchText: searchForm(after.name, after.acronym, row.slug.replaceAll('-', ' ')),
        version: sql`${organizations.version} + 1`,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(organizations.id, row.id), eq(organizations.version, input.version)))
      .returning({ id: organizations.id });
    if (updated.length === 0) throw versionConflict('organization', input.version, row.version);
    await log({ action: 'update', entityType: 'organization', entityId: row.id, changes });
  });
  return getOrganization(ctx, slug);
}

export async function deleteOrganization(
  ctx: AppContext,
  kit: EditingKit,
  viewer: Viewer | null,
  slug: string,
  version: number | undefined,
): Promise<OrganizationDetail> {
  const actor = kit.policy.requireAdmin(viewer);
  const shown = await getOrganization(ctx, slug);
  await commitWrite(ctx, kit, actor, 'directory', async (tx, log) => {
    const [row] = await tx.select().from(organizations).where(eq(organizations.slug, slug)).for('update');
    if (!row) throw notFound('error.not_found.organization', { slug });
    expectVersion('organization', row.version, version);
    const [member] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.memberOfId, row.id))
      .limit(1);
    if (member) throw new AppError('conflict', 'editing.error.organization_has_members', { name: row.name });
    const state = await organizationState(tx, row);
    // Events it hosts and groups it leads refer to it without cascading: the database refuses, commitWrite says 409.
    await tx.delete(organizations).where(eq(organizations.id, row.id));
    await log({
      action: 'delete',
      entityType: 'organization',
      entityId: row.id,
      changes: deletedChanges({ slug, ...state }),
    });
  });
  return shown;
}

// === People ===============================================================

type PersonRow = typeof people.$inferSelect;

function personState(row: PersonRow) {
  return {
    name: row.name,
    country: row.countryCode,
    languages: row.languages,
    topics: row.topics,
    'bio.en': row.bioEn,
    'bio.es': row.bioEs,
    'contact.email': row.email,
    'contact.email.visibility': row.emailVisibility,
    'contact.phone': row.phone,
    'contact.phone.visibility': row.phoneVisibility,
    'contact.website': row.website,
    'contact.website.visibility': row.websiteVisibility,
  };
}
type PersonState = ReturnType<typeof personState>;

async function personInput(ctx: ServiceContext, input: Omit<PersonChanges, 'version'>) {
  const contact = input.contact ?? {};
  return given({
    name: input.name?.trim(),
    country: await checkedCountry(ctx, input.country),
    languages: input.languages,
    topics: await checkedTopics(ctx, input.topics),
    ...givenTexts('bio', input.bio),
    'contact.email': cleanText(contact.email?.value)?.toLowerCase(),
    'contact.email.visibility': contact.email?.visibility,
    'contact.phone': cleanText(contact.phone?.value),
    'contact.phone.visibility': contact.phone?.visibility,
    'contact.website': cleanText(contact.website?.value),
    'contact.website.visibility': contact.website?.visibility,
  }) as Partial<PersonState>;
}

/** Addresses are unique among people (case aside): say so on the field rather than fail on the index. */
async function checkEmailFree(tx: Queryable, email: string | null | undefined, personId: string | null) {
  if (!email) return;
  const condition = sql`lower(${people.email}) = ${email.toLowerCase()}`;
  const [other] = await tx
    .select({ id: people.id })
    .from(people)
    .where(personId ? and(condition, ne(people.id, personId)) : condition);
  if (other) throw new FieldError('conflict', 'editing.error.email_taken', { email }, 'contact.email.value');
}

export async function createPerson(
  ctx: AppContext,
  kit: EditingKit,
  viewer: Viewer | null,
  input: NewPerson,
): Promise<PersonDetail> {
  const actor = kit.policy.requireCanCreatePerson(viewer);
  const state = await personInput(ctx, input);
  const asked = input.affiliation?.organization;
  // A manager's new person joins the manager's organisation; an admin may name any organisation, or none.
  let organizationSlug = asked;
  if (actor.role !== 'admin') {
    const [own] = actor.organizationId
      ? await ctx.db
          .select({ slug: organizations.slug })
          .from(organizations)
          .where(eq(organizations.id, actor.organizationId))
      : [];
    if (!own || (asked !== undefined && asked !== own.slug)) {
      throw new FieldError('forbidden', 'editing.error.own_organization_only', {}, 'affiliation.organization');
    }
    organizationSlug = own.slug;
  }
  const role = input.affiliation?.role;
  const personId = await commitWrite(ctx, kit, actor, 'directory', async (tx, log) => {
    if (organizationSlug) await organizationIdsOf(tx, [organizationSlug], 'affiliation.organization');
    await checkEmailFree(tx, state['contact.email'], null);
    const [id] = await insertPeople(tx, [
      {
        name: state.name ?? input.name,
        countryCode: state.country,
        languages: state.languages,
        topics: state.topics,
        bioEn: state['bio.en'],
        bioEs: state['bio.es'],
        email: state['contact.email'],
        emailVisibility: state['contact.email.visibility'],
        phone: state['contact.phone'],
        phoneVisibility: state['contact.phone.visibility'],
        website: state['contact.website'],
        websiteVisibility: state['contact.website.visibility'],
        affiliations: organizationSlug
          ? [{ organizationSlug, roleEn: cleanText(role?.en), roleEs: cleanText(role?.es) }]
          : [],
      },
    ]);
    if (!id) throw new Error('insertPeople returned no id');
    const row = await personById(tx, id);
    await log({ action: 'create', entityType: 'person', entityId: id, changes: createdChanges(personState(row)) });
    if (organizationSlug) await logAffiliation(tx, log, 'create', id, organizationSlug);
    return id;
  });
  return getPerson(ctx, personId, viewer);
}

export async function updatePerson(
  ctx: AppContext,
  kit: EditingKit,
  viewer: Viewer | null,
  id: string,
  input: PersonChanges,
): Promise<PersonDetail> {
  const actor = kit.policy.requireCanEditPerson(viewer, await selectPersonStanding(ctx.db, id));
  await personById(ctx.db, id);
  const wanted = await personInput(ctx, input);
  await commitWrite(ctx, kit, actor, 'directory', async (tx, log) => {
    const row = await personById(tx, id, true);
    expectVersion('person', row.version, input.version);
    const before = personState(row);
    const after = { ...before, ...wanted };
    const changes = changesBetween(before, after);
    if (nothingChanged(changes)) return;
    if ('contact.email' in changes) await checkEmailFree(tx, after['contact.email'], id);
    const updated = await tx
      .update(people)
      .set({
        name: after.name,
        countryCode: after.country,
        languages: after.languages,
        topics: after.topics,
        bioEn: after['bio.en'],
        bioEs: after['bio.es'],
        email: after['contact.email'],
        emailVisibility: after['contact.email.visibility'],
        phone: after['contact.phone'],
        phoneVisibility: after['contact.phone.visibility'],
        website: after['contact.website'],
        websiteVisibility: after['contact.website.visibility'],
        searchText: searchForm(after.name),
        version: sql`${people.version} + 1`,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(people.id, id), eq(people.version, input.version)))
      .returning({ id: people.id });
    if (updated.length === 0) throw versionConflict('person', input.version, row.version);
    await log({ action: 'update', entityType: 'person', entityId: id, changes });
  });
  return getPerson(ctx, id, viewer);
}

export async function deletePerson(
  ctx: AppContext,
  kit: EditingKit,
  viewer: Viewer | null,
  id: string,
  version: number | undefined,
): Promise<PersonDetail> {
  const actor = kit.policy.requireAdmin(viewer);
  const shown = await getPerson(ctx, id, viewer);
  await commitWrite(ctx, kit, actor, 'directory', async (tx, log) => {
    const row = await personById(tx, id, true);
    expectVersion('person', row.version, version);
    // Affiliations and speaking parts go with the person (on delete cascade); an account keeps its login, unlinked.
    await tx.delete(people).where(eq(people.id, id));
    await log({ action: 'delete', entityType: 'person', entityId: id, changes: deletedChanges(personState(row)) });
  });
  return shown;
}

/** GET /api/people/:id/editable: every field with its visibility, for those who may edit the person. */
export async function getPersonRecord(ctx: ServiceContext, kit: EditingKit, viewer: Viewer | null, id: string) {
  kit.policy.requireCanEditPerson(viewer, await selectPersonStanding(ctx.db, id));
  const row = await personById(ctx.db, id);
  const memberships = await selectAffiliationsOfPeople(ctx.db, [id]);
  const record: PersonRecord = {
    id: row.id,
    version: row.version,
    name: row.name,
    country: row.countryCode,
    languages: row.languages,
    topics: row.topics,
    bio: localized(row.bioEn, row.bioEs),
    contact: {
      email: { value: row.email, visibility: row.emailVisibility },
      phone: { value: row.phone, visibility: row.phoneVisibility },
      website: { value: row.website, visibility: row.websiteVisibility },
    },
    affiliations: memberships.map((a) => ({
      organization: presentOrganizationRef(a),
      role: localized(a.roleEn, a.roleEs),
    })),
  };
  return record;
}

// === Affiliations =========================================================

async function logAffiliation(
  tx: Queryable,
  log: AuditLog,
  action: 'create' | 'delete',
  personId: string,
  organizationSlug: string,
) {
  const [row] = await tx
    .select()
    .from(affiliations)
    .innerJoin(organizations, eq(organizations.id, affiliations.organizationId))
    .where(and(eq(affiliations.personId, personId), eq(organizations.slug, organizationSlug)));
  if (!row) return;
  const state = {
    person: personId,
    organization: organizationSlug,
    'role.en': row.affiliations.roleEn,
    'role.es': row.affiliations.roleEs,
  };
  await log({
    action,
    entityType: 'affiliation',
    entityId: row.affiliations.id,
    changes: action === 'create' ? createdChanges(state) : deletedChanges(state),
  });
}

export async function addAffiliation(
  ctx: AppContext,
  kit: EditingKit,
  viewer: Viewer | null,
  personId: string,
  input: NewAffiliation,
): Promise<PersonDetail> {
  const organizationId = await organizationIdBySlug(ctx.db, input.organization);
  const actor = kit.policy.requireCanManageAffiliation(viewer, organizationId ?? '');
  if (!organizationId) {
    throw new FieldError(
      'rule_broken',
      'editing.error.unknown_organization',
      { slug: input.organization },
      'organization',
    );
  }
  const person = await personById(ctx.db, personId);
  await commitWrite(ctx, kit, actor, 'directory', async (tx, log) => {
    // The person's row lock serialises changes to their affiliations, so two adds cannot both pass the checks:
    // two managers cannot each find the person belonging nowhere else and both bring them in.
    await personById(tx, personId, true);
    const [existing] = await tx
      .select({ id: affiliations.id })
      .from(affiliations)
      .where(and(eq(affiliations.personId, personId), eq(affiliations.organizationId, organizationId)));
    if (existing) {
      throw new FieldError(
        'conflict',
        'editing.error.already_affiliated',
        { person: person.name, organization: input.organization },
        'organization',
      );
    }
    if (!kit.policy.mayAffiliateWithoutConsent(actor, organizationId, await selectPersonStanding(tx, personId))) {
      const [organization] = await tx
        .select({ name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, organizationId));
      throw new FieldError(
        'consent_required',
        'editing.error.consent_required',
        { person: person.name, organization: organization?.name ?? input.organization },
        'organization',
      );
    }
    const [last] = await tx
      .select({ position: max(affiliations.position) })
      .from(affiliations)
      .where(eq(affiliations.personId, personId));
    await tx.insert(affiliations).values({
      personId,
      organizationId,
      roleEn: cleanText(input.role?.en) ?? null,
      roleEs: cleanText(input.role?.es) ?? null,
      position: (last?.position ?? -1) + 1,
    });
    await logAffiliation(tx, log, 'create', personId, input.organization);
  });
  return getPerson(ctx, personId, viewer);
}

export async function removeAffiliation(
  ctx: AppContext,
  kit: EditingKit,
  viewer: Viewer | null,
  personId: string,
  organizationSlug: string,
): Promise<PersonDetail> {
  const organizationId = await organizationIdBySlug(ctx.db, organizationSlug);
  const actor = kit.policy.requireCanManageAffiliation(viewer, organizationId ?? '');
  const organization = await organizationBySlug(ctx.db, organizationSlug);
  const person = await personById(ctx.db, personId);
  await commitWrite(ctx, kit, actor, 'directory', async (tx, log) => {
    await personById(tx, personId, true);
    await logAffiliation(tx, log, 'delete', personId, organizationSlug);
    const removed = await tx
      .delete(affiliations)
      .where(and(eq(affiliations.personId, personId), eq(affiliations.organizationId, organization.id)))
      .returning({ id: affiliations.id });
    if (removed.length === 0) {
      throw new AppError('not_found', 'editing.error.no_affiliation', {
        person: person.name,
        organization: organization.name,
      });
    }
  });
  return getPerson(ctx, personId, viewer);
}
