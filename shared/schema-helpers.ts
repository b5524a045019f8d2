import { type TUnsafe, Type } from 'typebox';

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
