import { and, asc, eq, sql } from 'drizzle-orm';
import type {
  BingoCell,
  BingoGame,
  BingoGameChanges,
  BingoPrize,
  BingoPrizeChanges,
  BingoStatus,
  NewBingoGame,
  NewBingoPrize,
} from '../../shared/api/bingo.ts';
import type { BingoWinRule } from '../../shared/domain.ts';
import type enBingo from '../../shared/i18n/en/bingo.json';
import type { MessageValues } from '../../shared/i18n/index.ts';
import { requireRole } from '../accounts/policy.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { type Queryable, rows } from '../db/client.ts';
import { countryOf, type Reference, reference } from '../directory/reference.ts';
import { organizations } from '../directory/tables.ts';
import { AppError, type ErrorCode } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { cellSlots } from './model.ts';
import { bingoCards, bingoCells, bingoDraws, bingoGames, bingoPrizes, bingoStamps } from './tables.ts';

export type BingoKey = keyof typeof enBingo;
/** The bingo's own catalog keys, checked against shared/i18n/en/bingo.json. */
export const bingoError = (code: ErrorCode, key: BingoKey, values: MessageValues = {}) =>
  new AppError(code, key, values);
export const bingoFieldError = (code: ErrorCode, key: BingoKey, values: MessageValues, field: string) =>
  new AppError(code, key, values, { field });

export interface EventRef {
  id: string;
  slug: string;
  nameEn: string;
  nameEs: string | null;
  timeZone: string;
}

export async function eventRef(db: Queryable, slug: string): Promise<EventRef> {
  const [row] = await rows<EventRef>(
    db,
    sql`select id, slug, name_en as "nameEn", name_es as "nameEs", time_zone as "timeZone" from events where slug = ${slug}`,
  );
  if (!row) throw new AppError('not_found', 'error.not_found.event', { slug });
  return row;
}

/** What the hot path needs of a game, kept in the read cache (dropped on every change). */
export interface GameConfig {
  id: string;
  eventId: string;
  titleEn: string;
  titleEs: string | null;
  gridSize: number;
  winRule: BingoWinRule;
  startsAt: Date;
  endsAt: Date;
  version: number;
  cells: {
    id: string;
    countryCode: string | null;
    topic: string | null;
    labelEn: string | null;
    labelEs: string | null;
  }[];
}

/**
 * Inside a transaction, pass it as `db`: PGlite has one connection, and a
 * read outside the open transaction would wait for it to end.
 */
export function gameConfig(ctx: ServiceContext, eventId: string, db: Queryable = ctx.db): Promise<GameConfig | null> {
  return ctx.cache.get(`bingo|game|${eventId}`, () => loadGameConfig(db, eventId));
}

export async function loadGameConfig(db: Queryable, eventId: string): Promise<GameConfig | null> {
  const [game] = await db.select().from(bingoGames).where(eq(bingoGames.eventId, eventId));
  if (!game) return null;
  const cells = await db
    .select({
      id: bingoCells.id,
      countryCode: bingoCells.countryCode,
      topic: bingoCells.topic,
      labelEn: bingoCells.labelEn,
      labelEs: bingoCells.labelEs,
    })
    .from(bingoCells)
    .where(eq(bingoCells.gameId, game.id))
    .orderBy(asc(bingoCells.position));
  return {
    id: game.id,
    eventId,
    titleEn: game.titleEn,
    titleEs: game.titleEs,
    gridSize: game.gridSize,
    winRule: game.winRule,
    startsAt: game.startsAt,
    endsAt: game.endsAt,
    version: game.version,
    cells,
  };
}

export async function requireGame(ctx: ServiceContext, event: EventRef): Promise<GameConfig> {
  const game = await gameConfig(ctx, event.id);
  if (!game) throw bingoError('not_found', 'bingo.error.no_game', { slug: event.slug });
  return game;
}

export function statusAt(game: Pick<GameConfig, 'startsAt' | 'endsAt'>, now: Date): BingoStatus {
  if (now < game.startsAt) return 'before';
  return now < game.endsAt ? 'open' : 'ended';
}

export function presentCell(ref: Reference, cell: GameConfig['cells'][number]): BingoCell {
  const country = countryOf(ref, cell.countryCode);
  return {
    id: cell.id,
    country,
    topic: cell.topic,
    label: country ? { en: country.name.en, es: country.name.es } : { en: cell.labelEn, es: cell.labelEs },
  };
}

async function presentPrizes(db: Queryable, gameId: string): Promise<BingoPrize[]> {
  const found = await db
    .select({
      id: bingoPrizes.id,
      descriptionEn: bingoPrizes.descriptionEn,
      descriptionEs: bingoPrizes.descriptionEs,
      quantity: bingoPrizes.quantity,
      slug: organizations.slug,
      kind: organizations.kind,
      name: organizations.name,
      acronym: organizations.acronym,
    })
    .from(bingoPrizes)
    .leftJoin(organizations, eq(organizations.id, bingoPrizes.partnerOrganizationId))
    .where(eq(bingoPrizes.gameId, gameId))
    .orderBy(asc(bingoPrizes.position), asc(bingoPrizes.id));
  return found.map((p) => ({
    id: p.id,
    description: { en: p.descriptionEn, es: p.descriptionEs },
    quantity: p.quantity,
    partner:
      p.slug && p.kind && p.name ? { slug: p.slug, kind: p.kind, name: p.name, acronym: p.acronym ?? null } : null,
  }));
}

export async function getGame(ctx: ServiceContext, slug: string): Promise<BingoGame> {
  const event = await eventRef(ctx.db, slug);
  const game = await requireGame(ctx, event);
  const ref = await reference(ctx);
  const [draw] = await ctx.db
    .select({ revealedAt: bingoDraws.revealedAt })
    .from(bingoDraws)
    .where(eq(bingoDraws.gameId, game.id));
  const [players] = await rows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from bingo_cards where game_id = ${game.id}`,
  );
  return {
    event: { slug: event.slug, name: { en: event.nameEn, es: event.nameEs }, timeZone: event.timeZone },
    title: { en: game.titleEn, es: game.titleEs },
    gridSize: game.gridSize,
    winRule: game.winRule,
    startsAt: game.startsAt.toISOString(),
    endsAt: game.endsAt.toISOString(),
    status: statusAt(game, ctx.clock.now()),
    cells: game.cells.map((cell) => presentCell(ref, cell)),
    prizes: await presentPrizes(ctx.db, game.id),
    draw: !draw ? 'none' : draw.revealedAt ? 'revealed' : 'committed',
    players: players?.n ?? 0,
    version: game.version,
  };
}

// === Writes (admins) ========================================================

type CellInput = NonNullable<NewBingoGame['cells']>[number];

/** The countries of the attendees present (checked in), in name order. */
async function presentCountries(tx: Queryable, eventId: string): Promise<string[]> {
  const found = await rows<{ code: string }>(
    tx,
    sql`select distinct a.country_code as code, c.name_en from attendances a join countries c on c.code = a.country_code
        where a.event_id = ${eventId} and a.checked_in_at is not null order by c.name_en`,
  );
  return found.map((row) => row.code);
}

/**
 * The cells of a game as staff gave them, checked. `fromPresent`: staff gave none, so they are the countries
 * of the people checked in, and a shortfall says how to make up for it.
 */
async function checkedCells(ctx: ServiceContext, cells: CellInput[], gridSize: number, fromPresent = false) {
  const ref = await reference(ctx);
  const seen = new Set<string>();
  const checked = cells.map((cell, position) => {
    if ('country' in cell) {
      const code = cell.country.toUpperCase();
      if (!ref.countries.has(code)) {
        throw bingoFieldError('rule_broken', 'bingo.error.unknown_country', { code }, `cells.${position}.country`);
      }
      if (seen.has(code)) {
        throw bingoFieldError('rule_broken', 'bingo.error.duplicate_cell', { label: code }, `cells.${position}`);
      }
      seen.add(code);
      return { countryCode: code, topic: null, labelEn: null, labelEs: null, position };
    }
    const topic = cell.topic.trim().toLowerCase();
    if (seen.has(`topic:${topic}`)) {
      throw bingoFieldError('rule_broken', 'bingo.error.duplicate_cell', { label: topic }, `cells.${position}`);
    }
    seen.add(`topic:${topic}`);
    return {
      countryCode: null,
      topic,
      labelEn: cell.label.en.trim(),
      labelEs: cell.label.es?.trim() || null,
      position,
    };
  });
  // A player's own country is left off their card, so country cards need one cell more than the grid holds.
  const needed = cellSlots(gridSize) + (checked.some((cell) => cell.countryCode) ? 1 : 0);
  if (checked.length < needed) {
    throw bingoFieldError(
      'rule_broken',
      fromPresent ? 'bingo.error.too_few_present_countries' : 'bingo.error.too_few_cells',
      { size: gridSize, needed, count: checked.length },
      'cells',
    );
  }
  return checked;
}

function checkDates(startsAt: Date, endsAt: Date) {
  if (endsAt <= startsAt) throw bingoFieldError('rule_broken', 'bingo.error.ends_before_start', {}, 'endsAt');
}

export async function createGame(ctx: AppContext, viewer: Viewer | null, slug: string, input: NewBingoGame) {
  requireRole(viewer, 'admin');
  const event = await eventRef(ctx.db, slug);
  const gridSize = input.gridSize ?? 3;
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  checkDates(startsAt, endsAt);
  await ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: bingoGames.id }).from(bingoGames).where(eq(bingoGames.eventId, event.id));
    if (existing) throw bingoError('conflict', 'bingo.error.game_exists', { slug });
    const cellInput = input.cells ?? (await presentCountries(tx, event.id)).map((country) => ({ country }));
    const cells = await checkedCells(ctx, cellInput, gridSize, !input.cells);
    const [game] = await tx
      .insert(bingoGames)
      .values({
        eventId: event.id,
        titleEn: input.title?.en.trim() || 'Connection bingo',
        titleEs: input.title ? input.title.es?.trim() || null : 'Bingo de conexiones',
        gridSize,
        winRule: input.winRule ?? 'line',
        startsAt,
        endsAt,
      })
      .returning({ id: bingoGames.id });
    const gameId = (game as { id: string }).id;
    await tx.insert(bingoCells).values(cells.map((cell) => ({ ...cell, gameId })));
  });
  await ctx.changed('bingo');
  return getGame(ctx, slug);
}

export async function updateGame(ctx: AppContext, viewer: Viewer | null, slug: string, input: BingoGameChanges) {
  requireRole(viewer, 'admin');
  const event = await eventRef(ctx.db, slug);
  await ctx.db.transaction(async (tx) => {
    const [game] = await tx.select().from(bingoGames).where(eq(bingoGames.eventId, event.id)).for('update');
    if (!game) throw bingoError('not_found', 'bingo.error.no_game', { slug });
    if (game.version !== input.version) {
      throw bingoFieldError(
        'conflict',
        'bingo.error.version',
        { read: input.version, current: game.version },
        'version',
      );
    }
    const gridSize = input.gridSize ?? game.gridSize;
    const startsAt = input.startsAt ? new Date(input.startsAt) : game.startsAt;
    const endsAt = input.endsAt ? new Date(input.endsAt) : game.endsAt;
    checkDates(startsAt, endsAt);
    const layoutChanges = input.cells !== undefined || gridSize !== game.gridSize;
    if (layoutChanges) {
      const [stamped] = await tx
        .select({ n: sql<number>`1` })
        .from(bingoStamps)
        .where(eq(bingoStamps.gameId, game.id))
        .limit(1);
      if (stamped)
        throw bingoFieldError('rule_broken', 'bingo.error.cells_locked', {}, input.cells ? 'cells' : 'gridSize');
      const cellInput =
        input.cells ??
        (
          await tx.select().from(bingoCells).where(eq(bingoCells.gameId, game.id)).orderBy(asc(bingoCells.position))
        ).map(
          (cell): CellInput =>
            cell.countryCode
              ? { country: cell.countryCode }
              : { topic: cell.topic ?? '', label: { en: cell.labelEn ?? '', es: cell.labelEs ?? undefined } },
        );
      const cells = await checkedCells(ctx, cellInput, gridSize);
      // Cards are laid out from the cells: with no stamps yet, they are simply dealt again on the next read.
      await tx.delete(bingoCards).where(eq(bingoCards.gameId, game.id));
      if (input.cells) {
        await tx.delete(bingoCells).where(eq(bingoCells.gameId, game.id));
        await tx.insert(bingoCells).values(cells.map((cell) => ({ ...cell, gameId: game.id })));
      }
    }
    await tx
      .update(bingoGames)
      .set({
        ...(input.title ? { titleEn: input.title.en.trim(), titleEs: input.title.es?.trim() || null } : {}),
        gridSize,
        winRule: input.winRule ?? game.winRule,
        startsAt,
        endsAt,
        version: sql`${bingoGames.version} + 1`,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(bingoGames.id, game.id));
  });
  await ctx.changed('bingo');
  return getGame(ctx, slug);
}

/** End an open game now (POST /api/events/:slug/bingo/end): staff need not edit the end time and wait. */
export async function endGame(ctx: AppContext, viewer: Viewer | null, slug: string): Promise<BingoGame> {
  requireRole(viewer, 'admin');
  const event = await eventRef(ctx.db, slug);
  const game = await requireGame(ctx, event);
  const now = ctx.clock.now();
  const status = statusAt(game, now);
  if (status === 'before') throw bingoError('rule_broken', 'bingo.error.end_before_start');
  if (status === 'ended') throw bingoError('rule_broken', 'bingo.error.already_ended');
  await ctx.db
    .update(bingoGames)
    .set({ endsAt: now, version: sql`${bingoGames.version} + 1`, updatedAt: now })
    .where(eq(bingoGames.id, game.id));
  await ctx.changed('bingo');
  return getGame(ctx, slug);
}

async function partnerId(tx: Queryable, slug: string | null | undefined): Promise<string | null | undefined> {
  if (slug === undefined) return undefined;
  if (slug === null) return null;
  const [row] = await tx
    .select({ id: organizations.id, kind: organizations.kind, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.slug, slug));
  if (!row) throw bingoFieldError('rule_broken', 'bingo.error.unknown_partner', { slug }, 'partner');
  // Prizes are credited to partners: the form lists only them.
  if (row.kind !== 'partner')
    throw bingoFieldError('rule_broken', 'bingo.error.not_a_partner', { name: row.name }, 'partner');
  return row.id;
}

async function requireOpenPrizes(tx: Queryable, gameId: string) {
  const [draw] = await tx.select({ gameId: bingoDraws.gameId }).from(bingoDraws).where(eq(bingoDraws.gameId, gameId));
  if (draw) throw bingoError('rule_broken', 'bingo.error.prizes_frozen');
}

export async function addPrize(ctx: AppContext, viewer: Viewer | null, slug: string, input: NewBingoPrize) {
  requireRole(viewer, 'admin');
  const event = await eventRef(ctx.db, slug);
  const game = await requireGame(ctx, event);
  await ctx.db.transaction(async (tx) => {
    await requireOpenPrizes(tx, game.id);
    const [last] = await rows<{ n: number }>(
      tx,
      sql`select coalesce(max(position) + 1, 0)::int as n from bingo_prizes where game_id = ${game.id}`,
    );
    await tx.insert(bingoPrizes).values({
      gameId: game.id,
      descriptionEn: input.description.en.trim(),
      descriptionEs: input.description.es?.trim() || null,
      quantity: input.quantity ?? 1,
      partnerOrganizationId: (await partnerId(tx, input.partner)) ?? null,
      position: last?.n ?? 0,
    });
  });
  await ctx.changed('bingo');
  return getGame(ctx, slug);
}

export async function updatePrize(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  prizeId: string,
  input: BingoPrizeChanges,
) {
  requireRole(viewer, 'admin');
  const event = await eventRef(ctx.db, slug);
  const game = await requireGame(ctx, event);
  await ctx.db.transaction(async (tx) => {
    await requireOpenPrizes(tx, game.id);
    const partner = await partnerId(tx, input.partner);
    const updated = await tx
      .update(bingoPrizes)
      .set({
        ...(input.description
          ? { descriptionEn: input.description.en.trim(), descriptionEs: input.description.es?.trim() || null }
          : {}),
        ...(input.quantity !== undefined ? { quantity: input.quantity } : {}),
        ...(partner !== undefined ? { partnerOrganizationId: partner } : {}),
      })
      .where(and(eq(bingoPrizes.id, prizeId), eq(bingoPrizes.gameId, game.id)))
      .returning({ id: bingoPrizes.id });
    if (updated.length === 0) throw bingoError('not_found', 'bingo.error.no_prize', { id: prizeId });
  });
  await ctx.changed('bingo');
  return getGame(ctx, slug);
}

export async function deletePrize(ctx: AppContext, viewer: Viewer | null, slug: string, prizeId: string) {
  requireRole(viewer, 'admin');
  const event = await eventRef(ctx.db, slug);
  const game = await requireGame(ctx, event);
  await ctx.db.transaction(async (tx) => {
    await requireOpenPrizes(tx, game.id);
    const deleted = await tx
      .delete(bingoPrizes)
      .where(and(eq(bingoPrizes.id, prizeId), eq(bingoPrizes.gameId, game.id)))
      .returning({ id: bingoPrizes.id });
    if (deleted.length === 0) throw bingoError('not_found', 'bingo.error.no_prize', { id: prizeId });
  });
  await ctx.changed('bingo');
  return getGame(ctx, slug);
}
