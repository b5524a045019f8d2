import { Type } from 'typebox';
import { Me, Passkey, PasskeyList } from '../../shared/api/accounts.ts';
import { ErrorResponse } from '../../shared/api/common.ts';
import { Text } from '../../shared/schema-helpers.ts';

export { Me };

export const requestLinkSchema = {
  tags: ['accounts'],
  summary: 'Send a sign-in link to an address (same answer whether an account exists or not)',
  body: Type.Object({ email: Text({ format: 'email', maxLength: 254 }) }, { additionalProperties: false }),
  response: { 202: Type.Object({ message: Type.String() }), 400: ErrorResponse, 429: ErrorResponse },
};

export const verifyLinkSchema = {
  tags: ['accounts'],
  summary: 'Exchange a sign-in link for a session cookie, then go to the app',
  querystring: Type.Object({ token: Text({ minLength: 20, maxLength: 200 }) }),
};

export const signInCodeSchema = {
  tags: ['accounts'],
  summary: 'Sign in with the 6-digit code of the sign-in e-mail, in the browser that asked for it',
  body: Type.Object(
    {
      email: Text({ format: 'email', maxLength: 254 }),
      code: Text({ pattern: '^[0-9]{6}$', description: 'The six digits from the sign-in e-mail' }),
    },
    { additionalProperties: false },
  ),
  response: { 200: Me, 400: ErrorResponse, 429: ErrorResponse },
};

export const logoutSchema = {
  tags: ['accounts'],
  summary: 'End this session on the server',
  response: { 204: Type.Null() },
};

export const meSchema = {
  tags: ['accounts'],
  summary: 'The signed-in account',
  response: { 200: Me, 401: ErrorResponse },
};

// ---------- Passkeys (WebAuthn) ----------

/** base64url as WebAuthn JSON carries it; the library checks the content, this only bounds the size. */
const Base64Url = (maxLength: number) => Text({ pattern: '^[A-Za-z0-9_-]*={0,2}$', maxLength });

/** What navigator.credentials.create() answers, in its JSON form (@simplewebauthn/browser's startRegistration). */
const RegistrationResponse = Type.Object({
  id: Base64Url(1400),
  rawId: Base64Url(1400),
  type: Type.Literal('public-key'),
  response: Type.Object(
    {
      clientDataJSON: Base64Url(4000),
      attestationObject: Base64Url(20000),
      transports: Type.Optional(Type.Array(Text({ maxLength: 32 }), { maxItems: 10 })),
    },
    { additionalProperties: true },
  ),
  clientExtensionResults: Type.Object({}, { additionalProperties: true }),
  authenticatorAttachment: Type.Optional(Text({ maxLength: 32 })),
});

/** What navigator.credentials.get() answers, in its JSON form (@simplewebauthn/browser's startAuthentication). */
const AuthenticationResponse = Type.Object({
  id: Base64Url(1400),
  rawId: Base64Url(1400),
  type: Type.Literal('public-key'),
  response: Type.Object(
    {
      clientDataJSON: Base64Url(4000),
      authenticatorData: Base64Url(4000),
      signature: Base64Url(2000),
      userHandle: Type.Optional(Base64Url(200)),
    },
    { additionalProperties: true },
  ),
  clientExtensionResults: Type.Object({}, { additionalProperties: true }),
  authenticatorAttachment: Type.Optional(Text({ maxLength: 32 })),
});

/** PublicKeyCredentialCreationOptionsJSON / RequestOptionsJSON, passed as they are to the browser. */
const WebAuthnOptions = Type.Object({ challenge: Type.String() }, { additionalProperties: true });

export const passkeyRegistrationOptionsSchema = {
  tags: ['accounts'],
  summary: 'Start adding a passkey to the signed-in account: options for navigator.credentials.create()',
  response: { 200: WebAuthnOptions, 401: ErrorResponse, 429: ErrorResponse },
};

export const passkeyRegisterSchema = {
  tags: ['accounts'],
  summary: 'Finish adding a passkey: the authenticator answer to the last options this browser asked for',
  body: Type.Object(
    { response: RegistrationResponse, name: Type.Optional(Text({ maxLength: 60 })) },
    { additionalProperties: false },
  ),
  response: { 201: Passkey, 400: ErrorResponse, 401: ErrorResponse, 409: ErrorResponse },
};

export const passkeyListSchema = {
  tags: ['accounts'],
  summary: 'The passkeys of the signed-in account',
  response: { 200: PasskeyList, 401: ErrorResponse },
};

export const passkeyRemoveSchema = {
  tags: ['accounts'],
  summary: "Remove one of the signed-in account's passkeys",
  params: Type.Object({ id: Base64Url(1400) }),
  response: { 204: Type.Null(), 401: ErrorResponse, 404: ErrorResponse },
};

export const passkeySignInOptionsSchema = {
  tags: ['accounts'],
  summary: 'Start signing in with a passkey: options for navigator.credentials.get() (no e-mail needed)',
  response: { 200: WebAuthnOptions, 429: ErrorResponse },
};

export const passkeySignInSchema = {
  tags: ['accounts'],
  summary: 'Finish signing in with a passkey: starts a session (same cookie as a sign-in link)',
  body: Type.Object({ response: AuthenticationResponse }, { additionalProperties: false }),
  response: { 200: Me, 400: ErrorResponse, 401: ErrorResponse },
};
