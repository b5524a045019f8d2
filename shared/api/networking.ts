import { type Static, Type } from 'typebox';
import { BADGE_CODE_MODES, SCAN_OUTCOMES } from '../domain.ts';
import { StringEnum, Text } from '../schema-helpers.ts';
import { Country, Slug, Uuid } from './common.ts';
import { OrganizationRef, Photo } from './directory.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, options?: { description: string }) =>
  Type.Union([schema, Type.Null()], options);

/** Why a scan was refused: the last part of its message key `networking.reason.<reason>`. */
export const SCAN_REJECTION_REASONS = [
  'self',
  'unknown_code',
  'expired',
  'reused',
  'rotating_required',
  'too_fast',
  'bad_time',
] as const;
export type ScanRejectionReason = (typeof SCAN_REJECTION_REASONS)[number];

/** Seconds a rotating code lives on the attendee's phone. */
export const ROTATING_CODE_PERIOD_SECONDS = 30;

export const ScanRequest = Type.Object(
  {
    code: Text({
      minLength: 1,
      maxLength: 300,
      description:
        'A badge code or a rotating code, as typed (case and dashes do not matter), or the connect URL a badge QR holds',
    }),
    nonce: Text({
      minLength: 8,
      maxLength: 64,
      pattern: '^[A-Za-z0-9_-]+$',
      description: 'Chosen by the phone (a UUID); a scan sent again with the same nonce gets the same answer',
    }),
    scannedAt: Text({
      format: 'date-time',
      description: 'When the phone made the scan (it may have been offline)',
    }),
    method: Type.Optional(
      StringEnum(['badge_qr', 'short_code'] as const, { description: 'Read from a QR or typed by hand (default)' }),
    ),
  },
  { additionalProperties: false },
);
export type ScanRequest = Static<typeof ScanRequest>;

/** The other person as a contact card: only the fields their owner lets a connection see. */
export const ContactCard = Type.Object({
  id: Uuid,
  name: Type.String(),
  country: Nullable(Country),
  fictional: Type.Boolean(),
  organizations: Type.Array(OrganizationRef),
  photo: Nullable(Photo),
  email: Type.Optional(Type.String()),
  phone: Type.Optional(Type.String()),
  website: Type.Optional(Type.String()),
});
export type ContactCard = Static<typeof ContactCard>;

export const ScanAccepted = Type.Object({
  outcome: StringEnum(['connected', 'repeat'] as const),
  nonce: Type.String(),
  scannedAt: Type.String({ format: 'date-time' }),
  contact: ContactCard,
});
export type ScanAccepted = Static<typeof ScanAccepted>;

export const ScanRejected = Type.Object({
  error: Type.Object({
    code: Type.Literal('scan_rejected'),
    reason: StringEnum(SCAN_REJECTION_REASONS),
    message: Type.String(),
  }),
});
export type ScanRejected = Static<typeof ScanRejected>;

export const ScanOutcomeValue = StringEnum(SCAN_OUTCOMES);

export const MyBadge = Type.Object({
  event: Type.Object({ slug: Slug, name: Type.Object({ en: Type.String(), es: Nullable(Type.String()) }) }),
  person: Type.Object({ id: Uuid, name: Type.String() }),
  badgeCode: Type.String(),
  connectUrl: Type.String({ description: 'What the printed QR encodes: scanned by a phone camera it opens Encuentro' }),
  qrSvg: Type.String({ description: 'The QR of connectUrl, as an SVG document' }),
  codeMode: StringEnum(BADGE_CODE_MODES),
  rotatingSecret: Nullable(
    Type.String({ description: 'In rotating mode: the secret the phone derives its 30-second codes from' }),
  ),
  periodSeconds: Type.Integer(),
});
export type MyBadge = Static<typeof MyBadge>;

/** The filters of the badge printing page; `delegate` is anyone neither staff nor partner. */
export const BADGE_ROLES = ['delegate', 'staff', 'partner', 'speaker'] as const;

export const PrintableBadge = Type.Object({
  personId: Uuid,
  name: Type.String(),
  organization: Nullable(Type.String()),
  country: Nullable(Country),
  badgeCode: Type.String(),
  connectUrl: Type.String(),
  qrSvg: Type.String(),
  delegation: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  roles: Type.Array(StringEnum(BADGE_ROLES)),
  printedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type PrintableBadge = Static<typeof PrintableBadge>;

export const BadgeQuery = Type.Object({
  delegation: Type.Optional(Uuid),
  country: Type.Optional(Text({ pattern: '^[A-Za-z]{2}$' })),
  role: Type.Optional(StringEnum(BADGE_ROLES)),
  notPrinted: Type.Optional(StringEnum(['true', 'false'] as const)),
});
export type BadgeQuery = Static<typeof BadgeQuery>;

/** The badges that match, and what the filters offer for the whole event. */
export const BadgeSheet = Type.Object({
  items: Type.Array(PrintableBadge),
  delegations: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  countries: Type.Array(Country),
});
export type BadgeSheet = Static<typeof BadgeSheet>;

export const BadgesPrinted = Type.Object({ personIds: Type.Array(Uuid, { minItems: 1, maxItems: 5000 }) });
export type BadgesPrinted = Static<typeof BadgesPrinted>;
export const BadgesMarked = Type.Object({ marked: Type.Integer() });
export type BadgesMarked = Static<typeof BadgesMarked>;
/** Which of my contact fields I give one contact (each field: shared with them or not). */
export const Share = Type.Object(
  {
    email: Type.Boolean(),
    phone: Type.Boolean(),
    website: Type.Boolean({ description: 'My links (web address)' }),
  },
  { additionalProperties: false },
);
export type Share = Static<typeof Share>;

/** What I can share and what I chose last time (offered again at my next connection). */
export const Sharing = Type.Object({
  default: Share,
  mine: Type.Object({
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    website: Nullable(Type.String()),
  }),
});
export type Sharing = Static<typeof Sharing>;

export const Contact = Type.Object({
  ...ContactCard.properties,
  sharedByMe: Nullable(Share, {
    description: 'What I chose to share with them when we connected; null while I have not chosen',
  }),
  note: Type.String({ description: 'My private note about them (empty when none)' }),
  events: Type.Array(
    Type.Object({
      slug: Slug,
      name: Type.Object({ en: Type.String(), es: Nullable(Type.String()) }),
      connectedAt: Type.String({ format: 'date-time' }),
      scannedByMe: Type.Boolean(),
    }),
  ),
});
export type Contact = Static<typeof Contact>;

export const NoteBody = Type.Object({ note: Text({ maxLength: 2000 }) }, { additionalProperties: false });

export const ConnectionFlag = Type.Object({
  people: Type.Array(Type.Object({ id: Uuid, name: Type.String() }), { minItems: 2, maxItems: 2 }),
  connectedAt: Type.String({ format: 'date-time' }),
  sharedContacts: Type.Integer({ description: 'Others both connected with inside the window' }),
  windowMinutes: Type.Integer(),
});
export type ConnectionFlag = Static<typeof ConnectionFlag>;
