import type { Language } from '../../shared/domain.ts';
import { localDate } from '../../shared/time.ts';

/**
 * Intl locales used for dates: British English (day before month, 24-hour
 * clock, as the network writes) and Spanish.
 */
const INTL_LOCALES: Record<Language, string> = { en: 'en-GB', es: 'es-ES' };

export function intlLocale(language: Language): string {
  return INTL_LOCALES[language];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(language), options);
    formatters.set(key, format);
  }
  return format;
}

/** A calendar date (YYYY-MM-DD) as an instant that falls on that date in UTC. */
function calendarDate(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** "Wednesday 28 February" / "miércoles, 28 de febrero". */
export function formatDayHeading(date: string, language: Language): string {
  return formatter(language, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    calendarDate(date),
  );
}

/** "Wed 28 Feb" / "mié, 28 feb". */
export function formatDayShort(date: string, language: Language): string {
  return formatter(language, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    calendarDate(date),
  );
}

/** "28 Feb – 2 Mar 2024" / "28 feb – 2 mar 2024" (with weekdays: "Wed 28 Feb – Sat 2 Mar 2024"). */
export function formatDateRange(
  first: string,
  last: string,
  language: Language,
  { weekday = false }: { weekday?: boolean } = {},
): string {
  return formatter(language, {
    ...(weekday ? { weekday: 'short' } : {}),
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatRange(calendarDate(first), calendarDate(last));
}

/** "10:00–11:30 GMT-6": a time range in the given zone, with the zone named. */
export function formatTimeRange(start: string, end: string, language: Language, timeZone: string): string {
  return formatter(language, { hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).formatRange(
    new Date(start),
    new Date(end),
  );
}

/** "Wed 28 Feb, 10:00 GMT-6". */
export function formatDateTime(instant: string, language: Language, timeZone: string): string {
  return formatter(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(instant));
}

/** The calendar date (YYYY-MM-DD) on which an instant falls in a zone. */
export function dayInZone(instant: string, timeZone: string): string {
  return localDate(instant, timeZone);
}

/** The zone the viewer's device is set to. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Bound helpers for one language and one zone: what a page showing times needs. */
export interface DateFormat {
  timeZone: string;
  dayHeading(date: string): string;
  dayShort(date: string): string;
  timeRange(start: string, end: string): string;
  dateTime(instant: string): string;
  dayOf(instant: string): string;
}

export function dateFormat(language: Language, timeZone: string): DateFormat {
  return {
    timeZone,
    dayHeading: (date) => formatDayHeading(date, language),
    dayShort: (date) => formatDayShort(date, language),
    timeRange: (start, end) => formatTimeRange(start, end, language, timeZone),
    dateTime: (instant) => formatDateTime(instant, language, timeZone),
    dayOf: (instant) => dayInZone(instant, timeZone),
  };
}
