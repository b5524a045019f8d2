import { randomUUID } from 'node:crypto';
import type { ContactCard, ScanRejectionReason, ScanRequest } from '../../shared/api/networking.ts';
import { isBadgeCode, normalizeBadgeCode } from '../../shared/badge-code.ts';
import { requireSignedIn } from '../accounts/policy.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { Batcher, type Settled } from '../db/batcher.ts';
import { reference } from '../directory/reference.ts';
import { AppError, notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import {
  type BatchFacts,
  type CodeHolder,
  decideScans,
  type IncomingScan,
  pairKey,
  RECEIPT_CODE_LENGTH,
  receiptKey,
  type ScanDecision,
} from './decide.ts';
import { GuessThrottle } from './guess-throttle.ts';
import type { ConnectionHooks, ConnectionRecorded } from './hooks.ts';
import { contactCards, presentContactCard } from './presenter.ts';
import {
  type CardRow,
  type ConnectionRow,
  insertScanResults,
  lockAttendances,
  type ReceiptRow,
  selectBatchFacts,
  selectCodeMode,
  selectEventAttendances,
  selectEventBySlug,
} from './queries.ts';
import { matchRotatingCode } from './rotating-code.ts';

/** The fair-play settings; tests and venues may change them. */
export interface ScanRules {
  /** At most one new connection per this many seconds per scanner, on the phone's clock. */
  minSecondsBetweenConnections: number;
  /** How far ahead of the server's clock a phone's time may be. */
  allowedClockSkewSeconds: number;
  /** Codes that name nobody a scanner may try in a minute before their scans are refused (guess-throttle.ts). */
  maxUnknownCodesPerMinute: number;
}

export const DEFAULT_SCAN_RULES: ScanRules = {
  minSecondsBetweenConnections: 5,
  allowedClockSkewSeconds: 120,
  maxUnknownCodesPerMinute: 10,
};

export const NO_HOOKS: ConnectionHooks = { forBatch: async () => undefined };

/** Scans recorded in one transaction at most. */
const MAX_BATCH = 100;

export type ScanAnswer =
  | { outcome: 'connected' | 'repeat'; nonce: string; scannedAt: string; contact: ContactCard }
  | { outcome: 'rejected'; nonce: string; reason: ScanRejectionReason };

/** A QR holds the connect URL; a typed code is the code itself. */
export function codeFromScan(scanned: string): string {
  const trimmed = scanned.trim();
  const fromUrl = /\/connect\/[^/]+\/([^/?#]+)/.exec(trimmed)?.[1];
  return normalizeBadgeCode(fromUrl ? decodeURIComponent(fromUrl) : trimmed);
}

interface QueuedScan extends IncomingScan {
  eventId: string;
  eventStartsOn: string;
}

interface Recorded {
  decision: ScanDecision;
  /** The contact card of the person the code named, when known. */
  card: CardRow | null;
}

/**
 * Records the scans of one app instance. Scans that arrive while a batch is
 * being recorded wait and are recorded together by the next one, in one
 * transaction: at a venue's peak a few statements and one commit serve dozens
 * of scans, and a lone scan still goes at once (decision 0021).
 *
 * A batch locks the attendances of everyone it involves (scanners and the
 * people their codes name) in id order, reads what the database holds about
 * those scans, judges them in arrival order (decide.ts), and writes the
 * connections, the receipts and what the hooks add. Every answer waits for
 * the commit. When a batch fails, its scans are recorded again one by one, so
 * one scan's trouble is nobody else's.
 */
export class ScanRecorder {
  private readonly batcher: Batcher<QueuedScan, Recorded>;
  private readonly guesses: GuessThrottle;
  /** Live messages of committed batches still being sent. */
  private readonly sending = new Set<Promise<void>>();

  constructor(
    private readonly ctx: AppContext,
    private readonly hooks: ConnectionHooks,
    private readonly rules: ScanRules,
  ) {
    this.guesses = new GuessThrottle(rules.maxUnknownCodesPerMinute);
    this.batcher = new Batcher((scans) => this.recordAll(scans), {
      maxBatch: MAX_BATCH,
      // One batch at a time: PGlite runs one statement at a time anyway, and on PostgreSQL a second batch
      // of the same event mostly waits on the first one's locks (measured in decision 0021).
      maxInFlight: 1,
      key: (scan) => scan.eventId,
    });
  }

  record(scan: QueuedScan): Promise<Recorded> {
    // A scanner past the limit is turned away before the batch: a flood of guesses costs no statement.
    if (this.guesses.left(scan.scanner, scan.receivedAt) <= 0) return Promise.reject(this.tooManyGuesses());
    return this.batcher.submit(scan);
  }

  tooManyGuesses(): AppError {
    return new AppError('rate_limited', 'networking.error.too_many_unknown_codes', { count: this.guesses.limit });
  }

  /**
   * Resolves when every scan handed in so far is recorded and its live
   * messages are sent: a stopping instance waits for this before it closes
   * the database.
   */
  async drain(): Promise<void> {
    await this.batcher.idle();
    await Promise.all(this.sending);
  }

  private async recordAll(scans: QueuedScan[]): Promise<Settled<Recorded>[]> {
    try {
      return await this.recordTogether(scans);
    } catch (error) {
      if (scans.length === 1) return [{ ok: false, error }];
    }
    const results: Settled<Recorded>[] = [];
    for (const scan of scans) {
      try {
        results.push(...(await this.recordTogether([scan])));
      } catch (error) {
        results.push({ ok: false, error });
      }
    }
    return results;
  }

  private async recordTogether(scans: QueuedScan[]): Promise<Settled<Recorded>[]> {
    const { ctx, rules } = this;
    const { eventId, eventStartsOn } = scans[0] as QueuedScan;
    // The game's code mode is configuration: cached, and dropped on every instance when the game changes.
    const rotating =
      (await ctx.cache.get(`networking|codes|${eventId}`, () => selectCodeMode(ctx.db, eventId))) === 'rotating';
    const holders = rotating ? await rotatingHolders(ctx, eventId, scans) : undefined;
    const hooks = await this.hooks.forBatch(eventId);

    const { decisions, cards, after } = await ctx.db.transaction(async (tx) => {
      const people = new Set(scans.map((scan) => scan.scanner));
      for (const holder of holders ?? []) if (holder.kind === 'holder') people.add(holder.personId);
      const printed = rotating ? [] : [...new Set(scans.map((scan) => scan.code).filter(isBadgeCode))];
      const locked = await lockAttendances(tx, eventId, [...people], printed);
      const byCode = new Map(locked.map((row) => [row.badgeCode, row.personId]));
      const named: CodeHolder[] =
        holders ??
        scans.map((scan) => {
          const personId = byCode.get(scan.code);
          return personId ? { kind: 'holder', personId } : { kind: 'unknown' };
        });

      const stored = await selectBatchFacts(tx, {
        eventId,
        scans: scans.map((scan, i) => {
          const holder = named[i] as CodeHolder;
          return {
            i,
            scanner: scan.scanner,
            nonce: scan.nonce,
            scanned: holder.kind === 'holder' ? holder.personId : null,
            at: scan.scannedAt.toISOString(),
          };
        }),
        seconds: rules.minSecondsBetweenConnections,
        rotatingCodes: rotating ? [...new Set(scans.map((scan) => scan.code))] : [],
        hooks: hooks?.read(locked.map((row) => row.personId)),
      });
      const scanOf = (i: number) => scans[i] as QueuedScan;
      const facts: BatchFacts = {
        eventStartsOn,
        rotating,
        attending: new Set(locked.map((row) => row.personId)),
        holders: named,
        receipts: new Map(
          stored.receipts.map(({ i, ...receipt }) => [receiptKey(scanOf(i).scanner, scanOf(i).nonce), receipt]),
        ),
        pairs: new Map(
          stored.pairs.map(({ i, id, scannedAt }) => [
            pairKey(scanOf(i).scanner, (named[i] as { personId: string }).personId),
            { id, scannedAt },
          ]),
        ),
        near: new Set(stored.near),
        usedCodes: new Set(stored.used),
        guessesLeft: new Map(
          [...new Set(scans.map((scan) => scan.scanner))].map((scanner) => [
            scanner,
            this.guesses.left(scanner, ctx.clock.now()),
          ]),
        ),
      };
      const decisions = decideScans(scans, facts, rules, randomUUID);
      const recorded = decisions.flatMap((decision): ConnectionRecorded[] => {
        const connection =
          decision.outcome === 'connected'
            ? decision.connection
            : decision.outcome === 'repeat'
              ? decision.earlier
              : undefined;
        if (!connection) return [];
        return [
          {
            id: connection.id,
            eventId,
            scannerPersonId: connection.scanner,
            scannedPersonId: connection.scanned,
            personLow: connection.low,
            personHigh: connection.high,
            scannedAt: connection.scannedAt,
            receivedAt: connection.receivedAt,
            moved: decision.outcome === 'repeat',
          },
        ];
      });
      const joined = hooks && recorded.length > 0 ? hooks.write(recorded, stored.hooks) : undefined;
      await insertScanResults(tx, eventId, {
        ...writesOf(scans, decisions, rotating),
        alongside: joined?.writes ?? [],
      });
      return { decisions, cards: new Map(stored.cards.map((card) => [card.id, card])), after: joined?.after };
    });

    // Counted once committed: a batch that fails is recorded again one by one and must not count twice.
    decisions.forEach((decision, i) => {
      if (decision.outcome === 'rejected' && decision.reason === 'unknown_code') {
        const scan = scans[i] as QueuedScan;
        this.guesses.note(scan.scanner, scan.receivedAt);
      }
    });
    // Live messages leave after the commit; the answers need not wait for them.
    if (after) {
      const sent = after().catch(() => {});
      this.sending.add(sent);
      void sent.then(() => this.sending.delete(sent));
    }
    return decisions.map((decision) => {
      const scanned =
        decision.outcome === 'stored'
          ? decision.receipt.scannedPersonId
          : decision.outcome === 'not_attending' ||
              decision.outcome === 'throttled' ||
              decision.outcome === 'nonce_conflict'
            ? null
            : (decision.scanned ?? null);
      return { ok: true, value: { decision, card: (scanned && cards.get(scanned)) || null } };
    });
  }
}

/** The rows a batch's decisions write: new connections, a receipt per scan judged, rotating codes used. */
function writesOf(scans: QueuedScan[], decisions: ScanDecision[], rotating: boolean) {
  const connections: ConnectionRow[] = [];
  const moved: ConnectionRow[] = [];
  const receipts: ReceiptRow[] = [];
  const usedCodes: { code: string; usedAt: string }[] = [];
  decisions.forEach((decision, i) => {
    const scan = scans[i] as QueuedScan;
    if (
      decision.outcome === 'not_attending' ||
      decision.outcome === 'throttled' ||
      decision.outcome === 'stored' ||
      decision.outcome === 'nonce_conflict'
    ) {
      return;
    }
    receipts.push({
      scanner: scan.scanner,
      nonce: scan.nonce,
      code: scan.code.slice(0, RECEIPT_CODE_LENGTH),
      outcome: decision.outcome,
      reason: decision.outcome === 'rejected' ? decision.reason : null,
      connectionId:
        decision.outcome === 'connected'
          ? decision.connection.id
          : decision.outcome === 'repeat'
            ? decision.connectionId
            : null,
      scanned: decision.scanned ?? null,
      scannedAt: scan.scannedAt.toISOString(),
      receivedAt: scan.receivedAt.toISOString(),
    });
    if (rotating && decision.outcome !== 'rejected') {
      usedCodes.push({ code: scan.code, usedAt: scan.receivedAt.toISOString() });
    }
    const connection =
      decision.outcome === 'connected'
        ? decision.connection
        : decision.outcome === 'repeat'
          ? decision.earlier
          : undefined;
    if (connection) {
      (decision.outcome === 'connected' ? connections : moved).push({
        ...connection,
        scannedAt: connection.scannedAt.toISOString(),
        receivedAt: connection.receivedAt.toISOString(),
      });
    }
  });
  return { connections, moved, receipts, usedCodes };
}

/**
 * A rotating code names nobody by itself: each attendee's current codes are
 * derived and compared. Read before the batch's transaction (the secrets do
 * not change while people scan), so the holders can be locked with the scanners.
 */
async function rotatingHolders(ctx: AppContext, eventId: string, scans: QueuedScan[]): Promise<CodeHolder[]> {
  const attendees = await selectEventAttendances(ctx.db, eventId);
  return scans.map((scan): CodeHolder => {
    if (!isBadgeCode(scan.code)) return { kind: 'unknown' };
    const match = matchRotatingCode(attendees, scan.code, scan.scannedAt);
    if (!match) {
      const printed = attendees.find((a) => a.badgeCode === scan.code);
      return printed ? { kind: 'printed_while_rotating', personId: printed.personId } : { kind: 'unknown' };
    }
    return { kind: match.current ? 'holder' : 'expired', personId: match.holder.personId };
  });
}

/**
 * Record one scan (POST /api/events/:slug/connections). The answer is stored
 * under the nonce in the same transaction as the connection, so a retry gets
 * it back unchanged; it is sent only once committed.
 */
export async function recordScan(
  ctx: ServiceContext,
  recorder: ScanRecorder,
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

  const { decision, card } = await recorder.record({
    eventId: event.id,
    eventStartsOn: event.startsOn,
    scanner,
    nonce: input.nonce,
    code: codeFromScan(input.code),
    method: input.method ?? 'short_code',
    scannedAt: new Date(input.scannedAt),
    receivedAt: ctx.clock.now(),
  });
  if (decision.outcome === 'not_attending') throw new AppError('forbidden', 'networking.error.not_attending', { slug });
  if (decision.outcome === 'throttled') throw recorder.tooManyGuesses();
  if (decision.outcome === 'nonce_conflict') {
    throw new AppError('conflict', 'networking.error.nonce_reused', {
      nonce: input.nonce,
      scannedAt: new Date(decision.receipt.scannedAt).toISOString(),
    });
  }
  const stored =
    decision.outcome === 'stored'
      ? decision.receipt
      : {
          outcome: decision.outcome,
          reason: decision.outcome === 'rejected' ? decision.reason : null,
          scannedPersonId: decision.outcome === 'rejected' ? (decision.scanned ?? null) : decision.scanned,
          scannedAt: input.scannedAt,
        };
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
