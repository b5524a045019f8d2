import type enBingo from '../../shared/i18n/en/bingo.json';
import type { MessageKey, MessageValues } from '../../shared/i18n/index.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export type BingoKey = keyof typeof enBingo;

/** The bingo's texts, with keys checked against its own catalog. */
export function useBingoText() {
  const i18n = useI18n();
  const tb = (key: BingoKey, values?: MessageValues) => i18n.t(key as MessageKey, values);
  return { ...i18n, tb };
}

/** A country's flag from its ISO code (regional indicator letters); decorative. */
export function flagOf(code: string | null | undefined): string {
  if (!code || !/^[A-Za-z]{2}$/.test(code)) return '';
  return String.fromCodePoint(...[...code.toUpperCase()].map((letter) => 0x1f1e6 + letter.charCodeAt(0) - 65));
}

export const bingoBase = (slug: string) => `/api/events/${encodeURIComponent(slug)}/bingo`;
