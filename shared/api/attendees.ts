import { type Static, Type } from 'typebox';
import { ACCOUNT_ROLES, ATTENDEE_ROLES, ATTENDEE_STATUSES, INVITATION_MAIL_STATES } from '../domain.ts';
import { Int, StringEnum, Text } from '../schema-helpers.ts';
import { Slug, Uuid } from './common.ts';
import { OrganizationRef } from './directory.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** The most rows one import may hold: a large congress, with room to spare. */
export const MAX_IMPORT_ROWS = 5000;
/** The most bytes one import may send (CSV text or JSON rows). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** The columns of an attendee list, in the order the export writes them. */
export const ATTENDEE_COLUMNS = ['name', 'email', 'organization', 'country', 'delegation', 'language', 'role'] as const;
export type AttendeeColumn = (typeof ATTENDEE_COLUMNS)[number];

const Cell = (maxLength: number) => Type.Optional(Nullable(Text({ maxLength })));

/** One attendee as sent in JSON: the same cells as a CSV row. */
export const AttendeeRowInput = Type.Object(
  {
    name: Cell(200),
    email: Cell(320),
    organization: Cell(200),
    country: Cell(100),
    delegation: Cell(200),
    language: Cell(20),
    role: Cell(100),
  },
  { additionalProperties: false },
);
export type AttendeeRowInput = Static<typeof AttendeeRowInput>;

const RowNumbers = Type.Array(Int({ minimum: 1, maximum: MAX_IMPORT_ROWS }), { maxItems: MAX_IMPORT_ROWS });

/** An import in JSON: the rows themselves or the CSV text, and the name matches staff confirmed. */
export const AttendeeImportBody = Type.Object(
  {
    rows: Type.Optional(Type.Array(AttendeeRowInput, { maxItems: MAX_IMPORT_ROWS })),
    csv: Type.Optional(Text({ maxLength: MAX_IMPORT_BYTES })),
    confirm: Type.Optional(RowNumbers),
  },
  { additionalProperties: false },
);
export type AttendeeImportBody = Static<typeof AttendeeImportBody>;

export const ImportProblem = Type.Object({
  /** The column at fault; null when the row (or the file) as a whole is. */
  field: Nullable(Type.String()),
  message: Type.String(),
});
export type ImportProblem = Static<typeof ImportProblem>;

export const ImportOutcome = StringEnum(['new', 'matched', 'error'] as const);

export const ImportMatch = Type.Object({
  personId: Uuid,
  name: Type.String(),
  by: StringEnum(['email', 'name'] as const),
  /** A match by name alone is applied only once staff confirm it (unless the person is already on the list). */
  needsConfirmation: Type.Boolean(),
  confirmed: Type.Boolean(),
});
export type ImportMatch = Static<typeof ImportMatch>;

export const ImportedRow = Type.Object({
  /** 1 for the first attendee; the number `confirm` names. */
  row: Type.Integer(),
  /** The line of the CSV text it came from (the row number for JSON rows). */
  line: Type.Integer(),
  /** The row's cells as read (trimmed; empty ones absent), so a client can fix a row and send it again as JSON. */
  cells: Type.Record(Type.String(), Type.String()),
  name: Nullable(Type.String()),
  email: Nullable(Type.String()),
  outcome: ImportOutcome,
  match: Nullable(ImportMatch),
  organization: Nullable(OrganizationRef),
  /** When the organisation named fits several, the ones it may mean: send the row again with one's slug. */
  organizationChoices: Type.Array(OrganizationRef),
  /** The organisation whose delegation the person travels with; `isNew` when applying creates the delegation. */
  delegation: Nullable(Type.Object({ organization: OrganizationRef, isNew: Type.Boolean() })),
  country: Nullable(Type.String()),
  language: Nullable(Type.String()),
  roles: Type.Array(StringEnum(ATTENDEE_ROLES)),
  /** Already on this event's list (importing again updates it). */
  attending: Type.Boolean(),
  problems: Type.Array(ImportProblem),
});
export type ImportedRow = Static<typeof ImportedRow>;

export const AttendeeImportReport = Type.Object({
  dryRun: Type.Boolean(),
  /** True once every row is written; false for a preview, or when a wrong or unconfirmed row stopped it all. */
  applied: Type.Boolean(),
  counts: Type.Object({
    rows: Type.Integer(),
    new: Type.Integer(),
    matched: Type.Integer(),
    toConfirm: Type.Integer(),
    errors: Type.Integer(),
  }),
  /** Problems of the text as a whole (its header, quotes), with the line they are on. */
  file: Type.Array(Type.Object({ line: Type.Integer(), message: Type.String() })),
  rows: Type.Array(ImportedRow),
});
export type AttendeeImportReport = Static<typeof AttendeeImportReport>;

export const AttendeeFlags = Type.Object({
  staff: Type.Boolean(),
  partner: Type.Boolean(),
  speaker: Type.Boolean(),
});
export type AttendeeFlags = Static<typeof AttendeeFlags>;

export const Attendee = Type.Object({
  personId: Uuid,
  name: Type.String(),
  email: Nullable(Type.String()),
  organization: Nullable(OrganizationRef),
  country: Nullable(Type.String()),
  delegation: Nullable(OrganizationRef),
  roles: AttendeeFlags,
  status: StringEnum(ATTENDEE_STATUSES),
  /** The last invitation to sign in for this event. */
  invitedAt: Nullable(Type.String({ format: 'date-time' })),
  /** Where the newest invitation mail is (the outbox sends it shortly after the invitation); null before any. */
  invitationMail: Nullable(StringEnum(INVITATION_MAIL_STATES)),
  /** The account's last sign-in. */
  lastSignInAt: Nullable(Type.String({ format: 'date-time' })),
});
export type Attendee = Static<typeof Attendee>;

export const AttendeeList = Type.Object({ items: Type.Array(Attendee) });
export type AttendeeList = Static<typeof AttendeeList>;

export const AttendeeFlagChanges = Type.Object(
  {
    staff: Type.Optional(Type.Boolean()),
    partner: Type.Optional(Type.Boolean()),
    speaker: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AttendeeFlagChanges = Static<typeof AttendeeFlagChanges>;

// --- A person's roles in the network --------------------------------------------

export const PersonRoles = Type.Object({
  personId: Uuid,
  /** The address an account would sign in with: the account's, else the person's directory e-mail. */
  email: Nullable(Type.String()),
  account: Nullable(
    Type.Object({
      role: StringEnum(ACCOUNT_ROLES),
      organization: Nullable(OrganizationRef),
      lastSignInAt: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
  /** The organisations the person belongs to: the likely choices for manager or partner contact. */
  organizations: Type.Array(OrganizationRef),
});
export type PersonRoles = Static<typeof PersonRoles>;

export const PersonRolesChange = Type.Object(
  {
    role: StringEnum(ACCOUNT_ROLES),
    /** The organisation a manager or partner contact acts for (its slug); ignored for other roles. */
    organization: Type.Optional(Nullable(Slug)),
  },
  { additionalProperties: false },
);
export type PersonRolesChange = Static<typeof PersonRolesChange>;
