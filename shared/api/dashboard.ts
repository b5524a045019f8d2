import { type Static, Type } from 'typebox';
import { StringEnum } from '../schema-helpers.ts';
import { BINGO_STATUSES, DRAW_STATES } from './bingo.ts';
import { CheckInEntry } from './check-in.ts';
import { LocalizedText, Slug, Uuid } from './common.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });

/** What may need staff's attention; each is a message `dashboard.attention.<code>` with its values. */
export const ATTENTION_CODES = [
  'no_game',
  'game_without_players',
  'draw_due',
  'waitlist',
  'session_full',
  'not_checked_in',
  'delegation_unconfirmed',
] as const;
export type AttentionCode = (typeof ATTENTION_CODES)[number];

export const AttentionItem = Type.Object({
  code: StringEnum(ATTENTION_CODES),
  values: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  /** The staff page where it is dealt with. */
  href: Type.String(),
});
export type AttentionItem = Static<typeof AttentionItem>;

export const SessionFill = Type.Object({
  id: Uuid,
  title: LocalizedText,
  startsAt: Instant,
  capacity: Nullable(Type.Integer()),
  confirmed: Type.Integer(),
  waitlisted: Type.Integer(),
  checkedIn: Type.Integer(),
});
export type SessionFill = Static<typeof SessionFill>;

export const Dashboard = Type.Object({
  event: Type.Object({
    slug: Slug,
    name: LocalizedText,
    timeZone: Type.String(),
    startsOn: Type.String({ format: 'date' }),
    endsOn: Type.String({ format: 'date' }),
  }),
  attendees: Type.Object({
    /** Everyone with a badge at the event. */
    total: Type.Integer(),
    /** Of them, people with no account yet: to be invited. */
    withoutAccount: Type.Integer(),
    /** Of them, people who have signed in at least once. */
    joined: Type.Integer(),
    checkedIn: Type.Integer(),
  }),
  delegations: Type.Object({
    total: Type.Integer(),
    confirmed: Type.Integer(),
    planned: Type.Integer(),
    members: Type.Integer(),
  }),
  /** Sessions with a capacity or a waitlist, fullest first. */
  sessions: Type.Array(SessionFill),
  checkIns: Type.Object({ count: Type.Integer(), latest: Type.Array(CheckInEntry) }),
  bingo: Nullable(
    Type.Object({
      status: StringEnum(BINGO_STATUSES),
      startsAt: Instant,
      endsAt: Instant,
      players: Type.Integer(),
      completed: Type.Integer(),
      draw: StringEnum(DRAW_STATES),
    }),
  ),
  attention: Type.Array(AttentionItem),
});
export type Dashboard = Static<typeof Dashboard>;
