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
  PUBLIC_URL: Type.Optional(
    Type.String({
      pattern: '^https?://[^/]+$',
      description: 'Origin used in links sent by mail (https://encuentro.example.org); default: the request origin',
    }),
  ),
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
