import { and, eq, inArray, max, ne, sql } from 'drizzle-orm';
import type { OrganizationDetail, PersonDetail } from '../../shared/api/directory.ts';
import type {
  NewAffiliation,
  NewOrganization,
  NewPerson,
  OrganizationChanges,
  PersonChanges,
  PersonRecord,
} from '../../shared/api/editing.ts';
import { searchForm } from '../../shared/text.ts';
import {
  canAffiliateWithoutConsent,
  mayChangeOrganizationStanding,
  requireAdmin,
  requireCanCreatePerson,
  requireCanEditOrganization,
  requireCanEditPerson,
  requireCanManageAffiliation,
} from '../accounts/policy.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { type Queryable, rows } from '../db/client.ts';
import {
  changesBetween,
  cleanText,
  createdChanges,
  deletedChanges,
  expectVersion,
  given,
  givenTexts,
  nothingChanged,
  versionConflict,
} from '../editing/changes.ts';
import { type AuditLog, commitWrite } from '../editing/commit.ts';
import { AppError, notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { localized, presentOrganizationRef } from './presenter.ts';
import { selectAffiliationsOfPeople, selectPersonStanding } from './queries.ts';
import { reference } from './reference.ts';
import { getOrganization, getPerson, insertOrganizations, insertPeople } from './service.ts';
import { affiliations, organizations, people } from './tables.ts';

/**
 * The directory's writes: organisations, people and affiliations, and the
 * reference checks the other capabilities' writes share (countries, topics,
 * organisations by slug). The write kit itself (commitWrite, versions,
 * changes) is server/editing; who may is server/accounts/policy.ts.
 */

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
    throw new AppError('rule_broken', 'editing.error.unknown_country', { code: upper }, { field });
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
  if (unknown) throw new AppError('rule_broken', 'editing.error.unknown_topic', { slug: unknown }, { field });
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
    if (!id) throw new AppError('rule_broken', 'editing.error.unknown_organization', { slug }, { field });
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
  if (loop.length > 0) throw new AppError('rule_broken', 'editing.error.member_of_itself', {}, { field: 'memberOf' });
  return parentId;
}

export async function createOrganization(
  ctx: AppContext,
  viewer: Viewer | null,
  input: NewOrganization,
): Promise<OrganizationDetail> {
  const actor = requireAdmin(viewer);
  const state = await organizationInput(ctx, input);
  await commitWrite(ctx, actor, 'directory', async (tx, log) => {
    const [taken] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.slug, input.slug));
    if (taken) throw new AppError('conflict', 'editing.error.slug_taken', { slug: input.slug }, { field: 'slug' });
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
  viewer: Viewer | null,
  slug: string,
  input: OrganizationChanges,
): Promise<OrganizationDetail> {
  const targetId = await organizationIdBySlug(ctx.db, slug);
  // Authorised before saying whether it exists: an unknown slug is only an admin's to hear about.
  const actor = requireCanEditOrganization(viewer, targetId ?? '');
  if (!targetId) throw notFound('error.not_found.organization', { slug });
  const wanted = await organizationInput(ctx, input);
  await commitWrite(ctx, actor, 'directory', async (tx, log) => {
    // Locked until the commit, so the "before" written to the audit log is exactly what this change replaced.
    const [row] = await tx.select().from(organizations).where(eq(organizations.id, targetId)).for('update');
    if (!row) throw notFound('error.not_found.organization', { slug });
    expectVersion('organization', row.version, input.version);
    const before = await organizationState(tx, row);
    const after = { ...before, ...wanted };
    const changes = changesBetween(before, after);
    if (nothingChanged(changes)) return;
    const standing = STANDING_FIELDS.find((field) => field in changes);
    if (standing && !mayChangeOrganizationStanding(actor)) {
      throw new AppError('forbidden', 'editing.error.standing_admin_only', {}, { field: standing });
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
  viewer: Viewer | null,
  slug: string,
  version: number | undefined,
): Promise<OrganizationDetail> {
  const actor = requireAdmin(viewer);
  const shown = await getOrganization(ctx, slug);
  await commitWrite(ctx, actor, 'directory', async (tx, log) => {
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
  if (other) throw new AppError('conflict', 'editing.error.email_taken', { email }, { field: 'contact.email.value' });
}

export async function createPerson(ctx: AppContext, viewer: Viewer | null, input: NewPerson): Promise<PersonDetail> {
  const actor = requireCanCreatePerson(viewer);
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
      throw new AppError('forbidden', 'editing.error.own_organization_only', {}, { field: 'affiliation.organization' });
    }
    organizationSlug = own.slug;
  }
  const role = input.affiliation?.role;
  const personId = await commitWrite(ctx, actor, 'directory', async (tx, log) => {
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
  viewer: Viewer | null,
  id: string,
  input: PersonChanges,
): Promise<PersonDetail> {
  const actor = requireCanEditPerson(viewer, await selectPersonStanding(ctx.db, id));
  await personById(ctx.db, id);
  const wanted = await personInput(ctx, input);
  await commitWrite(ctx, actor, 'directory', async (tx, log) => {
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
  viewer: Viewer | null,
  id: string,
  version: number | undefined,
): Promise<PersonDetail> {
  const actor = requireAdmin(viewer);
  const shown = await getPerson(ctx, id, viewer);
  await commitWrite(ctx, actor, 'directory', async (tx, log) => {
    const row = await personById(tx, id, true);
    expectVersion('person', row.version, version);
    // Affiliations and speaking parts go with the person (on delete cascade); an account keeps its login, unlinked.
    await tx.delete(people).where(eq(people.id, id));
    await log({ action: 'delete', entityType: 'person', entityId: id, changes: deletedChanges(personState(row)) });
  });
  return shown;
}

/** GET /api/people/:id/editable: every field with its visibility, for those who may edit the person. */
export async function getPersonRecord(ctx: ServiceContext, viewer: Viewer | null, id: string) {
  requireCanEditPerson(viewer, await selectPersonStanding(ctx.db, id));
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
  viewer: Viewer | null,
  personId: string,
  input: NewAffiliation,
): Promise<PersonDetail> {
  const organizationId = await organizationIdBySlug(ctx.db, input.organization);
  const actor = requireCanManageAffiliation(viewer, organizationId ?? '');
  if (!organizationId) {
    throw new AppError(
      'rule_broken',
      'editing.error.unknown_organization',
      { slug: input.organization },
      { field: 'organization' },
    );
  }
  const person = await personById(ctx.db, personId);
  await commitWrite(ctx, actor, 'directory', async (tx, log) => {
    // The person's row lock serialises changes to their affiliations, so two adds cannot both pass the checks:
    // two managers cannot each find the person belonging nowhere else and both bring them in.
    await personById(tx, personId, true);
    const [existing] = await tx
      .select({ id: affiliations.id })
      .from(affiliations)
      .where(and(eq(affiliations.personId, personId), eq(affiliations.organizationId, organizationId)));
    if (existing) {
      throw new AppError(
        'conflict',
        'editing.error.already_affiliated',
        { person: person.name, organization: input.organization },
        { field: 'organization' },
      );
    }
    if (!canAffiliateWithoutConsent(actor, organizationId, await selectPersonStanding(tx, personId))) {
      const [organization] = await tx
        .select({ name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, organizationId));
      throw new AppError(
        'consent_required',
        'editing.error.consent_required',
        { person: person.name, organization: organization?.name ?? input.organization },
        { field: 'organization' },
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
  viewer: Viewer | null,
  personId: string,
  organizationSlug: string,
): Promise<PersonDetail> {
  const organizationId = await organizationIdBySlug(ctx.db, organizationSlug);
  const actor = requireCanManageAffiliation(viewer, organizationId ?? '');
  const organization = await organizationBySlug(ctx.db, organizationSlug);
  const person = await personById(ctx.db, personId);
  await commitWrite(ctx, actor, 'directory', async (tx, log) => {
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
