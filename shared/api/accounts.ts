import { type Static, Type } from 'typebox';
import { ACCOUNT_ROLES } from '../domain.ts';
import { StringEnum } from '../schema-helpers.ts';
import { ListOf, Uuid } from './common.ts';
import { OrganizationRef } from './directory.ts';

/** The signed-in account, as GET /api/me shows it. */
export const Me = Type.Object({
  id: Uuid,
  email: Type.String(),
  role: StringEnum(ACCOUNT_ROLES),
  organization: Type.Union([OrganizationRef, Type.Null()]),
  person: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
});
export type Me = Static<typeof Me>;

/** A passkey of the signed-in account. The id is the WebAuthn credential id (base64url). */
export const Passkey = Type.Object({
  id: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Passkey = Static<typeof Passkey>;

export const PasskeyList = ListOf(Passkey);
export type PasskeyList = Static<typeof PasskeyList>;
