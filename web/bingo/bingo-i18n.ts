import type enBingo from '../../shared/i18n/en/bingo.json';
import type { MessageValues } from '../../shared/i18n/index.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export type BingoKey = keyof typeof enBingo;

/** The bingo's texts, with keys checked against its own catalog. */
export function useBingoText() {
  const i18n = useI18n();
  const tb = (key: BingoKey, values?: MessageValues) => i18n.t(key, values);
  return { ...i18n, tb };
}

/** A country's flag from its ISO code (regional indicator letters). */
export function flagOf(code: string | null | undefined): string {
  if (!code || !/^[A-Za-z]{2}$/.test(code)) return '';
  return String.fromCodePoint(...[...code.toUpperCase()].map((letter) => 0x1f1e6 + letter.charCodeAt(0) - 65));
}

let flagsDrawn: boolean | undefined;

/**
 * Whether this device draws flag emoji in colour. Some systems (Windows, a
 * bare Linux) show two grey letters or boxes instead; those get the code.
 */
export function canDrawFlags(): boolean {
  if (flagsDrawn !== undefined) return flagsDrawn;
  flagsDrawn = false;
  try {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 16;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (context) {
      context.font = '14px sans-serif';
      context.textBaseline = 'top';
      context.fillText(flagOf('MX'), 0, 0);
      const pixels = context.getImageData(0, 0, 16, 16).data;
      for (let i = 0; i < pixels.length; i += 4) {
        const [r, g, b] = [pixels[i] as number, pixels[i + 1] as number, pixels[i + 2] as number];
        if (Math.abs(r - g) > 30 || Math.abs(g - b) > 30) {
          flagsDrawn = true;
          break;
        }
      }
    }
  } catch {
    flagsDrawn = false;
  }
  return flagsDrawn;
}

export const bingoBase = (slug: string) => `/api/events/${encodeURIComponent(slug)}/bingo`;
