/**
 * Badge codes: six characters a person can read off a badge and type on a
 * phone. The alphabet leaves out look-alikes (0/O, 1/I/L), so what is typed
 * is normalised (upper case, no spaces or dashes) and checked against it.
 */
export const BADGE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const BADGE_CODE_LENGTH = 6;
export const BADGE_CODE_PATTERN = `^[${BADGE_CODE_ALPHABET}]{${BADGE_CODE_LENGTH}}$`;

/** What a person typed, as a code: upper case, without spaces or dashes. */
export function normalizeBadgeCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export function isBadgeCode(code: string): boolean {
  return new RegExp(BADGE_CODE_PATTERN).test(code);
}

/** A code from random bytes (one byte per character; rejection keeps every character equally likely). */
export function badgeCodeFrom(randomByte: () => number): string {
  const limit = 256 - (256 % BADGE_CODE_ALPHABET.length);
  let code = '';
  while (code.length < BADGE_CODE_LENGTH) {
    const byte = randomByte();
    if (byte < limit) code += BADGE_CODE_ALPHABET[byte % BADGE_CODE_ALPHABET.length];
  }
  return code;
}
