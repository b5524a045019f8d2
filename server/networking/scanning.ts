import type { ContactCard, ScanRejectionReason, ScanRequest } from '../../shared/api/networking.ts';
import { isBadgeCode, normalizeBadgeCode } from '../../shared/badge-code.ts';
import type { ConnectionMethod } from '../../shared/domain.ts';
import { requireSignedIn } from '../accounts/policy.ts';
import type { ServiceContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { reference } from '../directory/reference.ts';
import { AppError, notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import type { ConnectionHooks, ConnectionRecorded } from './hooks.ts';
import { contactCards, presentContactCard } from './presenter.ts';
import {
  insertConnectionWithReceipt,
  lockScanner,
  type PairFacts,
  type ReceiptValues,
  type StoredReceipt,
  selectEventAttendances,
  selectEventBySlug,
  selectPair,
  selectPairFacts,
  selectScanFacts,
} from './queries.ts';
import { matchRotatingCode } from './rotating-code.ts';
import { scanReceipts, usedRotatingCodes } from './tables.ts';

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
 *
 * The hot path of the bingo: a new pair costs the lock, one statement of
 * facts (receipt, pair, pace, the contact card to show), one that writes the
 * connection with its receipt, and the hooks.
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
  // Events change rarely; the read cache drops this on every change, on every instance.
  const event = await ctx.cache.get(`networking|event|${slug}`, () => selectEventBySlug(ctx.db, slug));
  if (!event) throw notFound('error.not_found.event', { slug });
  const receivedAt = ctx.clock.now();
  const scannedAt = new Date(input.scannedAt);
  const code = codeFromScan(input.code);

  const { decision, stored, card } = await ctx.db.transaction(async (tx) => {
    const scannerFacts = await lockScanner(tx, event.id, scanner, code);
    if (!scannerFacts) throw new AppError('forbidden', 'networking.error.not_attending', { slug });
    const rotating = scannerFacts.codeMode === 'rotating';
    const facts = await selectScanFacts(tx, {
      eventId: event.id,
      scanner,
      nonce: input.nonce,
      scanned: rotating ? null : scannerFacts.holder,
      at: scannedAt,
      seconds: rules.minSecondsBetweenConnections,
    });
    if (facts.receipt) return { decision: undefined, stored: facts.receipt, card: null };
    const receipt: ReceiptValues = {
      scannerPersonId: scanner,
      nonce: input.nonce,
      eventId: event.id,
      code: code.slice(0, 40),
      scannedPersonId: null,
      scannedAt,
      receivedAt,
    };
    const decision = await decide(tx, hooks, rules, {
      eventId: event.id,
      eventStartsOn: event.startsOn,
      scanner,
      code,
      method: input.method ?? 'short_code',
      scannedAt,
      receivedAt,
      rotating,
      holder: scannerFacts.holder,
      pairFacts: facts,
      receipt,
    });
    if (decision.outcome !== 'connected') {
      // A new connection's receipt was written with it.
      await tx.insert(scanReceipts).values({
        ...receipt,
        outcome: decision.outcome,
        reason: decision.outcome === 'rejected' ? decision.reason : null,
        connectionId: decision.outcome === 'repeat' ? decision.connectionId : null,
        scannedPersonId: decision.scanned ?? null,
      });
    }
    const stored: StoredReceipt = {
      outcome: decision.outcome,
      reason: decision.outcome === 'rejected' ? decision.reason : null,
      scannedPersonId: decision.scanned ?? null,
      scannedAt,
    };
    return { decision, stored, card: facts.card };
  });

  if (decision?.outcome === 'connected') {
    await hooks.afterCommit(decision.connection).catch(() => {});
  }
  if (stored.outcome === 'rejected' || !stored.scannedPersonId) {
    return {
      outcome: 'rejected',
      nonce: input.nonce,
      reason: (stored.reason ?? 'unknown_code') as ScanRejectionReason,
    };
  }
  const contact =
    card?.id === stored.scannedPersonId
      ? presentContactCard(await reference(ctx), card)
      : (await contactCards(ctx, ctx.db, [stored.scannedPersonId])).get(stored.scannedPersonId);
  if (!contact) return { outcome: 'rejected', nonce: input.nonce, reason: 'unknown_code' };
  return {
    outcome: stored.outcome,
    nonce: input.nonce,
    scannedAt: new Date(stored.scannedAt).toISOString(),
    contact,
  };
}

interface ScanFacts {
  eventId: string;
  eventStartsOn: string;
  scanner: string;
  code: string;
  method: 'badge_qr' | 'short_code';
  scannedAt: Date;
  receivedAt: Date;
  rotating: boolean;
  /** Who holds the code as a printed badge code (read with the lock). */
  holder: string | null;
  /** The pair and the pace rule for `holder`, read after the lock (printed codes only). */
  pairFacts: PairFacts;
  receipt: ReceiptValues;
}

async function decide(tx: Tx, hooks: ConnectionHooks, rules: ScanRules, facts: ScanFacts): Promise<Decision> {
  const { eventId, scanner, code, scannedAt, receivedAt, rotating } = facts;
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

  let scanned: string;
  let method: ConnectionMethod = facts.method;
  let pairFacts = facts.pairFacts;
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
    if (scanned !== scanner) {
      pairFacts = await selectPairFacts(tx, eventId, scanner, scanned, scannedAt, rules.minSecondsBetweenConnections);
    }
  } else {
    // A printed code was looked up by its index with the lock.
    if (!facts.holder) return { outcome: 'rejected', reason: 'unknown_code' };
    scanned = facts.holder;
  }
  if (scanned === scanner) return { outcome: 'rejected', reason: 'self', scanned };

  const [low, high] = scanner < scanned ? [scanner, scanned] : [scanned, scanner];
  const existing = pairFacts.pair;
  if (!existing && pairFacts.near) return { outcome: 'rejected', reason: 'too_fast', scanned };
  if (rotating) {
    // Each rotating code counts once: a screenshot passed around is worth nothing after the first scan.
    const used = await tx
      .insert(usedRotatingCodes)
      .values({ eventId, code, usedAt: receivedAt })
      .onConflictDoNothing()
      .returning();
    if (used.length === 0) return { outcome: 'rejected', reason: 'reused', scanned };
  }
  if (existing) return { outcome: 'repeat', scanned, connectionId: existing };

  const inserted = await insertConnectionWithReceipt(
    tx,
    { low, high, method },
    { ...facts.receipt, scannedPersonId: scanned },
  );
  if (!inserted) {
    // The other side scanned at the same moment and committed first.
    const raced = await selectPair(tx, eventId, low, high);
    return { outcome: 'repeat', scanned, connectionId: (raced as NonNullable<typeof raced>).id };
  }
  const connection: ConnectionRecorded = {
    id: inserted,
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
