import { and, eq, sql } from 'drizzle-orm';
import type {
  Delegation,
  DelegationChanges,
  FunderTotal,
  MemberChanges,
  NewDelegation,
  NewFunding,
  NewMember,
} from '../../shared/api/delegations.ts';
import type { AuditAction, AuditChanges } from '../../shared/api/editing.ts';
import type { Language } from '../../shared/domain.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { invite } from '../accounts/invitations.ts';
import {
  canAddToDelegation,
  canManageDelegationOf,
  requireAllowed,
  requireRole,
  requireSignedIn,
} from '../accounts/policy.ts';
import { users } from '../accounts/tables.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { type Queryable, rows, type Tx } from '../db/client.ts';
import { localized, presentOrganizationRef } from '../directory/presenter.ts';
import { selectPersonStanding } from '../directory/queries.ts';
import { reference } from '../directory/reference.ts';
import { insertPeople } from '../directory/service.ts';
import { affiliations, people } from '../directory/tables.ts';
import { recordAudit } from '../editing/audit.ts';
import { AppError, type ErrorCode } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { ensureAttendance } from './attendance.ts';
import { presentDelegation } from './presenter.ts';
import {
  type DelegationRow,
  eventBySlug,
  organizationBySlug,
  otherDelegationOf,
  selectAffiliations,
  selectDelegations,
  selectFunding,
  selectMembers,
} from './queries.ts';
import { delegationFunding, delegationMembers, delegations } from './tables.ts';

export const DELEGATIONS_TOPIC = 'delegations';

const fail = (code: ErrorCode, key: MessageKey, values: Record<string, string | number> = {}) =>
  new AppError(code, key, values);
const failOn = (field: string, code: ErrorCode, key: MessageKey, values: Record<string, string | number> = {}) =>
  new AppError(code, key, values, { field });

async function present(ctx: ServiceContext, viewer: Viewer | null, delegationRows: DelegationRow[]) {
  const ids = delegationRows.map((row) => row.id);
  const [ref, members, funding] = await Promise.all([
    reference(ctx),
    selectMembers(ctx.db, ids),
    selectFunding(ctx.db, ids),
  ]);
  const affiliations = await selectAffiliations(ctx.db, [...new Set(members.map((m) => m.person_id))]);
  return delegationRows.map((row) =>
    presentDelegation(ref, row, { members, affiliations, funding }, canManageDelegationOf(viewer, row.organization_id)),
  );
}

async function requireEvent(db: Queryable, slug: string) {
  const event = await eventBySlug(db, slug);
  if (!event) throw fail('not_found', 'delegations.error.event_not_found', { slug });
  return event;
}

export async function listDelegations(ctx: ServiceContext, viewer: Viewer | null, slug: string): Promise<Delegation[]> {
  const event = await requireEvent(ctx.db, slug);
  return present(ctx, viewer, await selectDelegations(ctx.db, { eventId: event.id }));
}

export async function getDelegation(ctx: ServiceContext, viewer: Viewer | null, id: string): Promise<Delegation> {
  const [row] = await selectDelegations(ctx.db, { id });
  if (!row) throw fail('not_found', 'delegations.error.not_found', { id });
  return (await present(ctx, viewer, [row]))[0] as Delegation;
}

/** The delegation locked for a change, after checking the viewer may manage it. */
async function lockedDelegation(tx: Queryable, viewer: Viewer | null, id: string): Promise<DelegationRow> {
  const [row] = await selectDelegations(tx, { id, lock: true });
  if (!row) {
    requireAllowed(viewer, viewer?.role === 'admin' || viewer?.role === 'manager');
    throw fail('not_found', 'delegations.error.not_found', { id });
  }
  requireAllowed(viewer, canManageDelegationOf(viewer, row.organization_id));
  return row;
}

function checkDates(arrivesOn: string | null | undefined, departsOn: string | null | undefined, field: string) {
  if (arrivesOn && departsOn && departsOn < arrivesOn) throw failOn(field, 'rule_broken', 'delegations.error.dates');
}

/**
 * The person, if the viewer may put them in the delegation (server/accounts/policy.ts,
 * canAddToDelegation). Their row stays locked until the commit, so two delegations
 * cannot both take them at once. The refusal names no more than the person's name:
 * nothing of their other delegation, badge or contact.
 */
async function addablePerson(
  tx: Queryable,
  viewer: Viewer | null,
  delegation: DelegationRow,
  personId: string,
  field: string,
): Promise<{ id: string; name: string }> {
  const [person] = await tx
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(eq(people.id, personId))
    .for('update');
  if (!person) throw failOn(field, 'rule_broken', 'delegations.error.person_not_found', { id: personId });
  const standing = await selectPersonStanding(tx, personId);
  const travelsWithDelegationId = await otherDelegationOf(tx, delegation, personId);
  const target = { id: delegation.id, organizationId: delegation.organization_id };
  if (!canAddToDelegation(viewer, target, { ...standing, travelsWithDelegationId })) {
    throw failOn(field, 'forbidden', 'delegations.error.not_yours_to_add', {
      name: person.name,
      organization: delegation.org_name,
    });
  }
  return person;
}

/** Add a member (idempotent) with the attendance every member must have at the event. */
async function addMemberRow(
  tx: Queryable,
  delegation: { id: string; event_id: string },
  personId: string,
  dates: { arrivesOn?: string | null | undefined; departsOn?: string | null | undefined } = {},
): Promise<boolean> {
  const inserted = await tx
    .insert(delegationMembers)
    .values({
      delegationId: delegation.id,
      personId,
      arrivesOn: dates.arrivesOn ?? null,
      departsOn: dates.departsOn ?? null,
    })
    .onConflictDoNothing()
    .returning({ personId: delegationMembers.personId });
  await ensureAttendance(tx, { eventId: delegation.event_id, personId, delegationId: delegation.id });
  return inserted.length > 0;
}

const bump = async (tx: Queryable, id: string, now: Date) =>
  tx
    .update(delegations)
    .set({ version: sql`${delegations.version} + 1`, updatedAt: now })
    .where(eq(delegations.id, id));

/** One audit entry of a delegation write: what changed, each field's before and after. */
type DelegationLog = (action: AuditAction, delegationId: string, changes: AuditChanges) => Promise<void>;

/**
 * A delegation write: its transaction, its audit entries (written in the same
 * transaction, so the log never tells of a change that rolled back), then the
 * caches of every instance cleared.
 */
async function writing<T>(
  ctx: AppContext,
  viewer: Viewer | null,
  work: (tx: Tx, log: DelegationLog) => Promise<T>,
): Promise<T> {
  const actor = requireSignedIn(viewer);
  const at = ctx.clock.now();
  let result: T;
  try {
    result = await ctx.db.transaction((tx) =>
      work(tx, (action, entityId, changes) =>
        recordAudit(tx, { actorUserId: actor.userId, action, entityType: 'delegation', entityId, changes, at }),
      ),
    );
  } catch (error) {
    throw fromUniqueViolation(error);
  }
  await ctx.changed(DELEGATIONS_TOPIC);
  return result;
}

function fromUniqueViolation(error: unknown): unknown {
  for (let current = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === '23505') {
      return failOn('organization', 'conflict', 'delegations.error.exists');
    }
  }
  return error;
}

export async function createDelegation(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  input: NewDelegation,
): Promise<Delegation> {
  requireRole(viewer, 'admin', 'manager');
  const id = await writing(ctx, viewer, async (tx, log) => {
    const event = await requireEvent(tx, slug);
    const organization = await organizationBySlug(tx, input.organization);
    if (!organization) {
      throw failOn('organization', 'rule_broken', 'delegations.error.organization_not_found', {
        slug: input.organization,
      });
    }
    requireAllowed(viewer, canManageDelegationOf(viewer, organization.id));
    checkDates(input.arrivesOn, input.departsOn, 'departsOn');
    const [row] = await tx
      .insert(delegations)
      .values({
        eventId: event.id,
        organizationId: organization.id,
        leaderPersonId: input.leaderPersonId ?? null,
        status: input.status ?? 'planned',
        arrivesOn: input.arrivesOn ?? null,
        departsOn: input.departsOn ?? null,
        notes: input.notes?.trim() || null,
      })
      .returning({ id: delegations.id });
    const created = row as { id: string };
    if (input.leaderPersonId) {
      // Checked once the delegation exists, so that "another delegation" means one that is not this one.
      const [delegation] = await selectDelegations(tx, { id: created.id });
      await addablePerson(tx, viewer, delegation as DelegationRow, input.leaderPersonId, 'leaderPersonId');
      await addMemberRow(tx, { id: created.id, event_id: event.id }, input.leaderPersonId);
    }
    await log('create', created.id, {
      event: { before: null, after: slug },
      organization: { before: null, after: input.organization },
      status: { before: null, after: input.status ?? 'planned' },
      ...(input.leaderPersonId ? { leaderPersonId: { before: null, after: input.leaderPersonId } } : {}),
      ...(input.arrivesOn ? { arrivesOn: { before: null, after: input.arrivesOn } } : {}),
      ...(input.departsOn ? { departsOn: { before: null, after: input.departsOn } } : {}),
    });
    return created.id;
  });
  return getDelegation(ctx, viewer, id);
}

export async function updateDelegation(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  input: DelegationChanges,
): Promise<Delegation> {
  await writing(ctx, viewer, async (tx, log) => {
    const row = await lockedDelegation(tx, viewer, id);
    if (row.version !== input.version) {
      throw failOn('version', 'conflict', 'delegations.error.version', { current: row.version });
    }
    const arrivesOn = input.arrivesOn !== undefined ? input.arrivesOn : row.arrives_on;
    const departsOn = input.departsOn !== undefined ? input.departsOn : row.departs_on;
    checkDates(arrivesOn, departsOn, 'departsOn');
    if (input.leaderPersonId) {
      const [member] = await tx
        .select({ personId: delegationMembers.personId })
        .from(delegationMembers)
        .where(and(eq(delegationMembers.delegationId, id), eq(delegationMembers.personId, input.leaderPersonId)));
      // Naming someone from outside puts them in the delegation: the same rule as adding a member.
      if (!member) await addablePerson(tx, viewer, row, input.leaderPersonId, 'leaderPersonId');
      await addMemberRow(tx, row, input.leaderPersonId);
    }
    await tx
      .update(delegations)
      .set({
        ...(input.leaderPersonId !== undefined ? { leaderPersonId: input.leaderPersonId } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        arrivesOn,
        departsOn,
        ...(input.notes !== undefined ? { notes: input.notes?.trim() || null } : {}),
        version: sql`${delegations.version} + 1`,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(delegations.id, id), eq(delegations.version, input.version)));
    const changes: AuditChanges = {};
    const note = (field: string, before: unknown, after: unknown) => {
      if (after !== undefined && after !== before) changes[field] = { before, after };
    };
    note('leaderPersonId', row.leader_person_id, input.leaderPersonId);
    note('status', row.status, input.status);
    note('arrivesOn', row.arrives_on, arrivesOn);
    note('departsOn', row.departs_on, departsOn);
    note('notes', row.notes, input.notes === undefined ? undefined : input.notes?.trim() || null);
    if (Object.keys(changes).length > 0) await log('update', id, changes);
  });
  return getDelegation(ctx, viewer, id);
}

export async function deleteDelegation(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  version: number | undefined,
): Promise<Delegation> {
  const before = await getDelegation(ctx, viewer, id);
  await writing(ctx, viewer, async (tx, log) => {
    const row = await lockedDelegation(tx, viewer, id);
    if (version !== undefined && row.version !== version) {
      throw failOn('version', 'conflict', 'delegations.error.version', { current: row.version });
    }
    // Attendances stay (badges and connections are the person's); they lose the delegation (on delete set null).
    await tx.delete(delegations).where(eq(delegations.id, id));
    await log('delete', id, {
      organization: { before: row.org_name, after: null },
      membersCount: { before: before.membersCount, after: null },
    });
  });
  return before;
}

/** The person's preferred language for a message: Spanish when it is among theirs, else English. */
export function languageOfPerson(languages: readonly string[] | null | undefined): Language {
  const first = (languages ?? []).find((l) => l === 'en' || l === 'es');
  return first === 'es' ? 'es' : 'en';
}

export async function addMember(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  input: NewMember,
): Promise<Delegation> {
  await writing(ctx, viewer, async (tx, log) => {
    const row = await lockedDelegation(tx, viewer, id);
    checkDates(input.arrivesOn, input.departsOn, 'departsOn');
    let personId: string;
    let invited = false;
    if ('personId' in input) {
      personId = (await addablePerson(tx, viewer, row, input.personId, 'personId')).id;
    } else {
      const email = input.email.trim().toLowerCase();
      const country = input.country?.toUpperCase() ?? null;
      if (country) {
        const [known] = await rows(tx, sql`select 1 from countries where code = ${country}`);
        if (!known) throw failOn('country', 'rule_broken', 'delegations.error.country_unknown', { code: country });
      }
      const [account] = await tx
        .select({ id: users.id, personId: users.personId })
        .from(users)
        .where(sql`lower(${users.email}) = ${email}`);
      const [known] = await tx
        .select({ id: people.id })
        .from(people)
        .where(sql`lower(${people.email}) = ${email}`)
        .limit(1);
      if (account && !account.personId && viewer?.role !== 'admin') {
        // Someone's login without a person: binding it to one is theirs or an admin's to do, not a manager's.
        throw failOn('email', 'forbidden', 'delegations.error.not_yours_to_add', {
          name: input.name.trim(),
          organization: row.org_name,
        });
      }
      const existingId = account?.personId ?? known?.id;
      if (existingId) {
        // An address that is someone's already: the same rule as choosing that person from the directory.
        await addablePerson(tx, viewer, row, existingId, 'email');
        personId = existingId;
      } else {
        // Someone new joins the delegation's organisation, as a manager's new person does.
        const [created] = await insertPeople(tx, [
          {
            name: input.name.trim(),
            email,
            countryCode: country,
            affiliations: [{ organizationSlug: row.org_slug }],
          },
        ]);
        personId = created as string;
        const [affiliation] = await tx
          .select({ id: affiliations.id })
          .from(affiliations)
          .where(eq(affiliations.personId, personId));
        await recordAudit(tx, {
          actorUserId: requireSignedIn(viewer).userId,
          action: 'create',
          entityType: 'affiliation',
          entityId: (affiliation as { id: string }).id,
          changes: { person: { before: null, after: personId }, organization: { before: null, after: row.org_slug } },
          at: ctx.clock.now(),
        });
      }
      if (!account) {
        // Their account, and one mail whose link signs them in and opens their trip (through the outbox).
        await invite(ctx, tx, personId, { eventSlug: row.event_slug, invitedBy: viewer });
        invited = true;
      } else if (!account.personId) {
        await tx.update(users).set({ personId }).where(eq(users.id, account.id));
      }
    }
    const added = await addMemberRow(tx, row, personId, input);
    if (!added) throw failOn('personId', 'conflict', 'delegations.error.member_exists');
    await bump(tx, id, ctx.clock.now());
    await log('update', id, { [`members.${personId}`]: { before: null, after: invited ? 'invited' : 'added' } });
  });
  return getDelegation(ctx, viewer, id);
}

export async function updateMember(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  personId: string,
  input: MemberChanges,
): Promise<Delegation> {
  await writing(ctx, viewer, async (tx, log) => {
    await lockedDelegation(tx, viewer, id);
    const [member] = await tx
      .select()
      .from(delegationMembers)
      .where(and(eq(delegationMembers.delegationId, id), eq(delegationMembers.personId, personId)));
    if (!member) throw fail('not_found', 'delegations.error.member_not_found', { id: personId });
    const arrivesOn = input.arrivesOn !== undefined ? input.arrivesOn : member.arrivesOn;
    const departsOn = input.departsOn !== undefined ? input.departsOn : member.departsOn;
    checkDates(arrivesOn, departsOn, 'departsOn');
    await tx
      .update(delegationMembers)
      .set({ arrivesOn, departsOn })
      .where(and(eq(delegationMembers.delegationId, id), eq(delegationMembers.personId, personId)));
    await bump(tx, id, ctx.clock.now());
    const changes: AuditChanges = {};
    if (arrivesOn !== member.arrivesOn)
      changes[`members.${personId}.arrivesOn`] = { before: member.arrivesOn, after: arrivesOn };
    if (departsOn !== member.departsOn)
      changes[`members.${personId}.departsOn`] = { before: member.departsOn, after: departsOn };
    if (Object.keys(changes).length > 0) await log('update', id, changes);
  });
  return getDelegation(ctx, viewer, id);
}

export async function removeMember(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  personId: string,
): Promise<Delegation> {
  await writing(ctx, viewer, async (tx, log) => {
    const row = await lockedDelegation(tx, viewer, id);
    const removed = await tx
      .delete(delegationMembers)
      .where(and(eq(delegationMembers.delegationId, id), eq(delegationMembers.personId, personId)))
      .returning({ personId: delegationMembers.personId });
    if (removed.length === 0) throw fail('not_found', 'delegations.error.member_not_found', { id: personId });
    if (row.leader_person_id === personId) {
      await tx.update(delegations).set({ leaderPersonId: null }).where(eq(delegations.id, id));
    }
    // The badge stays with the person (their connections hang on it); it no longer belongs to the delegation.
    await tx.execute(
      sql`update attendances set delegation_id = null where event_id = ${row.event_id} and person_id = ${personId} and delegation_id = ${id}`,
    );
    await bump(tx, id, ctx.clock.now());
    await log('update', id, { [`members.${personId}`]: { before: 'member', after: null } });
  });
  return getDelegation(ctx, viewer, id);
}

export async function addFunding(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  input: NewFunding,
): Promise<Delegation> {
  await writing(ctx, viewer, async (tx, log) => {
    await lockedDelegation(tx, viewer, id);
    const funder = await organizationBySlug(tx, input.funder);
    if (!funder) {
      throw failOn('funder', 'rule_broken', 'delegations.error.organization_not_found', { slug: input.funder });
    }
    if ((input.amountCents ?? null) !== null && !input.currency) {
      throw failOn('currency', 'rule_broken', 'delegations.error.currency_needed');
    }
    await tx.insert(delegationFunding).values({
      delegationId: id,
      funderOrganizationId: funder.id,
      coversEn: input.covers?.en?.trim() || null,
      coversEs: input.covers?.es?.trim() || null,
      amountCents: input.amountCents ?? null,
      currency: input.amountCents != null ? (input.currency ?? null) : null,
    });
    await bump(tx, id, ctx.clock.now());
    await log('update', id, {
      [`funding.${input.funder}`]: {
        before: null,
        after: { covers: input.covers ?? null, amountCents: input.amountCents ?? null },
      },
    });
  });
  return getDelegation(ctx, viewer, id);
}

export async function removeFunding(
  ctx: AppContext,
  viewer: Viewer | null,
  id: string,
  fundingId: string,
): Promise<Delegation> {
  await writing(ctx, viewer, async (tx, log) => {
    await lockedDelegation(tx, viewer, id);
    const removed = await tx
      .delete(delegationFunding)
      .where(and(eq(delegationFunding.id, fundingId), eq(delegationFunding.delegationId, id)))
      .returning({ id: delegationFunding.id });
    if (removed.length === 0) throw fail('not_found', 'delegations.error.funding_not_found', { id: fundingId });
    await bump(tx, id, ctx.clock.now());
    await log('update', id, { [`funding.${fundingId}`]: { before: 'funded', after: null } });
  });
  return getDelegation(ctx, viewer, id);
}

/** Staff's view of the money: each funder with the delegations it supports. */
export async function fundingByFunder(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string,
): Promise<FunderTotal[]> {
  requireRole(viewer, 'admin');
  const event = await requireEvent(ctx.db, slug);
  const delegationRows = await selectDelegations(ctx.db, { eventId: event.id });
  const funding = await selectFunding(
    ctx.db,
    delegationRows.map((d) => d.id),
  );
  const byFunder = new Map<string, FunderTotal>();
  for (const f of funding) {
    const delegation = delegationRows.find((d) => d.id === f.delegation_id) as DelegationRow;
    let entry = byFunder.get(f.funder_slug);
    if (!entry) {
      entry = {
        funder: presentOrganizationRef({
          slug: f.funder_slug,
          kind: f.funder_kind,
          name: f.funder_name,
          acronym: f.funder_acronym,
        }),
        delegations: [],
        totals: [],
        membersCount: 0,
      };
      byFunder.set(f.funder_slug, entry);
    }
    if (!entry.delegations.some((d) => d.id === delegation.id)) {
      entry.membersCount += delegation.members_count;
    }
    entry.delegations.push({
      id: delegation.id,
      organization: presentOrganizationRef({
        slug: delegation.org_slug,
        kind: delegation.org_kind,
        name: delegation.org_name,
        acronym: delegation.org_acronym,
      }),
      covers: localized(f.covers_en, f.covers_es),
      membersCount: delegation.members_count,
    });
    if (f.amount_cents !== null && f.currency) {
      const total = entry.totals.find((t) => t.currency === f.currency);
      if (total) total.amountCents += f.amount_cents;
      else entry.totals.push({ currency: f.currency, amountCents: f.amount_cents });
    }
  }
  return [...byFunder.values()].sort((a, b) => a.funder.name.localeCompare(b.funder.name));
}

export interface ManifestLine {
  delegation: string;
  country: string;
  name: string;
  personCountry: string;
  organizations: string;
  leader: boolean;
  arrivesOn: string;
  departsOn: string;
  badgeCode: string;
  fundedBy: string;
}

/** One line per travelling person, for the staff's manifest. */
export async function manifest(ctx: ServiceContext, viewer: Viewer | null, slug: string): Promise<ManifestLine[]> {
  requireRole(viewer, 'admin');
  const items = await listDelegations(ctx, viewer, slug);
  return items.flatMap((d) =>
    (d.detail?.members ?? []).map((m) => ({
      delegation: d.organization.acronym ?? d.organization.name,
      country: d.country?.code ?? '',
      name: m.person.name,
      personCountry: m.person.country?.code ?? '',
      organizations: m.organizations.map((o) => o.acronym ?? o.name).join('; '),
      leader: m.isLeader,
      arrivesOn: m.arrivesOn ?? d.detail?.arrivesOn ?? '',
      departsOn: m.departsOn ?? d.detail?.departsOn ?? '',
      badgeCode: m.badgeCode ?? '',
      fundedBy: d.funders.map((f) => f.funder.acronym ?? f.funder.name).join('; '),
    })),
  );
}
