import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { and, asc, eq, gt, lt } from 'drizzle-orm';
import type { Passkey } from '../../shared/api/accounts.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { people } from '../directory/tables.ts';
import { AppError } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { spendRateLimits } from './rate-limit.ts';
import { startSession } from './service.ts';
import { passkeys, webauthnChallenges } from './tables.ts';
import { hashToken, newToken } from './tokens.ts';

const MINUTE = 60_000;
/** How long the browser has to answer a challenge: the ceremony's own timeout plus room for a slow hand. */
export const WEBAUTHN_CHALLENGE_TTL_MS = 5 * MINUTE;
/** What the browser waits for the authenticator before giving up. */
const CEREMONY_TIMEOUT_MS = 2 * MINUTE;
/** Anyone may ask for sign-in options, and each costs a row: bound them per IP. */
export const PASSKEY_OPTION_LIMITS = { perIp: { limit: 30, windowMs: 15 * MINUTE } };
const RP_NAME = 'Encuentro';

/**
 * Where the ceremony happens. A credential is bound to the RP ID (the host
 * name), and every answer names the origin it was made on; both come from
 * the configured public origin, never from the request's Host.
 */
export interface RelyingParty {
  origin: string;
  rpID: string;
}

export function relyingParty(ctx: Pick<AppContext, 'publicUrl'>): RelyingParty {
  const origin = new URL(ctx.publicUrl).origin;
  return { origin, rpID: new URL(origin).hostname };
}

/** The WebAuthn user handle: the account's id as 16 bytes, opaque and free of personal data. */
const userHandleOf = (userId: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array(Buffer.from(userId.replaceAll('-', ''), 'hex'));

type Purpose = (typeof webauthnChallenges.$inferSelect)['purpose'];

/** Keep a challenge for this browser; the returned nonce goes into its cookie. */
async function rememberChallenge(
  ctx: ServiceContext,
  purpose: Purpose,
  challenge: string,
  userId: string | null,
): Promise<string> {
  const now = ctx.clock.now();
  const binding = newToken();
  // Unanswered challenges would pile up: each new one sweeps the expired.
  await ctx.db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now));
  await ctx.db.insert(webauthnChallenges).values({
    bindingHash: hashToken(binding),
    purpose,
    challenge,
    userId,
    expiresAt: new Date(now.getTime() + WEBAUTHN_CHALLENGE_TTL_MS),
  });
  return binding;
}

/**
 * Take this browser's challenge, once: deleting it is what makes it single
 * use, so two answers racing each other cannot both be checked against it.
 */
async function takeChallenge(
  ctx: ServiceContext,
  purpose: Purpose,
  binding: string | undefined,
  userId: string | null,
): Promise<string> {
  if (!binding) throw new AppError('invalid_input', 'accounts.passkey.error.challenge');
  const [taken] = await ctx.db
    .delete(webauthnChallenges)
    .where(
      and(
        eq(webauthnChallenges.bindingHash, hashToken(binding)),
        eq(webauthnChallenges.purpose, purpose),
        gt(webauthnChallenges.expiresAt, ctx.clock.now()),
      ),
    )
    .returning();
  // A registration challenge answered from another account's session is as good as none.
  if (!taken || (userId !== null && taken.userId !== userId)) {
    throw new AppError('invalid_input', 'accounts.passkey.error.challenge');
  }
  return taken.challenge;
}

const presentPasskey = (row: typeof passkeys.$inferSelect): Passkey => ({
  id: row.credentialId,
  name: row.name,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
});

export async function listPasskeys(ctx: ServiceContext, viewer: Viewer): Promise<Passkey[]> {
  const rows = await ctx.db
    .select()
    .from(passkeys)
    .where(eq(passkeys.userId, viewer.userId))
    .orderBy(asc(passkeys.createdAt), asc(passkeys.credentialId));
  return rows.map(presentPasskey);
}

/** Options for navigator.credentials.create(), and the nonce that binds their challenge to this browser. */
export async function startPasskeyRegistration(
  ctx: ServiceContext,
  viewer: Viewer,
  rp: RelyingParty,
  ip: string,
): Promise<{ options: PublicKeyCredentialCreationOptionsJSON; binding: string }> {
  await spendRateLimits(ctx, [{ bucket: `passkey:ip:${ip}`, ...PASSKEY_OPTION_LIMITS.perIp }]);
  const [person] = viewer.personId
    ? await ctx.db.select({ name: people.name }).from(people).where(eq(people.id, viewer.personId))
    : [];
  const existing = await ctx.db
    .select({ id: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, viewer.userId));
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.rpID,
    userName: viewer.email,
    userID: userHandleOf(viewer.userId),
    userDisplayName: person?.name ?? viewer.email,
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: 'none',
    // The same authenticator twice would only be a confusing duplicate.
    excludeCredentials: existing,
    // Discoverable: the authenticator keeps the account, so signing in needs no e-mail address.
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  const binding = await rememberChallenge(ctx, 'registration', options.challenge, viewer.userId);
  return { options, binding };
}

export async function finishPasskeyRegistration(
  ctx: ServiceContext,
  viewer: Viewer,
  rp: RelyingParty,
  input: { response: RegistrationResponseJSON; name: string | undefined; binding: string | undefined },
): Promise<Passkey> {
  const expectedChallenge = await takeChallenge(ctx, 'registration', input.binding, viewer.userId);
  const verification = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    requireUserVerification: false,
    // The library throws for each way an answer can be wrong (origin, challenge, format); all are one refusal here.
  }).catch(() => ({ verified: false as const }));
  if (!verification.verified) throw new AppError('invalid_input', 'accounts.passkey.error.registration_failed');
  const { credential } = verification.registrationInfo;
  const [row] = await ctx.db
    .insert(passkeys)
    .values({
      credentialId: credential.id,
      userId: viewer.userId,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? [],
      name: input.name?.trim() || null,
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('conflict', 'accounts.passkey.error.exists');
  return presentPasskey(row);
}

export async function removePasskey(ctx: ServiceContext, viewer: Viewer, credentialId: string): Promise<void> {
  const removed = await ctx.db
    .delete(passkeys)
    .where(and(eq(passkeys.credentialId, credentialId), eq(passkeys.userId, viewer.userId)))
    .returning({ id: passkeys.credentialId });
  if (removed.length === 0) throw new AppError('not_found', 'accounts.passkey.error.not_found');
}

/** Options for navigator.credentials.get(): no account named, the authenticator offers its passkeys. */
export async function startPasskeySignIn(
  ctx: ServiceContext,
  rp: RelyingParty,
  ip: string,
): Promise<{ options: PublicKeyCredentialRequestOptionsJSON; binding: string }> {
  await spendRateLimits(ctx, [{ bucket: `passkey:ip:${ip}`, ...PASSKEY_OPTION_LIMITS.perIp }]);
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    timeout: CEREMONY_TIMEOUT_MS,
    userVerification: 'preferred',
  });
  const binding = await rememberChallenge(ctx, 'authentication', options.challenge, null);
  return { options, binding };
}

/**
 * Check a passkey's answer and start a session, exactly as a sign-in link
 * does. Every refusal after the challenge says the same thing, so the answer
 * does not tell which credentials exist.
 */
export async function finishPasskeySignIn(
  ctx: ServiceContext,
  rp: RelyingParty,
  input: { response: AuthenticationResponseJSON; binding: string | undefined; userAgent: string | undefined },
): Promise<{ sessionToken: string; userId: string }> {
  const expectedChallenge = await takeChallenge(ctx, 'authentication', input.binding, null);
  const refused = () => new AppError('not_signed_in', 'accounts.passkey.error.not_recognised');
  const [passkey] = await ctx.db.select().from(passkeys).where(eq(passkeys.credentialId, input.response.id));
  if (!passkey) throw refused();
  // A discoverable credential names its account; it must be the one the credential was registered to.
  const userHandle = input.response.response.userHandle;
  if (userHandle && userHandle !== Buffer.from(userHandleOf(passkey.userId)).toString('base64url')) throw refused();
  const verification = await verifyAuthenticationResponse({
    response: input.response,
    expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    credential: {
      id: passkey.credentialId,
      publicKey: new Uint8Array(passkey.publicKey),
      counter: passkey.counter,
      transports: passkey.transports,
    },
    requireUserVerification: false,
  }).catch(() => ({ verified: false }));
  if (!verification.verified || !('authenticationInfo' in verification)) throw refused();
  // The counter guard makes a cloned authenticator racing the real one lose instead of both signing in.
  const [updated] = await ctx.db
    .update(passkeys)
    .set({ counter: verification.authenticationInfo.newCounter, lastUsedAt: ctx.clock.now() })
    .where(and(eq(passkeys.credentialId, passkey.credentialId), eq(passkeys.counter, passkey.counter)))
    .returning({ id: passkeys.credentialId });
  if (!updated) throw refused();
  const sessionToken = await startSession(ctx, passkey.userId, input.userAgent);
  return { sessionToken, userId: passkey.userId };
}
