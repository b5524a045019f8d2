import { type TInteger, type TNumberOptions, type TString, type TStringOptions, type TUnsafe, Type } from 'typebox';

/**
 * A string that must be one of a fixed list, written as a JSON Schema `enum`
 * so that validation messages and OpenAPI list the allowed values.
 */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: Record<string, unknown> = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/*
 * What a request may hold is what PostgreSQL can keep. Its text types refuse
 * the NUL character, and a UTF-16 surrogate without its partner has no UTF-8
 * form (the drivers would quietly turn it into U+FFFD). Its `integer` is
 * 32 bits, and a number that is not finite fits no column. So every text and
 * every whole number of a request schema is made here, carrying the keyword
 * STORABLE, which the server's Ajv checks (server/http/storable.ts); a test
 * walks the OpenAPI document and fails on a request string or integer made
 * any other way (server/http/request-schemas.test.ts). Decision 0025.
 */

/** The schema keyword (an OpenAPI extension) that asks for a value PostgreSQL can store. */
export const STORABLE = 'x-storable';

/** NUL, or a surrogate that is not half of a pair (the `u` flag reads a pair as one code point). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the very character PostgreSQL refuses.
const UNSTORABLE_CHARACTERS = /[\u0000\ud800-\udfff]/gu;

/** Whether PostgreSQL can store the text as it is: no NUL, no unpaired surrogate. */
export function isStorableText(value: string): boolean {
  UNSTORABLE_CHARACTERS.lastIndex = 0;
  return !UNSTORABLE_CHARACTERS.test(value);
}

/** The text with each character PostgreSQL cannot store replaced by U+FFFD, to show it back to its sender. */
export function withStorableCharacters(value: string): string {
  return value.replace(UNSTORABLE_CHARACTERS, '\ufffd');
}

/** The range of PostgreSQL's `integer` (int4): the widest a whole number of a request may be. */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;

/** A text of a request: `Type.String` that refuses what PostgreSQL cannot store. */
export function Text(options: TStringOptions = {}): TString {
  return Type.String({ ...options, [STORABLE]: true });
}

/**
 * A whole number of a request, always bounded: by the domain where it says
 * (a `position`, a page size), never wider than PostgreSQL's `integer`
 * unless `wider` says why (a venue's version is a 32-bit transaction id).
 */
export function Int(options: TNumberOptions & { minimum?: number; maximum?: number; wider?: string } = {}): TInteger {
  const { wider, ...rest } = options;
  const schema = { minimum: INT4_MIN, maximum: INT4_MAX, ...rest, [STORABLE]: true };
  if (!wider && (schema.minimum < INT4_MIN || schema.maximum > INT4_MAX)) {
    throw new Error(`Int: bounds ${schema.minimum}..${schema.maximum} leave PostgreSQL's integer range`);
  }
  return Type.Integer(schema);
}
