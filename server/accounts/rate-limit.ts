import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { rateLimitHits } from './tables.ts';

export interface RateLimit {
  bucket: string;
  limit: number;
  windowMs: number;
}

/** No limit looks further back than this; older hits are deleted. */
export const RATE_LIMIT_RETENTION_MS = 60 * 60_000;
/** How often one instance deletes the hits no window reaches any more. */
const PURGE_EVERY_MS = 60_000;
const lastPurge = new WeakMap<Db, number>();

/**
 * Count an attempt against every limit, unless one of them is used up: then
 * nothing is counted and the answer is false. Kept in the database so every
 * instance shares the count; the advisory lock makes count-then-insert atomic
 * per bucket.
 */
export async function withinRateLimits(ctx: ServiceContext, limits: RateLimit[]): Promise<boolean> {
  const now = ctx.clock.now();
  const within = await ctx.db.transaction(async (tx) => {
    for (const { bucket, limit, windowMs } of limits) {
      if (windowMs > RATE_LIMIT_RETENTION_MS) throw new Error(`rate limit ${bucket} looks back past the retention`);
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${bucket}))`);
      const since = new Date(now.getTime() - windowMs);
      const [row] = await tx
        .select({ n: count() })
        .from(rateLimitHits)
        .where(and(eq(rateLimitHits.bucket, bucket), gte(rateLimitHits.at, since)));
      if ((row?.n ?? 0) >= limit) return false;
    }
    await tx.insert(rateLimitHits).values(limits.map(({ bucket }) => ({ bucket, at: now })));
    return true;
  });
  await purgeOldHits(ctx, now);
  return within;
}

/** Whether a limit is used up, counting nothing (for limits counted only on failure). */
export async function rateLimitUsedUp(ctx: ServiceContext, { bucket, limit, windowMs }: RateLimit): Promise<boolean> {
  const since = new Date(ctx.clock.now().getTime() - windowMs);
  const [row] = await ctx.db
    .select({ n: count() })
    .from(rateLimitHits)
    .where(and(eq(rateLimitHits.bucket, bucket), gte(rateLimitHits.at, since)));
  return (row?.n ?? 0) >= limit;
}

/** Count an attempt against every limit; refuse (429) when any is used up. */
export async function spendRateLimits(ctx: ServiceContext, limits: RateLimit[]): Promise<void> {
  if (!(await withinRateLimits(ctx, limits))) throw new AppError('rate_limited', 'accounts.error.rate_limited');
}

/**
 * Buckets are keyed by address and IP, so most are never counted again and
 * would keep their rows for ever: at most once a minute per instance, hits
 * older than any window are deleted whatever their bucket.
 */
async function purgeOldHits(ctx: ServiceContext, now: Date): Promise<void> {
  const last = lastPurge.get(ctx.db);
  if (last !== undefined && now.getTime() - last < PURGE_EVERY_MS && now.getTime() >= last) return;
  lastPurge.set(ctx.db, now.getTime());
  await ctx.db.delete(rateLimitHits).where(lt(rateLimitHits.at, new Date(now.getTime() - RATE_LIMIT_RETENTION_MS)));
}
