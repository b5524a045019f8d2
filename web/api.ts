import { useCallback, useEffect, useState } from 'react';
import type { Language } from '../shared/domain.ts';
import { translate } from '../shared/i18n/core.ts';
import { useI18n } from './i18n/i18n-context.tsx';

/**
 * A failed API call. `message` is the server's, already in the requested
 * language; `code` is `network` when the server could not be reached and
 * `http_<status>` when it answered without the usual error body.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Every list endpoint answers `{ items: [...] }`. */
export interface List<T> {
  items: T[];
}

export async function apiGet<T>(path: string, language: Language, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json', 'Accept-Language': language }, signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    // The browser's own words ("TypeError: Failed to fetch") mean nothing to a reader: say it in theirs.
    throw new ApiError(0, 'network', translate(language, 'error.network'));
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    if (typeof error?.code === 'string' && typeof error.message === 'string') {
      throw new ApiError(response.status, error.code, error.message);
    }
    throw new ApiError(response.status, `http_${response.status}`, response.statusText);
  }
  if (body === undefined) throw new ApiError(response.status, 'invalid_response', response.statusText);
  return body as T;
}

/** Builds `/api/x?a=1` from the parameters that have a value. */
export function apiPath(path: string, params: Record<string, string | null | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value) search.set(name, value);
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

// Last good answer per path, so going back to a page shows it at once while it refreshes.
const lastResponses = new Map<string, unknown>();

// Requests in flight, so two parts of a page asking for the same list (the
// header and the home page both want /api/events) share one request.
const inFlight = new Map<string, Promise<unknown>>();

function sharedGet<T>(path: string, language: Language): Promise<T> {
  const key = `${language} ${path}`;
  let request = inFlight.get(key);
  if (!request) {
    request = apiGet<T>(path, language).finally(() => inFlight.delete(key));
    inFlight.set(key, request);
  }
  return request as Promise<T>;
}

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  /** True while a request for the current path is in flight (data may be a previous answer). */
  loading: boolean;
  reload(): void;
}

/**
 * Loads a GET endpoint for the current language. `path: null` waits (e.g. for
 * a parameter). With `keepPrevious`, a list keeps showing its last results
 * while new filters load instead of flashing empty.
 */
export function useApi<T>(path: string | null, options: { keepPrevious?: boolean } = {}): ApiState<T> {
  const { language } = useI18n();
  const [state, setState] = useState<{ path: string | null; data?: T; error?: ApiError; loading: boolean }>(() => ({
    path,
    data: path ? (lastResponses.get(path) as T | undefined) : undefined,
    loading: path !== null,
  }));
  const [attempt, setAttempt] = useState(0);
  const keepPrevious = options.keepPrevious ?? false;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is a dependency only so that reload() fetches again
  useEffect(() => {
    if (path === null) return;
    // A shared request is not aborted when one reader leaves; its answer is just ignored.
    let current = true;
    setState((previous) => ({
      path,
      data: (lastResponses.get(path) as T | undefined) ?? (keepPrevious ? previous.data : undefined),
      loading: true,
    }));
    sharedGet<T>(path, language).then(
      (data) => {
        lastResponses.set(path, data);
        if (current) setState({ path, data, loading: false });
      },
      (error: unknown) => {
        if (!current) return;
        const apiError = error instanceof ApiError ? error : new ApiError(0, 'network', String(error));
        setState({ path, error: apiError, loading: false });
      },
    );
    return () => {
      current = false;
    };
  }, [path, language, attempt, keepPrevious]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  const current = state.path === path;
  const cached = path ? (lastResponses.get(path) as T | undefined) : undefined;
  const data = current ? state.data : (cached ?? (keepPrevious ? state.data : undefined));
  return {
    data,
    error: current ? state.error : undefined,
    loading: path !== null && (!current || state.loading),
    reload,
  };
}

/** A refused write. `field` names the body field at fault (e.g. `country`, `contact.email.value`) when there is one. */
export class WriteError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly field?: string,
  ) {
    super(status, code, message);
    this.name = 'WriteError';
  }
}

/** POST, PUT, PATCH or DELETE as JSON; the answer is the resource as a GET shows it. */
export async function apiWrite<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  language: Language,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        Accept: 'application/json',
        'Accept-Language': language,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new WriteError(0, 'network', translate(language, 'error.network'));
  }
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (answer as { error?: { code?: unknown; message?: unknown; field?: string } } | undefined)?.error;
    if (typeof error?.code === 'string' && typeof error.message === 'string') {
      throw new WriteError(response.status, error.code, error.message, error.field);
    }
    throw new WriteError(response.status, `http_${response.status}`, response.statusText);
  }
  return answer as T;
}
