import { randomInt } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Language } from '../../shared/domain.ts';
import { translate } from '../../shared/i18n/index.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { Batcher } from '../db/batcher.ts';
import type { Queryable } from '../db/client.ts';
import { insertPeople } from '../directory/service.ts';
import { organizations, people } from '../directory/tables.ts';
import { AppError } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { enqueueMail } from '../outbox/service.ts';
import { rateLimitUsedUp, spendRateLimits, withinRateLimits } from './rate-limit.ts';
import {
  normalizeEmail,
  signInAddressBucket,
  signInAddressIpBucket,
  signInCodeAddressBucket,
} from './sign-in-limits.ts';
import { authSessions, signInLinks, users } from './tables.ts';
import { hashToken, newToken } from './tokens.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** ASVS 5.0 asks for short-lived, single-use out-of-band links. */
export const SIGN_IN_LINK_TTL_MS = 15 * MINUTE;
/** A session ends after a week without use, and after 30 days in any case. */
export const SESSION_IDLE_MS = 7 * DAY;
export const SESSION_ABSOLUTE_MS = 30 * DAY;
/** last_seen_at is refreshed at most this often, so reads do not each cost a write. */
const SESSION_TOUCH_MS = MINUTE;
/**
 * Adding or removing a way to sign in needs a sign-in at most this old (ASVS
 * 5.0 re-authentication before sensitive changes): a browser left signed in
 * cannot be used to plant a passkey of someone else's.
 */
export const REAUTHENTICATION_WINDOW_MS = 10 * MINUTE;

export const SIGN_IN_LIMITS = {
  /** One address asked from one IP: a person retrying, or a stranger, who then gets no more mail. */
  perAddressAndIp: { limit: 5, windowMs: 15 * MINUTE },
  /** One address asked from anywhere: bounds the mail one inbox can be sent. */
  perAddress: { limit: 20, windowMs: 60 * MINUTE },
  /** One IP: a venue's network puts hundreds of phones behind one address. Past it, 429. */
  perIp: { limit: 600, windowMs: 15 * MINUTE },
};

/**
 * The part of asking for a link that the answer waits for: the asking IP's
 * allowance (429 when it is used up). It does not look at the address, so
 * the answer takes as long whether the address has an account or not.
 */
export async function admitSignInRequest(ctx: ServiceContext, ip: string): Promise<void> {
  await spendRateLimits(ctx, [{ bucket: `sign-in:ip:${ip}`, ...SIGN_IN_LIMITS.perIp }]);
}

/**
 * The rest, after the answer has left: only known addresses get mail, and an
 * address asked for too often gets no more, silently. A stranger asking for
 * someone else's address spends the allowance of that address from their own
 * IP, so the person can still ask from theirs, and the links already mailed
 * to them keep working.
 */
export async function sendSignInLink(
  ctx: AppContext,
  input: {
    email: string;
    ip: string;
    binding: string;
    language: Language;
    /** A path of the app to land on once signed in (checked by the route's schema: local paths only). */
    next?: string | undefined;
  },
): Promise<'sent' | 'limited' | 'unknown'> {
  const email = normalizeEmail(input.email);
  const within = await withinRateLimits(ctx, [
    { bucket: signInAddressIpBucket(email, input.ip), ...SIGN_IN_LIMITS.perAddressAndIp },
    { bucket: signInAddressBucket(email), ...SIGN_IN_LIMITS.perAddress },
  ]);
  if (!within) return 'limited';
  const [user] = await ctx.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
  if (!user) return 'unknown';
  const token = newToken();
  const code = newSignInCode();
  const tokenHash = hashToken(token);
  const now = ctx.clock.now();
  const next = input.next && input.next !== '/' ? `&next=${encodeURIComponent(input.next)}` : '';
  const link = `${ctx.publicUrl}/auth/verify?token=${token}${next}`;
  const minutes = SIGN_IN_LINK_TTL_MS / MINUTE;
  // The link and its mail commit together: no mail for a link that does not exist, no link whose mail is lost.
  await ctx.db.transaction(async (tx) => {
    await tx.insert(signInLinks).values({
      tokenHash,
      userId: user.id,
      bindingHash: hashToken(input.binding),
      codeHash: hashSignInCode(tokenHash, code),
      createdAt: now,
      expiresAt: new Date(now.getTime() + SIGN_IN_LINK_TTL_MS),
    });
    await enqueueMail(tx, now, {
      kind: 'sign_in',
      to: email,
      subject: translate(input.language, 'accounts.mail.subject'),
      text: translate(input.language, 'accounts.mail.body', { link, minutes, code }),
    });
  });
  return 'sent';
}

/** Six digits, uniformly drawn: short enough to type from a phone's mail into another browser. */
const newSignInCode = (): string => randomInt(0, 1_000_000).toString().padStart(6, '0');
/** Salted with its link, so equal codes of two links differ in the table. */
const hashSignInCode = (tokenHash: string, code: string): string => hashToken(`${tokenHash}:${code}`);

/** Wrong codes a link survives; the next wrong one ends it (and its link). */
export const SIGN_IN_CODE_ATTEMPTS = 5;

export const SIGN_IN_CODE_LIMITS = {
  /** Codes tried from one IP: a venue's phones typing theirs. Past it, 429. */
  perIp: { limit: 600, windowMs: 15 * MINUTE },
  /**
   * Codes tried for one address, from anywhere: with the attempts per link,
   * what bounds guessing a code for a link a stranger asked for from their own browser.
   */
  perAddress: { limit: 10, windowMs: 60 * MINUTE },
};

/**
 * Sign in with the code of the last link mailed to the address, in the
 * browser that asked for it (its binding cookie). Every failure answers the
 * same (`code_invalid`), whether the address, the browser or the code is
 * wrong; a code tried too often is dead, with its link.
 */
export async function signInWithCode(
  ctx: ServiceContext,
  input: { email: string; code: string; binding: string | undefined; ip: string; userAgent: string | undefined },
): Promise<{ sessionToken: string; userId: string }> {
  const email = normalizeEmail(input.email);
  await spendRateLimits(ctx, [{ bucket: `sign-in:code-ip:${input.ip}`, ...SIGN_IN_CODE_LIMITS.perIp }]);
  const refuse = () =>
    new AppError('invalid_input', 'accounts.error.code_invalid', { attempts: SIGN_IN_CODE_ATTEMPTS });
  if (!input.binding) throw refuse();
  const bindingHash = hashToken(input.binding);
  const now = ctx.clock.now();
  const codeAddressLimit = { bucket: signInCodeAddressBucket(email), ...SIGN_IN_CODE_LIMITS.perAddress };
  if (await rateLimitUsedUp(ctx, codeAddressLimit)) throw refuse();
  const outcome = await ctx.db.transaction(async (tx) => {
    const [link] = await tx
      .select({
        tokenHash: signInLinks.tokenHash,
        userId: signInLinks.userId,
        codeHash: signInLinks.codeHash,
        attempts: signInLinks.codeAttempts,
      })
      .from(signInLinks)
      .innerJoin(users, eq(users.id, signInLinks.userId))
      .where(
        and(
          sql`lower(${users.email}) = ${email}`,
          eq(signInLinks.bindingHash, bindingHash),
          eq(signInLinks.purpose, 'sign_in'),
          isNull(signInLinks.usedAt),
          isNull(signInLinks.revokedAt),
          gt(signInLinks.expiresAt, now),
        ),
      )
      .orderBy(desc(signInLinks.createdAt))
      .limit(1)
      .for('update');
    if (!link?.codeHash) return null;
    if (hashSignInCode(link.tokenHash, input.code) === link.codeHash) {
      await tx.update(signInLinks).set({ usedAt: now }).where(eq(signInLinks.tokenHash, link.tokenHash));
      return link.userId;
    }
    const attempts = link.attempts + 1;
    await tx
      .update(signInLinks)
      .set({ codeAttempts: attempts, ...(attempts >= SIGN_IN_CODE_ATTEMPTS ? { revokedAt: now } : {}) })
      .where(eq(signInLinks.tokenHash, link.tokenHash));
    return null;
  });
  if (!outcome) {
    // Only wrong codes count against the address: a stranger's guesses, or the person's typos.
    await withinRateLimits(ctx, [codeAddressLimit]);
    throw refuse();
  }
  const sessionToken = await startSession(ctx, outcome, input.userAgent);
  return { sessionToken, userId: outcome };
}

export type SignInFailure = 'invalid' | 'used' | 'expired' | 'other_browser';

export class SignInLinkError extends Error {
  constructor(readonly reason: SignInFailure) {
    super(`sign-in link refused: ${reason}`);
  }
}

/**
 * Exchange a link for a new session. The link is consumed by a conditional
 * update, so two clicks racing each other cannot both succeed. A sign-in link
 * opened in another browser than the one that asked is refused and left
 * unused (its code still works there); an invitation, bound to the invited
 * address instead, signs in whichever browser opens it first.
 */
export async function verifySignInLink(
  ctx: ServiceContext,
  input: { token: string; binding: string | undefined; userAgent: string | undefined },
): Promise<{ sessionToken: string; userId: string; next: string | null }> {
  const now = ctx.clock.now();
  const tokenHash = hashToken(input.token);
  const [consumed] = await ctx.db
    .update(signInLinks)
    .set({ usedAt: now })
    .where(
      and(
        eq(signInLinks.tokenHash, tokenHash),
        isNull(signInLinks.usedAt),
        isNull(signInLinks.revokedAt),
        gt(signInLinks.expiresAt, now),
        or(
          eq(signInLinks.purpose, 'invitation'),
          eq(signInLinks.bindingHash, input.binding ? hashToken(input.binding) : ''),
        ),
      ),
    )
    .returning({ userId: signInLinks.userId, next: signInLinks.nextPath });
  if (!consumed) {
    const [link] = await ctx.db.select().from(signInLinks).where(eq(signInLinks.tokenHash, tokenHash));
    if (!link || link.revokedAt) throw new SignInLinkError('invalid');
    if (link.usedAt) throw new SignInLinkError('used');
    if (link.expiresAt <= now) throw new SignInLinkError('expired');
    throw new SignInLinkError('other_browser');
  }
  const sessionToken = await startSession(ctx, consumed.userId, input.userAgent);
  return { sessionToken, userId: consumed.userId, next: consumed.next };
}

/** A new session with a fresh random id, at every sign-in. */
export async function startSession(
  ctx: ServiceContext,
  userId: string,
  userAgent: string | undefined,
): Promise<string> {
  const now = ctx.clock.now();
  const token = newToken();
  await ctx.db.insert(authSessions).values({
    tokenHash: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  await ctx.db.update(users).set({ lastSignInAt: now }).where(eq(users.id, userId));
  return token;
}

/** The account behind a session cookie, or null when it is unknown, ended, idle too long or expired. */
export async function viewerFromSession(ctx: ServiceContext, token: string): Promise<Viewer | null> {
  const now = ctx.clock.now();
  const tokenHash = hashToken(token);
  const row = await sessionLoader(ctx.db).submit(tokenHash);
  if (
    !row ||
    row.revokedAt !== null ||
    row.expiresAt.getTime() <= now.getTime() ||
    row.lastSeenAt.getTime() <= now.getTime() - SESSION_IDLE_MS
  ) {
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await ctx.db.update(authSessions).set({ lastSeenAt: now }).where(eq(authSessions.tokenHash, tokenHash));
  }
  const { lastSeenAt: _seen, revokedAt: _revoked, expiresAt: _expires, tokenHash: _hash, ...viewer } = row;
  return { ...viewer, sessionTokenHash: tokenHash };
}

type SessionRow = Awaited<ReturnType<typeof selectSessions>>[number];

function selectSessions(db: Queryable, tokenHashes: string[]) {
  return db
    .select({
      tokenHash: authSessions.tokenHash,
      userId: users.id,
      email: users.email,
      role: users.role,
      organizationId: users.organizationId,
      personId: users.personId,
      lastSeenAt: authSessions.lastSeenAt,
      expiresAt: authSessions.expiresAt,
      revokedAt: authSessions.revokedAt,
    })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(inArray(authSessions.tokenHash, [...new Set(tokenHashes)]));
}

const sessionLoaders = new WeakMap<Queryable, Batcher<string, SessionRow | undefined>>();

/**
 * Every request that carries a session cookie looks it up: requests that
 * arrive together share one statement (a scan burst at a venue is hundreds a
 * second). The rows are read after the requests arrived and kept by nobody,
 * so a sign-out or a revocation counts from the next request on.
 */
function sessionLoader(db: Queryable): Batcher<string, SessionRow | undefined> {
  let loader = sessionLoaders.get(db);
  if (!loader) {
    loader = new Batcher(
      async (hashes) => {
        const found = new Map((await selectSessions(db, hashes)).map((row) => [row.tokenHash, row]));
        return hashes.map((hash) => ({ ok: true, value: found.get(hash) }));
      },
      { maxBatch: 200, maxInFlight: 2 },
    );
    sessionLoaders.set(db, loader);
  }
  return loader;
}

/** Whether the viewer's session began (a sign-in, by link or passkey) within the re-authentication window. */
export async function signedInRecently(ctx: ServiceContext, viewer: Viewer): Promise<boolean> {
  const [session] = await ctx.db
    .select({ createdAt: authSessions.createdAt })
    .from(authSessions)
    .where(eq(authSessions.tokenHash, viewer.sessionTokenHash));
  if (!session) return false;
  return ctx.clock.now().getTime() - session.createdAt.getTime() <= REAUTHENTICATION_WINDOW_MS;
}

export async function endSession(ctx: ServiceContext, viewer: Viewer): Promise<void> {
  await ctx.db
    .update(authSessions)
    .set({ revokedAt: ctx.clock.now() })
    .where(eq(authSessions.tokenHash, viewer.sessionTokenHash));
}

export async function describeViewer(ctx: ServiceContext, viewer: Viewer) {
  const [organization] = viewer.organizationId
    ? await ctx.db
        .select({
          slug: organizations.slug,
          kind: organizations.kind,
          name: organizations.name,
          acronym: organizations.acronym,
        })
        .from(organizations)
        .where(eq(organizations.id, viewer.organizationId))
    : [];
  const [person] = viewer.personId
    ? await ctx.db.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, viewer.personId))
    : [];
  return {
    id: viewer.userId,
    email: viewer.email,
    role: viewer.role,
    organization: organization ?? null,
    person: person ?? null,
  };
}

/**
 * Create an admin account for an address, or promote the existing one. A new
 * account gets a person in the directory (private by default) named after the
 * address unless a name is given.
 */
export async function createOrPromoteAdmin(
  db: Queryable,
  input: { email: string; name?: string | undefined },
): Promise<'created' | 'promoted' | 'unchanged'> {
  const email = normalizeEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AppError('invalid_input', 'accounts.error.bad_email');
  const [existing] = await db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  if (existing) {
    if (existing.role === 'admin') return 'unchanged';
    await db
      .update(users)
      .set({ role: 'admin', organizationId: null, version: sql`${users.version} + 1` })
      .where(eq(users.id, existing.id));
    return 'promoted';
  }
  const [personWithEmail] = await db
    .select({ id: people.id })
    .from(people)
    .where(sql`lower(${people.email}) = ${email}`);
  const personId =
    personWithEmail?.id ??
    (await insertPeople(db, [{ name: input.name ?? email.split('@')[0] ?? email, email }]))[0] ??
    null;
  await db.insert(users).values({ email, role: 'admin', personId });
  return 'created';
}

/** Where a sign-in link lands when it names no page: staff on their back office, everyone else at home. */
export async function landingPathOf(ctx: ServiceContext, userId: string): Promise<string> {
  const [user] = await ctx.db.select({ role: users.role }).from(users).where(eq(users.id, userId));
  return user?.role === 'admin' ? '/staff' : '/';
}
