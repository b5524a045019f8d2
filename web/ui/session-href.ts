/**
 * Where one session of a programme is shown: its event's page with
 * `?session=<id>` (the same form the calendar feed links to), which the
 * programme page scrolls to.
 */
export function sessionHref(event: { slug: string }, session: { id: string }): string {
  return `/events/${encodeURIComponent(event.slug)}?session=${encodeURIComponent(session.id)}`;
}
