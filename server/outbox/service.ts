import type { Queryable } from '../db/client.ts';
import { notify } from '../db/client.ts';
import { outbox } from './tables.ts';

/** Instances listen here; a NOTIFY sent inside the enqueuing transaction is delivered at its commit. */
export const OUTBOX_CHANNEL = 'encuentro_outbox';

export type MailKind = 'sign_in' | 'invitation' | 'waitlist' | 'delegation_invitation' | 'bingo_prize';

export interface OutgoingMail {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
}

/**
 * Put mail in the outbox, inside the caller's transaction: the mail exists if
 * and only if the change that causes it commits. Every instance's worker is
 * woken at the commit; the poll catches what a missed notification leaves.
 */
export async function enqueueMail(tx: Queryable, now: Date, mails: OutgoingMail | OutgoingMail[]): Promise<void> {
  const list = Array.isArray(mails) ? mails : [mails];
  if (list.length === 0) return;
  await tx.insert(outbox).values(
    list.map((mail) => ({
      kind: mail.kind,
      recipient: mail.to,
      subject: mail.subject,
      body: mail.text,
      createdAt: now,
      dueAt: now,
    })),
  );
  await notify(tx, OUTBOX_CHANNEL, '');
}
