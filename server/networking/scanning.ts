import type { ContactCard, ScanRejectionReason, ScanRequest } from '../../shared/api/networking.ts';
import { isBadgeCode, normalizeBadgeCode } from '../../shared/badge-code.ts';
import type { ConnectionMethod } from '../../shared/domain.ts';
import { requireSignedIn } from '../accounts/policy.ts';
import type { ServiceContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { attendanceByBadge } from '../delegations/attendance.ts';
import { AppError, notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import type { ConnectionHooks, ConnectionRecorded } from './hooks.ts';
import { contactCards } from './presenter.ts';
import {
  addedNear,
  lockAttendance,
  selectCodeMode,
  selectEventAttendances,
  selectEventBySlug,
  selectPair,
  selectReceipt,
} from './queries.ts';
import { matchRotatingCode } from './rotating-code.ts';
import { connections, scanReceipts, usedRotatingCodes } from './tables.ts';

/** The fair-play settings; tests and venues may change them. */
export interface ScanRules {
  /** At most one new connection per this many seconds per scanner, on the phone's clock. */
  minSecondsBetweenConnections: number;
  /** How far ahead of the server's clock a phone's time may be. */
  allowedClockSkewSeconds: number;
}

export const DEFAULT_SCAN_RULES: ScanRules = { minSecondsBetweenConnections: 5, allowedClockSkewSeconds: 120 };

export const NO_HOOKS: ConnectionHooks = { inTransaction: async () => {}, afterCommit: async () => {} };

export type ScanAnswer =
  | { outcome: 'connected' | 'repeat'; nonce: string; scannedAt: string; contact: ContactCard }
  | { outcome: 'rejected'; nonce: string; reason: ScanRejectionReason };

type Decision =
  | { outcome: 'connected'; scanned: string; connection: ConnectionRecorded }
  | { outcome: 'repeat'; scanned: string; connectionId: string }
  | { outcome: 'rejected'; reason: ScanRejectionReason; scanned?: string };

/** A QR holds the connect URL; a typed code is the code itself. */
export function codeFromScan(scanned: string): string {
  const trimmed = scanned.trim();
  const fromUrl = /\/connect\/[^/]+\/([^/?#]+)/.exec(trimmed)?.[1];
  return normalizeBadgeCode(fromUrl ? decodeURIComponent(fromUrl) : trimmed);
}

/**
 * Record one scan. The scanner's attendance row is locked first, so scans of
 * one person are judged one at a time (the rate rule and the nonce check
 * cannot race); the pair's unique index settles A→B against B→A. The answer
 * is stored under the nonce in the same transaction, so a retry gets it back.
 */
export async function recordScan(
  ctx: ServiceContext,
  hooks: ConnectionHooks,
  rules: ScanRules,
  viewer: Viewer | null,
  slug: string,
  input: ScanRequest,
): Promise<ScanAnswer> {
  const signedIn = requireSignedIn(viewer);
  const scanner = signedIn.personId;
  if (!scanner) throw new AppError('forbidden', 'networking.error.no_person');
  const event = await selectEventBySlug(ctx.db, slug);
  if (!event) throw notFound('error.not_found.event', { slug });
  const receivedAt = ctx.clock.now();
  const scannedAt = new Date(input.scannedAt);

  const { decision, receipt } = await ctx.db.transaction(async (tx) => {
    const attendance = await lockAttendance(tx, event.id, scanner);
    if (!attendance) throw new AppError('forbidden', 'networking.error.not_attending', { slug });
    const stored = await selectReceipt(tx, scanner, input.nonce);
    if (stored) return { decision: undefined, receipt: stored };
    const code = codeFromScan(input.code);
    const decision = await decide(tx, hooks, rules, {
      eventId: event.id,
      eventStartsOn: event.startsOn,
      scanner,
      code,
      method: input.method ?? 'short_code',
      scannedAt,
      receivedAt,
    });
    const [receipt] = await tx
      .insert(scanReceipts)
      .values({
        scannerPersonId: scanner,
        nonce: input.nonce,
        eventId: event.id,
        code: code.slice(0, 40),
        outcome: decision.outcome,
        reason: decision.outcome === 'rejected' ? decision.reason : null,
        connectionId:
          decision.outcome === 'connected'
            ? decision.connection.id
            : decision.outcome === 'repeat'
              ? decision.connectionId
              : null,
        scannedPersonId: decision.scanned ?? null,
        scannedAt,
        receivedAt,
      })
      .returning();
    return { decision, receipt: receipt as NonNullable<typeof receipt> };
  });

  if (decision?.outcome === 'connected') {
    await hooks.afterCommit(decision.connection).catch(() => {});
  }
  if (receipt.outcome === 'rejected' || !receipt.scannedPersonId) {
    return {
      outcome: 'rejected',
      nonce: receipt.nonce,
      reason: (receipt.reason ?? 'unknown_code') as ScanRejectionReason,
    };
  }
  const cards = await contactCards(ctx, ctx.db, [receipt.scannedPersonId]);
  const contact = cards.get(receipt.scannedPersonId);
  if (!contact) return { outcome: 'rejected', nonce: receipt.nonce, reason: 'unknown_code' };
  return { outcome: receipt.outcome, nonce: receipt.nonce, scannedAt: receipt.scannedAt.toISOString(), contact };
}

interface ScanFacts {
  eventId: string;
  eventStartsOn: string;
  scanner: string;
  code: string;
  method: 'badge_qr' | 'short_code';
  scannedAt: Date;
  receivedAt: Date;
}

async function decide(tx: Tx, hooks: ConnectionHooks, rules: ScanRules, facts: ScanFacts): Promise<Decision> {
  const { eventId, scanner, code, scannedAt, receivedAt } = facts;
  // A phone's time is trusted for order and pace, within sanity bounds:
  // not ahead of the server beyond the skew, not before the event (a day's margin covers every zone).
  const eventStart = Date.parse(`${facts.eventStartsOn}T00:00:00Z`) - 24 * 3600 * 1000;
  if (
    scannedAt.getTime() > receivedAt.getTime() + rules.allowedClockSkewSeconds * 1000 ||
    scannedAt.getTime() < eventStart
  ) {
    return { outcome: 'rejected', reason: 'bad_time' };
  }
  if (!isBadgeCode(code)) return { outcome: 'rejected', reason: 'unknown_code' };

  const rotating = (await selectCodeMode(tx, eventId)) === 'rotating';
  let scanned: string;
  let method: ConnectionMethod = facts.method;
  if (rotating) {
    // A rotating code names nobody by itself: each attendee's current codes are derived and compared.
    const attendees = await selectEventAttendances(tx, eventId);
    const match = matchRotatingCode(attendees, code, scannedAt);
    if (!match) {
      const printed = attendees.find((a) => a.badgeCode === code);
      return printed
        ? { outcome: 'rejected', reason: 'rotating_required', scanned: printed.personId }
        : { outcome: 'rejected', reason: 'unknown_code' };
    }
    if (!match.current) return { outcome: 'rejected', reason: 'expired', scanned: match.holder.personId };
    scanned = match.holder.personId;
    method = 'rotating_code';
  } else {
    // A printed code is looked up by its index: no need to read the whole room.
    const holder = await attendanceByBadge(tx, eventId, code);
    if (!holder) return { outcome: 'rejected', reason: 'unknown_code' };
    scanned = holder.personId;
  }
  if (scanned === scanner) return { outcome: 'rejected', reason: 'self', scanned };

  const [low, high] = scanner < scanned ? [scanner, scanned] : [scanned, scanner];
  const existing = await selectPair(tx, eventId, low, high);
  if (!existing && (await addedNear(tx, eventId, scanner, scannedAt, rules.minSecondsBetweenConnections))) {
    return { outcome: 'rejected', reason: 'too_fast', scanned };
  }
  if (rotating) {
    // Each rotating code counts once: a screenshot passed around is worth nothing after the first scan.
    const used = await tx
      .insert(usedRotatingCodes)
      .values({ eventId, code, usedAt: receivedAt })
      .onConflictDoNothing()
      .returning();
    if (used.length === 0) return { outcome: 'rejected', reason: 'reused', scanned };
  }
  if (existing) return { outcome: 'repeat', scanned, connectionId: existing.id };

  const [inserted] = await tx
    .insert(connections)
    .values({ eventId, personLow: low, personHigh: high, scannerPersonId: scanner, method, scannedAt, receivedAt })
    .onConflictDoNothing()
    .returning();
  if (!inserted) {
    // The other side scanned at the same moment and committed first.
    const raced = await selectPair(tx, eventId, low, high);
    return { outcome: 'repeat', scanned, connectionId: (raced as NonNullable<typeof raced>).id };
  }
  const connection: ConnectionRecorded = {
    id: inserted.id,
    eventId,
    scannerPersonId: scanner,
    scannedPersonId: scanned,
    personLow: low,
    personHigh: high,
    scannedAt,
    receivedAt,
  };
  await hooks.inTransaction(tx, connection);
  return { outcome: 'connected', scanned, connection };
}
