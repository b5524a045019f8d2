import { Type } from 'typebox';
import { ErrorResponse, ListOf, Slug, Uuid } from '../../shared/api/common.ts';
import { EventDetail, EventSummary, SessionList, SpeakerSession } from '../../shared/api/programme.ts';
import { LANGUAGES, SESSION_KINDS } from '../../shared/domain.ts';
import { StringEnum } from '../../shared/schema-helpers.ts';

export const listEventsSchema = {
  tags: ['programme'],
  summary: 'Trip programmes at host conferences',
  response: { 200: ListOf(EventSummary) },
};

export const getEventSchema = {
  tags: ['programme'],
  summary: 'One event with its days, venues, session kinds and credited partners',
  params: Type.Object({ slug: Slug }),
  response: { 200: EventDetail, 400: ErrorResponse, 404: ErrorResponse },
};

export const listSessionsSchema = {
  tags: ['programme'],
  summary: 'The public programme of an event, in start order',
  params: Type.Object({ slug: Slug }),
  querystring: Type.Object({
    day: Type.Optional(Type.String({ format: 'date', description: 'A day of the event, in its zone (YYYY-MM-DD)' })),
    kind: Type.Optional(StringEnum(SESSION_KINDS)),
  }),
  response: { 200: SessionList, 400: ErrorResponse, 404: ErrorResponse },
};

export const calendarSchema = {
  tags: ['programme'],
  summary: 'The public programme as an iCalendar feed (text/calendar)',
  params: Type.Object({ slug: Slug }),
  querystring: Type.Object({ lang: Type.Optional(StringEnum(LANGUAGES)) }),
  produces: ['text/calendar'],
  response: {
    200: Type.String({ description: 'iCalendar (RFC 5545) with a VTIMEZONE for the event zone' }),
    400: ErrorResponse,
    404: ErrorResponse,
  },
};

export const speakerSessionsSchema = {
  tags: ['programme'],
  summary: 'Public sessions a person speaks at, across events',
  params: Type.Object({ id: Uuid }),
  response: { 200: ListOf(SpeakerSession), 400: ErrorResponse },
};
