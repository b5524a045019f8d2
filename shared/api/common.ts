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

export const Health = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
});
export type Health = Static<typeof Health>;
