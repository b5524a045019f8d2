import { ICalAlarmType, ICalCalendar, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { Session } from '../../shared/api/programme.ts';
import type { Language, Localized } from '../../shared/domain.ts';
import { translate } from '../../shared/i18n/index.ts';
import type { EventRow } from '../programme/queries.ts';
import type { AgendaKey } from './service.ts';

const pick = (text: Localized, language: Language): string => text[language] ?? text.en ?? text.es ?? '';
const say = (language: Language, key: AgendaKey, values?: Record<string, string | number>) =>
  translate(language, key, values);

/** A confirmed one-to-one meeting, as the meetings capability gives it to the feed. */
export interface CalendarMeeting {
  id: string;
  version: number;
  eventSlug: string;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  table: number;
  space: string;
  venue: string | null;
  address: string | null;
  withName: string;
}

/** Minutes before a session its reminder goes off. */
export const REMINDER_MINUTES = 30;

/**
 * My sessions as iCalendar, one VEVENT per session. A calendar that
 * subscribed once keeps itself right: the UID is the session id (the same as
 * in the public programme feed, so the same session never shows twice), and
 * SEQUENCE is the session's version, which every edit bumps, so a moved
 * session replaces the old one rather than sitting beside it. Times carry
 * the event's zone with its VTIMEZONE, as in the programme feed.
 */
export function personalCalendar(
  trips: { event: EventRow; sessions: Session[] }[],
  language: Language,
  baseUrl: string,
  meetings: CalendarMeeting[] = [],
): string {
  const calendar = new ICalCalendar({
    name: say(language, 'agenda.calendar.name'),
    prodId: { company: 'Encuentro', product: 'my-trip', language: language.toUpperCase() },
    timezone: { name: null, generator: (zone) => tzlib_get_ical_block(zone)[0] ?? null },
    url: `${baseUrl}/my-trip`,
    // A hint to clients that poll: programmes change on site, look again within the hour.
    ttl: 60 * 60,
  });
  const host = new URL(baseUrl).hostname;
  for (const { event, sessions } of trips) {
    const eventName = language === 'es' ? (event.name_es ?? event.name_en) : event.name_en;
    for (const session of sessions) {
      const title = pick(session.title, language);
      const organizer = session.hosts[0] ?? session.presenters[0];
      const cancelled = session.status === 'cancelled';
      const created = calendar.createEvent({
        id: `${session.id}@encuentro`,
        sequence: session.version,
        start: DateTime.fromISO(session.startsAt, { zone: event.time_zone }),
        end: DateTime.fromISO(session.endsAt, { zone: event.time_zone }),
        timezone: event.time_zone,
        summary: cancelled ? say(language, 'agenda.calendar.cancelledTitle', { title }) : title,
        description: [pick(session.description, language), eventName].filter(Boolean).join('\n\n'),
        location: session.venue
          ? [session.venue.name, session.stage, session.venue.address, session.venue.city].filter(Boolean).join(', ')
          : null,
        // No organisation publishes an address here; the host is named, replies go nowhere.
        organizer: organizer ? { name: organizer.name, email: `no-reply@${host}` } : null,
        url: `${baseUrl}/events/${event.slug}?session=${session.id}`,
        status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      });
      if (!cancelled) {
        created.createAlarm({
          type: ICalAlarmType.display,
          trigger: REMINDER_MINUTES * 60,
          description: say(language, 'agenda.calendar.reminder', { title, minutes: REMINDER_MINUTES }),
        });
      }
    }
  }
  for (const meeting of meetings) {
    const title = translate(language, 'meetings.calendar.title', { name: meeting.withName, table: meeting.table });
    const created = calendar.createEvent({
      // The meeting's version bumps at every change, so a moved or cancelled meeting replaces the old entry.
      id: `meeting-${meeting.id}@encuentro`,
      sequence: meeting.version,
      start: DateTime.fromISO(meeting.startsAt, { zone: meeting.timeZone }),
      end: DateTime.fromISO(meeting.endsAt, { zone: meeting.timeZone }),
      timezone: meeting.timeZone,
      summary: title,
      description: translate(language, 'meetings.calendar.description', { space: meeting.space, table: meeting.table }),
      location: [
        `${meeting.space} · ${translate(language, 'meetings.calendar.table', { table: meeting.table })}`,
        meeting.venue,
        meeting.address,
      ]
        .filter(Boolean)
        .join(', '),
      url: `${baseUrl}/events/${meeting.eventSlug}/meetings`,
      status: ICalEventStatus.CONFIRMED,
    });
    created.createAlarm({
      type: ICalAlarmType.display,
      trigger: REMINDER_MINUTES * 60,
      description: translate(language, 'agenda.calendar.reminder', { title, minutes: REMINDER_MINUTES }),
    });
  }
  return calendar.toString();
}
