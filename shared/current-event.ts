import { localDate } from './time.ts';

export interface EventDates {
  slug: string;
  timeZone: string;
  startsOn: string;
  endsOn: string;
}

const notOver = (event: EventDates, now: Date) => event.endsOn >= localDate(now, event.timeZone);
const onNow = (event: EventDates, now: Date) => event.startsOn <= localDate(now, event.timeZone) && notOver(event, now);

/** An event the person switched to, and when. */
export interface EventChoice {
  slug: string;
  at: Date;
}
const soonest = <T extends EventDates>(events: T[]) =>
  [...events].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.slug.localeCompare(b.slug))[0];
const latest = <T extends EventDates>(events: T[]) =>
  [...events].sort((a, b) => b.startsOn.localeCompare(a.startsOn) || a.slug.localeCompare(b.slug))[0];

/**
 * The one event every tab opens on (programme, My trip, Connect, bingo), so
 * they never disagree: the one I chose while it is not over (or, chosen after
 * it ended to look back, until an event I attend is on); else the one I
 * attend that is on now or next; else the next event of all; else the latest
 * one I attended, or the latest of all. "Over" is counted in each event's own
 * zone, so the last evening in Guadalajara still counts as on.
 */
export function chooseCurrentEvent<T extends EventDates>(
  events: T[],
  mine: ReadonlySet<string>,
  now: Date,
  chosen?: EventChoice | null,
): T | undefined {
  const picked = chosen ? events.find((event) => event.slug === chosen.slug) : undefined;
  const attending = events.filter((event) => mine.has(event.slug));
  if (picked && notOver(picked, now)) return picked;
  const lookingBack = picked && chosen && !notOver(picked, chosen.at);
  if (picked && lookingBack && !attending.some((event) => onNow(event, now))) return picked;
  return (
    soonest(attending.filter((event) => notOver(event, now))) ??
    soonest(events.filter((event) => notOver(event, now))) ??
    picked ??
    latest(attending) ??
    latest(events)
  );
}
