/**
 * The zones the programme tests reason in, and the few conversions they
 * need, done with Intl in an explicit zone so the test process's own TZ
 * never matters.
 */

/** Where the browser pretends to be: UTC+5:45, so a programme that forgets the event's zone is visibly wrong. */
export const VIEWER_ZONE = 'Asia/Kathmandu';

/** "22:45": the wall-clock time of an instant in a zone, as the English programme writes it. */
export function clockTime(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(
    new Date(instant),
  );
}

/** "2024-02-29": the calendar date on which an instant falls in a zone. */
export function dateIn(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(
    new Date(instant),
  );
}

/** "Thursday 29 February": how the English programme heads a calendar date. */
export function englishDayHeading(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}
