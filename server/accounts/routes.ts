import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { translate } from '../../shared/i18n/index.ts';
import { Text } from '../../shared/schema-helpers.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { App } from '../http/types.ts';
import {
  finishPasskeyRegistration,
  finishPasskeySignIn,
  listPasskeys,
  relyingParty,
  removePasskey,
  startPasskeyRegistration,
  startPasskeySignIn,
  WEBAUTHN_CHALLENGE_TTL_MS,
} from './passkeys.ts';
import { requireSignedIn } from './policy.ts';
import {
  logoutSchema,
  meSchema,
  passkeyListSchema,
  passkeyRegisterSchema,
  passkeyRegistrationOptionsSchema,
  passkeyRemoveSchema,
  passkeySignInOptionsSchema,
  passkeySignInSchema,
  requestLinkSchema,
  signInCodeSchema,
  verifyLinkSchema,
} from './schema.ts';
import {
  admitSignInRequest,
  describeViewer,
  endSession,
  landingPathOf,
  REAUTHENTICATION_WINDOW_MS,
  SESSION_ABSOLUTE_MS,
  SIGN_IN_LINK_TTL_MS,
  SignInLinkError,
  sendSignInLink,
  signedInRecently,
  signInWithCode,
  verifySignInLink,
  viewerFromSession,
} from './service.ts';
import { newToken } from './tokens.ts';

export const SESSION_COOKIE = 'encuentro_session';
/** Ties a sign-in link to the browser that asked for it. */
export const BINDING_COOKIE = 'encuentro_sign_in';
/** Ties a WebAuthn challenge to the browser that asked for it. */
export const WEBAUTHN_COOKIE = 'encuentro_webauthn';

/**
 * Where to land after following a sign-in link: a path of this app only
 * (letters, digits, dashes, slashes), never another site, so a link cannot
 * be turned into an open redirect.
 */
const ReturnPath = Text({
  pattern: '^/([A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*)?$',
  maxLength: 200,
  description: 'A path of the app to land on once signed in, e.g. /account',
});

const requestLinkWithReturnSchema = {
  ...requestLinkSchema,
  body: Type.Object(
    { ...requestLinkSchema.body.properties, next: Type.Optional(ReturnPath) },
    { additionalProperties: false },
  ),
};

const verifyLinkWithReturnSchema = {
  ...verifyLinkSchema,
  querystring: Type.Object({ ...verifyLinkSchema.querystring.properties, next: Type.Optional(ReturnPath) }),
};

const cookieOptions = (request: FastifyRequest, maxAgeMs: number) => ({
  path: '/',
  httpOnly: true,
  // Lax: the cookie rides along when the link in the e-mail opens the app, but not on cross-site posts.
  sameSite: 'lax' as const,
  secure: request.protocol === 'https',
  maxAge: Math.floor(maxAgeMs / 1000),
});

export function accountsRoutes(app: App, ctx: AppContext): void {
  app.post('/api/auth/magic-link', { schema: requestLinkWithReturnSchema }, async (request, reply) => {
    const binding = newToken();
    await admitSignInRequest(ctx, request.ip);
    const { email, next } = request.body;
    const ask = { email, ip: request.ip, binding, language: request.language, next };
    ctx.background.run(
      async () => void (await sendSignInLink(ctx, ask)),
      (error) => request.log.error({ err: error }, 'sign-in link not sent'),
    );
    reply.setCookie(BINDING_COOKIE, binding, cookieOptions(request, SIGN_IN_LINK_TTL_MS));
    return reply.code(202).send({ message: translate(request.language, 'accounts.link.sent') });
  });

  app.get('/auth/verify', { schema: verifyLinkWithReturnSchema }, async (request, reply) => {
    try {
      const { sessionToken, next, userId } = await verifySignInLink(ctx, {
        token: request.query.token,
        binding: request.cookies[BINDING_COOKIE],
        userAgent: request.headers['user-agent'],
      });
      // The session this browser had before, if any, ends: one browser, one session.
      if (request.viewer) await endSession(ctx, request.viewer);
      reply.setCookie(SESSION_COOKIE, sessionToken, cookieOptions(request, SESSION_ABSOLUTE_MS));
      reply.clearCookie(BINDING_COOKIE, { path: '/' });
      // An invitation carries where it lands (the invited person's trip), written by the server; staff land on their back office.
      return reply.redirect(request.query.next ?? next ?? (await landingPathOf(ctx, userId)), 303);
    } catch (error) {
      if (error instanceof SignInLinkError) return reply.redirect(`/sign-in?error=${error.reason}`, 303);
      throw error;
    }
  });

  app.post('/api/auth/code', { schema: signInCodeSchema }, async (request, reply) => {
    const { sessionToken } = await signInWithCode(ctx, {
      email: request.body.email,
      code: request.body.code,
      binding: request.cookies[BINDING_COOKIE],
      ip: request.ip,
      userAgent: request.headers['user-agent'],
    });
    if (request.viewer) await endSession(ctx, request.viewer);
    reply.setCookie(SESSION_COOKIE, sessionToken, cookieOptions(request, SESSION_ABSOLUTE_MS));
    reply.clearCookie(BINDING_COOKIE, { path: '/' });
    const viewer = await viewerFromSession(ctx, sessionToken);
    if (!viewer) throw new Error('a session just started is unknown');
    return describeViewer(ctx, viewer);
  });

  app.post('/api/auth/logout', { schema: logoutSchema }, async (request, reply) => {
    if (request.viewer) await endSession(ctx, request.viewer);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/me', { schema: meSchema }, async (request) => describeViewer(ctx, requireSignedIn(request.viewer)));

  passkeyRoutes(app, ctx);
}

function passkeyRoutes(app: App, ctx: AppContext): void {
  const rp = () => relyingParty(ctx);
  const rememberChallenge = (request: FastifyRequest, reply: FastifyReply, binding: string) =>
    reply.setCookie(WEBAUTHN_COOKIE, binding, cookieOptions(request, WEBAUTHN_CHALLENGE_TTL_MS));
  // The challenge is spent whatever the outcome, so its cookie goes too.
  const forgetChallenge = (reply: FastifyReply) => reply.clearCookie(WEBAUTHN_COOKIE, { path: '/' });

  app.get('/api/me/passkeys', { schema: passkeyListSchema }, async (request) => ({
    items: await listPasskeys(ctx, requireSignedIn(request.viewer)),
  }));

  /**
   * Adding or removing a passkey changes how the account is reached: it takes
   * a recent sign-in. An older session gets a 401 of its own, so the page
   * offers to sign in again rather than to sign in.
   */
  const refuseStaleSignIn = (): never => {
    throw new AppError('reauthentication_required', 'accounts.error.reauthentication_required', {
      minutes: REAUTHENTICATION_WINDOW_MS / 60_000,
    });
  };

  app.post('/api/me/passkeys/options', { schema: passkeyRegistrationOptionsSchema }, async (request, reply) => {
    const viewer = requireSignedIn(request.viewer);
    if (!(await signedInRecently(ctx, viewer))) refuseStaleSignIn();
    const { options, binding } = await startPasskeyRegistration(ctx, viewer, rp(), request.ip);
    rememberChallenge(request, reply, binding);
    return options;
  });

  app.post('/api/me/passkeys', { schema: passkeyRegisterSchema }, async (request, reply) => {
    const viewer = requireSignedIn(request.viewer);
    forgetChallenge(reply);
    if (!(await signedInRecently(ctx, viewer))) refuseStaleSignIn();
    const passkey = await finishPasskeyRegistration(ctx, viewer, rp(), {
      response: request.body.response as RegistrationResponseJSON,
      name: request.body.name,
      binding: request.cookies[WEBAUTHN_COOKIE],
    });
    return reply.code(201).send(passkey);
  });

  app.delete('/api/me/passkeys/:id', { schema: passkeyRemoveSchema }, async (request, reply) => {
    const viewer = requireSignedIn(request.viewer);
    if (!(await signedInRecently(ctx, viewer))) refuseStaleSignIn();
    await removePasskey(ctx, viewer, request.params.id);
    return reply.code(204).send(null);
  });

  app.post('/api/auth/passkey/options', { schema: passkeySignInOptionsSchema }, async (request, reply) => {
    const { options, binding } = await startPasskeySignIn(ctx, rp(), request.ip);
    rememberChallenge(request, reply, binding);
    return options;
  });

  app.post('/api/auth/passkey', { schema: passkeySignInSchema }, async (request, reply) => {
    forgetChallenge(reply);
    const { sessionToken } = await finishPasskeySignIn(ctx, rp(), {
      response: request.body.response as AuthenticationResponseJSON,
      binding: request.cookies[WEBAUTHN_COOKIE],
      userAgent: request.headers['user-agent'],
    });
    // The session this browser had before, if any, ends: one browser, one session.
    if (request.viewer) await endSession(ctx, request.viewer);
    reply.setCookie(SESSION_COOKIE, sessionToken, cookieOptions(request, SESSION_ABSOLUTE_MS));
    const viewer = await viewerFromSession(ctx, sessionToken);
    if (!viewer) throw new Error('a session just started is unknown');
    return describeViewer(ctx, viewer);
  });
}

/** Resolve the session cookie into request.viewer; an unknown or ended session is simply the public. */
export async function resolveViewer(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const token = request.cookies[SESSION_COOKIE];
  request.viewer = token ? await viewerFromSession(ctx, token) : null;
  if (token && !request.viewer) reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
