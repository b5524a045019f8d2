import type { Language } from '../../shared/domain.ts';
import { hasCatalog } from '../../shared/i18n/core.ts';

/**
 * The reader's language's messages, fetched once before the app renders in
 * it: only one of the two catalogs is on the first page.
 */
export async function loadCatalog(language: Language): Promise<void> {
  if (hasCatalog(language)) return;
  if (language === 'es') await import('./catalog-es.ts');
  else await import('./catalog-en.ts');
}
