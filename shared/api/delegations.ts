import { type Static, Type } from 'typebox';
import { DELEGATION_STATUSES } from '../domain.ts';
import { Int, StringEnum, Text } from '../schema-helpers.ts';
import { Country, LocalizedText, Slug, Uuid } from './common.ts';
import { OrganizationRef, PersonRef } from './directory.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const DateOnly = Text({ format: 'date', description: 'YYYY-MM-DD' });

/** Who pays for the trip, credited publicly. */
export const FundingCredit = Type.Object({ funder: OrganizationRef, covers: LocalizedText });
export type FundingCredit = Static<typeof FundingCredit>;

export const Funding = Type.Object({
  id: Uuid,
  funder: OrganizationRef,
  covers: LocalizedText,
  amountCents: Nullable(Type.Integer()),
  currency: Nullable(Type.String({ minLength: 3, maxLength: 3 })),
});
export type Funding = Static<typeof Funding>;

export const DelegationMember = Type.Object({
  person: PersonRef,
  /** The organisations the person belongs to, for the manifest. */
  organizations: Type.Array(OrganizationRef),
  isLeader: Type.Boolean(),
  /** The member's own travel dates; null means the delegation's. */
  arrivesOn: Nullable(DateOnly),
  departsOn: Nullable(DateOnly),
  badgeCode: Nullable(Type.String()),
});
export type DelegationMember = Static<typeof DelegationMember>;

/** What the delegation's manager and the network's staff see besides the public credit. */
export const DelegationDetail = Type.Object({
  leader: Nullable(PersonRef),
  arrivesOn: Nullable(DateOnly),
  departsOn: Nullable(DateOnly),
  notes: Nullable(Type.String()),
  members: Type.Array(DelegationMember),
  funding: Type.Array(Funding),
});

export const Delegation = Type.Object({
  id: Uuid,
  event: Type.Object({ slug: Slug, name: LocalizedText, timeZone: Type.String() }),
  organization: OrganizationRef,
  country: Nullable(Country),
  status: StringEnum(DELEGATION_STATUSES),
  membersCount: Type.Integer(),
  funders: Type.Array(FundingCredit),
  /** May the viewer change it (admin, or a manager of the organisation). */
  canManage: Type.Boolean(),
  /** Present only for those who may manage it. */
  detail: Nullable(DelegationDetail),
  version: Type.Integer(),
});
export type Delegation = Static<typeof Delegation>;

export const DelegationList = Type.Object({ items: Type.Array(Delegation) });
export type DelegationList = Static<typeof DelegationList>;

export const NewDelegation = Type.Object(
  {
    organization: Slug,
    leaderPersonId: Type.Optional(Nullable(Uuid)),
    status: Type.Optional(StringEnum(DELEGATION_STATUSES)),
    arrivesOn: Type.Optional(Nullable(DateOnly)),
    departsOn: Type.Optional(Nullable(DateOnly)),
    notes: Type.Optional(Nullable(Text({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type NewDelegation = Static<typeof NewDelegation>;

export const DelegationChanges = Type.Object(
  {
    version: Int({ minimum: 1 }),
    leaderPersonId: Type.Optional(Nullable(Uuid)),
    status: Type.Optional(StringEnum(DELEGATION_STATUSES)),
    arrivesOn: Type.Optional(Nullable(DateOnly)),
    departsOn: Type.Optional(Nullable(DateOnly)),
    notes: Type.Optional(Nullable(Text({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type DelegationChanges = Static<typeof DelegationChanges>;

/** An existing person by id, or someone new invited by e-mail. */
export const NewMember = Type.Union([
  Type.Object(
    {
      personId: Uuid,
      arrivesOn: Type.Optional(Nullable(DateOnly)),
      departsOn: Type.Optional(Nullable(DateOnly)),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      name: Text({ minLength: 1, maxLength: 200 }),
      email: Text({ format: 'email', maxLength: 320 }),
      country: Type.Optional(Nullable(Text({ minLength: 2, maxLength: 2 }))),
      arrivesOn: Type.Optional(Nullable(DateOnly)),
      departsOn: Type.Optional(Nullable(DateOnly)),
    },
    { additionalProperties: false },
  ),
]);
export type NewMember = Static<typeof NewMember>;

export const MemberChanges = Type.Object(
  { arrivesOn: Type.Optional(Nullable(DateOnly)), departsOn: Type.Optional(Nullable(DateOnly)) },
  { additionalProperties: false },
);
export type MemberChanges = Static<typeof MemberChanges>;

export const NewFunding = Type.Object(
  {
    funder: Slug,
    covers: Type.Optional(
      Type.Object({
        en: Type.Optional(Nullable(Text({ maxLength: 500 }))),
        es: Type.Optional(Nullable(Text({ maxLength: 500 }))),
      }),
    ),
    amountCents: Type.Optional(Nullable(Int({ minimum: 0 }))),
    currency: Type.Optional(Nullable(Text({ pattern: '^[A-Z]{3}$' }))),
  },
  { additionalProperties: false },
);
export type NewFunding = Static<typeof NewFunding>;

/** GET /api/events/:slug/funding: what each funder pays for, across the event's delegations. */
export const FunderTotal = Type.Object({
  funder: OrganizationRef,
  delegations: Type.Array(
    Type.Object({ id: Uuid, organization: OrganizationRef, covers: LocalizedText, membersCount: Type.Integer() }),
  ),
  /** Sums per currency of the amounts recorded (none when no amount was given). */
  totals: Type.Array(Type.Object({ currency: Type.String(), amountCents: Type.Integer() })),
  membersCount: Type.Integer({ description: 'Delegates travelling with a delegation this funder supports' }),
});
export type FunderTotal = Static<typeof FunderTotal>;

export const NewAssignment = Type.Object({ delegationId: Uuid }, { additionalProperties: false });
