/** Narrows a string (from the URL or the API) to one of a closed list from shared/domain.ts. */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
