import { isIP } from 'node:net';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { StringEnum } from '../shared/schema-helpers.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './http/timeouts.ts';

/**
 * Everything the server reads from its environment, checked once at boot.
 * A wrong value stops the server with a message that names the variable.
 * Nothing here is sent to the browser.
 */
export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'TCP port to listen on' }),
  HOST: Type.String({ minLength: 1, default: 'localhost', description: 'Interface to listen on (0.0.0.0 for all)' }),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^postgres(ql)?://',
      description: 'PostgreSQL connection string; without it the embedded database (PGlite) is used',
    }),
  ),
  DATA_DIR: Type.String({
    minLength: 1,
    default: './data',
    description: 'Where the embedded database keeps its files',
  }),
  REQUEST_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 600_000,
    default: DEFAULT_REQUEST_TIMEOUT_MS,
    description: 'How long a client may take to send a whole request before the connection is closed',
  }),
  SHUTDOWN_GRACE_MS: Type.Integer({
    minimum: 0,
    maximum: 600_000,
    default: 10_000,
    description: 'On SIGTERM or SIGINT, how long to wait for requests in flight before exiting anyway',
  }),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  LOAD_DEMO: StringEnum(['true', 'false'], {
    default: 'true',
    description: 'Load the demo network into an empty database at start',
  }),
  LOG_LEVEL: StringEnum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  NODE_ENV: StringEnum(['development', 'production', 'test'], { default: 'development' }),
  SMTP_URL: Type.Optional(
    Type.String({
      pattern: '^smtps?://',
      description:
        'Where sign-in mail is sent (smtp://user:pass@host:587); without it mail goes to the log and the dev mailbox',
    }),
  ),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Encuentro <no-reply@encuentro.localhost>' }),
  OUTBOX_LEASE_MS: Type.Integer({
    minimum: 1_000,
    maximum: 3_600_000,
    default: 120_000,
    description:
      'How long an instance holds the mail it is sending; if it dies, another instance sends that mail after this long',
  }),
  PUBLIC_URL: Type.Optional(
    Type.String({
      pattern: '^https?://[^/]+/?$',
      description:
        'The origin people reach the app at (https://encuentro.example.org): links in mail, passkeys, page metadata ' +
        'and the Origin that writes must come from. Required in production; in development http://localhost:PORT',
    }),
  ),
  TRUST_PROXY: Type.String({
    minLength: 1,
    default: 'false',
    description:
      'Proxies whose X-Forwarded-For/-Proto/-Host are believed: false, or a comma-separated list of addresses and ' +
      'CIDR ranges (10.0.0.0/8, ::1) or the names loopback, linklocal, uniquelocal',
  }),
});

export type Config = Static<typeof ConfigSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(ConfigSchema.properties);
  const picked: Record<string, string> = {};
  for (const name of known) {
    const value = env[name];
    if (value !== undefined && value !== '') picked[name] = value;
  }
  const candidate = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, picked));
  const errors = Value.Errors(ConfigSchema, candidate);
  if (errors.length > 0) {
    const lines = errors.map((error) => {
      const name = error.instancePath.replace(/^\//, '') || String(Object.values(error.params)[0] ?? '');
      const allowed =
        error.keyword === 'enum' ? ` (${(error.params as { allowedValues: string[] }).allowedValues.join(', ')})` : '';
      return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${error.message}${allowed}`;
    });
    throw new ConfigError(`Invalid configuration:\n${[...new Set(lines)].join('\n')}`);
  }
  return candidate as Config;
}

/** The origin the app is reached at, and the origins a browser's writes may come from. */
export interface PublicOrigins {
  /** Where links in mail, passkeys and page metadata point: never taken from a request. */
  url: string;
  /** The public origin; in development without PUBLIC_URL, also the other loopback names on the same port. */
  accepted: string[];
}

/**
 * PUBLIC_URL when it is set; otherwise, outside production, the address a
 * developer opens (http://localhost:PORT), which the browser may also reach
 * as 127.0.0.1 or [::1]. In production there is no default: a Host header
 * chosen by whoever sends the request must never become a link in a mail.
 */
export function publicOrigins(config: Pick<Config, 'PUBLIC_URL' | 'PORT' | 'NODE_ENV'>): PublicOrigins {
  if (config.PUBLIC_URL) {
    const url = new URL(config.PUBLIC_URL).origin;
    return { url, accepted: [url] };
  }
  if (config.NODE_ENV === 'production') {
    throw new ConfigError(
      'Invalid configuration:\n  PUBLIC_URL="": required when NODE_ENV=production (the origin people reach the app at, e.g. https://encuentro.example.org)',
    );
  }
  const port = config.PORT;
  const accepted = ['localhost', '127.0.0.1', '[::1]'].map((host) => new URL(`http://${host}:${port}`).origin);
  return { url: accepted[0] as string, accepted };
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (PROXY_NAMES.has(entry) || isIP(entry) !== 0) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (rest.length > 0 || family === 0 || !/^\d{1,3}$/.test(bits ?? '')) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Fastify's trustProxy from TRUST_PROXY: false (nobody) or the proxies'
 * addresses. A hop count is refused: Fastify 5 treats a number as "trust no
 * one" (a count cannot tell a proxy from a client that adds headers of its
 * own), and `true` would believe any client's X-Forwarded-For.
 */
export function trustedProxies(config: Pick<Config, 'TRUST_PROXY'>): false | string[] {
  const value = config.TRUST_PROXY.trim();
  if (value === 'false') return false;
  const entries = value.split(',').map((entry) => entry.trim());
  const wrong = entries.filter((entry) => !isAddressOrRange(entry));
  if (wrong.length > 0) {
    throw new ConfigError(
      `Invalid configuration:\n  TRUST_PROXY=${JSON.stringify(config.TRUST_PROXY)}: name the proxies' addresses or ranges ` +
        `(e.g. 10.0.0.5,10.1.0.0/16 or loopback), or false; not understood: ${wrong.join(', ')}`,
    );
  }
  return entries;
}
