import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type { Me, Passkey } from '../../shared/api/accounts.ts';
import type { Language } from '../../shared/domain.ts';
import { apiWrite } from '../api.ts';

/** Why a ceremony ended without a passkey, when the reason is the browser's or the person's, not the server's. */
export type CeremonyProblem = 'cancelled' | 'unsupported' | 'already_on_device' | 'failed';

export class PasskeyCeremonyError extends Error {
  constructor(
    readonly problem: CeremonyProblem,
    options?: { cause: unknown },
  ) {
    super(`passkey ceremony: ${problem}`, options);
    this.name = 'PasskeyCeremonyError';
  }
}

// Loaded when a passkey is first used, so the first page does not carry it.
const webauthn = () => import('@simplewebauthn/browser');

function ceremonyProblem(error: unknown): PasskeyCeremonyError {
  const { name, code } = (error ?? {}) as { name?: string; code?: string };
  // The person closed the prompt, or it timed out: the browser does not say which, on purpose.
  if (name === 'NotAllowedError' || name === 'AbortError')
    return new PasskeyCeremonyError('cancelled', { cause: error });
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') {
    return new PasskeyCeremonyError('already_on_device', { cause: error });
  }
  return new PasskeyCeremonyError('failed', { cause: error });
}

/** Create a passkey on this device for the signed-in account and keep it on the server. */
export async function addPasskey(language: Language, name: string): Promise<Passkey> {
  const { browserSupportsWebAuthn, startRegistration } = await webauthn();
  if (!browserSupportsWebAuthn()) throw new PasskeyCeremonyError('unsupported');
  const optionsJSON = await apiWrite<PublicKeyCredentialCreationOptionsJSON>(
    'POST',
    '/api/me/passkeys/options',
    language,
  );
  const response = await startRegistration({ optionsJSON }).catch((error: unknown) => {
    throw ceremonyProblem(error);
  });
  return apiWrite<Passkey>('POST', '/api/me/passkeys', language, { response, ...(name ? { name } : {}) });
}

/** Sign in with any passkey this device holds for the site; the server starts a session and says who it is. */
export async function signInWithPasskey(language: Language): Promise<Me> {
  const { browserSupportsWebAuthn, startAuthentication } = await webauthn();
  if (!browserSupportsWebAuthn()) throw new PasskeyCeremonyError('unsupported');
  const optionsJSON = await apiWrite<PublicKeyCredentialRequestOptionsJSON>(
    'POST',
    '/api/auth/passkey/options',
    language,
  );
  const response = await startAuthentication({ optionsJSON }).catch((error: unknown) => {
    throw ceremonyProblem(error);
  });
  return apiWrite<Me>('POST', '/api/auth/passkey', language, { response });
}
