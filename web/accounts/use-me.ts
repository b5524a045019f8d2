import { useEffect, useSyncExternalStore } from 'react';
import type { Me } from '../../shared/api/accounts.ts';
import type { Language } from '../../shared/domain.ts';
import { ApiError, apiGet, apiWrite } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { forgetOfflineAnswers } from '../offline/api-cache.ts';

export type { Me };

export interface MeState {
  /** The signed-in account; null for the public; undefined until the server has answered. */
  me: Me | null | undefined;
  /** Set when the server could not say (network down, server error); `me` is then null. */
  error: ApiError | undefined;
}

// One answer for the whole page: the header, the account page and any other
// reader share it instead of each asking /api/me.
let state: MeState = { me: undefined, error: undefined };
let request: Promise<void> | null = null;
const listeners = new Set<() => void>();

function publish(next: MeState) {
  state = next;
  for (const listener of listeners) listener();
}

/**
 * The person signed in on this page, asking the server first if nobody has:
 * null for the public, and also when the server could not be reached.
 */
export async function signedInPersonId(language: Language): Promise<string | null> {
  if (state.me === undefined) await refreshMe(language);
  return state.me?.person?.id ?? null;
}

/** Ask the server again who is signed in. */
export function refreshMe(language: Language): Promise<void> {
  request ??= apiGet<Me>('/api/me', language)
    .then(
      (me) => publish({ me, error: undefined }),
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) publish({ me: null, error: undefined });
        else
          publish({ me: null, error: error instanceof ApiError ? error : new ApiError(0, 'network', String(error)) });
      },
    )
    .finally(() => {
      request = null;
    });
  return request;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * Who is signed in, for any component: `const { me } = useMe()`. The first
 * reader on a page asks the server; the others share the answer.
 */
export function useMe(): MeState {
  const { language } = useI18n();
  const current = useSyncExternalStore(subscribe, () => state);
  useEffect(() => {
    if (state.me === undefined) void refreshMe(language);
  }, [language]);
  return current;
}

/**
 * End the session on the server, then start the app afresh at `/`: answers
 * fetched while signed in (people's contact details, say) must not stay in
 * the page's memory for whoever uses this browser next.
 */
export async function signOut(language: Language): Promise<void> {
  await apiWrite<void>('POST', '/api/auth/logout', language);
  await forgetOfflineAnswers();
  window.location.assign('/');
}
