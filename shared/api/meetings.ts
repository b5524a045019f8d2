import { type Static, Type } from 'typebox';
import { Int, StringEnum, Text } from '../schema-helpers.ts';
import { Slug, Uuid } from './common.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Text({ format: 'date-time' });
const InstantOut = Type.String({ format: 'date-time' });

/**
 * A one-to-one meeting between two attendees. `pending` waits for the person
 * named in `awaiting`; `confirmed` holds a slot and a table; `declined` and
 * `cancelled` are over.
 */
export const MEETING_STATUSES = ['pending', 'confirmed', 'declined', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** What one side says after the slot: they met, or it did not happen. */
export const MEETING_OUTCOMES = ['met', 'missed'] as const;
export type MeetingOutcome = (typeof MEETING_OUTCOMES)[number];

/** What a PATCH does to a meeting. */
export const MEETING_ACTIONS = ['accept', 'decline', 'propose', 'cancel', 'met', 'missed'] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

/** Why a person is suggested to me (each turned into a sentence in my language). */
export const MATCH_REASONS = [
  'topics',
  'local_industry',
  'bingo_country',
  'new_country',
  'languages',
  'not_met',
  'met_before',
] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

/** How many requests a person may have waiting for others' answers at one event. */
export const PENDING_REQUEST_CAP = 10;

// --- Spaces and slots ------------------------------------------------------

export const MeetingSlot = Type.Object({
  id: Uuid,
  startsAt: InstantOut,
  endsAt: InstantOut,
  /** Tables not taken by a confirmed meeting in this slot. */
  freeTables: Type.Integer(),
});
export type MeetingSlot = Static<typeof MeetingSlot>;

export const MeetingSpace = Type.Object({
  id: Uuid,
  name: Type.String(),
  venue: Nullable(Type.Object({ slug: Type.String(), name: Type.String() })),
  tables: Type.Integer(),
  slotMinutes: Type.Integer(),
  slots: Type.Array(MeetingSlot),
});
export type MeetingSpace = Static<typeof MeetingSpace>;

export const MeetingSpaceList = Type.Object({
  timeZone: Type.String(),
  items: Type.Array(MeetingSpace),
});
export type MeetingSpaceList = Static<typeof MeetingSpaceList>;

export const MeetingWindow = Type.Object({ startsAt: Instant, endsAt: Instant }, { additionalProperties: false });
export type MeetingWindow = Static<typeof MeetingWindow>;

export const NewMeetingSpace = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 120 }),
    venue: Type.Optional(Slug),
    tables: Int({ minimum: 1, maximum: 200 }),
    slotMinutes: Int({ minimum: 5, maximum: 240 }),
    windows: Type.Array(MeetingWindow, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type NewMeetingSpace = Static<typeof NewMeetingSpace>;

// --- Availability ----------------------------------------------------------

export const Availability = Type.Object({
  /** Times I blocked: no meeting is placed there. */
  blocks: Type.Array(Type.Object({ startsAt: InstantOut, endsAt: InstantOut })),
  /** Sessions on my agenda: busy without blocking them. */
  busy: Type.Array(Type.Object({ startsAt: InstantOut, endsAt: InstantOut, title: Type.String() })),
  inboxClosed: Type.Boolean(),
});
export type Availability = Static<typeof Availability>;

export const AvailabilityChange = Type.Object(
  {
    blocks: Type.Array(MeetingWindow, { maxItems: 50 }),
    inboxClosed: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type AvailabilityChange = Static<typeof AvailabilityChange>;

// --- Meetings --------------------------------------------------------------

export const MeetingPerson = Type.Object({
  id: Uuid,
  name: Type.String(),
  country: Nullable(Type.String()),
  organization: Nullable(Type.String()),
});
export type MeetingPerson = Static<typeof MeetingPerson>;

export const PlacedSlot = Type.Object({
  id: Uuid,
  startsAt: InstantOut,
  endsAt: InstantOut,
  space: Type.String(),
  venue: Nullable(Type.String()),
});
export type PlacedSlot = Static<typeof PlacedSlot>;

export const Meeting = Type.Object({
  id: Uuid,
  event: Slug,
  version: Type.Integer(),
  status: StringEnum(MEETING_STATUSES),
  /** Whether I asked (outgoing) or was asked (incoming). */
  direction: StringEnum(['outgoing', 'incoming'] as const),
  with: MeetingPerson,
  message: Nullable(Type.String()),
  /** Whose answer a pending meeting waits for: `me` or `them`. */
  awaiting: Nullable(StringEnum(['me', 'them'] as const)),
  /** The slots on offer while pending. */
  offered: Type.Array(PlacedSlot),
  slot: Nullable(PlacedSlot),
  table: Nullable(Type.Integer()),
  /** Placed by the organisers' scheduler rather than agreed one to one. */
  scheduled: Type.Boolean(),
  myOutcome: Nullable(StringEnum(MEETING_OUTCOMES)),
  theirOutcome: Nullable(StringEnum(MEETING_OUTCOMES)),
});
export type Meeting = Static<typeof Meeting>;

export const MeetingList = Type.Object({ timeZone: Type.String(), items: Type.Array(Meeting) });
export type MeetingList = Static<typeof MeetingList>;

export const MeetingRequest = Type.Object(
  {
    with: Uuid,
    message: Type.Optional(Text({ maxLength: 1000 })),
    slots: Type.Array(Uuid, { minItems: 1, maxItems: 12, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type MeetingRequest = Static<typeof MeetingRequest>;

export const MeetingChange = Type.Object(
  {
    version: Int({ minimum: 1 }),
    action: StringEnum(MEETING_ACTIONS),
    /** accept: the slot chosen from those offered. */
    slot: Type.Optional(Uuid),
    /** propose: other slots, in place of those offered. */
    slots: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 12, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type MeetingChange = Static<typeof MeetingChange>;

// --- Matchmaking -----------------------------------------------------------

export const Match = Type.Object({
  person: MeetingPerson,
  score: Type.Number(),
  reasons: Type.Array(Type.Object({ code: StringEnum(MATCH_REASONS), text: Type.String() })),
});
export type Match = Static<typeof Match>;

export const MatchList = Type.Object({ items: Type.Array(Match) });
export type MatchList = Static<typeof MatchList>;

// --- Staff -----------------------------------------------------------------

export const StaffMeeting = Type.Object({
  id: Uuid,
  status: StringEnum(MEETING_STATUSES),
  requester: MeetingPerson,
  invitee: MeetingPerson,
  slot: Nullable(PlacedSlot),
  table: Nullable(Type.Integer()),
  scheduled: Type.Boolean(),
  requesterOutcome: Nullable(StringEnum(MEETING_OUTCOMES)),
  inviteeOutcome: Nullable(StringEnum(MEETING_OUTCOMES)),
});
export type StaffMeeting = Static<typeof StaffMeeting>;

export const StaffMeetingList = Type.Object({
  timeZone: Type.String(),
  items: Type.Array(StaffMeeting),
  /** Confirmed meetings whose slot is over and one side said it did not happen. */
  noShows: Type.Integer(),
});
export type StaffMeetingList = Static<typeof StaffMeetingList>;

export const ScheduleRequest = Type.Object(
  {
    /** false: only a preview; true: confirm every placement and tell both people. */
    publish: Type.Boolean(),
    /** The placements of the preview staff kept (by meeting id); left out, all of them. */
    keep: Type.Optional(Type.Array(Uuid, { maxItems: 5000, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type ScheduleRequest = Static<typeof ScheduleRequest>;

export const SchedulePlacement = Type.Object({
  meeting: Uuid,
  requester: MeetingPerson,
  invitee: MeetingPerson,
  slot: PlacedSlot,
  table: Type.Integer(),
});
export type SchedulePlacement = Static<typeof SchedulePlacement>;

export const ScheduleResult = Type.Object({
  published: Type.Boolean(),
  placements: Type.Array(SchedulePlacement),
  /** Pending requests no slot could hold. */
  unplaced: Type.Array(Type.Object({ meeting: Uuid, requester: MeetingPerson, invitee: MeetingPerson })),
  /** What a first-come greedy pass would have placed, for comparison. */
  greedyCount: Type.Integer(),
});
export type ScheduleResult = Static<typeof ScheduleResult>;
