import { type Static, Type } from 'typebox';
import { RSVP_STATUSES } from '../domain.ts';
import { StringEnum } from '../schema-helpers.ts';
import { LocalizedText, Slug, Uuid } from './common.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** GET/POST/DELETE /api/sessions/:id/rsvp: my seat, and how full the session is. */
export const RsvpState = Type.Object({
  sessionId: Uuid,
  /** Mine; null when I never asked (or my account has no person). */
  status: Nullable(StringEnum(RSVP_STATUSES)),
  /** 1 for the first in line, when waitlisted. */
  waitlistPosition: Nullable(Type.Integer({ minimum: 1 })),
  /** Seats taken: confirmed RSVPs and the places of delegations staff assigned to the session. */
  confirmed: Type.Integer(),
  waitlisted: Type.Integer(),
  /** Null: no limit. */
  capacity: Nullable(Type.Integer()),
  /** A place is held for me through my delegation, which staff assigned to the session. */
  assigned: Type.Boolean(),
});
export type RsvpState = Static<typeof RsvpState>;

/** GET /api/sessions/:id/contacts-going: how many of my contacts hold a seat (a count, never names). */
export const ContactsGoing = Type.Object({ sessionId: Uuid, count: Type.Integer({ minimum: 0 }) });
export type ContactsGoing = Static<typeof ContactsGoing>;

/** The live message every open page of the event receives after a change of seats. */
export interface RsvpLiveMessage {
  sessionId: string;
  /** Seats taken, as in RsvpState. */
  confirmed: number;
  capacity: number | null;
}

export const NOTIFICATION_KINDS = ['rsvp_promoted'] as const;

export const Notification = Type.Object({
  id: Uuid,
  kind: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Nullable(Type.String({ format: 'date-time' })),
  /** For rsvp_promoted: the session that now has a seat for me. */
  session: Nullable(
    Type.Object({ id: Uuid, title: LocalizedText, startsAt: Type.String({ format: 'date-time' }), eventSlug: Slug }),
  ),
  /** For bingo_won: the prize drawn for me, and the event's bingo. */
  prize: Type.Optional(Nullable(Type.Object({ eventSlug: Slug, event: LocalizedText, description: LocalizedText }))),
});
export type Notification = Static<typeof Notification>;

export const NotificationList = Type.Object({ items: Type.Array(Notification), unread: Type.Integer() });
export type NotificationList = Static<typeof NotificationList>;

/** The delegations staff put down for a session (POST/DELETE /api/sessions/:id/assignments). */
export const SessionAssignments = Type.Object({
  sessionId: Uuid,
  items: Type.Array(
    Type.Object({
      delegationId: Uuid,
      organization: Type.Object({ slug: Slug, name: Type.String(), acronym: Nullable(Type.String()) }),
    }),
  ),
});
export type SessionAssignments = Static<typeof SessionAssignments>;
