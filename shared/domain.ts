/**
 * The closed vocabularies of the domain. Each list is written once here and
 * feeds the database enums, the API schemas and the UI filters alike.
 */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export const ORGANIZATION_KINDS = ['network', 'association', 'label', 'partner', 'conference', 'funder'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** An association "in formation" is one still being built by a building programme (ADMI before its launch). */
export const ORGANIZATION_STATUSES = ['active', 'in_formation'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

export const SESSION_KINDS = [
  'panel',
  'meeting',
  'showcase',
  'networking',
  'social',
  'presentation',
  'workshop',
  'external',
] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_VISIBILITIES = ['public', 'members', 'delegates'] as const;
export type SessionVisibility = (typeof SESSION_VISIBILITIES)[number];

export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** How an organisation takes part in a session: it hosts it, presents it (a showcase), or backs it. */
export const SESSION_ORGANIZATION_ROLES = ['host', 'presenter', 'partner'] as const;
export type SessionOrganizationRole = (typeof SESSION_ORGANIZATION_ROLES)[number];

export const SPEAKER_PARTS = ['moderator', 'speaker', 'case_study', 'presenter'] as const;
export type SpeakerPart = (typeof SPEAKER_PARTS)[number];

/** Who may see a contact field. Private by default (GDPR art. 25(2)). */
export const CONTACT_VISIBILITIES = ['private', 'connections', 'members', 'public'] as const;
export type ContactVisibility = (typeof CONTACT_VISIBILITIES)[number];

/** A text kept in both languages; either may be missing, the reader falls back to the other. */
export type Localized = { en: string | null; es: string | null };

/**
 * What an account may do. A manager and a partner contact act for one
 * organisation (their scope); a delegate is a signed-in member of the network;
 * an editor writes the news.
 */
export const ACCOUNT_ROLES = ['admin', 'manager', 'partner', 'delegate', 'editor'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** What someone does at an event, as the attendee list says it; staff and partners win no prizes. */
export const ATTENDEE_ROLES = ['delegate', 'staff', 'partner', 'speaker'] as const;
export type AttendeeRole = (typeof ATTENDEE_ROLES)[number];

/** Where an attendee is on the way in: never invited, invited, or signed in at least once. */
export const ATTENDEE_STATUSES = ['not_invited', 'invited', 'joined'] as const;
export type AttendeeStatus = (typeof ATTENDEE_STATUSES)[number];
/** Where the newest invitation mail to an attendee is: in the outbox, handed to the mail server, or given up on. */
export const INVITATION_MAIL_STATES = ['waiting', 'sent', 'failed'] as const;
export type InvitationMailState = (typeof INVITATION_MAIL_STATES)[number];

/** A request to join an organisation, made by its manager: the person (or an admin) accepts or declines it. */
export const AFFILIATION_REQUEST_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type AffiliationRequestStatus = (typeof AFFILIATION_REQUEST_STATUSES)[number];

/** An organisation's official delegation to an event. */
export const DELEGATION_STATUSES = ['planned', 'confirmed', 'cancelled'] as const;
export type DelegationStatus = (typeof DELEGATION_STATUSES)[number];

/** A seat at a session: held, waiting in line, or given back. */
export const RSVP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RsvpStatus = (typeof RSVP_STATUSES)[number];

/** How one attendee reached another's badge. */
export const CONNECTION_METHODS = ['badge_qr', 'rotating_code', 'short_code'] as const;
export type ConnectionMethod = (typeof CONNECTION_METHODS)[number];

/** What became of one scan: a new connection, a pair already met, or refused (with a reason). */
export const SCAN_OUTCOMES = ['connected', 'repeat', 'rejected'] as const;
export type ScanOutcome = (typeof SCAN_OUTCOMES)[number];

/** A bingo card is won by one complete line (row, column or diagonal), or only by the full card. */
export const BINGO_WIN_RULES = ['line', 'full_card'] as const;
export type BingoWinRule = (typeof BINGO_WIN_RULES)[number];

/** Badge codes are printed and fixed, or rotate every 30 seconds on the attendee's phone. */
export const BADGE_CODE_MODES = ['static', 'rotating'] as const;
export type BadgeCodeMode = (typeof BADGE_CODE_MODES)[number];
