import type { MessageKey, MessageValues } from '../shared/i18n/index.ts';

/** Every expected failure has a code; the code alone decides the HTTP status. */
export const ERROR_STATUS = {
  invalid_input: 400,
  not_signed_in: 401,
  /** Signed in, but too long ago for this change (passkeys): sign in again. */
  reauthentication_required: 401,
  forbidden: 403,
  /** Allowed only with the consent of the person concerned (or an admin): ask them instead. */
  consent_required: 403,
  not_found: 404,
  conflict: 409,
  rule_broken: 422,
  /** A scan the networking refused; `reason` says why (shared/domain.ts SCAN_REJECTION_REASONS). */
  scan_rejected: 422,
  /** A body over the route's size limit (a photo over 8 MB). */
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** What an error says beyond its code and message; each, when present, joins the body the client reads. */
export interface ErrorDetail {
  /** The body path of the one field at fault (`contact.email.value`, `version`): the form shows the message there. */
  field?: string | undefined;
  /** A machine-readable cause under the code (a rejected scan's `unknown_code`, `own_badge`, …). */
  reason?: string | undefined;
}

/**
 * A failure the user can understand. The message is a catalog key rendered
 * in the requester's language when the error is sent, by the one error
 * handler (server/http/errors.ts): routes throw, none writes an error body.
 */
/** A message value said in each language (an event's name): the error handler picks the requester's. */
export type ErrorValues = Record<string, MessageValues[string] | { en: string; es: string }>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: MessageKey;
  readonly values: ErrorValues;
  readonly field: string | undefined;
  readonly reason: string | undefined;

  constructor(code: ErrorCode, messageKey: MessageKey, values: ErrorValues = {}, detail: ErrorDetail = {}) {
    super(`${code}: ${messageKey} ${JSON.stringify(values)}`);
    this.name = 'AppError';
    this.code = code;
    this.messageKey = messageKey;
    this.values = values;
    this.field = detail.field;
    this.reason = detail.reason;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (messageKey: MessageKey, values: ErrorValues) => new AppError('not_found', messageKey, values);
