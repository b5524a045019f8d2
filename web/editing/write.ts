import { useCallback, useEffect, useState } from 'react';
import type { FieldErrorBody } from '../../shared/api/editing.ts';
import type { Language } from '../../shared/domain.ts';
import { ApiError, apiGet } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

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

/** POST, PATCH or DELETE as JSON; the answer is the resource as a GET shows it. */
export async function apiWrite<T>(
  method: 'POST' | 'PATCH' | 'DELETE',
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
    throw new WriteError(0, 'network', String(cause));
  }
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (answer as Partial<FieldErrorBody> | undefined)?.error;
    if (typeof error?.code === 'string' && typeof error.message === 'string') {
      throw new WriteError(response.status, error.code, error.message, error.field);
    }
    throw new WriteError(response.status, `http_${response.status}`, response.statusText);
  }
  return answer as T;
}

export interface RecordState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  reload(): Promise<void>;
}

/**
 * Reads what a form edits, straight from the server: never the page's memory
 * of an earlier answer, since the version read is what a save is checked against.
 */
export function useRecord<T>(path: string): RecordState<T> {
  const { language } = useI18n();
  const [state, setState] = useState<{ data?: T; error?: ApiError }>({});
  const reload = useCallback(async () => {
    try {
      const data = await apiGet<T>(path, language);
      setState({ data });
    } catch (error) {
      setState({ error: error instanceof ApiError ? error : new ApiError(0, 'network', String(error)) });
    }
  }, [path, language]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data: state.data, error: state.error, reload };
}
