import { randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { type BingoDraw, DRAW_ALGORITHM, type DrawSkip } from '../../shared/api/bingo.ts';
import type { Language } from '../../shared/domain.ts';
import { translate } from '../../shared/i18n/index.ts';
import { requireRole } from '../accounts/policy.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { type Queryable, rows } from '../db/client.ts';
import type { Viewer } from '../http/viewer.ts';
import { enqueueMail, type OutgoingMail } from '../outbox/service.ts';
import { bingoError, type EventRef, eventRef, type GameConfig, requireGame, statusAt } from './game.ts';
import { drawWinners, seedHashOf } from './model.ts';
import { insertWinnerNotifications, prizeDescriptions, recordWinnersTold } from './queries.ts';
import { bingoPlay } from './stamping.ts';
import { bingoDrawSkips, bingoDraws, bingoPrizes } from './tables.ts';

export interface FrozenPerson {
  personId: string;
  name: string;
}

async function prizeUnits(db: Queryable, gameId: string) {
  const prizes = await db
    .select()
    .from(bingoPrizes)
    .where(eq(bingoPrizes.gameId, gameId))
    .orderBy(asc(bingoPrizes.position), asc(bingoPrizes.id));
  return prizes.flatMap((prize) =>
    Array.from({ length: prize.quantity }, () => ({
      prizeId: prize.id,
      description: { en: prize.descriptionEn, es: prize.descriptionEs },
    })),
  );
}

/** GET /api/events/:slug/bingo/draw: everything anyone needs to recompute the winners; the seed once revealed. */
export async function getDraw(ctx: ServiceContext, slug: string): Promise<BingoDraw> {
  const event = await eventRef(ctx.db, slug);
  const game = await requireGame(ctx, event);
  const [draw] = await ctx.db.select().from(bingoDraws).where(eq(bingoDraws.gameId, game.id));
  const prizes = await prizeUnits(ctx.db, game.id);
  if (!draw) {
    return {
      event: slug,
      state: 'none',
      algorithm: DRAW_ALGORITHM,
      eligible: [],
      seedHash: null,
      seed: null,
      committedAt: null,
      revealedAt: null,
      prizes,
      skips: [],
      winners: [],
    };
  }
  const eligible = draw.eligible as FrozenPerson[];
  const names = new Map(eligible.map((p) => [p.personId, p.name]));
  const skips = await ctx.db
    .select()
    .from(bingoDrawSkips)
    .where(eq(bingoDrawSkips.gameId, game.id))
    .orderBy(asc(bingoDrawSkips.skippedAt));
  const revealed = draw.revealedAt !== null;
  const winners = (revealed ? (draw.winners as { prizeId: string; personId: string; rank: number }[]) : []) ?? [];
  return {
    event: slug,
    state: revealed ? 'revealed' : 'committed',
    algorithm: draw.algorithm,
    eligible,
    seedHash: draw.seedHash,
    seed: revealed ? draw.seed : null,
    committedAt: draw.committedAt.toISOString(),
    revealedAt: draw.revealedAt?.toISOString() ?? null,
    prizes,
    skips: skips.map((s) => ({
      personId: s.personId,
      name: names.get(s.personId) ?? '',
      reason: s.reason,
      at: s.skippedAt.toISOString(),
    })),
    winners: winners.map((w) => ({ ...w, name: names.get(w.personId) ?? '' })),
  };
}

/**
 * The list a draw freezes at commit: completed cards, without staff and partner
 * contacts, in personId order. Exported so that the demo's draw is frozen by the same rule.
 */
export async function eligibleAtCommit(tx: Queryable, gameId: string, eventId: string): Promise<FrozenPerson[]> {
  const eligible = await rows<FrozenPerson>(
    tx,
    sql`select c.person_id::text as "personId", p.name from bingo_cards c join people p on p.id = c.person_id
        where c.game_id = ${gameId} and c.completed_at is not null
          and not exists (select 1 from attendances a where a.event_id = ${eventId} and a.person_id = c.person_id
                          and (a.is_staff or a.is_partner))
          and not exists (select 1 from users u where u.person_id = c.person_id and u.role in ('admin', 'partner'))
        order by c.person_id::text`,
  );
  // Byte order of the lowercase text, the same as any verifier's plain string sort.
  eligible.sort((x, y) => (x.personId < y.personId ? -1 : x.personId > y.personId ? 1 : 0));
  return eligible;
}

/** Freeze the eligible players (completed cards, no staff or partners) in personId order and publish SHA-256(seed). */
export async function commitDraw(ctx: AppContext, viewer: Viewer | null, slug: string): Promise<BingoDraw> {
  requireRole(viewer, 'admin');
  const event = await eventRef(ctx.db, slug);
  const game = await requireGame(ctx, event);
  if (statusAt(game, ctx.clock.now()) !== 'ended') throw bingoError('rule_broken', 'bingo.error.game_not_ended');
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select id from bingo_games where id = ${game.id} for update`);
    const [existing] = await tx
      .select({ id: bingoDraws.gameId })
      .from(bingoDraws)
      .where(eq(bingoDraws.gameId, game.id));
    if (existing) throw bingoError('conflict', 'bingo.error.draw_exists');
    const eligible = await eligibleAtCommit(tx, game.id, event.id);
    if (eligible.length === 0) throw bingoError('rule_broken', 'bingo.error.nobody_eligible');
    const seed = randomBytes(32).toString('hex');
    await tx.insert(bingoDraws).values({
      gameId: game.id,
      algorithm: DRAW_ALGORITHM,
      eligible: eligible.map((p) => ({ personId: p.personId, name: p.name })),
      seedHash: seedHashOf(seed),
      seed,
      committedAt: ctx.clock.now(),
    });
  });
  await ctx.changed('bingo');
  return getDraw(ctx, slug);
}

async function lockedDraw(tx: Queryable, gameId: string) {
  const [draw] = await tx.select().from(bingoDraws).where(eq(bingoDraws.gameId, gameId)).for('update');
  if (!draw) throw bingoError('rule_broken', 'bingo.error.draw_not_committed');
  return draw;
}

/** The winners that follow from the seed, the frozen list, the prizes and the skips so far. */
export async function currentWinners(tx: Queryable, gameId: string, seed: string, eligible: FrozenPerson[]) {
  const skipped = await tx
    .select({ personId: bingoDrawSkips.personId })
    .from(bingoDrawSkips)
    .where(eq(bingoDrawSkips.gameId, gameId));
  const units = await prizeUnits(tx, gameId);
  return drawWinners(
    seed,
    eligible.map((p) => p.personId),
    units.map((unit) => unit.prizeId),
    new Set(skipped.map((s) => s.personId)),
  );
}

/** Publish the seed and the winners that follow from it. */
export async function revealDraw(ctx: AppContext, viewer: Viewer | null, slug: string): Promise<BingoDraw> {
  requireRole(viewer, 'admin');
  const event = await eventRef(ctx.db, slug);
  const game = await requireGame(ctx, event);
  let told: string[] = [];
  await ctx.db.transaction(async (tx) => {
    const draw = await lockedDraw(tx, game.id);
    if (draw.revealedAt) throw bingoError('conflict', 'bingo.error.draw_revealed');
    const winners = await currentWinners(tx, game.id, draw.seed, draw.eligible as FrozenPerson[]);
    await tx.update(bingoDraws).set({ revealedAt: ctx.clock.now(), winners }).where(eq(bingoDraws.gameId, game.id));
    told = await tellWinners(ctx, tx, event, game.id, winners);
  });
  await ctx.changed('bingo');
  await announceDraw(ctx, game, told);
  return getDraw(ctx, slug);
}

/** Pass over a drawn winner who is not there; their prize goes to the next person in the draw order. */
export async function skipWinner(ctx: AppContext, viewer: Viewer | null, slug: string, input: DrawSkip) {
  requireRole(viewer, 'admin');
  const event = await eventRef(ctx.db, slug);
  const game = await requireGame(ctx, event);
  let told: string[] = [];
  await ctx.db.transaction(async (tx) => {
    const draw = await lockedDraw(tx, game.id);
    if (!draw.revealedAt) throw bingoError('rule_broken', 'bingo.error.draw_not_revealed');
    const winners = (draw.winners as { personId: string }[] | null) ?? [];
    if (!winners.some((w) => w.personId === input.personId)) {
      throw bingoError('rule_broken', 'bingo.error.not_a_winner');
    }
    await tx.insert(bingoDrawSkips).values({
      gameId: game.id,
      personId: input.personId,
      reason: input.reason.trim(),
      skippedAt: ctx.clock.now(),
    });
    const next = await currentWinners(tx, game.id, draw.seed, draw.eligible as FrozenPerson[]);
    await tx
      .update(bingoDraws)
      .set({ winners: next })
      .where(and(eq(bingoDraws.gameId, game.id)));
    told = await tellWinners(ctx, tx, event, game.id, next);
  });
  await ctx.changed('bingo');
  await announceDraw(ctx, game, told);
  return getDraw(ctx, slug);
}

const languageOf = (languages: readonly string[] | null): Language =>
  (languages ?? []).find((l) => l === 'en' || l === 'es') === 'es' ? 'es' : 'en';

/**
 * Inside the draw's transaction: each winner not told before gets an in-app notice and a mail in their
 * language through the outbox, so both exist if and only if the reveal (or the skip) commits. A winner is
 * told once per game, whatever skips follow. Returns who was told, for their open pages.
 */
async function tellWinners(
  ctx: AppContext,
  tx: Queryable,
  event: EventRef,
  gameId: string,
  winners: { personId: string; prizeId: string }[],
): Promise<string[]> {
  if (winners.length === 0) return [];
  const now = ctx.clock.now();
  const told = await recordWinnersTold(tx, gameId, now, winners);
  if (told.length === 0) return [];
  const prizes = new Map((await prizeDescriptions(tx, gameId)).map((p) => [p.id, p]));
  const link = `${ctx.publicUrl}/events/${event.slug}/bingo/draw`;
  const mails: OutgoingMail[] = [];
  const notices = told.map((winner) => {
    const prize = prizes.get(winner.prizeId);
    const language = languageOf(winner.languages);
    const values = {
      name: winner.name,
      event: (language === 'es' ? event.nameEs : null) ?? event.nameEn,
      prize: (language === 'es' ? prize?.descriptionEs : null) ?? prize?.descriptionEn ?? '',
      link,
    };
    if (winner.email) {
      mails.push({
        kind: 'bingo_prize',
        to: winner.email,
        subject: translate(language, 'bingo.mail.won.subject', values),
        text: translate(language, 'bingo.mail.won.body', values),
      });
    }
    return {
      personId: winner.personId,
      payload: {
        eventSlug: event.slug,
        event: { en: event.nameEn, es: event.nameEs },
        prize: { en: prize?.descriptionEn ?? null, es: prize?.descriptionEs ?? null },
      },
    };
  });
  await insertWinnerNotifications(tx, now, notices);
  await enqueueMail(tx, now, mails);
  return told.map((winner) => winner.personId);
}

/** After the commit: the draw's pages reload, the big screen shows the winners, the winners' pages hear of it. */
async function announceDraw(ctx: AppContext, game: GameConfig, told: string[]): Promise<void> {
  try {
    await ctx.live.publishAll([
      { eventId: game.eventId, type: 'draw', data: { state: 'revealed' } },
      ...told.map((personId) => ({
        eventId: game.eventId,
        type: 'bingo_won',
        data: { state: 'revealed' },
        audience: [personId],
      })),
    ]);
  } catch {
    // Live messages are a courtesy: the notices and the draw are in the database.
  }
  bingoPlay(ctx).boardChanged(game);
}
