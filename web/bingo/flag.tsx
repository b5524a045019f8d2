import { canDrawFlags, flagOf } from './bingo-i18n.ts';

/** A country's flag, or its code where the device cannot draw flags; decorative beside the name. */
export function Flag({ code }: { code: string | null | undefined }) {
  if (!code) return null;
  return canDrawFlags() ? (
    <span aria-hidden="true">{flagOf(code)} </span>
  ) : (
    <span aria-hidden="true" className="bingo-flag-code">
      {code.toUpperCase()}
    </span>
  );
}
