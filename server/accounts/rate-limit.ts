import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { rateLimitHits } from './tables.ts';

export interface RateLimit {
  bucket: string;
  limit: number;
  windowMs: number;
}

/**
 * Count an attempt against each limit; refuse (429) when any is exhausted.
 * Kept in the database so every instance shares the count; the advisory lock
 * makes count-then-insert atomic per bucket.
 */
export async function spendRateLimits(ctx: ServiceContext, limits: RateLimit[]): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    for (const { bucket, limit, windowMs } of limits) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${bucket}))`);
      const since = new Date(now.getTime() - windowMs);
      await tx.delete(rateLimitHits).where(and(eq(rateLimitHits.bucket, bucket), lt(rateLimitHits.at, since)));
      const [row] = await tx
        .select({ n: count() })
        .from(rateLimitHits)
        .where(and(eq(rateLimitHits.bucket, bucket), gte(rateLimitHits.at, since)));
      if ((row?.n ?? 0) >= limit) throw new AppError('rate_limited', 'accounts.error.rate_limited');
    }
    await tx.insert(rateLimitHits).values(limits.map(({ bucket }) => ({ bucket, at: now })));
  });
}
