export function eventHref(event: { slug: string }): string {
  return `/events/${encodeURIComponent(event.slug)}`;
}

/** The public programme as iCalendar, with titles in the reader's language (calendar apps send no cookie). */
export function calendarPath(event: { slug: string }, language: string): string {
  return `/api/events/${encodeURIComponent(event.slug)}/calendar.ics?lang=${language}`;
}
