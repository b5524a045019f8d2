import { sql } from 'drizzle-orm';
import type { ContactsGoing, RsvpLiveMessage, RsvpState } from '../../shared/api/rsvp.ts';
import type { RsvpStatus, SessionVisibility } from '../../shared/domain.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { requireSignedIn } from '../accounts/policy.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { type Queryable, rows } from '../db/client.ts';
import { AppError, type ErrorCode } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import type { Promotion } from './announcements.ts';
import { countContactsGoing, holdsPlaceFor, seatsTaken } from './queries.ts';
import type { SeatRecorder } from './recorder.ts';

export { announcePromotions, mailPromotions, type Promotion } from './announcements.ts';

const fail = (code: ErrorCode, key: MessageKey, values: Record<string, string | number> = {}) =>
  new AppError(code, key, values);

/**
 * TEST ONLY. With NODE_ENV=test and ENCUENTRO_TEST_UNGUARDED_RSVP=1, an RSVP
 * counts the seats and takes one without the transaction and the session
 * lock, as a naive implementation would. The concurrency test switches it on
 * for its control run, to prove that it can catch an oversold session.
 * Outside tests the variable is never read.
 */
function guardSwitchedOffForTest(): boolean {
  return process.env.NODE_ENV === 'test' && process.env.ENCUENTRO_TEST_UNGUARDED_RSVP === '1';
}

interface SessionForRsvp {
  id: string;
  event_id: string;
  capacity: number | null;
  visibility: SessionVisibility;
  status: string;
  attending: boolean;
}

/**
 * Who sees a session: public ones everybody; members-only ones any signed-in
 * account; delegates-only ones the admins and the people attending its event.
 * Those outside are refused as if it were not for them (401 or 403).
 */
async function sessionFor(db: Queryable, viewer: Viewer | null, id: string): Promise<SessionForRsvp> {
  const [session] = await rows<SessionForRsvp>(
    db,
    sql`select s.id, s.event_id, s.capacity, s.visibility, s.status,
               ${viewer?.personId ? sql`exists (select 1 from attendances a where a.event_id = s.event_id and a.person_id = ${viewer.personId})` : sql`false`} as attending
        from sessions s where s.id = ${id}`,
  );
  if (!session) throw fail('not_found', 'rsvp.error.session_not_found', { id });
  if (session.visibility === 'public') return session;
  const signedIn = requireSignedIn(viewer);
  if (session.visibility === 'members') return session;
  if (signedIn.role === 'admin' || session.attending) return session;
  throw fail('forbidden', 'rsvp.error.delegates_only');
}

function personOf(viewer: Viewer | null): string {
  const signedIn = requireSignedIn(viewer);
  if (!signedIn.personId) throw fail('forbidden', 'rsvp.error.no_person');
  return signedIn.personId;
}

async function seatCounts(db: Queryable, sessionId: string) {
  const [counts] = await rows<{ confirmed: number; waitlisted: number; capacity: number | null }>(
    db,
    sql`select ${seatsTaken(sessionId)} as confirmed,
               (select count(*)::int from rsvps r where r.session_id = ${sessionId} and r.status = 'waitlisted') as waitlisted,
               (select capacity from sessions where id = ${sessionId}) as capacity`,
  );
  return counts ?? { confirmed: 0, waitlisted: 0, capacity: null };
}

async function stateOf(db: Queryable, session: SessionForRsvp, personId: string | null): Promise<RsvpState> {
  const counts = await seatCounts(db, session.id);
  let status: RsvpStatus | null = null;
  let waitlistPosition: number | null = null;
  let assigned = false;
  if (personId) {
    const [mine] = await rows<{ status: RsvpStatus; position: number }>(
      db,
      sql`select r.status,
                 (select count(*)::int from rsvps w
                   where w.session_id = r.session_id and w.status = 'waitlisted'
                     and (w.queued_at, w.id) <= (r.queued_at, r.id)) as position
          from rsvps r where r.session_id = ${session.id} and r.person_id = ${personId}`,
    );
    status = mine?.status ?? null;
    waitlistPosition = mine?.status === 'waitlisted' ? mine.position : null;
    assigned = await holdsPlaceFor(db, session.id, personId);
  }
  return { sessionId: session.id, status, waitlistPosition, assigned, ...counts };
}

interface LockedSeats {
  capacity: number | null;
  status: string;
  confirmed: number;
  waitlisted: number;
}

/**
 * Lock the session row, then read what a promotion needs: capacity, seats
 * taken, people waiting, in one more statement.
 * The counts must come from a statement that starts after the lock is held:
 * under READ COMMITTED a statement sees the data as of its own start, so
 * counting in the locking statement itself would count what was there
 * before the previous holder committed (the concurrency test catches that).
 */
async function lockSeats(tx: Queryable, sessionId: string): Promise<LockedSeats | undefined> {
  const [lock] = await rows<{ id: string }>(tx, sql`select id from sessions where id = ${sessionId} for update`);
  if (!lock) return undefined;
  const [locked] = await rows<LockedSeats>(
    tx,
    sql`select s.capacity, s.status,
               ${seatsTaken(sessionId)} as confirmed,
               (select count(*)::int from rsvps r where r.session_id = s.id and r.status = 'waitlisted') as waitlisted
        from sessions s where s.id = ${sessionId}`,
  );
  return locked;
}

/**
 * Give free seats to the first people waiting, in the order they queued.
 * Call inside the transaction that freed the seats (a cancellation, a larger
 * capacity): it locks the session row, so it cannot race an RSVP. Writes the
 * in-app notices in the same transaction; pass the result to `mailPromotions`
 * in that transaction too, and after the commit to `announcePromotions` for
 * the live messages.
 */
export async function promoteWaitlist(tx: Queryable, sessionId: string, now: Date): Promise<Promotion[]> {
  return promoteFrom(tx, sessionId, now, await lockSeats(tx, sessionId));
}

async function promoteFrom(
  tx: Queryable,
  sessionId: string,
  now: Date,
  session: LockedSeats | undefined,
): Promise<Promotion[]> {
  if (!session || session.status === 'cancelled' || session.waitlisted === 0) return [];
  let free: number | null = null;
  if (session.capacity !== null) {
    free = session.capacity - session.confirmed;
    if (free <= 0) return [];
  }
  const promoted = await rows<{ person_id: string; queued_at: string }>(
    tx,
    sql`update rsvps set status = 'confirmed', confirmed_at = ${now.toISOString()}, updated_at = ${now.toISOString()}
        where id in (select id from rsvps where session_id = ${sessionId} and status = 'waitlisted'
                     order by queued_at, id ${free === null ? sql`` : sql`limit ${free}`})
        returning person_id, to_char(queued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as queued_at`,
  );
  // UPDATE … RETURNING keeps no order: notify in the order of the queue.
  promoted.sort((a, b) => a.queued_at.localeCompare(b.queued_at));
  const promotions: Promotion[] = [];
  for (const { person_id: personId } of promoted) {
    const [notice] = await rows<{ id: string }>(
      tx,
      sql`insert into notifications (person_id, kind, payload, created_at)
          values (${personId}, 'rsvp_promoted', ${JSON.stringify({ sessionId })}::jsonb, ${now.toISOString()})
          returning id`,
    );
    promotions.push({ personId, sessionId, notificationId: (notice as { id: string }).id });
  }
  return promotions;
}

async function publishSeats(ctx: AppContext, session: SessionForRsvp): Promise<void> {
  const { confirmed, capacity } = await seatCounts(ctx.db, session.id);
  const message: RsvpLiveMessage = { sessionId: session.id, confirmed, capacity };
  // Sessions not open to the public are not announced to every open page.
  if (session.visibility === 'public') await ctx.live.publish(session.event_id, 'rsvp', message);
}

export async function getRsvp(ctx: ServiceContext, viewer: Viewer | null, sessionId: string): Promise<RsvpState> {
  requireSignedIn(viewer);
  const session = await sessionFor(ctx.db, viewer, sessionId);
  return stateOf(ctx.db, session, viewer?.personId ?? null);
}

/** How many of my contacts hold a seat at a session I may see (a count only: see countContactsGoing). */
export async function contactsGoing(
  ctx: ServiceContext,
  viewer: Viewer | null,
  sessionId: string,
): Promise<ContactsGoing> {
  requireSignedIn(viewer);
  await sessionFor(ctx.db, viewer, sessionId);
  const count = viewer?.personId ? await countContactsGoing(ctx.db, sessionId, viewer.personId) : 0;
  return { sessionId, count };
}

/**
 * Take a seat, or a place on the waitlist when the session is full. The
 * instance's SeatRecorder decides the requests for one session that arrive
 * together in one transaction holding the session's row lock (`for update`),
 * so RSVPs to one session are serialised on PostgreSQL across every
 * instance, and never more are confirmed than the capacity (decisions 0010,
 * 0028). Asking again changes nothing; asking after a cancellation queues
 * again at the back. The answer comes after the commit; a promotion's mail
 * has left by then.
 */
export async function takeSeat(
  ctx: AppContext,
  seats: SeatRecorder,
  viewer: Viewer | null,
  sessionId: string,
): Promise<RsvpState> {
  const personId = personOf(viewer);
  if (guardSwitchedOffForTest()) {
    const session = await sessionFor(ctx.db, viewer, sessionId);
    if (session.status === 'cancelled') throw fail('rule_broken', 'rsvp.error.session_cancelled');
    await takeSeatUnguarded(ctx.db, session, personId, ctx.clock.now());
    await publishSeats(ctx, session);
    return stateOf(ctx.db, session, personId);
  }
  return seats.record({ action: 'take', sessionId, personId, admin: viewer?.role === 'admin' });
}

/** One RSVP written on its own, as the control run's naive way does (the recorder writes a batch's at once). */
async function writeRsvp(tx: Queryable, sessionId: string, personId: string, status: RsvpStatus, now: Date) {
  const at = now.toISOString();
  await tx.execute(
    sql`insert into rsvps (session_id, person_id, status, queued_at, confirmed_at, updated_at)
        values (${sessionId}, ${personId}, ${status},
                greatest(${at}::timestamptz,
                         (select max(queued_at) + interval '1 microsecond' from rsvps where session_id = ${sessionId})),
                ${status === 'confirmed' ? at : null}, ${at})
        on conflict (session_id, person_id) do update
          set status = excluded.status, queued_at = excluded.queued_at, confirmed_at = excluded.confirmed_at,
              cancelled_at = null, updated_at = excluded.updated_at`,
  );
}

/** The naive way, for the control run only: count, then insert, with nothing holding the count true. */
async function takeSeatUnguarded(db: Queryable, session: SessionForRsvp, personId: string, now: Date) {
  const { confirmed } = await seatCounts(db, session.id);
  const seat = session.capacity === null || confirmed < session.capacity;
  await writeRsvp(db, session.id, personId, seat ? 'confirmed' : 'waitlisted', now);
}

/** Give a seat (or a waitlist place) back; a freed seat goes to the first waiting, in the same transaction. */
export async function cancelSeat(seats: SeatRecorder, viewer: Viewer | null, sessionId: string): Promise<RsvpState> {
  const personId = personOf(viewer);
  return seats.record({ action: 'cancel', sessionId, personId, admin: viewer?.role === 'admin' });
}
