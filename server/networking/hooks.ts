import type { Tx } from '../db/client.ts';

/** A connection just recorded (a new pair, never a repeat). */
export interface ConnectionRecorded {
  id: string;
  eventId: string;
  scannerPersonId: string;
  scannedPersonId: string;
  personLow: string;
  personHigh: string;
  scannedAt: Date;
  receivedAt: Date;
}

/**
 * What other capabilities do when two people connect. The composition root
 * (server/app.ts) hands these to the networking service, so networking never
 * imports the capabilities that build on it (the bingo stamps cards here).
 */
export interface ConnectionHooks {
  /** Runs inside the transaction that records the connection: its writes commit or roll back with it. */
  inTransaction(tx: Tx, connection: ConnectionRecorded): Promise<void>;
  /** Runs after the commit (live messages). Must not throw. */
  afterCommit(connection: ConnectionRecorded): Promise<void>;
}
