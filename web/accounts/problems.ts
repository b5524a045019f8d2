import type { MessageKey, Translate } from '../../shared/i18n/index.ts';
import { ApiError } from '../api.ts';
import { type CeremonyProblem, PasskeyCeremonyError } from './passkey-ceremonies.ts';

const CEREMONY_MESSAGES: Record<CeremonyProblem, MessageKey> = {
  cancelled: 'accounts.passkeys.cancelled',
  unsupported: 'accounts.passkeys.unsupported',
  already_on_device: 'accounts.passkeys.alreadyOnDevice',
  failed: 'accounts.passkeys.failed',
};

/**
 * A sentence for a failed account action, in the reader's language: the
 * server's own message when it gave one, else what the browser's refusal
 * means (with per-page wording where `overrides` has it).
 */
export function describeProblem(
  error: unknown,
  t: Translate,
  overrides: Partial<Record<CeremonyProblem, MessageKey>> = {},
): string {
  if (error instanceof PasskeyCeremonyError) return t(overrides[error.problem] ?? CEREMONY_MESSAGES[error.problem]);
  if (error instanceof ApiError) {
    if (error.code === 'network') return t('error.network');
    if (error.code.startsWith('http_')) return t('error.unexpected', { status: error.status });
    return error.message;
  }
  return t('accounts.passkeys.failed');
}
