import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { translate } from '../../shared/i18n/index.ts';
import { STORABLE, withStorableCharacters } from '../../shared/schema-helpers.ts';
import { databaseUnavailableCause } from '../db/unavailable.ts';
import { AppError, type ErrorCode, type ErrorDetail } from '../errors.ts';
import { requestLanguage } from './language.ts';

/** About as long as PostgreSQL takes to restart. */
const RETRY_AFTER_SECONDS = 5;

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

const KNOWN_PROBLEMS = new Set([
  'enum',
  'type',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'required',
  'additionalProperties',
]);
/** Keywords of ours, and the problem each stands for in the catalog. */
const OWN_PROBLEMS: Record<string, string> = { [STORABLE]: 'storable' };

/** Turn the first schema violation into a sentence that names the parameter, in the user's language. */
function describeValidation(request: FastifyRequest, error: FastifyError): string {
  const language = request.language;
  const issue = (error.validation?.[0] ?? { keyword: 'other', instancePath: '', params: {} }) as ValidationIssue;
  const params = issue.params;
  const named =
    (params.missingProperty as string | undefined) ??
    (params.additionalProperty as string | undefined) ??
    (issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || '?');
  // An unknown property's name is the caller's text: shown, but never with a NUL or half a surrogate pair.
  const parameter = withStorableCharacters(named);
  const problemKey = OWN_PROBLEMS[issue.keyword] ?? (KNOWN_PROBLEMS.has(issue.keyword) ? issue.keyword : 'other');
  const problem = translate(language, `error.problem.${problemKey}` as 'error.problem.other', {
    allowed: Array.isArray(params.allowedValues) ? params.allowedValues.join(', ') : '',
    type: String(params.type ?? ''),
    format: String(params.format ?? '').replaceAll('-', '_'),
    limit: Number(params.limit ?? 0),
  });
  return translate(language, 'error.invalid_parameter', {
    location: error.validationContext ?? 'other',
    parameter,
    problem,
  });
}

/** The body path a schema violation in a request body points at (`contact.email.value`), if any. */
function bodyFieldOf(error: FastifyError): string | undefined {
  const issue = error.validation?.[0];
  if (!issue || error.validationContext !== 'body') return undefined;
  const params = issue.params as { missingProperty?: string; additionalProperty?: string };
  const path = issue.instancePath.split('/').filter(Boolean);
  const leaf = params.missingProperty ?? params.additionalProperty;
  if (leaf) path.push(leaf);
  return path.length > 0 ? path.join('.') : undefined;
}

/** `{ error: { code, message } }`, plus `field` and `reason` when the error names them. */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
  detail: ErrorDetail = {},
) {
  const error: { code: ErrorCode; message: string } & ErrorDetail = { code, message };
  if (detail.field !== undefined) error.field = detail.field;
  if (detail.reason !== undefined) error.reason = detail.reason;
  return reply.code(status).type('application/json; charset=utf-8').send({ error });
}

/** The one error handler of every route: each error's status and body are decided here, nowhere else. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    const values = Object.fromEntries(
      Object.entries(error.values).map(([name, value]) => [
        name,
        value !== null && typeof value === 'object' && !(value instanceof Date) ? value[request.language] : value,
      ]),
    );
    const message = translate(request.language, error.messageKey, values);
    return sendError(reply, error.status, error.code, message, { field: error.field, reason: error.reason });
  }
  if (error.validation) {
    return sendError(reply, 400, 'invalid_input', describeValidation(request, error), { field: bodyFieldOf(error) });
  }
  const status = error.statusCode ?? 500;
  if (status === 415) {
    return sendError(reply, 415, 'unsupported_media_type', translate(request.language, 'error.unsupported_media_type'));
  }
  if (status === 413) {
    const megabytes = Math.round((request.routeOptions.bodyLimit ?? 1024 * 1024) / (1024 * 1024));
    return sendError(reply, 413, 'too_large', translate(request.language, 'error.too_large', { megabytes }));
  }
  if (status < 500) {
    // Fastify's own client errors: unreadable JSON, too large a body, a bad content type.
    const code: ErrorCode = status === 429 ? 'rate_limited' : status === 404 ? 'not_found' : 'invalid_input';
    return sendError(reply, status, code, translate(request.language, 'error.bad_request', { reason: error.message }));
  }
  const cause = databaseUnavailableCause(error);
  if (cause) {
    // Not a bug of ours: the database is restarting or out of reach. The client may retry; the pool reconnects.
    request.log.warn({ cause }, 'database unavailable');
    reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return sendError(reply, 503, 'unavailable', translate(request.language, 'error.unavailable'));
  }
  request.log.error({ err: error }, 'unexpected error');
  return sendError(reply, 500, 'internal', translate(request.language, 'error.internal'));
}

/**
 * Errors Fastify meets before it routes (Fastify's `frameworkErrors`): an address whose percent-encoding is not
 * UTF-8 answers in our shape and language, like every other mistake.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  try {
    request.language = requestLanguage(request);
  } catch {
    // The query could not be read either: the default language stays.
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    return sendError(reply, 400, 'invalid_input', translate(request.language, 'error.bad_url'));
  }
  return errorHandler(error, request, reply);
}
