import { type Static, Type } from 'typebox';
import { BINGO_WIN_RULES } from '../domain.ts';
import { Int, StringEnum, Text } from '../schema-helpers.ts';
import { Country, LocalizedText, Slug, Topic, Uuid } from './common.ts';
import { OrganizationRef } from './directory.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Text({ format: 'date-time' });

export const BINGO_STATUSES = ['before', 'open', 'ended'] as const;
export type BingoStatus = (typeof BINGO_STATUSES)[number];
export const DRAW_STATES = ['none', 'committed', 'revealed'] as const;
export type DrawState = (typeof DRAW_STATES)[number];

/** The algorithm name every published draw carries; see docs/decisions/0013-verifiable-prize-draw.md. */
export const DRAW_ALGORITHM = 'sha256-order-v1';

/** What a cell asks for: someone from a country, or someone interested in a topic. */
export const BingoCell = Type.Object({
  id: Uuid,
  country: Nullable(Country),
  topic: Nullable(Type.String()),
  label: LocalizedText,
});
export type BingoCell = Static<typeof BingoCell>;

export const BingoPrize = Type.Object({
  id: Uuid,
  description: LocalizedText,
  quantity: Type.Integer({ minimum: 1 }),
  partner: Nullable(OrganizationRef),
});
export type BingoPrize = Static<typeof BingoPrize>;

export const BingoGame = Type.Object({
  event: Type.Object({ slug: Slug, name: LocalizedText, timeZone: Type.String() }),
  title: LocalizedText,
  gridSize: Type.Integer(),
  winRule: StringEnum(BINGO_WIN_RULES),
  startsAt: Instant,
  endsAt: Instant,
  status: StringEnum(BINGO_STATUSES),
  cells: Type.Array(BingoCell),
  prizes: Type.Array(BingoPrize),
  draw: StringEnum(DRAW_STATES),
  players: Type.Integer(),
  version: Type.Integer({ description: 'Send it back with a change (PATCH)' }),
});
export type BingoGame = Static<typeof BingoGame>;

const CellsInput = Type.Array(
  Type.Union([
    Type.Object({ country: Text({ pattern: '^[A-Za-z]{2}$' }) }),
    Type.Object({
      topic: Text({ minLength: 1, maxLength: 80 }),
      label: Type.Object({ en: Text({ minLength: 1, maxLength: 80 }), es: Type.Optional(Text({ maxLength: 80 })) }),
    }),
  ]),
  { minItems: 1, maxItems: 48 },
);

const GameTitle = Type.Object({
  en: Text({ minLength: 1, maxLength: 120 }),
  es: Type.Optional(Text({ maxLength: 120 })),
});
const GridSize = Int({ minimum: 2, maximum: 7 });

export const NewBingoGame = Type.Object({
  title: Type.Optional(GameTitle),
  gridSize: Type.Optional(GridSize),
  winRule: Type.Optional(StringEnum(BINGO_WIN_RULES)),
  startsAt: Instant,
  endsAt: Instant,
  /** Defaults to the countries of the attendees present. */
  cells: Type.Optional(CellsInput),
});
export type NewBingoGame = Static<typeof NewBingoGame>;

export const BingoGameChanges = Type.Object({
  version: Int({ minimum: 1 }),
  title: Type.Optional(GameTitle),
  gridSize: Type.Optional(GridSize),
  winRule: Type.Optional(StringEnum(BINGO_WIN_RULES)),
  startsAt: Type.Optional(Instant),
  endsAt: Type.Optional(Instant),
  cells: Type.Optional(CellsInput),
});
export type BingoGameChanges = Static<typeof BingoGameChanges>;

export const NewBingoPrize = Type.Object({
  description: Type.Object({ en: Text({ minLength: 1, maxLength: 200 }), es: Type.Optional(Text({ maxLength: 200 })) }),
  quantity: Type.Optional(Int({ minimum: 1, maximum: 100 })),
  partner: Type.Optional(Nullable(Slug)),
});
export type NewBingoPrize = Static<typeof NewBingoPrize>;

export const BingoPrizeChanges = Type.Partial(NewBingoPrize);
export type BingoPrizeChanges = Static<typeof BingoPrizeChanges>;

export const BingoPlayer = Type.Object({ id: Uuid, name: Type.String() });

export const BingoCardCell = Type.Object({
  /** Null for the free centre. */
  cell: Nullable(BingoCell),
  free: Type.Boolean(),
  stamp: Nullable(Type.Object({ by: BingoPlayer, at: Instant })),
});
export type BingoCardCell = Static<typeof BingoCardCell>;

export const BingoCard = Type.Object({
  gridSize: Type.Integer(),
  winRule: StringEnum(BINGO_WIN_RULES),
  cells: Type.Array(BingoCardCell, { description: 'Row by row' }),
  stamps: Type.Integer(),
  lines: Type.Integer(),
  completedAt: Nullable(Instant),
  eligible: Type.Boolean({ description: 'Staff and partner contacts play, but win no prizes' }),
  showName: Type.Boolean({ description: 'The player agreed that the big screen shows their name (default no)' }),
});
export type BingoCard = Static<typeof BingoCard>;

/** PATCH /api/events/:slug/bingo/card: my choice for the big screen in this game. */
export const BingoCardChanges = Type.Object({ showName: Type.Boolean() });
export type BingoCardChanges = Static<typeof BingoCardChanges>;

export const LeaderboardEntry = Type.Object({
  rank: Type.Integer(),
  personId: Uuid,
  /** Only for players who agreed to be shown; otherwise null. */
  name: Nullable(Type.String()),
  country: Nullable(Type.String({ description: 'ISO code of the country they count for' })),
  stamps: Type.Integer(),
  lines: Type.Integer(),
  completed: Type.Boolean(),
  completedAt: Nullable(Instant),
  eligible: Type.Boolean(),
});
export type LeaderboardEntry = Static<typeof LeaderboardEntry>;

export const Leaderboard = Type.Object({
  players: Type.Integer(),
  completed: Type.Integer(),
  items: Type.Array(LeaderboardEntry),
});
export type Leaderboard = Static<typeof Leaderboard>;

export const BingoSuggestion = Type.Object({
  person: Type.Object({ id: Uuid, name: Type.String(), country: Nullable(Country) }),
  cell: BingoCell,
  sharedTopics: Type.Array(Topic),
});
export const BingoSuggestions = Type.Object({ items: Type.Array(BingoSuggestion) });
export type BingoSuggestions = Static<typeof BingoSuggestions>;

/** The big screen: latest stamps (names only with consent), countries nobody in the room has stamped yet. */
export const BingoScreen = Type.Object({
  latest: Type.Array(
    Type.Object({ name: Nullable(Type.String()), country: Nullable(Type.String()), cell: LocalizedText, at: Instant }),
  ),
  missing: Type.Array(Type.Object({ code: Type.String(), name: LocalizedText })),
  leaderboard: Leaderboard,
  /** Cards completed most recently, newest first: the screen celebrates each as it happens. */
  completions: Type.Array(
    Type.Object({ name: Nullable(Type.String()), country: Nullable(Type.String()), at: Instant }),
  ),
  /** Once the draw is revealed, in draw order; names only of those who agreed. */
  winners: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      name: Nullable(Type.String()),
      country: Nullable(Type.String()),
      prize: LocalizedText,
    }),
  ),
});
export type BingoScreen = Static<typeof BingoScreen>;

const DrawPerson = Type.Object({ personId: Uuid, name: Type.String() });

/** A draw as published: everything needed to recompute the winners (see the decision record). */
export const BingoDraw = Type.Object({
  event: Slug,
  state: StringEnum(DRAW_STATES),
  algorithm: Type.String(),
  eligible: Type.Array(DrawPerson, { description: 'Frozen at commit, ordered by personId' }),
  seedHash: Nullable(Type.String({ description: 'SHA-256 (hex) of the seed, published at commit' })),
  seed: Nullable(Type.String({ description: '64 hex characters, published at the reveal' })),
  committedAt: Nullable(Instant),
  revealedAt: Nullable(Instant),
  prizes: Type.Array(Type.Object({ prizeId: Uuid, description: LocalizedText }), {
    description: 'One entry per unit, in prize order',
  }),
  skips: Type.Array(Type.Object({ ...DrawPerson.properties, reason: Type.String(), at: Instant })),
  winners: Type.Array(
    Type.Object({
      prizeId: Uuid,
      ...DrawPerson.properties,
      rank: Type.Integer({ description: '1-based, in draw order' }),
    }),
  ),
});
export type BingoDraw = Static<typeof BingoDraw>;

export const DrawSkip = Type.Object({
  personId: Uuid,
  reason: Text({ minLength: 1, maxLength: 300 }),
});
export type DrawSkip = Static<typeof DrawSkip>;
