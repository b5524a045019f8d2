import type { Country } from '../../shared/api/common.ts';
import type { Language } from '../../shared/domain.ts';

export function countryName(country: Country | null | undefined, language: Language): string | null {
  return country ? country.name[language] : null;
}

/** The regions found in a list of countries, sorted by name in the reader's language. */
export function regionsOf(countries: Country[], language: Language): { code: string; name: string }[] {
  const regions = new Map<string, string>();
  for (const country of countries) regions.set(country.region.code, country.region.name[language]);
  return [...regions].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name, language));
}

export function sortCountries(countries: Country[], language: Language): Country[] {
  return [...countries].sort((a, b) => a.name[language].localeCompare(b.name[language], language));
}
