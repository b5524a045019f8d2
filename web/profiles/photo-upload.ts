import type { Photo } from '../../shared/api/directory.ts';
import type { Language } from '../../shared/domain.ts';
import { translate } from '../../shared/i18n/core.ts';
import { WriteError } from '../api.ts';

/** Sends the chosen file as it is: the server turns it upright, crops, resizes and strips its metadata. */
export async function uploadPhoto(personId: string, file: Blob, language: Language): Promise<Photo | null> {
  let response: Response;
  try {
    response = await fetch(`/api/people/${personId}/photo`, {
      method: 'PUT',
      headers: {
        Accept: 'application/json',
        'Accept-Language': language,
        'Content-Type': file.type || 'application/octet-stream',
      },
      body: file,
    });
  } catch {
    throw new WriteError(0, 'network', translate(language, 'error.network'));
  }
  const answer = (await response.json().catch(() => undefined)) as
    | { photo?: Photo | null; error?: { code: string; message: string } }
    | undefined;
  if (!response.ok) {
    throw new WriteError(
      response.status,
      answer?.error?.code ?? `http_${response.status}`,
      answer?.error?.message ?? response.statusText,
    );
  }
  return answer?.photo ?? null;
}
