import type {
  Announcement,
  AnnouncementList,
  AnnouncementMessage,
  AnnouncementRequest,
  Inbox,
  RecipientCount,
} from '../../shared/api/announcements.ts';
import { translate } from '../../shared/i18n/index.ts';
import { canAnnounce, requireAllowed, requireSignedIn } from '../accounts/policy.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { notify } from '../db/client.ts';
import { AppError, notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { OUTBOX_CHANNEL } from '../outbox/service.ts';
import { presentAnnouncement, presentInboxItem } from './presenter.ts';
import {
  type AnnouncementRow,
  audienceValueExists,
  claimDueAnnouncement,
  countAudience,
  countUnread,
  type DeliveryTexts,
  deliverAnnouncement,
  type EventRow,
  insertAnnouncement,
  markRead,
  selectAnnouncement,
  selectAnnouncements,
  selectAttending,
  selectEvent,
  selectEventOf,
  selectInbox,
} from './queries.ts';

/** Where a notification about an announcement opens. */
export const INBOX_PATH = '/inbox';
/** A phone shows a few lines; the whole text waits in the inbox (and push payloads are at most 4 KB). */
const PUSH_BODY_CHARS = 300;
/** Person ids per live message: each NOTIFY stays under PostgreSQL's 8000 bytes. */
const AUDIENCE_PER_MESSAGE = 150;

async function eventOrNotFound(ctx: ServiceContext, slug: string): Promise<EventRow> {
  const event = await selectEvent(ctx.db, slug);
  if (!event) throw notFound('error.not_found.event', { slug });
  return event;
}

/** The audience's value, checked against the event: a delegation or session of it, a country, en or es. */
async function checkedAudience(
  ctx: ServiceContext,
  eventId: string,
  audience: AnnouncementRequest['audience'],
): Promise<string | null> {
  const { kind } = audience;
  if (kind === 'all' || kind === 'checked_in') return null;
  const value = (kind === 'country' ? audience.value?.toUpperCase() : audience.value) ?? '';
  const fits =
    kind === 'language'
      ? value === 'en' || value === 'es'
      : kind === 'country'
        ? /^[A-Z]{2}$/.test(value) && (await audienceValueExists(ctx.db, eventId, kind, value))
        : /^[0-9a-f-]{36}$/i.test(value) && (await audienceValueExists(ctx.db, eventId, kind, value));
  if (!fits) {
    throw new AppError('invalid_input', 'announce.error.audience', { kind, value }, { field: 'audience.value' });
  }
  return value;
}

/**
 * Write an announcement (POST /api/events/:slug/announcements), staff only.
 * A dry run answers how many people the audience holds now; otherwise it is
 * stored and, unless set for later, sent at once in the same transaction.
 */
export async function createAnnouncement(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  input: AnnouncementRequest,
): Promise<{ dryRun: true; count: RecipientCount } | { dryRun: false; announcement: Announcement }> {
  const staff = requireAllowed(viewer, canAnnounce(viewer));
  const event = await eventOrNotFound(ctx, slug);
  const value = await checkedAudience(ctx, event.id, input.audience);
  if (input.dryRun) {
    return { dryRun: true, count: { recipients: await countAudience(ctx.db, event.id, input.audience.kind, value) } };
  }
  const now = ctx.clock.now();
  const asked = input.sendAt ? new Date(input.sendAt) : now;
  const sendAt = asked.getTime() > now.getTime() ? asked : now;
  const { row, delivered } = await ctx.db.transaction(async (tx) => {
    const row = await insertAnnouncement(tx, {
      eventId: event.id,
      title: { en: input.title.en.trim(), es: input.title.es.trim() },
      body: { en: input.body.en.trim(), es: input.body.es.trim() },
      audienceKind: input.audience.kind,
      audienceValue: value,
      byEmail: input.byEmail ?? false,
      sendAt,
      createdBy: staff.userId,
      createdAt: now,
    });
    if (sendAt.getTime() > now.getTime()) return { row, delivered: null };
    return { row, delivered: await deliver(ctx, tx, event, row, now) };
  });
  if (delivered) await announceLive(ctx, row, delivered.people);
  const stored = await selectAnnouncement(ctx.db, row.id);
  return { dryRun: false, announcement: presentAnnouncement(stored ?? row) };
}

export async function listAnnouncements(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string,
): Promise<AnnouncementList> {
  requireAllowed(viewer, canAnnounce(viewer));
  const event = await eventOrNotFound(ctx, slug);
  return { items: (await selectAnnouncements(ctx.db, event.id)).map(presentAnnouncement) };
}

function deliveryTexts(ctx: AppContext, event: EventRow, row: AnnouncementRow): DeliveryTexts {
  const short = (text: string) => (text.length > PUSH_BODY_CHARS ? `${text.slice(0, PUSH_BODY_CHARS - 1)}…` : text);
  const url = `${ctx.publicUrl}${INBOX_PATH}`;
  const mail = (language: 'en' | 'es') => {
    const title = language === 'es' ? row.title_es : row.title_en;
    const body = language === 'es' ? row.body_es : row.body_en;
    return {
      subject: translate(language, 'announce.mail.subject', { event: event.name, title }),
      text: `${body}\n\n${translate(language, 'announce.mail.footer', { event: event.name, url })}`,
    };
  };
  return {
    url: INBOX_PATH,
    push: {
      en: { title: row.title_en, body: short(row.body_en) },
      es: { title: row.title_es, body: short(row.body_es) },
    },
    mail: row.by_email ? { en: mail('en'), es: mail('es') } : null,
  };
}

async function deliver(
  ctx: AppContext,
  tx: Parameters<Parameters<AppContext['db']['transaction']>[0]>[0],
  event: EventRow,
  row: AnnouncementRow,
  now: Date,
) {
  const delivered = await deliverAnnouncement(tx, row, deliveryTexts(ctx, event, row), now);
  await notify(tx, OUTBOX_CHANNEL, '');
  return delivered;
}

/** The banner on the recipients' open pages, after the commit; to the whole event when it is for all. */
async function announceLive(ctx: AppContext, row: AnnouncementRow, people: string[]): Promise<void> {
  const data: AnnouncementMessage = {
    id: row.id,
    title: { en: row.title_en, es: row.title_es },
    body: { en: row.body_en, es: row.body_es },
  };
  if (row.audience_kind === 'all') {
    await ctx.live.publish(row.event_id, 'announcement', data);
    return;
  }
  const messages = [];
  for (let i = 0; i < people.length; i += AUDIENCE_PER_MESSAGE) {
    const audience = people.slice(i, i + AUDIENCE_PER_MESSAGE);
    messages.push({ eventId: row.event_id, type: 'announcement', data, audience });
  }
  await ctx.live.publishAll(messages);
}

/**
 * Send the announcements whose time has come, one transaction each: the row
 * is locked with SKIP LOCKED, so two instances never send the same one.
 * Run by the outbox worker at every round. Answers how many were sent.
 */
export async function sendDueAnnouncements(ctx: AppContext): Promise<number> {
  let sent = 0;
  for (;;) {
    const now = ctx.clock.now();
    const done = await ctx.db.transaction(async (tx) => {
      const row = await claimDueAnnouncement(tx, now);
      if (!row) return null;
      const event = await selectEventOf(tx, row.event_id);
      if (!event) return null;
      return { row, delivered: await deliver(ctx, tx, event, row, now) };
    });
    if (!done) return sent;
    sent += 1;
    await announceLive(ctx, done.row, done.delivered.people).catch(() => {});
  }
}

/** My inbox (GET /api/me/inbox): the announcements sent to me, newest first, and how many I have not read. */
export async function inbox(ctx: ServiceContext, viewer: Viewer | null): Promise<Inbox> {
  const personId = requireSignedIn(viewer).personId;
  if (!personId) return { items: [], unread: 0, attending: [] };
  // A day's margin either side of UTC: an event still under way somewhere counts.
  const yesterday = new Date(ctx.clock.now().getTime() - 24 * 3600_000).toISOString().slice(0, 10);
  const [items, unread, attending] = await Promise.all([
    selectInbox(ctx.db, personId),
    countUnread(ctx.db, personId),
    selectAttending(ctx.db, personId, yesterday),
  ]);
  return { items: items.map(presentInboxItem), unread, attending };
}

export async function markInboxRead(ctx: ServiceContext, viewer: Viewer | null, id: string): Promise<Inbox> {
  const personId = requireSignedIn(viewer).personId;
  const outcome = await markRead(ctx.db, id, personId, ctx.clock.now());
  if (outcome === 'absent') throw notFound('announce.error.not_in_inbox', { id });
  if (outcome === 'not_mine') throw new AppError('forbidden', 'accounts.error.forbidden');
  return inbox(ctx, viewer);
}
