/** Socket errors meaning the database server is not there, or not reachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs meaning the server cannot serve now, whatever was asked:
 * shutting down or starting up, out of connections, or a statement that ran
 * past `statement_timeout`. Class 08 (connection exceptions) counts whole.
 */
const SERVER_CODES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '57014', // query_canceled, here by statement_timeout
]);

/** node-postgres says these in words, without a code. Anchored: a wrapper's message quotes SQL and parameters. */
const DRIVER_MESSAGES: [RegExp, string][] = [
  [/^Connection terminated due to connection timeout$/, 'connect_timeout'],
  [/^timeout exceeded when trying to connect$/, 'connect_timeout'],
  [/^Connection terminated( unexpectedly)?$/, 'connection_terminated'],
  [/^Client (has encountered a connection error and|was closed and) is not queryable$/, 'connection_terminated'],
];

/**
 * Why an error means the database is out of reach, or undefined when it
 * means something else (a broken constraint, a bug). Drizzle wraps the
 * driver's error as `cause`, so the whole chain is read. The answer is a
 * code, safe to show in health: never the message, which names hosts.
 */
export function databaseUnavailableCause(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08')) return code;
    }
    for (const [pattern, cause] of DRIVER_MESSAGES) if (pattern.test(current.message)) return cause;
    current = current.cause;
  }
  return undefined;
}
