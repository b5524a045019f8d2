import { eq, sql } from 'drizzle-orm';
import type { PersonRoles, PersonRolesChange } from '../../shared/api/attendees.ts';
import type { AccountRole } from '../../shared/domain.ts';
import { canChangeRoles, requireAllowed } from '../accounts/policy.ts';
import { users } from '../accounts/tables.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { rows } from '../db/client.ts';
import { presentOrganizationRef } from '../directory/presenter.ts';
import { recordAudit } from '../editing/audit.ts';
import { AppError } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { adminCount, personWithAccount, selectOrganizations } from './queries.ts';

/** The roles that act for one organisation. */
const SCOPED: readonly AccountRole[] = ['manager', 'partner'];

async function present(ctx: ServiceContext, personId: string): Promise<PersonRoles> {
  const found = await personWithAccount(ctx.db, personId);
  if (!found) throw new AppError('not_found', 'attendees.error.person_not_found', { id: personId });
  const organizations = await selectOrganizations(ctx.db);
  const byId = new Map(organizations.map((o) => [o.id, o]));
  const theirs = await rows<{ organization_id: string }>(
    ctx.db,
    sql`select organization_id from affiliations where person_id = ${personId} order by position, id`,
  );
  const { person, account } = found;
  const accountOrganization = account?.organizationId ? byId.get(account.organizationId) : undefined;
  return {
    personId: person.id,
    email: account?.email ?? person.email,
    account: account
      ? {
          role: account.role,
          organization: accountOrganization ? presentOrganizationRef(accountOrganization) : null,
          lastSignInAt: account.lastSignInAt?.toISOString() ?? null,
        }
      : null,
    organizations: theirs.flatMap((a) => {
      const organization = byId.get(a.organization_id);
      return organization ? [presentOrganizationRef(organization)] : [];
    }),
  };
}

/** GET /api/people/:id/roles (admins). */
export async function getPersonRoles(
  ctx: ServiceContext,
  viewer: Viewer | null,
  personId: string,
): Promise<PersonRoles> {
  requireAllowed(viewer, canChangeRoles(viewer));
  return present(ctx, personId);
}

/**
 * PUT /api/people/:id/roles (admins): make the person an admin, an editor, a
 * manager or partner contact of an organisation, or take it back (role
 * `delegate`). Someone without an account gets one, for their directory
 * e-mail, which they sign in with as anyone does; no mail is sent from here.
 * The network always keeps one admin.
 */
export async function setPersonRoles(
  ctx: AppContext,
  viewer: Viewer | null,
  personId: string,
  change: PersonRolesChange,
): Promise<PersonRoles> {
  const actor = requireAllowed(viewer, canChangeRoles(viewer));
  await ctx.db.transaction(async (tx) => {
    // Changes of role are taken one at a time, so two admins demoting each other cannot leave none.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('encuentro account roles'))`);
    const found = await personWithAccount(tx, personId, true);
    if (!found) throw new AppError('not_found', 'attendees.error.person_not_found', { id: personId });
    const { person, account } = found;

    let organizationId: string | null = null;
    let organizationSlug: string | null = null;
    if (SCOPED.includes(change.role)) {
      if (!change.organization) {
        throw new AppError('rule_broken', 'attendees.error.organization_required', {}, { field: 'organization' });
      }
      const [organization] = await rows<{ id: string; slug: string }>(
        tx,
        sql`select id, slug from organizations where slug = ${change.organization}`,
      );
      if (!organization) {
        throw new AppError(
          'rule_broken',
          'attendees.error.organization_not_found',
          { slug: change.organization },
          { field: 'organization' },
        );
      }
      organizationId = organization.id;
      organizationSlug = organization.slug;
    }

    const at = ctx.clock.now();
    let before: { role: AccountRole | null; organization: string | null } = { role: null, organization: null };
    if (!account) {
      if (change.role === 'delegate') return;
      if (!person.email)
        throw new AppError('rule_broken', 'attendees.error.no_email', { name: person.name }, { field: 'role' });
      const [taken] = await rows<{ id: string }>(
        tx,
        sql`select id from users where lower(email) = lower(${person.email})`,
      );
      if (taken)
        throw new AppError('conflict', 'attendees.error.email_has_account', { email: person.email }, { field: 'role' });
      await tx.insert(users).values({ email: person.email, personId, role: change.role, organizationId });
    } else {
      const [previous] = await rows<{ slug: string }>(
        tx,
        sql`select slug from organizations where id = ${account.organizationId}`,
      );
      before = { role: account.role, organization: previous?.slug ?? null };
      if (account.role === 'admin' && change.role !== 'admin' && (await adminCount(tx)) <= 1) {
        throw new AppError('rule_broken', 'attendees.error.last_admin', {}, { field: 'role' });
      }
      if (account.role === change.role && account.organizationId === organizationId) return;
      await tx
        .update(users)
        .set({ role: change.role, organizationId, version: sql`${users.version} + 1` })
        .where(eq(users.id, account.id));
    }
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    if (before.role !== change.role) changes.accountRole = { before: before.role, after: change.role };
    if (before.organization !== organizationSlug) {
      changes.accountOrganization = { before: before.organization, after: organizationSlug };
    }
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'update',
      entityType: 'person',
      entityId: personId,
      changes,
      at,
    });
  });
  return present(ctx, personId);
}
