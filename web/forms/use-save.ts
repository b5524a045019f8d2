import { useState } from 'react';
import { WriteError } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export type SaveState =
  | { kind: 'editing' }
  | { kind: 'saving' }
  /** Someone saved a newer version meanwhile: nothing was written. */
  | { kind: 'conflict'; message: string }
  /** Refused: messages by form field, and the rest for the top of the form. */
  | { kind: 'refused'; fields: Record<string, string>; message: string | undefined };

/**
 * Sends a form's change and sorts out the answer: the server's message goes
 * next to the field it names (`fieldOf` maps the API's field path to the
 * form's), a stale version becomes the conflict notice, anything else is
 * shown above the form.
 */
export function useSave(fieldOf: (apiField: string) => string | undefined) {
  const { t } = useI18n();
  const [state, setState] = useState<SaveState>({ kind: 'editing' });

  async function save<T>(send: () => Promise<T>): Promise<T | undefined> {
    setState({ kind: 'saving' });
    try {
      const answer = await send();
      setState({ kind: 'editing' });
      return answer;
    } catch (error) {
      if (!(error instanceof WriteError)) throw error;
      if (error.status === 409 && error.field === 'version') {
        setState({ kind: 'conflict', message: error.message });
        return undefined;
      }
      const field = error.field ? fieldOf(error.field) : undefined;
      const message =
        error.code === 'network'
          ? t('error.network')
          : error.code.startsWith('http_')
            ? t('error.unexpected', { status: error.status })
            : error.message;
      setState(
        field
          ? { kind: 'refused', fields: { [field]: message }, message: undefined }
          : { kind: 'refused', fields: {}, message },
      );
      return undefined;
    }
  }

  const fieldErrors = state.kind === 'refused' ? state.fields : {};
  return { state, save, fieldErrors, reset: () => setState({ kind: 'editing' }) };
}
