import { Type } from 'typebox';
import { ErrorResponse, ListOf, Slug, Uuid } from '../../shared/api/common.ts';
import {
  DeleteQuery,
  EventChanges,
  NewEvent,
  NewSession,
  NewVenue,
  SessionChanges,
  VenueChanges,
  VenueDeleteQuery,
  WRITE_ERRORS,
} from '../../shared/api/editing.ts';
import {
  EventDetail,
  EventSummary,
  Session,
  SessionList,
  SpeakerSession,
  VenueDetail,
} from '../../shared/api/programme.ts';
import { LANGUAGES, SESSION_KINDS } from '../../shared/domain.ts';
import { StringEnum, Text } from '../../shared/schema-helpers.ts';

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
    day: Type.Optional(Text({ format: 'date', description: 'A day of the event, in its zone (YYYY-MM-DD)' })),
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

export const getSessionSchema = {
  tags: ['programme'],
  summary: 'One session (public ones; admins see every session)',
  params: Type.Object({ id: Uuid }),
  response: { 200: Session, 400: ErrorResponse, 404: ErrorResponse },
};

export const listVenuesSchema = {
  tags: ['programme'],
  summary: 'Venues with their stages',
  response: { 200: ListOf(VenueDetail) },
};

// --- Writes, admins only (server/programme/editing.ts) --------------------

export const createEventSchema = {
  tags: ['programme'],
  summary: 'Add a trip programme',
  body: NewEvent,
  response: { 201: EventDetail, ...WRITE_ERRORS },
};

export const updateEventSchema = {
  tags: ['programme'],
  summary: 'Change an event from the version read',
  params: Type.Object({ slug: Slug }),
  body: EventChanges,
  response: { 200: EventDetail, ...WRITE_ERRORS },
};

export const deleteEventSchema = {
  tags: ['programme'],
  summary: 'Remove an event and its sessions; answers it as it was',
  params: Type.Object({ slug: Slug }),
  querystring: DeleteQuery,
  response: { 200: EventDetail, ...WRITE_ERRORS },
};

export const createVenueSchema = {
  tags: ['programme'],
  summary: 'Add a venue with its stages',
  body: NewVenue,
  response: { 201: VenueDetail, ...WRITE_ERRORS },
};

export const updateVenueSchema = {
  tags: ['programme'],
  summary: 'Change a venue and its stages from the version read',
  params: Type.Object({ slug: Slug }),
  body: VenueChanges,
  response: { 200: VenueDetail, ...WRITE_ERRORS },
};

export const deleteVenueSchema = {
  tags: ['programme'],
  summary: 'Remove a venue no session uses; answers it as it was',
  params: Type.Object({ slug: Slug }),
  querystring: VenueDeleteQuery,
  response: { 200: VenueDetail, ...WRITE_ERRORS },
};

export const createSessionSchema = {
  tags: ['programme'],
  summary: 'Add a session to an event, with its speakers, hosts, presenters and partners',
  params: Type.Object({ slug: Slug }),
  body: NewSession,
  response: { 201: Session, ...WRITE_ERRORS },
};

export const updateSessionSchema = {
  tags: ['programme'],
  summary: 'Change a session from the version read; lists given replace the old ones',
  params: Type.Object({ id: Uuid }),
  body: SessionChanges,
  response: { 200: Session, ...WRITE_ERRORS },
};

export const deleteSessionSchema = {
  tags: ['programme'],
  summary: 'Remove a session; answers it as it was',
  params: Type.Object({ id: Uuid }),
  querystring: DeleteQuery,
  response: { 200: Session, ...WRITE_ERRORS },
};
