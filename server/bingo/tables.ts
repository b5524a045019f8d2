import {
  boolean,
  char,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { BADGE_CODE_MODES, BINGO_WIN_RULES } from '../../shared/domain.ts';
import { countries, organizations, people } from '../directory/tables.ts';
import { connections } from '../networking/tables.ts';
import { events } from '../programme/tables.ts';

export const bingoWinRule = pgEnum('bingo_win_rule', BINGO_WIN_RULES);
export const badgeCodeMode = pgEnum('badge_code_mode', BADGE_CODE_MODES);

/** The connection bingo of an event (one per event). */
export const bingoGames = pgTable(
  'bingo_games',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    titleEn: text('title_en').notNull(),
    titleEs: text('title_es'),
    /** Cells per side; an odd grid has a free centre. */
    gridSize: integer('grid_size').notNull().default(3),
    winRule: bingoWinRule('win_rule').notNull().default('line'),
    codeMode: badgeCodeMode('code_mode').notNull().default('static'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('bingo_games_event_key').on(t.eventId)],
);

/**
 * What a cell asks for: someone from a country, or someone interested in a
 * topic (a custom label such as "streaming reform").
 */
export const bingoCells = pgTable(
  'bingo_cells',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    gameId: uuid('game_id')
      .notNull()
      .references(() => bingoGames.id, { onDelete: 'cascade' }),
    countryCode: char('country_code', { length: 2 }).references(() => countries.code),
    topic: text('topic'),
    labelEn: text('label_en'),
    labelEs: text('label_es'),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('bingo_cells_game_idx').on(t.gameId)],
);

/** A player's card: their own layout of the game's cells (`null` is the free centre). */
export const bingoCards = pgTable(
  'bingo_cards',
  {
    gameId: uuid('game_id')
      .notNull()
      .references(() => bingoGames.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    layout: jsonb('layout').$type<(string | null)[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the card first met the win rule. */
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** The player agreed that the big screen shows their name in this game. */
    showName: boolean('show_name').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.gameId, t.personId] })],
);

/** A cell stamped on a card, by the connection that earned it. Derived from connections, kept for speed. */
export const bingoStamps = pgTable(
  'bingo_stamps',
  {
    gameId: uuid('game_id')
      .notNull()
      .references(() => bingoGames.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    cellId: uuid('cell_id')
      .notNull()
      .references(() => bingoCells.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => connections.id, { onDelete: 'cascade' }),
    stampedAt: timestamp('stamped_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.gameId, t.personId, t.cellId] }),
    index('bingo_stamps_game_stamped_idx').on(t.gameId, t.stampedAt),
  ],
);

export const bingoPrizes = pgTable(
  'bingo_prizes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    gameId: uuid('game_id')
      .notNull()
      .references(() => bingoGames.id, { onDelete: 'cascade' }),
    partnerOrganizationId: uuid('partner_organization_id').references(() => organizations.id, {
      onDelete: 'set null',
    }),
    descriptionEn: text('description_en').notNull(),
    descriptionEs: text('description_es'),
    quantity: integer('quantity').notNull().default(1),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('bingo_prizes_game_idx').on(t.gameId)],
);

/**
 * The prize draw, commit then reveal. At commit the eligible list is frozen
 * and the SHA-256 of a secret seed published; at reveal the seed is published
 * and the winners follow from seed and list (see docs/decisions on the draw).
 */
export const bingoDraws = pgTable('bingo_draws', {
  gameId: uuid('game_id')
    .primaryKey()
    .references(() => bingoGames.id, { onDelete: 'cascade' }),
  algorithm: text('algorithm').notNull(),
  /** Frozen at commit: [{ personId, name }] in the published order. */
  eligible: jsonb('eligible').notNull(),
  seedHash: text('seed_hash').notNull(),
  /** Kept secret until the reveal. */
  seed: text('seed').notNull(),
  committedAt: timestamp('committed_at', { withTimezone: true }).notNull(),
  revealedAt: timestamp('revealed_at', { withTimezone: true }),
  /** Set at reveal: [{ prizeId, personId, rank }]. */
  winners: jsonb('winners'),
});

/** A drawn winner passed over (absent, say), with the reason; the prize goes to the next in the draw's order. */
export const bingoDrawSkips = pgTable(
  'bingo_draw_skips',
  {
    gameId: uuid('game_id')
      .notNull()
      .references(() => bingoGames.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    reason: text('reason').notNull(),
    skippedAt: timestamp('skipped_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.gameId, t.personId] })],
);

/** A winner told of their prize (in the app and by mail): once per game, whatever skips follow. */
export const bingoWinnerNotices = pgTable(
  'bingo_winner_notices',
  {
    gameId: uuid('game_id')
      .notNull()
      .references(() => bingoGames.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    prizeId: uuid('prize_id').notNull(),
    toldAt: timestamp('told_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.gameId, t.personId] })],
);
