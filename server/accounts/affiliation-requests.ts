import { and, asc, eq, max, sql } from 'drizzle-orm';
import type { AffiliationRequest } from '../../shared/api/accounts.ts';
import type { NewAffiliation } from '../../shared/api/editing.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import type { Queryable } from '../db/client.ts';
import { localized, presentOrganizationRef } from '../directory/presenter.ts';
import { affiliations, organizations, people } from '../directory/tables.ts';
import { recordAudit } from '../editing/audit.ts';
import { cleanText } from '../editing/changes.ts';
import { AppError, notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import {
  canAnswerAffiliationRequest,
  canAskToAffiliate,
  requireAllowed,
  requireRole,
  requireSignedIn,
} from './policy.ts';
import { affiliationRequests } from './tables.ts';

/*
 * Bringing someone from elsewhere into an organisation takes their word
 * (decision 0023). A manager who may not affiliate a person directly asks
 * them; the person answers from their account, or an admin answers for
 * someone who has none. Accepting is what creates the affiliation.
 */

/** Affiliations changed: the directory's cached reads must go. */
const TOPIC = 'directory';

function selectRequests(db: Queryable) {
  return db
    .select({
      request: affiliationRequests,
      personName: people.name,
      organization: {
        slug: organizations.slug,
        kind: organizations.kind,
        name: organizations.name,
        acronym: organizations.acronym,
      },
    })
    .from(affiliationRequests)
    .innerJoin(people, eq(people.id, affiliationRequests.personId))
    .innerJoin(organizations, eq(organizations.id, affiliationRequests.organizationId));
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof selectRequests>['where']>>[number];

function present({ request, personName, organization }: RequestRow): AffiliationRequest {
  return {
    id: request.id,
    person: { id: request.personId, name: personName },
    organization: presentOrganizationRef(organization),
    role: localized(request.roleEn, request.roleEs),
    status: request.status,
    createdAt: request.createdAt.toISOString(),
    answeredAt: request.answeredAt?.toISOString() ?? null,
  };
}

async function requestById(db: Queryable, id: string): Promise<AffiliationRequest> {
  const [row] = await selectRequests(db).where(eq(affiliationRequests.id, id));
  if (!row) throw notFound('accounts.error.request_not_found', { id });
  return present(row);
}

/** Still waiting, and not made moot by an affiliation an admin added meanwhile. */
const waiting = sql`${affiliationRequests.status} = 'pending' and not exists (
  select 1 from affiliations a
  where a.person_id = ${affiliationRequests.personId} and a.organization_id = ${affiliationRequests.organizationId})`;

/** POST /api/people/:id/affiliation-requests: an organisation's manager (or an admin) asks a person to join it. */
export async function askToAffiliate(
  ctx: AppContext,
  viewer: Viewer | null,
  personId: string,
  input: NewAffiliation,
): Promise<AffiliationRequest> {
  const [organization] = await ctx.db.select().from(organizations).where(eq(organizations.slug, input.organization));
  // Authorised before saying whether the organisation exists: an unknown slug is only an admin's to hear about.
  const actor = requireAllowed(viewer, canAskToAffiliate(viewer, organization?.id ?? ''));
  if (!organization) {
    throw new AppError(
      'rule_broken',
      'editing.error.unknown_organization',
      { slug: input.organization },
      { field: 'organization' },
    );
  }
  const at = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    // The person's row lock serialises this with other changes to their affiliations and requests.
    const [person] = await tx.select().from(people).where(eq(people.id, personId)).for('update');
    if (!person) throw notFound('error.not_found.person', { id: personId });
    const values = { person: person.name, organization: organization.name };
    const [member] = await tx
      .select({ id: affiliations.id })
      .from(affiliations)
      .where(and(eq(affiliations.personId, personId), eq(affiliations.organizationId, organization.id)));
    if (member) throw new AppError('conflict', 'editing.error.already_affiliated', values, { field: 'organization' });
    const [pending] = await tx
      .select({ id: affiliationRequests.id })
      .from(affiliationRequests)
      .where(
        and(
          eq(affiliationRequests.personId, personId),
          eq(affiliationRequests.organizationId, organization.id),
          eq(affiliationRequests.status, 'pending'),
        ),
      );
    if (pending) throw new AppError('conflict', 'accounts.error.request_pending', values, { field: 'organization' });
    const roleEn = cleanText(input.role?.en) ?? null;
    const roleEs = cleanText(input.role?.es) ?? null;
    const [created] = await tx
      .insert(affiliationRequests)
      .values({ personId, organizationId: organization.id, roleEn, roleEs, createdAt: at })
      .returning({ id: affiliationRequests.id });
    const requestId = (created as { id: string }).id;
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'create',
      entityType: 'affiliation_request',
      entityId: requestId,
      changes: {
        person: { before: null, after: personId },
        organization: { before: null, after: organization.slug },
        status: { before: null, after: 'pending' },
        ...(roleEn ? { 'role.en': { before: null, after: roleEn } } : {}),
        ...(roleEs ? { 'role.es': { before: null, after: roleEs } } : {}),
      },
      at,
    });
    return requestId;
  });
  return requestById(ctx.db, id);
}

/** GET /api/me/affiliation-requests: what is waiting for my answer (nothing for an account without a person). */
export async function myAffiliationRequests(ctx: ServiceContext, viewer: Viewer | null): Promise<AffiliationRequest[]> {
  const { personId } = requireSignedIn(viewer);
  if (!personId) return [];
  const found = await selectRequests(ctx.db)
    .where(and(eq(affiliationRequests.personId, personId), waiting))
    .orderBy(asc(affiliationRequests.createdAt), asc(affiliationRequests.id));
  return found.map(present);
}

/** GET /api/affiliation-requests: every request still waiting (admins answer for people without an account). */
export async function pendingAffiliationRequests(
  ctx: ServiceContext,
  viewer: Viewer | null,
): Promise<AffiliationRequest[]> {
  requireRole(viewer, 'admin');
  const found = await selectRequests(ctx.db)
    .where(waiting)
    .orderBy(asc(affiliationRequests.createdAt), asc(affiliationRequests.id));
  return found.map(present);
}

/**
 * POST /api/affiliation-requests/:id/accept and …/decline: the person asked,
 * or an admin. Accepting adds the affiliation (unless it exists already) in
 * the same transaction as the answer; a request is answered once.
 */
export async function answerAffiliationRequest(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  answer: 'accepted' | 'declined',
): Promise<AffiliationRequest> {
  const signedIn = requireSignedIn(viewer);
  const asked = await requestById(ctx.db, id);
  const actor = requireAllowed(signedIn, canAnswerAffiliationRequest(signedIn, { personId: asked.person.id }));
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.select({ id: people.id }).from(people).where(eq(people.id, asked.person.id)).for('update');
    const [request] = await tx.select().from(affiliationRequests).where(eq(affiliationRequests.id, id)).for('update');
    if (!request) throw notFound('accounts.error.request_not_found', { id });
    if (request.status !== 'pending') {
      throw new AppError('conflict', 'accounts.error.request_answered', { status: request.status });
    }
    if (answer === 'accepted') await addAffiliationOnceAccepted(tx, actor, request, asked.organization.slug, at);
    await tx.update(affiliationRequests).set({ status: answer, answeredAt: at }).where(eq(affiliationRequests.id, id));
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'update',
      entityType: 'affiliation_request',
      entityId: id,
      changes: { status: { before: 'pending', after: answer } },
      at,
    });
  });
  await ctx.changed(TOPIC);
  return requestById(ctx.db, id);
}

async function addAffiliationOnceAccepted(
  tx: Queryable,
  actor: Viewer,
  request: typeof affiliationRequests.$inferSelect,
  organizationSlug: string,
  at: Date,
) {
  const [existing] = await tx
    .select({ id: affiliations.id })
    .from(affiliations)
    .where(and(eq(affiliations.personId, request.personId), eq(affiliations.organizationId, request.organizationId)));
  if (existing) return;
  const [last] = await tx
    .select({ position: max(affiliations.position) })
    .from(affiliations)
    .where(eq(affiliations.personId, request.personId));
  const [added] = await tx
    .insert(affiliations)
    .values({
      personId: request.personId,
      organizationId: request.organizationId,
      roleEn: request.roleEn,
      roleEs: request.roleEs,
      position: (last?.position ?? -1) + 1,
    })
    .returning({ id: affiliations.id });
  // The same record as an affiliation added on the person's edit page, so the log reads alike.
  await recordAudit(tx, {
    actorUserId: actor.userId,
    action: 'create',
    entityType: 'affiliation',
    entityId: (added as { id: string }).id,
    changes: {
      person: { before: null, after: request.personId },
      organization: { before: null, after: organizationSlug },
      ...(request.roleEn ? { 'role.en': { before: null, after: request.roleEn } } : {}),
      ...(request.roleEs ? { 'role.es': { before: null, after: request.roleEs } } : {}),
    },
    at,
  });
}
