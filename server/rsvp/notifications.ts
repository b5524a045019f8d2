import { sql } from 'drizzle-orm';
import type { Notification, NotificationList } from '../../shared/api/rsvp.ts';
import { requireSignedIn } from '../accounts/policy.ts';
import type { ServiceContext } from '../context.ts';
import { rows } from '../db/client.ts';
import { localized } from '../directory/presenter.ts';
import { AppError } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';

interface NotificationRow {
  id: string;
  kind: string;
  created_at: Date | string;
  read_at: Date | string | null;
  session_id: string | null;
  title_en: string | null;
  title_es: string | null;
  starts_at: Date | string | null;
  event_slug: string | null;
  payload: Record<string, unknown> | null;
}

interface PrizePayload {
  eventSlug?: string;
  event?: { en?: string; es?: string | null };
  prize?: { en?: string | null; es?: string | null };
}

/** The prize of a bingo_won notice, from what the draw wrote in its payload. */
function prizeOf(kind: string, payload: Record<string, unknown> | null): Notification['prize'] {
  const p = payload as PrizePayload | null;
  if (kind !== 'bingo_won' || !p?.eventSlug) return null;
  return {
    eventSlug: p.eventSlug,
    event: localized(p.event?.en ?? '', p.event?.es ?? null),
    description: localized(p.prize?.en ?? '', p.prize?.es ?? null),
  };
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** My in-app notices, newest first, with how many are unread. */
export async function listNotifications(ctx: ServiceContext, viewer: Viewer | null): Promise<NotificationList> {
  const personId = requireSignedIn(viewer).personId;
  if (!personId) return { items: [], unread: 0 };
  const found = await rows<NotificationRow>(
    ctx.db,
    sql`select n.id, n.kind, n.created_at, n.read_at, s.id as session_id, s.title_en, s.title_es, s.starts_at,
               e.slug as event_slug, n.payload
        from notifications n
        left join sessions s on s.id::text = n.payload->>'sessionId'
        left join events e on e.id = s.event_id
        where n.person_id = ${personId}
        order by n.created_at desc, n.id
        limit 50`,
  );
  const [{ unread } = { unread: 0 }] = await rows<{ unread: number }>(
    ctx.db,
    sql`select count(*)::int as unread from notifications where person_id = ${personId} and read_at is null`,
  );
  const items = found.map(
    (row): Notification => ({
      id: row.id,
      kind: row.kind,
      createdAt: iso(row.created_at),
      readAt: row.read_at ? iso(row.read_at) : null,
      session:
        row.session_id && row.title_en && row.starts_at && row.event_slug
          ? {
              id: row.session_id,
              title: localized(row.title_en, row.title_es),
              startsAt: iso(row.starts_at),
              eventSlug: row.event_slug,
            }
          : null,
      prize: prizeOf(row.kind, row.payload),
    }),
  );
  return { items, unread };
}

export async function markNotificationRead(
  ctx: ServiceContext,
  viewer: Viewer | null,
  id: string,
): Promise<NotificationList> {
  const personId = requireSignedIn(viewer).personId;
  const [row] = await rows<{ person_id: string }>(ctx.db, sql`select person_id from notifications where id = ${id}`);
  if (!row) throw new AppError('not_found', 'rsvp.error.notification_not_found', { id });
  if (row.person_id !== personId) throw new AppError('forbidden', 'accounts.error.forbidden');
  await ctx.db.execute(
    sql`update notifications set read_at = ${ctx.clock.now().toISOString()} where id = ${id} and read_at is null`,
  );
  return listNotifications(ctx, viewer);
}
