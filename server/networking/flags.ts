import { sql } from 'drizzle-orm';
import type { ConnectionFlag } from '../../shared/api/networking.ts';
import { requireRole } from '../accounts/policy.ts';
import type { ServiceContext } from '../context.ts';
import { rows } from '../db/client.ts';
import { notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { selectEventBySlug } from './queries.ts';

/**
 * The rule staff see flagged, kept simple enough to explain at the prize
 * table: a pair is flagged when, within `windowMinutes` either side of their
 * own connection, the two of them also connected with at least
 * `sharedContacts` of the same other people. A closed circle that scans
 * itself in bulk trips it; people who meet a table of strangers one by one
 * over an evening do not. A flag is a prompt to look, not a verdict.
 */
export const FLAG_RULE = { windowMinutes: 10, sharedContacts: 3 };

export async function connectionFlags(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string,
  rule = FLAG_RULE,
): Promise<ConnectionFlag[]> {
  requireRole(viewer, 'admin');
  const event = await selectEventBySlug(ctx.db, slug);
  if (!event) throw notFound('error.not_found.event', { slug });
  const found = await rows<{ low: string; high: string; at: Date | string; low_name: string; high_name: string }>(
    ctx.db,
    sql`select c.person_low as low, c.person_high as high, c.scanned_at as at, pl.name as low_name, ph.name as high_name
        from connections c join people pl on pl.id = c.person_low join people ph on ph.id = c.person_high
        where c.event_id = ${event.id} order by c.scanned_at`,
  );
  const byPerson = new Map<string, { other: string; at: number }[]>();
  for (const c of found) {
    const at = new Date(c.at).getTime();
    for (const [me, other] of [
      [c.low, c.high],
      [c.high, c.low],
    ] as const) {
      const list = byPerson.get(me) ?? [];
      list.push({ other, at });
      byPerson.set(me, list);
    }
  }
  const windowMs = rule.windowMinutes * 60_000;
  const near = (person: string, at: number, except: string) =>
    new Set(
      (byPerson.get(person) ?? [])
        .filter((c) => c.other !== except && Math.abs(c.at - at) <= windowMs)
        .map((c) => c.other),
    );
  const flags: ConnectionFlag[] = [];
  for (const c of found) {
    const at = new Date(c.at).getTime();
    const ofLow = near(c.low, at, c.high);
    const shared = [...near(c.high, at, c.low)].filter((other) => ofLow.has(other)).length;
    if (shared >= rule.sharedContacts) {
      flags.push({
        people: [
          { id: c.low, name: c.low_name },
          { id: c.high, name: c.high_name },
        ],
        connectedAt: new Date(at).toISOString(),
        sharedContacts: shared,
        windowMinutes: rule.windowMinutes,
      });
    }
  }
  return flags;
}
