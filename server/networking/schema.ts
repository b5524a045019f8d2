import { Type } from 'typebox';
import { ErrorResponse, ListOf, Slug, Uuid } from '../../shared/api/common.ts';
import {
  BadgeQuery,
  BadgeSheet,
  BadgesMarked,
  BadgesPrinted,
  ConnectionFlag,
  Contact,
  MyBadge,
  NoteBody,
  ScanAccepted,
  ScanRejected,
  ScanRequest,
  Share,
  Sharing,
} from '../../shared/api/networking.ts';

const tags = ['networking'];

export const scanSchema = {
  tags,
  summary: 'Record a scan of another attendee’s badge or rotating code (idempotent by nonce)',
  description:
    'A new pair answers 201 `connected`, a pair already met (either way) 200 `repeat`; a refused scan 422 ' +
    '`scan_rejected` with its reason. The answer is stored under the nonce: sending the scan again returns it unchanged. ' +
    'A scanner whose codes named nobody ten times within a minute gets 429 `rate_limited` (nothing stored) until a ' +
    'minute has passed since the oldest of them.',
  params: Type.Object({ slug: Slug }),
  body: ScanRequest,
  response: {
    200: ScanAccepted,
    201: ScanAccepted,
    400: ErrorResponse,
    401: ErrorResponse,
    403: ErrorResponse,
    404: ErrorResponse,
    422: ScanRejected,
    429: ErrorResponse,
  },
};

export const myBadgeSchema = {
  tags,
  summary: 'My badge at an event: code, QR, and the secret of my rotating codes when the game asks for them',
  querystring: Type.Object({ event: Slug }),
  response: { 200: MyBadge, 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse },
};

export const printableBadgesSchema = {
  tags,
  summary: 'The attendees’ badges for printing, filtered by delegation, country, role or not printed yet (admins)',
  params: Type.Object({ slug: Slug }),
  querystring: BadgeQuery,
  response: { 200: BadgeSheet, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
};

export const markPrintedSchema = {
  tags,
  summary: 'Mark badges as printed (admins); the print page then offers those not printed yet',
  params: Type.Object({ slug: Slug }),
  body: BadgesPrinted,
  response: { 200: BadgesMarked, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
};

export const contactsSchema = {
  tags,
  summary: 'People I connected with (either side scanned), with my private notes',
  querystring: Type.Object({ event: Type.Optional(Slug) }),
  response: { 200: ListOf(Contact), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
};

export const contactsExportSchema = {
  tags,
  querystring: Type.Object({ event: Type.Optional(Slug) }),
  response: { 200: Type.String(), 401: ErrorResponse, 403: ErrorResponse },
};

export const noteSchema = {
  tags,
  summary: 'Keep a private note about a contact (an empty note removes it)',
  params: Type.Object({ personId: Uuid }),
  body: NoteBody,
  response: {
    200: Type.Object({ contactId: Uuid, note: Type.String() }),
    400: ErrorResponse,
    401: ErrorResponse,
    403: ErrorResponse,
    404: ErrorResponse,
  },
};

export const flagsSchema = {
  tags,
  summary: 'Pairs that connected inside a closed circle in bulk, for staff to look at (admins)',
  params: Type.Object({ slug: Slug }),
  response: { 200: ListOf(ConnectionFlag), 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
};

export const sharingSchema = {
  tags,
  summary: 'What I can share with a contact (my e-mail, phone, links) and the choice I made last',
  response: { 200: Sharing, 401: ErrorResponse, 403: ErrorResponse },
};

export const shareSchema = {
  tags,
  summary: 'Choose what I share with one contact (this direction only); all false revokes',
  description:
    'A shared field is shown to that contact alone (their contact list, vCard and my person page), whatever its ' +
    'visibility. The choice is remembered and offered at my next connection.',
  params: Type.Object({ personId: Uuid }),
  body: Share,
  response: {
    200: Type.Object({ contactId: Uuid, share: Share }),
    400: ErrorResponse,
    401: ErrorResponse,
    403: ErrorResponse,
    404: ErrorResponse,
  },
};
