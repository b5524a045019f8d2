import { Type } from 'typebox';
import { ErrorResponse } from '../../shared/api/common.ts';
import { OrganizationRef } from '../../shared/api/directory.ts';
import { ACCOUNT_ROLES } from '../../shared/domain.ts';
import { StringEnum } from '../../shared/schema-helpers.ts';

export const Me = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  role: StringEnum(ACCOUNT_ROLES),
  organization: Type.Union([OrganizationRef, Type.Null()]),
  person: Type.Union([Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() }), Type.Null()]),
});

export const requestLinkSchema = {
  tags: ['accounts'],
  summary: 'Send a sign-in link to an address (same answer whether an account exists or not)',
  body: Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }) }, { additionalProperties: false }),
  response: { 202: Type.Object({ message: Type.String() }), 400: ErrorResponse, 429: ErrorResponse },
};

export const verifyLinkSchema = {
  tags: ['accounts'],
  summary: 'Exchange a sign-in link for a session cookie, then go to the app',
  querystring: Type.Object({ token: Type.String({ minLength: 20, maxLength: 200 }) }),
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
