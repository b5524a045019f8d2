import { useCallback, useEffect, useState } from 'react';
import { ApiError, apiGet } from '../api.ts';

import { useI18n } from '../i18n/i18n-context.tsx';

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
