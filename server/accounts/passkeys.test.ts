import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { ManualClock } from '../clock.ts';
import { PASSKEY_OPTION_LIMITS, WEBAUTHN_CHALLENGE_TTL_MS } from './passkeys.ts';
import { createOrPromoteAdmin, startSession } from './service.ts';
import { users } from './tables.ts';

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
const uint32 = (n: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(n);
  return bytes;
};

/**
 * A software passkey: an ES256 key pair that answers WebAuthn ceremonies the
 * way a platform authenticator does (attestation "none", user present and
 * verified, a signature counter). The browser test proves the same with
 * Chromium's virtual authenticator; this one lets the server's rules be
 * checked on both databases without a browser.
 */
class SoftPasskey {
  readonly credentialId = b64url(randomBytes(32));
  private readonly keys: { publicKey: KeyObject; privateKey: KeyObject } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
  });
  private counter = 0;
  private userHandle: string | undefined;

  constructor(readonly origin: string) {}

  create(options: PublicKeyCredentialCreationOptionsJSON): RegistrationResponseJSON {
    this.userHandle = options.user.id;
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    const coseKey = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x as string, 'base64url')],
        [-3, Buffer.from(jwk.y as string, 'base64url')],
      ]),
    );
    const credentialId = Buffer.from(this.credentialId, 'base64url');
    const length = Buffer.alloc(2);
    length.writeUInt16BE(credentialId.length);
    const authData = Buffer.concat([
      sha256(options.rp.id ?? ''),
      Buffer.from([0x45]), // user present, user verified, attested credential data
      uint32(this.counter),
      Buffer.alloc(16), // AAGUID
      length,
      credentialId,
      coseKey,
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, never>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, never>()],
        ['authData', authData],
      ]),
    );
    const clientData = { type: 'webauthn.create', challenge: options.challenge, origin: this.origin };
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(JSON.stringify(clientData)),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  get(options: PublicKeyCredentialRequestOptionsJSON): AuthenticationResponseJSON {
    this.counter += 1;
    const authenticatorData = Buffer.concat([sha256(options.rpId ?? ''), Buffer.from([0x05]), uint32(this.counter)]);
    const clientDataJSON = JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin: this.origin });
    const signature = sign('sha256', Buffer.concat([authenticatorData, sha256(clientDataJSON)]), this.keys.privateKey);
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authenticatorData),
        signature: b64url(signature),
        ...(this.userHandle ? { userHandle: this.userHandle } : {}),
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }
}

const cookieValue = (setCookie: string | string[] | undefined, name: string) => {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return all
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]
    ?.slice(name.length + 1);
};

/** `inject` talks to http://localhost; that is the origin and RP ID the answers must name. */
const ORIGIN = 'http://localhost';

describe.each(databaseKinds())('passkeys on %s', (kind) => {
  let t: TestApp;
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  let ip = 0;
  /** A fresh address per ceremony, so the per-IP limit on options never decides a test. */
  const nextIp = () => `10.9.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`;

  beforeAll(async () => {
    t = await startTestApp(kind, { clock, loadDemo: false });
    await createOrPromoteAdmin(t.runtime.ctx.db, { email: 'ana@network.example', name: 'Ana Passkey' });
    await createOrPromoteAdmin(t.runtime.ctx.db, { email: 'bruno@network.example', name: 'Bruno Other' });
  });
  afterAll(() => t?.close());

  async function sessionOf(email: string): Promise<string> {
    const [user] = await t.runtime.ctx.db
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`);
    return startSession(t.runtime.ctx, user?.id as string, 'test');
  }

  async function registrationOptions(session: string) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/me/passkeys/options',
      cookies: { encuentro_session: session },
      remoteAddress: nextIp(),
    });
    expect(response.statusCode).toBe(200);
    return {
      options: response.json() as PublicKeyCredentialCreationOptionsJSON,
      challengeCookie: cookieValue(response.headers['set-cookie'], 'encuentro_webauthn') as string,
    };
  }

  function register(session: string, challengeCookie: string | undefined, body: object) {
    return t.app.inject({
      method: 'POST',
      url: '/api/me/passkeys',
      cookies: { encuentro_session: session, ...(challengeCookie ? { encuentro_webauthn: challengeCookie } : {}) },
      payload: body,
    });
  }

  async function addPasskey(session: string, name?: string): Promise<SoftPasskey> {
    const passkey = new SoftPasskey(ORIGIN);
    const { options, challengeCookie } = await registrationOptions(session);
    const response = await register(session, challengeCookie, { response: passkey.create(options), name });
    expect(response.statusCode, response.body).toBe(201);
    return passkey;
  }

  async function signInOptions() {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/passkey/options', remoteAddress: nextIp() });
    expect(response.statusCode).toBe(200);
    return {
      options: response.json() as PublicKeyCredentialRequestOptionsJSON,
      challengeCookie: cookieValue(response.headers['set-cookie'], 'encuentro_webauthn') as string,
    };
  }

  function signIn(answer: AuthenticationResponseJSON, challengeCookie: string | undefined, query = '') {
    return t.app.inject({
      method: 'POST',
      url: `/api/auth/passkey${query}`,
      cookies: challengeCookie ? { encuentro_webauthn: challengeCookie } : {},
      payload: { response: answer },
    });
  }

  it('refuses every passkey change without a session', async () => {
    const options = await t.app.inject({ method: 'POST', url: '/api/me/passkeys/options' });
    expect(options.statusCode).toBe(401);
    expect(options.json().error.code).toBe('not_signed_in');
    const list = await t.app.inject({ url: '/api/me/passkeys' });
    expect(list.statusCode).toBe(401);
    const remove = await t.app.inject({ method: 'DELETE', url: '/api/me/passkeys/abc' });
    expect(remove.statusCode).toBe(401);
  });

  it('adds a discoverable passkey to the signed-in account and signs in with it, no e-mail asked', async () => {
    const session = await sessionOf('ana@network.example');
    const { options, challengeCookie } = await registrationOptions(session);
    expect(options.rp.id).toBe('localhost');
    expect(options.user.name).toBe('ana@network.example');
    expect(options.user.displayName).toBe('Ana Passkey');
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'preferred' });

    const passkey = new SoftPasskey(ORIGIN);
    const added = await register(session, challengeCookie, { response: passkey.create(options), name: ' Phone ' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toEqual({
      id: passkey.credentialId,
      name: 'Phone',
      createdAt: '2026-03-01T10:00:00.000Z',
      lastUsedAt: null,
    });

    // A browser with no cookies at all: the passkey alone names the account.
    const signInStart = await signInOptions();
    expect(signInStart.options.rpId).toBe('localhost');
    expect(signInStart.options.allowCredentials ?? []).toEqual([]);
    const signedIn = await signIn(passkey.get(signInStart.options), signInStart.challengeCookie);
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.json()).toMatchObject({ email: 'ana@network.example', person: { name: 'Ana Passkey' } });
    const sessionCookie = (signedIn.headers['set-cookie'] as string[]).find((c) => c.startsWith('encuentro_session='));
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Lax/);

    const newSession = cookieValue(signedIn.headers['set-cookie'], 'encuentro_session') as string;
    const me = await t.app.inject({ url: '/api/me', cookies: { encuentro_session: newSession } });
    expect(me.json().email).toBe('ana@network.example');
    const list = await t.app.inject({ url: '/api/me/passkeys', cookies: { encuentro_session: newSession } });
    expect(list.json().items).toEqual([expect.objectContaining({ id: passkey.credentialId, name: 'Phone' })]);
    expect(list.json().items[0].lastUsedAt).toBe('2026-03-01T10:00:00.000Z');
  });

  it('answers each challenge once: a replayed answer is refused, also against a newer challenge', async () => {
    const passkey = await addPasskey(await sessionOf('ana@network.example'));
    const { options, challengeCookie } = await signInOptions();
    const answer = passkey.get(options);
    expect((await signIn(answer, challengeCookie)).statusCode).toBe(200);

    const replayed = await signIn(answer, challengeCookie);
    expect(replayed.statusCode).toBe(400);
    expect(replayed.json().error.code).toBe('invalid_input');
    expect(replayed.headers['set-cookie']).not.toContain('encuentro_session=');

    const fresh = await signInOptions();
    const againstNewChallenge = await signIn(answer, fresh.challengeCookie);
    expect(againstNewChallenge.statusCode).toBe(401);
  });

  it('refuses a passkey the server does not know, and says so in Spanish when asked', async () => {
    const stranger = new SoftPasskey(ORIGIN);
    const { options, challengeCookie } = await signInOptions();
    const refused = await signIn(stranger.get(options), challengeCookie, '?lang=es');
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error).toEqual({
      code: 'not_signed_in',
      message: expect.stringContaining('No reconocemos esta llave de acceso'),
    });
  });

  it('refuses an answer from a browser that holds no challenge, or one too old', async () => {
    const passkey = await addPasskey(await sessionOf('ana@network.example'));
    const { options } = await signInOptions();
    expect((await signIn(passkey.get(options), undefined)).statusCode).toBe(400);

    const late = await signInOptions();
    clock.advance(WEBAUTHN_CHALLENGE_TTL_MS + 1000);
    expect((await signIn(passkey.get(late.options), late.challengeCookie)).statusCode).toBe(400);
  });

  it('refuses an answer made for another site', async () => {
    const session = await sessionOf('ana@network.example');
    const phishing = new SoftPasskey('https://encuentro.example.evil');
    const { options, challengeCookie } = await registrationOptions(session);
    const added = await register(session, challengeCookie, { response: phishing.create(options) });
    expect(added.statusCode).toBe(400);
  });

  it('binds a registration challenge to the account it was issued to, and refuses the same passkey twice', async () => {
    const ana = await sessionOf('ana@network.example');
    const bruno = await sessionOf('bruno@network.example');
    const { options, challengeCookie } = await registrationOptions(ana);
    const passkey = new SoftPasskey(ORIGIN);
    const answer = passkey.create(options);
    expect((await register(bruno, challengeCookie, { response: answer })).statusCode).toBe(400);

    const again = await registrationOptions(ana);
    expect((await register(ana, again.challengeCookie, { response: passkey.create(again.options) })).statusCode).toBe(
      201,
    );
    const third = await registrationOptions(ana);
    expect(third.options.excludeCredentials?.map((c) => c.id)).toContain(passkey.credentialId);
    const duplicate = await register(ana, third.challengeCookie, { response: passkey.create(third.options) });
    expect(duplicate.statusCode).toBe(409);
  });

  it("removes one's own passkey, which then no longer signs in, and cannot remove another's", async () => {
    const ana = await sessionOf('ana@network.example');
    const bruno = await sessionOf('bruno@network.example');
    const passkey = await addPasskey(ana, 'Laptop');

    const byOther = await t.app.inject({
      method: 'DELETE',
      url: `/api/me/passkeys/${passkey.credentialId}`,
      cookies: { encuentro_session: bruno },
    });
    expect(byOther.statusCode).toBe(404);

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/me/passkeys/${passkey.credentialId}`,
      cookies: { encuentro_session: ana },
    });
    expect(removed.statusCode).toBe(204);
    const list = await t.app.inject({ url: '/api/me/passkeys', cookies: { encuentro_session: ana } });
    expect(list.json().items.map((p: { id: string }) => p.id)).not.toContain(passkey.credentialId);

    const { options, challengeCookie } = await signInOptions();
    expect((await signIn(passkey.get(options), challengeCookie)).statusCode).toBe(401);
  });

  it('rate-limits the options anyone may ask for, per IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= PASSKEY_OPTION_LIMITS.perIp.limit; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/passkey/options',
        remoteAddress: '10.99.0.1',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe.each(databaseKinds())('passkeys behind PUBLIC_URL on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, {
      loadDemo: false,
      origins: { url: 'https://encuentro.example.org', accepted: ['https://encuentro.example.org'] },
    });
  });
  afterAll(() => t?.close());

  it('names the public host as the relying party, whatever host the request came in on', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/passkey/options',
      headers: { host: 'internal-instance-3:3000' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().rpId).toBe('encuentro.example.org');
  });
});
