import { type Static, type TSchema, Type } from 'typebox';
import { Text } from '../schema-helpers.ts';

/** A text in both languages; the reader shows its language and falls back to the other. */
export const LocalizedText = Type.Object({
  en: Type.Union([Type.String(), Type.Null()]),
  es: Type.Union([Type.String(), Type.Null()]),
});

export const Slug = Text({
  pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
  maxLength: 100,
});
export const Uuid = Text({ format: 'uuid' });

export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String({
      description: 'Stable machine-readable code, e.g. not_found',
    }),
    message: Type.String({
      description: "Human-readable, in the requester's language",
    }),
  }),
});

export const ListOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

export const Country = Type.Object({
  code: Type.String({ minLength: 2, maxLength: 2 }),
  name: Type.Object({ en: Type.String(), es: Type.String() }),
  region: Type.Object({
    code: Type.String(),
    name: Type.Object({ en: Type.String(), es: Type.String() }),
  }),
});
export type Country = Static<typeof Country>;

export const Topic = Type.Object({
  slug: Type.String(),
  name: Type.Object({ en: Type.String(), es: Type.String() }),
});
export type Topic = Static<typeof Topic>;

export const HealthProblem = Type.Object({
  code: Type.Union([Type.Literal('database_unreachable'), Type.Literal('live_updates_interrupted')], {
    description:
      'database_unreachable: queries fail, requests answer 503. live_updates_interrupted: this instance hears no ' +
      'changes from the others for now, so it reads around its cache and its live pages wait; it reconnects by itself.',
  }),
  cause: Type.Optional(Type.String({ description: 'An error code such as ECONNREFUSED or 57P01' })),
  since: Type.Optional(Type.String({ format: 'date-time' })),
});
export type HealthProblem = Static<typeof HealthProblem>;

export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('unavailable')], {
    description: 'ok and degraded answer 200 (this instance serves correct answers); unavailable answers 503',
  }),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  /** Absent when all is well. */
  problems: Type.Optional(Type.Array(HealthProblem)),
});
export type Health = Static<typeof Health>;
