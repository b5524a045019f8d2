import { Type } from 'typebox';
import { Agenda, CalendarFeed, CalendarFeedState, MyEvents } from '../../shared/api/agenda.ts';
import { ErrorResponse, Slug } from '../../shared/api/common.ts';
import { LANGUAGES } from '../../shared/domain.ts';
import { StringEnum, Text } from '../../shared/schema-helpers.ts';

export const agendaSchema = {
  tags: ['agenda'],
  summary: 'My trip: the sessions I confirmed, wait for, or my delegation was assigned, by day',
  description:
    'Days and times are counted in the event zone, or in `tz` (an IANA zone) when given. ' +
    'Without `event`, the event the tabs open on: the one I attend that is on now or next, else the next event, else the latest. Overlapping sessions are flagged in `clashesWith`.',
  querystring: Type.Object({
    event: Type.Optional(Slug),
    tz: Type.Optional(Text({ maxLength: 64, description: 'IANA zone to count days in, e.g. Asia/Kathmandu' })),
  }),
  response: { 200: Agenda, 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse },
};

export const myEventsSchema = {
  tags: ['agenda'],
  summary: 'The events I attend: a badge there, or a session I hold',
  response: { 200: MyEvents, 401: ErrorResponse },
};

export const calendarFeedStateSchema = {
  tags: ['agenda'],
  summary: 'Whether my personal calendar feed is active (the secret is never shown again)',
  response: { 200: CalendarFeedState, 401: ErrorResponse },
};

export const createCalendarTokenSchema = {
  tags: ['agenda'],
  summary: 'A new secret address for my calendar feed; the previous one stops working',
  response: { 201: CalendarFeed, 401: ErrorResponse, 403: ErrorResponse },
};

export const revokeCalendarTokenSchema = {
  tags: ['agenda'],
  summary: 'Stop my calendar feed: subscribed calendars get an error from now on',
  response: { 200: CalendarFeedState, 401: ErrorResponse, 403: ErrorResponse },
};

export const personalCalendarSchema = {
  tags: ['agenda'],
  summary: 'My sessions as an iCalendar feed (text/calendar), opened by the secret token',
  description:
    'No cookie needed: the token is the credential. UIDs are session ids, SEQUENCE the session version, ' +
    'each event has a 30-minute reminder (VALARM) and cancelled sessions say STATUS:CANCELLED.',
  querystring: Type.Object({
    token: Text({ minLength: 16, maxLength: 128 }),
    lang: Type.Optional(StringEnum(LANGUAGES)),
  }),
  produces: ['text/calendar'],
  response: {
    200: Type.String({ description: 'iCalendar (RFC 5545) with a VTIMEZONE per event zone' }),
    400: ErrorResponse,
    404: ErrorResponse,
  },
};
