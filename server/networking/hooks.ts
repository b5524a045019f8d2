import type { SQL } from 'drizzle-orm';

/**
 * A connection just recorded: a new pair, or a pair that met already and now
 * sits at an earlier scan on the phones' clock (`moved`).
 */
export interface ConnectionRecorded {
  id: string;
  eventId: string;
  scannerPersonId: string;
  scannedPersonId: string;
  personLow: string;
  personHigh: string;
  scannedAt: Date;
  receivedAt: Date;
  /** The pair was connected before; this is its new, earlier moment. */
  moved: boolean;
}

/** What to do once the transaction has committed (live messages). Must not throw. */
export type AfterCommit = () => Promise<void>;

/**
 * What other capabilities do when people connect. The composition root
 * (server/app.ts) hands these to the networking service, so networking never
 * imports the capabilities that build on it (the bingo stamps cards here).
 *
 * Scans arriving together are recorded together, in one transaction of a few
 * statements (decision 0021); a capability joins two of them rather than
 * adding its own round trips.
 */
export interface ConnectionHooks {
  /**
   * Called before a batch's transaction opens (reading configuration here is
   * fine); undefined when the event gives this capability nothing to do.
   */
  forBatch(eventId: string): Promise<BatchHooks | undefined>;
}

export interface BatchHooks {
  /**
   * A JSON-valued SQL expression about these people (everyone the batch
   * involves), evaluated in the statement that reads the scans' facts, after
   * their attendances are locked: nothing else records a scan of theirs until
   * the commit, so it stays true meanwhile.
   */
  read(people: string[]): SQL;
  /**
   * The new connections in the order they were judged, and what `read`
   * returned: data-modifying statements (INSERT/UPDATE/DELETE, no RETURNING)
   * that run in the same statement as the connections' insert, so they commit
   * or roll back with them and may reference them (they cannot read them),
   * and what to do after the commit.
   */
  write(connections: ConnectionRecorded[], found: unknown): { writes: SQL[]; after?: AfterCommit };
}
