import type { Language } from '../../shared/domain.ts';
import { ApiError } from '../api.ts';

/**
 * A write to the accounts API: JSON in, JSON (or nothing, for 204) out. Fails
 * with the same ApiError as reads, carrying the server's message in the
 * reader's language.
 */
export async function apiSend<T>(
  method: 'POST' | 'DELETE',
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
  } catch (cause) {
    throw new ApiError(0, 'network', String(cause));
  }
  if (response.status === 204) return undefined as T;
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (answer as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    if (typeof error?.code === 'string' && typeof error.message === 'string') {
      throw new ApiError(response.status, error.code, error.message);
    }
    throw new ApiError(response.status, `http_${response.status}`, response.statusText);
  }
  return answer as T;
}
