import type { ScanRejectionReason } from '../../shared/api/networking.ts';
import { isBadgeCode } from '../../shared/badge-code.ts';
import type { ConnectionMethod } from '../../shared/domain.ts';

/** One scan as it reached the server. */
export interface IncomingScan {
  scanner: string;
  nonce: string;
  /** Normalised (codeFromScan). */
  code: string;
  method: 'badge_qr' | 'short_code';
  /** The phone's time. */
  scannedAt: Date;
  receivedAt: Date;
}

/** Whom a scan's code names, found before the decision (printed codes by index, rotating codes by derivation). */
export type CodeHolder =
  | { kind: 'holder'; personId: string }
  | { kind: 'expired'; personId: string }
  | { kind: 'printed_while_rotating'; personId: string }
  | { kind: 'unknown' };

export interface StoredReceipt {
  outcome: 'connected' | 'repeat' | 'rejected';
  reason: string | null;
  scannedPersonId: string | null;
  scannedAt: Date | string;
  /** The code the scan carried (normalised, cut to the stored length). */
  code: string;
}

/** A pair already connected: its connection and the phone's time it is placed at. */
export interface StoredPair {
  id: string;
  scannedAt: Date | string;
}

/** What the database held for a batch, read after its attendances were locked. */
export interface BatchFacts {
  eventStartsOn: string;
  rotating: boolean;
  /** Scanners whose attendance exists (and is locked). */
  attending: Set<string>;
  /** Per scan, in order: whom its code names. */
  holders: CodeHolder[];
  /** Answers already given, by receiptKey. */
  receipts: Map<string, StoredReceipt>;
  /** Connections already recorded, by pairKey. */
  pairs: Map<string, StoredPair>;
  /** Indexes of the scans whose scanner added a connection within the pace window of the scan. */
  near: Set<number>;
  /** Rotating codes already used at this event. */
  usedCodes: Set<string>;
  /** How many more codes that name nobody each scanner may try now (guess-throttle.ts); absent: no limit. */
  guessesLeft?: Map<string, number>;
}

export interface PaceRules {
  minSecondsBetweenConnections: number;
  allowedClockSkewSeconds: number;
}

export type ScanDecision =
  /** The scanner does not attend the event: no receipt, the request is refused. */
  | { outcome: 'not_attending' }
  /** Too many codes that named nobody lately: no receipt, the request is refused (429) and may come again. */
  | { outcome: 'throttled' }
  /** The nonce was answered before, for the same scan: that answer, unchanged. */
  | { outcome: 'stored'; receipt: StoredReceipt }
  /** The nonce was answered before for another scan (another code or time): refused (409), nothing recorded. */
  | { outcome: 'nonce_conflict'; receipt: StoredReceipt }
  | { outcome: 'connected'; scanned: string; connection: NewConnection }
  /**
   * The pair had met already. When this scan was made earlier on the phones' clock than the scan the
   * connection holds, the connection moves to this scan (`earlier`): a pair meets at the first moment
   * either phone saw the other, whichever phone uploaded first.
   */
  | { outcome: 'repeat'; scanned: string; connectionId: string; earlier?: NewConnection }
  | { outcome: 'rejected'; reason: ScanRejectionReason; scanned?: string };

export interface NewConnection {
  id: string;
  low: string;
  high: string;
  scanner: string;
  scanned: string;
  method: ConnectionMethod;
  scannedAt: Date;
  receivedAt: Date;
}

export const receiptKey = (scanner: string, nonce: string): string => `${scanner}\u0000${nonce}`;
export const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Receipts keep this much of a scan's code. */
export const RECEIPT_CODE_LENGTH = 40;

/** Whether a scan is the one a receipt answered: the same code at the same moment on the phone. */
export function sameScan(receipt: StoredReceipt, scan: IncomingScan): boolean {
  return (
    receipt.code === scan.code.slice(0, RECEIPT_CODE_LENGTH) &&
    new Date(receipt.scannedAt).getTime() === scan.scannedAt.getTime()
  );
}

/**
 * Judge a batch of scans in arrival order, as if each had been recorded
 * alone one after the other: a scan sees the answers, connections and used
 * codes of the scans before it in the batch as well as those in the database.
 * Pure: `newId` names each new connection.
 */
export function decideScans(
  scans: IncomingScan[],
  facts: BatchFacts,
  rules: PaceRules,
  newId: () => string,
): ScanDecision[] {
  const receipts = new Map(facts.receipts);
  const pairs = new Map(facts.pairs);
  const usedCodes = new Set(facts.usedCodes);
  const guessesLeft = new Map(facts.guessesLeft);
  /** Device times of the connections each scanner added in this batch. */
  const added = new Map<string, number[]>();
  // A phone's time is trusted for order and pace, within sanity bounds:
  // not ahead of the server beyond the skew, not before the event (a day's margin covers every zone).
  const earliest = Date.parse(`${facts.eventStartsOn}T00:00:00Z`) - 24 * 3600 * 1000;
  const window = rules.minSecondsBetweenConnections * 1000;

  return scans.map((scan, index): ScanDecision => {
    if (!facts.attending.has(scan.scanner)) return { outcome: 'not_attending' };
    const key = receiptKey(scan.scanner, scan.nonce);
    const stored = receipts.get(key);
    // A nonce names one scan: a retry gets its answer back, another scan under it is refused, never
    // answered with the first scan's result (the phone would show the wrong person, the new scan lost).
    if (stored)
      return sameScan(stored, scan)
        ? { outcome: 'stored', receipt: stored }
        : { outcome: 'nonce_conflict', receipt: stored };
    const decision = judge(scan, index);
    if (decision.outcome === 'rejected' && decision.reason === 'unknown_code') {
      // Checked here as well as before the batch: scans queued together must not all slip past the limit.
      const left = guessesLeft.get(scan.scanner) ?? Number.POSITIVE_INFINITY;
      if (left <= 0) return { outcome: 'throttled' };
      guessesLeft.set(scan.scanner, left - 1);
    }
    receipts.set(key, {
      outcome: decision.outcome as StoredReceipt['outcome'],
      reason: decision.outcome === 'rejected' ? decision.reason : null,
      scannedPersonId: 'scanned' in decision ? (decision.scanned ?? null) : null,
      scannedAt: scan.scannedAt,
      code: scan.code.slice(0, RECEIPT_CODE_LENGTH),
    });
    return decision;
  });

  function judge(scan: IncomingScan, index: number): ScanDecision {
    const at = scan.scannedAt.getTime();
    if (at > scan.receivedAt.getTime() + rules.allowedClockSkewSeconds * 1000 || at < earliest) {
      return { outcome: 'rejected', reason: 'bad_time' };
    }
    if (!isBadgeCode(scan.code)) return { outcome: 'rejected', reason: 'unknown_code' };
    const holder = facts.holders[index] ?? { kind: 'unknown' };
    switch (holder.kind) {
      case 'unknown':
        return { outcome: 'rejected', reason: 'unknown_code' };
      case 'printed_while_rotating':
        return { outcome: 'rejected', reason: 'rotating_required', scanned: holder.personId };
      case 'expired':
        return { outcome: 'rejected', reason: 'expired', scanned: holder.personId };
    }
    const scanned = holder.personId;
    if (scanned === scan.scanner) return { outcome: 'rejected', reason: 'self', scanned };

    const existing = pairs.get(pairKey(scan.scanner, scanned));
    const near =
      facts.near.has(index) || (added.get(scan.scanner) ?? []).some((other) => Math.abs(other - at) < window);
    if (!existing && near) return { outcome: 'rejected', reason: 'too_fast', scanned };
    if (facts.rotating) {
      // Each rotating code counts once: a screenshot passed around is worth nothing after the first scan.
      if (usedCodes.has(scan.code)) return { outcome: 'rejected', reason: 'reused', scanned };
      usedCodes.add(scan.code);
    }
    const [low, high] = scan.scanner < scanned ? [scan.scanner, scanned] : [scanned, scan.scanner];
    const connectionAt = (id: string): NewConnection => ({
      id,
      low,
      high,
      scanner: scan.scanner,
      scanned,
      method: facts.rotating ? 'rotating_code' : scan.method,
      scannedAt: scan.scannedAt,
      receivedAt: scan.receivedAt,
    });
    if (existing) {
      if (at >= new Date(existing.scannedAt).getTime())
        return { outcome: 'repeat', scanned, connectionId: existing.id };
      const earlier = connectionAt(existing.id);
      pairs.set(pairKey(low, high), { id: existing.id, scannedAt: scan.scannedAt });
      added.set(scan.scanner, [...(added.get(scan.scanner) ?? []), at]);
      return { outcome: 'repeat', scanned, connectionId: existing.id, earlier };
    }
    const connection = connectionAt(newId());
    pairs.set(pairKey(low, high), { id: connection.id, scannedAt: scan.scannedAt });
    added.set(scan.scanner, [...(added.get(scan.scanner) ?? []), at]);
    return { outcome: 'connected', scanned, connection };
  }
}
