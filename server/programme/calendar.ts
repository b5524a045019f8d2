import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { Session } from '../../shared/api/programme.ts';
import type { Language, Localized } from '../../shared/domain.ts';
import { translate } from '../../shared/i18n/index.ts';
import type { EventRow } from './queries.ts';

const pick = (text: Localized, language: Language): string => text[language] ?? text.en ?? text.es ?? '';

/**
 * The public programme as iCalendar. Times are written in the event's zone
 * with a VTIMEZONE block, so calendars show Guadalajara times as such and
 * convert them correctly for a reader elsewhere. UIDs are the session ids, so
 * a moved session updates in place rather than appearing twice.
 */
export function programmeCalendar(event: EventRow, sessions: Session[], language: Language, baseUrl: string): string {
  const name = language === 'es' ? (event.name_es ?? event.name_en) : event.name_en;
  const calendar = new ICalCalendar({
    name,
    prodId: { company: 'Encuentro', product: 'programme', language: language.toUpperCase() },
    // VTIMEZONE from a library that tracks the tz database (Mexico dropped DST in 2022).
    // The calendar itself has no zone, so DTSTAMP stays in UTC as RFC 5545 asks; each
    // event names the event zone and the generator adds its VTIMEZONE.
    timezone: { name: null, generator: (zone) => tzlib_get_ical_block(zone)[0] ?? null },
    url: `${baseUrl}/events/${event.slug}`,
  });
  for (const session of sessions) {
    const people = session.speakers
      .map((s) => `${s.person.name} (${translate(language, `part.${s.part}` as never)})`)
      .join(', ');
    const credits = [...session.hosts, ...session.presenters, ...session.partners].map((o) => o.name).join(', ');
    const description = [
      pick(session.description, language),
      people && `${translate(language, 'calendar.speakers')}: ${people}`,
      credits && `${translate(language, 'calendar.credits')}: ${credits}`,
      session.timeIsIllustrative ? translate(language, 'calendar.illustrative') : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    calendar.createEvent({
      id: `${session.id}@encuentro`,
      // Luxon values carry the zone: ical-generator would format a plain Date in the process's own zone.
      start: DateTime.fromISO(session.startsAt, { zone: event.time_zone }),
      end: DateTime.fromISO(session.endsAt, { zone: event.time_zone }),
      timezone: event.time_zone,
      summary: pick(session.title, language),
      description,
      location: session.venue
        ? [session.venue.name, session.stage, session.venue.address].filter(Boolean).join(', ')
        : null,
      url: `${baseUrl}/events/${event.slug}?session=${session.id}`,
      categories: [{ name: translate(language, `kind.session.${session.kind}` as never) }],
      status: session.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
