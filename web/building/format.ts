import type { Language } from '../../shared/domain.ts';
import type { Translate } from '../../shared/i18n/index.ts';
import { intlLocale } from '../i18n/dates.ts';

/** A calendar date (YYYY-MM-DD) as the reader writes dates; a day, not an instant, so no zone applies. */
export function formatDay(date: string, language: Language): string {
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

const DAYS_PER_MONTH = 30.44;

/** Up to two months in days, beyond that in (about) months: how long a step took. */
export function formatDuration(days: number, t: Translate): string {
  if (days < 60) return t('building.days', { days });
  return t('building.months', { months: Math.round(days / DAYS_PER_MONTH) });
}

export const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
