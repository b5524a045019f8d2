import { type Static, Type } from 'typebox';
import { ACCOUNT_ROLES, AFFILIATION_REQUEST_STATUSES } from '../domain.ts';
import { StringEnum } from '../schema-helpers.ts';
import { ListOf, LocalizedText, Uuid } from './common.ts';
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

/**
 * A manager's request that a person join their organisation. The person
 * accepts or declines it from their account; an admin may answer for them.
 */
export const AffiliationRequest = Type.Object({
  id: Uuid,
  person: Type.Object({ id: Uuid, name: Type.String() }),
  organization: OrganizationRef,
  role: LocalizedText,
  status: StringEnum(AFFILIATION_REQUEST_STATUSES),
  createdAt: Type.String({ format: 'date-time' }),
  answeredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type AffiliationRequest = Static<typeof AffiliationRequest>;

export const AffiliationRequestList = ListOf(AffiliationRequest);
export type AffiliationRequestList = Static<typeof AffiliationRequestList>;
