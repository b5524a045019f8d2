import { randomUUID } from 'node:crypto';
import type { RsvpState } from '../../shared/api/rsvp.ts';
import type { AppContext } from '../context.ts';
import { Batcher, type Settled } from '../db/batcher.ts';
import { AppError } from '../errors.ts';
import { enqueueMail } from '../outbox/service.ts';
import { announceSeats, type PromotedPerson, promotionMail } from './announcements.ts';
import { decideSeats, type SeatRequest } from './decide.ts';
import { lockSession, selectSeatFacts, writeSeatChanges } from './queries.ts';

/** At most this many requests share one transaction. */
const MAX_BATCH = 100;

export interface QueuedSeatRequest extends SeatRequest {
  sessionId: string;
}

/**
 * Records the RSVPs and cancellations of one app instance. Requests for one
 * session that arrive while a batch of that session is being recorded wait
 * and go together in the next one (decision 0028, after the scans' 0021): one
 * transaction takes the session's row lock once, reads the seats and the
 * queue once, decides every request in arrival order (decide.ts) and writes
 * the result in one statement. A popular session opening its seats then costs
 * a few statements and one commit per batch instead of per phone, and a lone
 * request still goes at once.
 *
 * Batches of different sessions may run side by side on PostgreSQL; two of
 * one session never do (the second would only wait on the first one's lock).
 * When a batch fails, its requests are recorded again one by one, so one
 * request's trouble is nobody else's.
 */
export class SeatRecorder {
  private readonly batcher: Batcher<QueuedSeatRequest, RsvpState>;

  constructor(private readonly ctx: AppContext) {
    this.batcher = new Batcher((requests) => this.recordAll(requests), {
      maxBatch: MAX_BATCH,
      // PGlite runs one transaction at a time whatever we do; PostgreSQL keeps a pool for other work.
      maxInFlight: ctx.database.kind === 'pglite' ? 1 : 2,
      key: (request) => request.sessionId,
      oneBatchPerKey: true,
    });
  }

  record(request: QueuedSeatRequest): Promise<RsvpState> {
    return this.batcher.submit(request);
  }

  private async recordAll(requests: QueuedSeatRequest[]): Promise<Settled<RsvpState>[]> {
    try {
      return await this.recordTogether(requests);
    } catch (error) {
      if (requests.length === 1) return [{ ok: false, error }];
    }
    const results: Settled<RsvpState>[] = [];
    for (const request of requests) {
      try {
        results.push(...(await this.recordTogether([request])));
      } catch (error) {
        results.push({ ok: false, error });
      }
    }
    return results;
  }

  private async recordTogether(requests: QueuedSeatRequest[]): Promise<Settled<RsvpState>[]> {
    const { ctx } = this;
    const { sessionId } = requests[0] as QueuedSeatRequest;
    const now = ctx.clock.now();
    const outcome = await ctx.db.transaction(async (tx) => {
      const session = await lockSession(tx, sessionId);
      if (!session) return undefined;
      const cancellations = requests.filter((request) => request.action === 'cancel').length;
      const facts = await selectSeatFacts(tx, {
        sessionId,
        eventId: session.eventId,
        people: [...new Set(requests.map((request) => request.personId))],
        // Each promotion needs a free seat (at most the capacity, plus one per cancellation) and each
        // cancellation from the queue removes one more of those read: the batch never needs more.
        headLength: session.capacity === null ? null : session.capacity + 2 * cancellations,
      });
      const decisions = decideSeats(session, facts, requests);
      const notices = decisions.promoted.map(({ personId, request }) => ({ id: randomUUID(), personId, request }));
      const promoted =
        decisions.changes.length > 0
          ? await writeSeatChanges(tx, {
              sessionId,
              now,
              changes: decisions.changes,
              notices: notices.map(({ id, personId }) => ({ id, personId })),
            })
          : [];
      // The promoted people's mail commits with their seats.
      const mails = promoted.map((who) => promotionMail(ctx.publicUrl, session, who)).filter((mail) => mail !== null);
      await enqueueMail(tx, now, mails);
      return { session, decisions, notices, promoted };
    });
    if (!outcome) {
      return requests.map(() => ({
        ok: false,
        error: new AppError('not_found', 'rsvp.error.session_not_found', { id: sessionId }),
      }));
    }

    const { session, decisions, notices, promoted } = outcome;
    if (decisions.changes.length > 0) {
      const people = new Map<string, PromotedPerson>(promoted.map((person) => [person.personId, person]));
      const promotions = notices.map((notice) => ({
        promotion: {
          personId: notice.personId,
          sessionId,
          notificationId: notice.id,
        },
        who: people.get(notice.personId),
      }));
      const last = decisions.answers.findLast((answer) => answer.ok);
      // After the commit (the mails are in the outbox): live messages need not hold the answers back (as the scans' do).
      void announceSeats(ctx, session, last?.ok ? last.value : undefined, promotions).catch((error: unknown) =>
        console.error('RSVP live messages failed', error),
      );
    }
    return decisions.answers;
  }
}
