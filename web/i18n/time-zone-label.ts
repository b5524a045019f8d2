import type { Translate } from '../../shared/i18n/index.ts';

/** "UTC−6" for a zone at a moment (offsets change with daylight saving time). */
export function utcOffset(timeZone: string, at: Date = new Date()): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = part?.replace(/^GMT/, '') ?? '';
  return offset ? `UTC${offset.replace('-', '\u2212')}` : 'UTC';
}

/** The place an IANA zone is named after: "America/Mexico_City" → "Mexico City". */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replaceAll('_', ' ');
}

/** "Mexico City time (UTC−6)" instead of "America/Mexico_City". */
export function timeZoneLabel(t: Translate, timeZone: string, at?: Date): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC';
  return t('ui.timeZone.label', { city: zoneCity(timeZone), offset: utcOffset(timeZone, at) });
}
