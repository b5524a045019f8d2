import { type Static, Type } from 'typebox';
import { SESSION_KINDS, SESSION_STATUSES, SESSION_VISIBILITIES, SPEAKER_PARTS } from '../domain.ts';
import { StringEnum } from '../schema-helpers.ts';
import { Country, LocalizedText, Slug, Topic, Uuid } from './common.ts';
import { OrganizationRef, PersonRef } from './directory.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const LocalDate = Type.String({ format: 'date', description: 'YYYY-MM-DD in the event zone' });

export const VenueSummary = Type.Object({
  slug: Slug,
  name: Type.String(),
  address: Nullable(Type.String()),
  city: Nullable(Type.String()),
  mapUrl: Nullable(Type.String()),
  description: LocalizedText,
});
export type VenueSummary = Static<typeof VenueSummary>;

/** A venue with its stages, as its editors read it (GET /api/venues). */
export const VenueDetail = Type.Object({
  ...VenueSummary.properties,
  country: Nullable(Country),
  stages: Type.Array(Type.String()),
  version: Type.Integer({ description: 'Send it back with a change (PATCH)' }),
});
export type VenueDetail = Static<typeof VenueDetail>;

export const EventSummary = Type.Object({
  slug: Slug,
  name: LocalizedText,
  city: Type.String(),
  country: Nullable(Country),
  timeZone: Type.String({ description: 'IANA zone the programme is shown in' }),
  startsOn: LocalDate,
  endsOn: LocalDate,
  hostOrganization: Nullable(OrganizationRef),
  sessionsCount: Type.Integer(),
});
export type EventSummary = Static<typeof EventSummary>;

export const EventDetail = Type.Object({
  ...EventSummary.properties,
  description: LocalizedText,
  website: Nullable(Type.String()),
  days: Type.Array(Type.Object({ date: LocalDate, sessionsCount: Type.Integer() })),
  venues: Type.Array(VenueSummary),
  kinds: Type.Array(StringEnum(SESSION_KINDS), { description: 'Session kinds present in the programme' }),
  partners: Type.Array(OrganizationRef, { description: 'Organisations credited in the programme' }),
  version: Type.Integer({ description: 'Send it back with a change (PATCH)' }),
});
export type EventDetail = Static<typeof EventDetail>;

export const Session = Type.Object({
  id: Uuid,
  kind: StringEnum(SESSION_KINDS),
  title: LocalizedText,
  description: LocalizedText,
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  day: LocalDate,
  timeIsIllustrative: Type.Boolean({ description: 'The hour is plausible, not known' }),
  status: StringEnum(SESSION_STATUSES),
  visibility: StringEnum(SESSION_VISIBILITIES),
  capacity: Nullable(Type.Integer()),
  venue: Nullable(VenueSummary),
  stage: Nullable(Type.String()),
  speakers: Type.Array(Type.Object({ person: PersonRef, part: StringEnum(SPEAKER_PARTS) })),
  hosts: Type.Array(OrganizationRef),
  presenters: Type.Array(OrganizationRef),
  partners: Type.Array(OrganizationRef),
  topics: Type.Array(Topic),
  version: Type.Integer({ description: 'Send it back with a change (PATCH)' }),
});
export type Session = Static<typeof Session>;

export const SessionList = Type.Object({
  event: Type.Object({ slug: Slug, timeZone: Type.String() }),
  items: Type.Array(Session),
});
export type SessionList = Static<typeof SessionList>;

/** A session a person speaks at, with the event it belongs to (GET /api/people/:id/sessions). */
export const SpeakerSession = Type.Object({
  ...Session.properties,
  event: Type.Object({ slug: Slug, name: LocalizedText, timeZone: Type.String() }),
});
export type SpeakerSession = Static<typeof SpeakerSession>;
