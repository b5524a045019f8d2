import { createHmac } from 'node:crypto';
import { ROTATING_CODE_PERIOD_SECONDS } from '../../shared/api/networking.ts';
import { BADGE_CODE_ALPHABET, BADGE_CODE_LENGTH } from '../../shared/badge-code.ts';

/** The 30-second window a moment falls in. */
export function rotatingWindow(at: Date): number {
  return Math.floor(at.getTime() / (ROTATING_CODE_PERIOD_SECONDS * 1000));
}

/**
 * The code an attendee's phone shows during one window: HMAC-SHA256 of the
 * window number under the attendee's secret, its first bytes mapped onto the
 * badge alphabet. web/networking/rotating-code.ts computes the same with
 * WebCrypto, so the phone needs no network to show it.
 */
export function rotatingCode(secret: string, window: number): string {
  const digest = createHmac('sha256', secret).update(String(window)).digest();
  let code = '';
  for (let i = 0; i < BADGE_CODE_LENGTH; i++)
    code += BADGE_CODE_ALPHABET[(digest[i] as number) % BADGE_CODE_ALPHABET.length];
  return code;
}

export type RotatingMatch<T> = { holder: T; window: number; current: boolean };

/**
 * Whose rotating code this is, judged at the moment of the scan: the window
 * then and its neighbours count (clocks of two phones differ by a few
 * seconds); a code of an older window (up to `lookBack`) is recognised as expired.
 */
export function matchRotatingCode<T extends { rotatingSecret: string }>(
  holders: T[],
  code: string,
  scannedAt: Date,
  lookBack = 20,
): RotatingMatch<T> | undefined {
  const now = rotatingWindow(scannedAt);
  let expired: RotatingMatch<T> | undefined;
  for (const holder of holders) {
    for (let window = now + 1; window >= now - lookBack; window--) {
      if (rotatingCode(holder.rotatingSecret, window) !== code) continue;
      const current = window >= now - 1;
      if (current) return { holder, window, current };
      expired ??= { holder, window, current };
    }
  }
  return expired;
}
