import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Language } from '../../shared/domain.ts';
import { translate } from '../../shared/i18n/index.ts';
import type { AppContext } from '../context.ts';
import { type Queryable, rows } from '../db/client.ts';
import { selectPersonStanding } from '../directory/queries.ts';
import { people } from '../directory/tables.ts';
import { recordAudit } from '../editing/audit.ts';
import { AppError } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { enqueueMail } from '../outbox/service.ts';
import { canInvitePerson, requireAllowed, requireRole, requireSignedIn } from './policy.ts';
import { signInLinks, users } from './tables.ts';
import { hashToken, newToken } from './tokens.ts';

const DAY = 24 * 60 * 60_000;
/** An invitation waits longer than a sign-in link: people read their mail days after staff send it. */
export const INVITATION_TTL_MS = 7 * DAY;
/** Where an invitation to an event lands once signed in. */
const TRIP_PATH = '/my-trip';

/** What inviting needs of the app: the time, and the origin links start with. */
export type InvitingContext = Pick<AppContext, 'clock' | 'publicUrl'>;

export interface InviteOptions {
  /** The event the invitation is for: its name in the mail, and the link opens the person's trip. */
  eventSlug?: string | undefined;
  /** The mail's language; by default the person's (Spanish when among theirs, else English). */
  language?: Language | undefined;
  /** Who invites, named in the mail (their person's name), and the audit's actor. */
  invitedBy?: Viewer | null | undefined;
}

export interface Invitation {
  personId: string;
  userId: string;
  email: string;
  /** The account was made by this invitation. */
  accountCreated: boolean;
  expiresAt: string;
}

const preferredLanguage = (languages: readonly string[] | null): Language =>
  (languages ?? []).find((l) => l === 'en' || l === 'es') === 'es' ? 'es' : 'en';

/**
 * Invite a person of the directory to sign in, inside the caller's
 * transaction: their account is made if they have none (as a delegate, with
 * the address of their directory entry), any invitation still unused is
 * withdrawn, and one mail in their language leaves through the outbox with a
 * link that signs them in on first use, in any browser, for 7 days. Nothing
 * else about the person changes: their delegation, affiliations and data stay.
 */
export async function invite(
  ctx: InvitingContext,
  tx: Queryable,
  personId: string,
  options: InviteOptions = {},
): Promise<Invitation> {
  const now = ctx.clock.now();
  const [person] = await tx
    .select({ id: people.id, name: people.name, email: people.email, languages: people.languages })
    .from(people)
    .where(eq(people.id, personId))
    .for('update');
  if (!person) throw new AppError('not_found', 'accounts.invitation.error.person_not_found', { id: personId });
  let [account] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.personId, personId));
  let accountCreated = false;
  if (!account) {
    const email = person.email?.trim().toLowerCase();
    if (!email) throw new AppError('rule_broken', 'accounts.invitation.error.no_email', { name: person.name });
    const [holder] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
    // Someone else's login (or one not yet bound to a person): binding it is not an invitation's to do.
    if (holder) throw new AppError('conflict', 'accounts.invitation.error.address_taken', { email });
    [account] = await tx
      .insert(users)
      .values({ email, role: 'delegate', personId })
      .returning({ id: users.id, email: users.email });
    accountCreated = true;
  }
  const { id: userId, email } = account as { id: string; email: string };
  const [event] = options.eventSlug
    ? await rows<{ slug: string; name_en: string; name_es: string | null }>(
        tx,
        sql`select slug, name_en, name_es from events where slug = ${options.eventSlug}`,
      )
    : [];
  if (options.eventSlug && !event) {
    throw new AppError('not_found', 'accounts.invitation.error.event_not_found', { slug: options.eventSlug });
  }
  // Resending replaces: only the newest invitation signs in.
  await withdrawInvitations(tx, userId, now);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  await tx.insert(signInLinks).values({
    tokenHash: hashToken(token),
    userId,
    purpose: 'invitation',
    // Not bound to a browser: the invited address is the binding (the link only ever goes there).
    bindingHash: '',
    createdAt: now,
    expiresAt,
    nextPath: event ? TRIP_PATH : null,
  });
  const language = options.language ?? preferredLanguage(person.languages);
  const inviter = await inviterName(tx, options.invitedBy);
  const values = {
    name: person.name,
    email,
    inviter: inviter ?? translate(language, 'accounts.invitation.inviterNetwork'),
    event: event ? ((language === 'es' ? event.name_es : null) ?? event.name_en) : '',
    days: INVITATION_TTL_MS / DAY,
    link: `${ctx.publicUrl}/auth/verify?token=${token}`,
  };
  await enqueueMail(tx, now, {
    kind: 'invitation',
    to: email,
    subject: translate(
      language,
      event ? 'accounts.invitation.mail.subjectEvent' : 'accounts.invitation.mail.subject',
      values,
    ),
    text: translate(language, event ? 'accounts.invitation.mail.bodyEvent' : 'accounts.invitation.mail.body', values),
  });
  // Audited as the inviter's change of the person; a caller without a viewer (an import) audits its own way.
  if (options.invitedBy) {
    await recordAudit(tx, {
      actorUserId: options.invitedBy.userId,
      action: 'update',
      entityType: 'person',
      entityId: personId,
      changes: {
        invitation: { before: null, after: event ? `invited to ${event.slug}` : 'invited' },
        ...(accountCreated ? { account: { before: null, after: 'delegate' } } : {}),
      },
      at: now,
    });
  }
  return { personId, userId, email, accountCreated, expiresAt: expiresAt.toISOString() };
}

async function inviterName(tx: Queryable, viewer: Viewer | null | undefined): Promise<string | null> {
  if (!viewer?.personId) return null;
  const [found] = await tx.select({ name: people.name }).from(people).where(eq(people.id, viewer.personId));
  return found?.name ?? null;
}

/** Invitations of the account still unused stop signing anyone in. Answers how many. */
async function withdrawInvitations(tx: Queryable, userId: string, now: Date): Promise<number> {
  const withdrawn = await tx
    .update(signInLinks)
    .set({ revokedAt: now })
    .where(
      and(
        eq(signInLinks.userId, userId),
        eq(signInLinks.purpose, 'invitation'),
        isNull(signInLinks.usedAt),
        isNull(signInLinks.revokedAt),
      ),
    )
    .returning({ tokenHash: signInLinks.tokenHash });
  return withdrawn.length;
}

/** Admins, and the managers of an organisation the person belongs to (never for an admin's person). */
async function requireInviter(ctx: AppContext, viewer: Viewer | null, personId: string): Promise<Viewer> {
  requireSignedIn(viewer);
  const [exists] = await ctx.db.select({ id: people.id }).from(people).where(eq(people.id, personId));
  if (!exists) throw new AppError('not_found', 'accounts.invitation.error.person_not_found', { id: personId });
  return requireAllowed(viewer, canInvitePerson(viewer, await selectPersonStanding(ctx.db, personId)));
}

/** "Invite to sign in" from a person's page: send (or send again) their invitation. */
export async function invitePerson(ctx: AppContext, viewer: Viewer | null, personId: string): Promise<Invitation> {
  const inviter = await requireInviter(ctx, viewer, personId);
  return ctx.db.transaction((tx) => invite(ctx, tx, personId, { invitedBy: inviter }));
}

/** Withdraw the person's unused invitation: its link no longer signs anyone in. The account stays. */
export async function revokeInvitation(ctx: AppContext, viewer: Viewer | null, personId: string): Promise<number> {
  const inviter = await requireInviter(ctx, viewer, personId);
  return ctx.db.transaction(async (tx) => {
    const [account] = await tx.select({ id: users.id }).from(users).where(eq(users.personId, personId));
    if (!account) return 0;
    const withdrawn = await withdrawInvitations(tx, account.id, ctx.clock.now());
    if (withdrawn > 0) {
      await recordAudit(tx, {
        actorUserId: inviter.userId,
        action: 'update',
        entityType: 'person',
        entityId: personId,
        changes: { invitation: { before: 'invited', after: 'withdrawn' } },
        at: ctx.clock.now(),
      });
    }
    return withdrawn;
  });
}

/**
 * Invite the attendees of an event who have not joined yet (no account, or
 * one never signed in), all or those chosen: one transaction, one mail each
 * through the outbox, so the answer comes at once with the counts.
 * Attendees without an address are counted as skipped.
 */
export async function inviteAttendees(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  personIds: string[] | undefined,
): Promise<{ invited: number; skipped: number }> {
  const inviter = requireRole(viewer, 'admin');
  return ctx.db.transaction(async (tx) => {
    const [event] = await rows<{ id: string }>(tx, sql`select id from events where slug = ${slug}`);
    if (!event) throw new AppError('not_found', 'accounts.invitation.error.event_not_found', { slug });
    const waiting = await rows<{ person_id: string; has_email: boolean }>(
      tx,
      sql`select a.person_id, (coalesce(u.email, p.email, '') <> '') as has_email
          from attendances a
          join people p on p.id = a.person_id
          left join users u on u.person_id = a.person_id
          where a.event_id = ${event.id} and u.last_sign_in_at is null
            ${personIds ? sql`and a.person_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(personIds)}::jsonb))` : sql``}
          order by p.name, a.person_id`,
    );
    let invited = 0;
    let skipped = 0;
    for (const attendee of waiting) {
      if (!attendee.has_email) {
        skipped++;
        continue;
      }
      try {
        await invite(ctx, tx, attendee.person_id, { eventSlug: slug, invitedBy: inviter });
        invited++;
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
        skipped++;
      }
    }
    return { invited, skipped };
  });
}
