import type {
  CheckedInPerson,
  CheckInAnswer,
  CheckInCounts,
  CheckInList,
  CheckInRequest,
} from '../../shared/api/check-in.ts';
import { requireRole } from '../accounts/policy.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { countryOf, type Reference, reference } from '../directory/reference.ts';
import { AppError, notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { codeFromScan } from '../networking/scanning.ts';
import {
  countAt,
  countExpected,
  insertCheckIn,
  lockAttendanceByCode,
  markAttendancePresent,
  moveCountedEarlier,
  type PersonRow,
  type ReceiptRow,
  selectCheckedIn,
  selectCounted,
  selectEvent,
  selectPerson,
  selectReceipt,
  selectSession,
} from './queries.ts';

/** How far ahead of the server's clock a staff phone's time may be (as for scans). */
const ALLOWED_CLOCK_SKEW_MS = 120_000;

const presentPerson = (ref: Reference, row: PersonRow): CheckedInPerson => ({
  id: row.id,
  name: row.name,
  country: countryOf(ref, row.country),
  delegation: row.delegation,
});

async function eventOrNotFound(ctx: ServiceContext, slug: string) {
  const event = await selectEvent(ctx.db, slug);
  if (!event) throw notFound('error.not_found.event', { slug });
  return event;
}

async function sessionOrNotFound(ctx: ServiceContext, eventId: string, sessionId: string | undefined) {
  if (!sessionId) return null;
  const session = await selectSession(ctx.db, eventId, sessionId);
  if (!session) throw notFound('checkin.error.no_session', { id: sessionId });
  return session;
}

const sameCheckIn = (receipt: ReceiptRow, code: string, at: Date, sessionId: string | null) =>
  receipt.code === code && new Date(receipt.checkedInAt).getTime() === at.getTime() && receipt.sessionId === sessionId;

/**
 * Check someone in at the door or at a session (POST /api/events/:slug/check-ins).
 * Staff phones queue check-ins offline like scans: each carries a nonce and
 * the phone's time. The first check-in of a person at a place counts, at the
 * earliest moment any phone saw them; a later one is acknowledged as
 * `already`. The attendance is then present, so its country joins the
 * bingo's default cells. Counts go out live after the commit.
 */
export async function checkIn(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  input: CheckInRequest,
): Promise<CheckInAnswer> {
  const staff = requireRole(viewer, 'admin');
  const event = await eventOrNotFound(ctx, slug);
  const session = await sessionOrNotFound(ctx, event.id, input.session);
  const sessionId = session?.id ?? null;
  const code = codeFromScan(input.code).slice(0, 40);
  const at = new Date(input.at);
  const now = ctx.clock.now();
  const earliest = Date.parse(`${event.startsOn}T00:00:00Z`) - 24 * 3600 * 1000;
  if (at.getTime() > now.getTime() + ALLOWED_CLOCK_SKEW_MS || at.getTime() < earliest) {
    throw new AppError('rule_broken', 'checkin.error.bad_time', { at: input.at });
  }

  const result = await ctx.db.transaction(async (tx) => {
    const attendance = await lockAttendanceByCode(tx, event.id, code);
    const stored = await selectReceipt(tx, staff.userId, input.nonce);
    if (stored) return { stored };
    if (!attendance) throw notFound('checkin.error.unknown_code', { code });
    const counted = await selectCounted(tx, event.id, attendance.personId, sessionId);
    const row = {
      eventId: event.id,
      personId: attendance.personId,
      sessionId,
      recordedBy: staff.userId,
      nonce: input.nonce,
      code,
      outcome: counted ? ('already' as const) : ('checked_in' as const),
      at: at.toISOString(),
      receivedAt: now.toISOString(),
    };
    // Another request under the same nonce may have been recorded meanwhile (it locked another attendance).
    if (!(await insertCheckIn(tx, row))) return { stored: await selectReceipt(tx, staff.userId, input.nonce) };
    if (counted) await moveCountedEarlier(tx, counted.id, row.at);
    await markAttendancePresent(tx, event.id, attendance.personId, row.at);
    return { stored: undefined, personId: attendance.personId, outcome: row.outcome };
  });

  let personId: string;
  let outcome: CheckInAnswer['outcome'];
  if (result.stored) {
    if (!sameCheckIn(result.stored, code, at, sessionId)) {
      throw new AppError('conflict', 'checkin.error.nonce_reused', { nonce: input.nonce });
    }
    personId = result.stored.personId;
    outcome = result.stored.outcome;
  } else {
    personId = result.personId as string;
    outcome = result.outcome as CheckInAnswer['outcome'];
    if (outcome === 'checked_in') await publishCounts(ctx, event.id, sessionId);
  }
  const [ref, person, counted, count] = await Promise.all([
    reference(ctx),
    selectPerson(ctx.db, event.id, personId),
    selectCounted(ctx.db, event.id, personId, sessionId),
    countAt(ctx.db, event.id, sessionId),
  ]);
  if (!person) throw notFound('checkin.error.unknown_code', { code });
  return {
    outcome,
    nonce: input.nonce,
    person: presentPerson(ref, person),
    session: sessionId,
    checkedInAt: new Date(counted?.checkedInAt ?? at).toISOString(),
    count,
  };
}

/** Counts only: the live channel of an event reaches every page open on it. */
async function publishCounts(ctx: AppContext, eventId: string, sessionId: string | null): Promise<void> {
  try {
    const counts: CheckInCounts = {
      door: await countAt(ctx.db, eventId, null),
      session: sessionId ? { id: sessionId, count: await countAt(ctx.db, eventId, sessionId) } : null,
    };
    await ctx.live.publish(eventId, 'check-ins', counts);
  } catch {
    // A courtesy: pages read the counts again when they reconnect.
  }
}

/** Who is checked in at the door, or at a session (GET /api/events/:slug/check-ins?session=). */
export async function listCheckIns(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string,
  sessionId: string | undefined,
): Promise<CheckInList> {
  requireRole(viewer, 'admin');
  const event = await eventOrNotFound(ctx, slug);
  const session = await sessionOrNotFound(ctx, event.id, sessionId);
  const id = session?.id ?? null;
  const [ref, found, expected] = await Promise.all([
    reference(ctx),
    selectCheckedIn(ctx.db, event.id, id),
    countExpected(ctx.db, event.id, id),
  ]);
  return {
    place: {
      session: session
        ? {
            id: session.id,
            title: { en: session.titleEn, es: session.titleEs },
            startsAt: new Date(session.startsAt).toISOString(),
          }
        : null,
    },
    items: found.map((row) => ({
      person: presentPerson(ref, row),
      checkedInAt: new Date(row.checkedInAt).toISOString(),
    })),
    count: found.length,
    expected,
  };
}
