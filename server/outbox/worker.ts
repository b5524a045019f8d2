import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import type { Mailer } from '../mail/mailer.ts';
import {
  auditGivingUp,
  type ClaimedMail,
  claimDueMail,
  markFailed,
  markRetry,
  markSent,
  pendingCount,
  purgeOldMail,
} from './queries.ts';
import { OUTBOX_CHANNEL } from './service.ts';

const MINUTE = 60_000;

export interface OutboxOptions {
  /**
   * How long a claim holds. An instance killed while sending leaves its
   * claims; after this long another instance sends them. Longer than any
   * send takes (nodemailer's own timeouts), shorter than anyone should wait.
   */
  leaseMs: number;
  /** The poll that finds what no notification announced (a retry come due, a lease run out). */
  pollMs: number;
  /** Messages claimed and sent together: also the most a crash can leave sent but not marked. */
  batchSize: number;
  /** After this many failed attempts the message is abandoned, logged and audited. */
  maxAttempts: number;
}

export const OUTBOX_DEFAULTS: OutboxOptions = { leaseMs: 2 * MINUTE, pollMs: 5_000, batchSize: 10, maxAttempts: 8 };

/** Sent and abandoned rows are kept this long for the record. */
const KEEP_DONE_MS = 7 * 24 * 60 * MINUTE;

/** Wait before the next attempt: 30 s, 1, 2, 4 … minutes, at most an hour. */
export const retryDelayMs = (attempts: number): number =>
  Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * MINUTE);

/**
 * Sends an outbox row that is not mail (a push notification), given by the
 * capability that writes such rows. Throwing retries it later, as for mail.
 */
export type OutboxSender = (message: ClaimedMail) => Promise<void>;

interface OutboxLog {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

const consoleLog: OutboxLog = {
  info: (message) => console.info(`[encuentro] ${message}`),
  error: (message, error) => console.error(`[encuentro] ${message}`, error ?? ''),
};

/**
 * The sender every instance runs: woken by the outbox's NOTIFY at each commit
 * that enqueued mail, and by a poll. It claims due rows for a lease, sends
 * them through the mailer with a Message-ID of the row, and marks them sent;
 * a failure is retried later, and given up after `maxAttempts`.
 */
export class OutboxWorker {
  readonly #options: OutboxOptions;
  readonly #domain: string;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = true;
  #timer: NodeJS.Timeout | null = null;
  #unlisten: (() => Promise<void>) | null = null;
  #lastPurge = 0;
  readonly #senders = new Map<string, OutboxSender>();
  readonly #roundWork: (() => Promise<void>)[] = [];

  constructor(
    private readonly database: Database,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    publicUrl: string,
    options: Partial<OutboxOptions> = {},
    private readonly log: OutboxLog = consoleLog,
  ) {
    this.#options = { ...OUTBOX_DEFAULTS, ...options };
    this.#domain = new URL(publicUrl).hostname || 'encuentro.localhost';
  }

  /** Rows of this kind (with a payload) are sent by `sender` instead of the mailer. */
  handle(kind: string, sender: OutboxSender): void {
    this.#senders.set(kind, sender);
  }

  /**
   * Work done at the start of every round, before claiming (writing the
   * reminders that came due into the outbox): at each poll and each wake.
   */
  everyRound(work: () => Promise<void>): void {
    this.#roundWork.push(work);
  }

  async start(): Promise<void> {
    this.#stopped = false;
    this.#unlisten = await this.database.listen(OUTBOX_CHANNEL, () => this.wake());
    this.#timer = setInterval(() => this.wake(), this.#options.pollMs);
    this.#timer.unref();
    // What earlier runs left: unsent mail, and claims of an instance that died.
    this.wake();
  }

  /** Look for due mail now (or as soon as the round under way ends). */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#rounds().finally(() => {
      this.#running = null;
    });
  }

  async #rounds(): Promise<void> {
    do {
      this.#again = false;
      try {
        for (const work of this.#roundWork) {
          if (!this.#stopped) await work().catch((error) => this.log.error('outbox round work failed', error));
        }
        while (!this.#stopped && (await this.#sendBatch()) > 0) {}
        await this.#purge();
      } catch (error) {
        // The database is away, say: the poll tries again.
        this.log.error('outbox round failed', error);
      }
    } while (this.#again && !this.#stopped);
  }

  /** One batch: claimed, sent together, each marked as it ends. Answers how many were claimed. */
  async #sendBatch(): Promise<number> {
    const now = this.clock.now();
    const { batchSize, leaseMs } = this.#options;
    const claimed = await claimDueMail(this.database.db, now, new Date(now.getTime() + leaseMs), batchSize, [
      ...this.#senders.keys(),
    ]);
    await Promise.all(claimed.map((mail) => this.#send(mail)));
    return claimed.length;
  }

  async #send(mail: ClaimedMail): Promise<void> {
    const db = this.database.db;
    const sender = mail.payload != null ? this.#senders.get(mail.kind) : undefined;
    try {
      if (sender) await sender(mail);
      else
        await this.mailer.send({
          to: mail.recipient,
          subject: mail.subject,
          text: mail.body,
          messageId: `<${mail.id}@${this.#domain}>`,
        });
    } catch (error) {
      const reason = error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500);
      const now = this.clock.now();
      if (mail.attempts >= this.#options.maxAttempts) {
        await db.transaction(async (tx) => {
          await markFailed(tx, mail.id, now, reason);
          await auditGivingUp(tx, mail, now, reason);
        });
        this.log.error(`mail ${mail.id} (${mail.kind}) given up after ${mail.attempts} attempts: ${reason}`);
      } else {
        await markRetry(db, mail.id, new Date(now.getTime() + retryDelayMs(mail.attempts)), reason);
        this.log.error(`mail ${mail.id} (${mail.kind}) not sent (attempt ${mail.attempts}), will retry: ${reason}`);
      }
      return;
    }
    // Between the send and this mark lies the at-least-once boundary: a crash here sends it again (same Message-ID).
    await markSent(db, mail.id, this.clock.now());
  }

  async #purge(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.#lastPurge < MINUTE && now >= this.#lastPurge) return;
    this.#lastPurge = now;
    await purgeOldMail(this.database.db, new Date(now - KEEP_DONE_MS));
  }

  /**
   * Send everything due now and wait until it is done: what a test awaits
   * before reading the mailbox. Answers how many messages still wait (not yet due).
   */
  async drain(): Promise<number> {
    while (this.#running) await this.#running;
    this.wake();
    while (this.#running) await this.#running;
    return pendingCount(this.database.db);
  }

  /** Stop claiming; the batch being sent is finished and marked (graceful shutdown). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    while (this.#running) await this.#running;
    await this.#unlisten?.().catch(() => {});
    this.#unlisten = null;
  }
}
