import { type Static, Type } from 'typebox';
import { StringEnum, Text } from '../schema-helpers.ts';
import { Country, LocalizedText, Uuid } from './common.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** The first check-in of a person at a place counts; any later one is acknowledged and counts nothing. */
export const CHECK_IN_OUTCOMES = ['checked_in', 'already'] as const;
export type CheckInOutcome = (typeof CHECK_IN_OUTCOMES)[number];

export const CheckInRequest = Type.Object(
  {
    code: Text({
      minLength: 1,
      maxLength: 300,
      description: 'The badge code as typed (case and dashes do not matter), or the URL the badge QR holds',
    }),
    nonce: Text({
      minLength: 8,
      maxLength: 64,
      pattern: '^[A-Za-z0-9_-]+$',
      description: 'Chosen by the staff phone (a UUID); a check-in sent again with the same nonce gets the same answer',
    }),
    at: Text({ format: 'date-time', description: 'When the staff phone checked them in (it may have been offline)' }),
    session: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type CheckInRequest = Static<typeof CheckInRequest>;

export const CheckedInPerson = Type.Object({
  id: Uuid,
  name: Type.String(),
  country: Nullable(Country),
  delegation: Nullable(Type.String({ description: 'The organisation whose delegation they travel with' })),
});
export type CheckedInPerson = Static<typeof CheckedInPerson>;

export const CheckInAnswer = Type.Object({
  outcome: StringEnum(CHECK_IN_OUTCOMES),
  nonce: Type.String(),
  person: CheckedInPerson,
  session: Nullable(Uuid),
  /** When the counted check-in was made: for `already`, the first one. */
  checkedInAt: Type.String({ format: 'date-time' }),
  /** People checked in at this place now. */
  count: Type.Integer(),
});
export type CheckInAnswer = Static<typeof CheckInAnswer>;

export const CheckInEntry = Type.Object({
  person: CheckedInPerson,
  checkedInAt: Type.String({ format: 'date-time' }),
});
export type CheckInEntry = Static<typeof CheckInEntry>;

export const CheckInList = Type.Object({
  place: Type.Object({
    session: Nullable(Type.Object({ id: Uuid, title: LocalizedText, startsAt: Type.String({ format: 'date-time' }) })),
  }),
  /** People checked in here, latest first. */
  items: Type.Array(CheckInEntry),
  count: Type.Integer(),
  /** Attendees of the event (at the door) or people with a confirmed seat (at a session). */
  expected: Type.Integer(),
});
export type CheckInList = Static<typeof CheckInList>;

/** The live message `check-ins`: counts only, never names (the channel of an event is open to its pages). */
export const CheckInCounts = Type.Object({
  door: Type.Integer(),
  session: Nullable(Type.Object({ id: Uuid, count: Type.Integer() })),
});
export type CheckInCounts = Static<typeof CheckInCounts>;
