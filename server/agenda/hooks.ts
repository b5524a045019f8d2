import type { AppContext } from '../context.ts';
import type { SessionChangeNotice, SessionHooks } from '../programme/editing.ts';
import { announcePromotions, mailPromotions, promoteWaitlist } from '../rsvp/service.ts';
import { notifications } from '../rsvp/tables.ts';
import { peopleHolding, programmeFingerprint } from './queries.ts';

/** What a page on an event's live channel receives when a session changes: a small notice; it fetches the rest. */
export interface ProgrammeMessage {
  sessionId: string;
  change: SessionChangeNotice['change'];
  version: number;
}

/**
 * What follows a staff edit of a session, after its commit: everyone holding
 * it (seat, waitlist, assigned delegation) gets a notification row when it
 * moved or was cancelled, a larger capacity promotes the waitlist, and every
 * open page of the event hears of it on the live channel.
 */
export function agendaSessionHooks(ctx: AppContext): SessionHooks {
  return {
    async afterSessionChange(notice) {
      if (notice.change === 'moved' || notice.change === 'cancelled') {
        await notifyHolders(ctx, notice);
      }
      if (notice.capacityChanged) {
        // The RSVP rule: freed seats go to the waitlist in queue order (it locks the session row itself).
        const promotions = await ctx.db.transaction(async (tx) => {
          const promoted = await promoteWaitlist(tx, notice.sessionId, ctx.clock.now());
          await mailPromotions(ctx, tx, promoted);
          return promoted;
        });
        await announcePromotions(ctx, promotions);
      }
      const message: ProgrammeMessage = {
        sessionId: notice.sessionId,
        change: notice.change,
        version: notice.version,
      };
      await ctx.live.publish(notice.eventId, 'programme', message);
    },
  };
}

async function notifyHolders(ctx: AppContext, notice: SessionChangeNotice): Promise<void> {
  const people = await peopleHolding(ctx.db, notice.sessionId);
  if (people.length === 0) return;
  const payload = {
    sessionId: notice.sessionId,
    eventId: notice.eventId,
    change: notice.change,
    version: notice.version,
  };
  const createdAt = ctx.clock.now();
  await ctx.db
    .insert(notifications)
    .values(people.map((personId) => ({ personId, kind: 'session_changed', payload, createdAt })));
}

/** What a page connecting to an event's live channel is told about the programme: its current fingerprint. */
export function registerProgrammeSnapshot(ctx: AppContext): void {
  ctx.live.provideSnapshot('programme', async (eventId) => ({ version: await programmeFingerprint(ctx.db, eventId) }));
}
