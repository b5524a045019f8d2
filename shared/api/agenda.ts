import { type Static, Type } from 'typebox';
import { StringEnum } from '../schema-helpers.ts';
import { LocalizedText, Slug, Uuid } from './common.ts';
import { OrganizationRef } from './directory.ts';
import { Session, VenueSummary } from './programme.ts';

/** Why a session is on my agenda: my own seat, my place on its waitlist, or staff put my delegation down for it. */
export const AGENDA_STATUSES = ['confirmed', 'waitlisted', 'assigned'] as const;
export type AgendaStatus = (typeof AGENDA_STATUSES)[number];

/** What staff last did to a session on my agenda, as told to me in a notification. */
export const SESSION_CHANGES = ['moved', 'cancelled', 'updated'] as const;
export type SessionChange = (typeof SESSION_CHANGES)[number];

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const AgendaItem = Type.Object({
  ...Session.properties,
  myStatus: StringEnum(AGENDA_STATUSES),
  /** The delegation staff assigned to the session, when I hold it through one. */
  assignedWith: Nullable(OrganizationRef),
  /** Other sessions on my agenda that overlap this one (cancelled sessions never clash). */
  clashesWith: Type.Array(Uuid),
  /** The latest change staff made after I took it, if any. */
  lastChange: Nullable(
    Type.Object({
      change: StringEnum(SESSION_CHANGES),
      at: Type.String({ format: 'date-time' }),
    }),
  ),
});
export type AgendaItem = Static<typeof AgendaItem>;

/** GET /api/me/events: the events I attend (a badge there, or a session I hold), by slug. */
export const MyEvents = Type.Object({ items: Type.Array(Type.Object({ slug: Slug })) });
export type MyEvents = Static<typeof MyEvents>;

/** GET /api/me/agenda: my sessions at one event, day by day in the zone asked for. */
export const Agenda = Type.Object({
  event: Type.Object({
    slug: Slug,
    name: LocalizedText,
    city: Type.String(),
    timeZone: Type.String({ description: "The event's IANA zone" }),
    startsOn: Type.String({ format: 'date' }),
    endsOn: Type.String({ format: 'date' }),
  }),
  timeZone: Type.String({ description: 'The zone the days and times are counted in (the event’s unless tz= asked)' }),
  days: Type.Array(Type.Object({ date: Type.String({ format: 'date' }), items: Type.Array(AgendaItem) })),
  /** The venues of my sessions, with address and map link, for reading on site. */
  venues: Type.Array(VenueSummary),
  clashes: Type.Integer({ description: 'Pairs of overlapping sessions on the agenda' }),
  generatedAt: Type.String({ format: 'date-time' }),
});
export type Agenda = Static<typeof Agenda>;

/** POST /api/me/calendar-token: the secret feed address, shown once. */
export const CalendarFeed = Type.Object({
  url: Type.String({ description: 'https address of the personal feed; keep it secret' }),
  webcalUrl: Type.String({ description: 'The same address for calendar apps (webcal://)' }),
  createdAt: Type.String({ format: 'date-time' }),
});
export type CalendarFeed = Static<typeof CalendarFeed>;

/** GET /api/me/calendar-token: whether a feed is active (never the secret itself). */
export const CalendarFeedState = Type.Object({
  active: Type.Boolean(),
  createdAt: Nullable(Type.String({ format: 'date-time' })),
});
export type CalendarFeedState = Static<typeof CalendarFeedState>;
