import type { Country } from '../../shared/api/common.ts';
import { type List, useApi } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

/** Every country, by its name in the reader's language, after an empty choice. */
export function useCountryOptions(emptyLabel: string): { value: string; label: string }[] {
  const { language, locale } = useI18n();
  const countries = useApi<List<Country>>('/api/countries');
  const sorted = (countries.data?.items ?? [])
    .map((country) => ({ value: country.code, label: country.name[language] }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  return [{ value: '', label: emptyLabel }, ...sorted];
}
