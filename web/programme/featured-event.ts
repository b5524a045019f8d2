import type { EventSummary } from '../../shared/api/programme.ts';

/**
 * The event to put forward: the next one not yet over, or else the most
 * recent. Dates are compared as YYYY-MM-DD strings, which sort like dates.
 */
export function featuredEvent(events: EventSummary[], today = new Date().toISOString().slice(0, 10)) {
  const upcoming = events.filter((event) => event.endsOn >= today).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  if (upcoming[0]) return { event: upcoming[0], upcoming: true };
  const past = [...events].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  return past[0] ? { event: past[0], upcoming: false } : undefined;
}
