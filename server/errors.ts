import type { MessageKey, MessageValues } from '../shared/i18n/index.ts';

/** Every expected failure has a code; the code alone decides the HTTP status. */
export const ERROR_STATUS = {
  invalid_input: 400,
  not_signed_in: 401,
  forbidden: 403,
  /** Allowed only with the consent of the person concerned (or an admin): ask them instead. */
  consent_required: 403,
  not_found: 404,
  conflict: 409,
  rule_broken: 422,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * A failure the user can understand. The message is a catalog key rendered
 * in the requester's language when the error is sent.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: MessageKey;
  readonly values: MessageValues;

  constructor(code: ErrorCode, messageKey: MessageKey, values: MessageValues = {}) {
    super(`${code}: ${messageKey} ${JSON.stringify(values)}`);
    this.name = 'AppError';
    this.code = code;
    this.messageKey = messageKey;
    this.values = values;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (messageKey: MessageKey, values: MessageValues) =>
  new AppError('not_found', messageKey, values);
