import type { Language } from '../../shared/domain.ts';
import { apiWrite, WriteError } from '../api.ts';

/** PUT as JSON (the minutes): the same answers and errors as apiWrite gives for the other methods. */
export async function apiPut<T>(path: string, language: Language, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'PUT',
      headers: { Accept: 'application/json', 'Accept-Language': language, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (cause) {
    throw new WriteError(0, 'network', String(cause));
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

export { apiWrite };
