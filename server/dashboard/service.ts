import type { AttentionItem, Dashboard } from '../../shared/api/dashboard.ts';
import { requireRole } from '../accounts/policy.ts';
import { statusAt } from '../bingo/game.ts';
import { listCheckIns } from '../check-in/service.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { selectBingo, selectCounts, selectEvent, selectSessionFill } from './queries.ts';

/** Check-ins shown on the dashboard as they come. */
const LATEST_CHECK_INS = 8;

/**
 * Where an event stands for the staff running it (GET /api/events/:slug/dashboard):
 * its people by status, delegations, sessions filling up, the door, the bingo,
 * and what needs attention, each with the page where it is dealt with.
 */
export async function dashboard(ctx: ServiceContext, viewer: Viewer | null, slug: string): Promise<Dashboard> {
  requireRole(viewer, 'admin');
  const event = await selectEvent(ctx.db, slug);
  if (!event) throw notFound('error.not_found.event', { slug });
  const [counts, sessions, bingo, door] = await Promise.all([
    selectCounts(ctx.db, event.id),
    selectSessionFill(ctx.db, event.id),
    selectBingo(ctx.db, event.id),
    listCheckIns(ctx, viewer, slug, undefined),
  ]);
  const now = ctx.clock.now();
  const base = `/events/${event.slug}`;
  const game = bingo ? { startsAt: new Date(bingo.startsAt), endsAt: new Date(bingo.endsAt) } : undefined;
  const bingoStatus = game ? statusAt(game, now) : undefined;

  const attention: AttentionItem[] = [];
  if (!bingo) attention.push({ code: 'no_game', values: {}, href: `${base}/bingo/admin` });
  else if (bingoStatus === 'open' && bingo.players === 0) {
    attention.push({ code: 'game_without_players', values: {}, href: `${base}/bingo/screen` });
  } else if (bingoStatus === 'ended' && !bingo.revealed) {
    attention.push({ code: 'draw_due', values: { completed: bingo.completed }, href: `${base}/bingo/draw` });
  }
  for (const session of sessions) {
    const values = { title: session.titleEn, titleEs: session.titleEs ?? session.titleEn };
    if (session.waitlisted > 0) {
      attention.push({
        code: 'waitlist',
        values: { ...values, count: session.waitlisted },
        href: `/sessions/${session.id}/edit`,
      });
    } else if (session.capacity !== null && session.confirmed >= session.capacity) {
      attention.push({ code: 'session_full', values, href: `/sessions/${session.id}/edit` });
    }
  }
  const started = now.getTime() >= Date.parse(`${event.startsOn}T00:00:00Z`);
  if (started && counts.attendees > counts.checkedIn) {
    attention.push({
      code: 'not_checked_in',
      values: { count: counts.attendees - counts.checkedIn },
      href: `${base}/check-in`,
    });
  }
  if (counts.planned > 0) {
    attention.push({ code: 'delegation_unconfirmed', values: { count: counts.planned }, href: `${base}/delegations` });
  }

  return {
    event: {
      slug: event.slug,
      name: { en: event.nameEn, es: event.nameEs },
      timeZone: event.timeZone,
      startsOn: event.startsOn,
      endsOn: event.endsOn,
    },
    attendees: {
      total: counts.attendees,
      withoutAccount: counts.withoutAccount,
      joined: counts.joined,
      checkedIn: counts.checkedIn,
    },
    delegations: {
      total: counts.delegations,
      confirmed: counts.confirmed,
      planned: counts.planned,
      members: counts.members,
    },
    sessions: sessions.map((session) => ({
      id: session.id,
      title: { en: session.titleEn, es: session.titleEs },
      startsAt: new Date(session.startsAt).toISOString(),
      capacity: session.capacity,
      confirmed: session.confirmed,
      waitlisted: session.waitlisted,
      checkedIn: session.checkedIn,
    })),
    checkIns: { count: door.count, latest: door.items.slice(0, LATEST_CHECK_INS) },
    bingo:
      bingo && game && bingoStatus
        ? {
            status: bingoStatus,
            startsAt: game.startsAt.toISOString(),
            endsAt: game.endsAt.toISOString(),
            players: bingo.players,
            completed: bingo.completed,
            draw: bingo.revealed ? 'revealed' : bingo.committed ? 'committed' : 'none',
          }
        : null,
    attention,
  };
}
