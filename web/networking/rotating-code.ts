import { ROTATING_CODE_PERIOD_SECONDS } from '../../shared/api/networking.ts';
import { BADGE_CODE_ALPHABET, BADGE_CODE_LENGTH } from '../../shared/badge-code.ts';

/**
 * The code this phone shows in a 30-second window, computed here with
 * WebCrypto (no network needed). The server derives the same code from the
 * same secret (server/networking/rotating-code.ts) to check a scan.
 */
export async function rotatingCode(secret: string, window: number): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const digest = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(String(window))));
  let code = '';
  for (let i = 0; i < BADGE_CODE_LENGTH; i++)
    code += BADGE_CODE_ALPHABET[(digest[i] as number) % BADGE_CODE_ALPHABET.length];
  return code;
}

export const periodMs = ROTATING_CODE_PERIOD_SECONDS * 1000;

export const windowAt = (time: number) => Math.floor(time / periodMs);

/** Seconds until the code shown now changes. */
export const secondsLeft = (time: number) => Math.ceil((periodMs - (time % periodMs)) / 1000);
