import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/api/editing.ts';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, startTestInstances, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { ManualClock } from '../clock.ts';
import { rows } from '../db/client.ts';
import type { Mailer, MailMessage } from '../mail/mailer.ts';
import { enqueueMail, type OutgoingMail } from './service.ts';

const mailTo = (to: string, n = 0): OutgoingMail => ({ kind: 'sign_in', to, subject: `Hello ${n}`, text: `Body ${n}` });

describe.each(databaseKinds())('the mail outbox on %s', (kind) => {
  it('sends each message once when every instance works the outbox at the same time', async () => {
    const instances = await startTestInstances(kind);
    try {
      const [first] = instances.runtimes;
      const recipients = Array.from({ length: 40 }, (_, i) => `crowd${i}@outbox.example`);
      await first?.ctx.db.transaction((tx) =>
        enqueueMail(
          tx,
          new Date(),
          recipients.map((to, i) => mailTo(to, i)),
        ),
      );
      await Promise.all(instances.runtimes.map((runtime) => runtime.ctx.outbox.drain()));
      const sent = instances.runtimes.flatMap((runtime) => runtime.ctx.mailer.devMailbox ?? []);
      expect(sent.map((mail) => mail.to).sort()).toEqual([...recipients].sort());
      // Each carries the Message-ID of its row, so a copy sent again would be recognisable.
      expect(new Set(sent.map((mail) => mail.messageId)).size).toBe(recipients.length);
      const [left] = await rows<{ n: number }>(
        first?.ctx.db as NonNullable<typeof first>['ctx']['db'],
        sql`select count(*)::int as n from outbox where sent_at is null or body <> ''`,
      );
      expect(left?.n).toBe(0);
    } finally {
      await instances.close();
    }
  }, 120_000);

  describe('with a mail server that fails', () => {
    let t: TestApp;
    const clock = new ManualClock('2026-03-01T10:00:00Z');
    let failing = true;
    const delivered: MailMessage[] = [];
    const mailer: Mailer = {
      devMailbox: null,
      async send(message) {
        if (failing) throw new Error('421 mail server busy');
        delivered.push(message);
      },
    };
    beforeAll(async () => {
      t = await startTestApp(kind, { clock, mailer, loadDemo: false, outbox: { maxAttempts: 3 } });
    });
    afterAll(() => t?.close());

    it('sends nothing for a change that rolls back', async () => {
      await t.runtime.ctx.db
        .transaction(async (tx) => {
          await enqueueMail(tx, clock.now(), mailTo('never@outbox.example'));
          throw new Error('the change failed');
        })
        .catch(() => {});
      expect(await t.runtime.ctx.outbox.drain()).toBe(0);
      const [row] = await rows<{ n: number }>(t.runtime.ctx.db, sql`select count(*)::int as n from outbox`);
      expect(row?.n).toBe(0);
    });

    it('retries later and later, then gives up and shows staff in the audit log', async () => {
      await t.runtime.ctx.db.transaction((tx) => enqueueMail(tx, clock.now(), mailTo('busy@outbox.example')));
      // First attempt fails: the message waits 30 seconds, not less.
      expect(await t.runtime.ctx.outbox.drain()).toBe(1);
      clock.advance(29_000);
      await t.runtime.ctx.outbox.drain();
      const attempts = async () =>
        (await rows<{ attempts: number }>(t.runtime.ctx.db, sql`select attempts from outbox`))[0]?.attempts;
      expect(await attempts()).toBe(1);
      clock.advance(1_000);
      await t.runtime.ctx.outbox.drain();
      expect(await attempts()).toBe(2);
      // The second wait is longer (a minute); the third attempt is the last.
      clock.advance(30_000);
      await t.runtime.ctx.outbox.drain();
      expect(await attempts()).toBe(2);
      clock.advance(30_000);
      expect(await t.runtime.ctx.outbox.drain()).toBe(0);
      expect(await attempts()).toBe(3);
      expect(delivered).toEqual([]);

      const admin = await signedInAs(t.runtime.ctx, { email: 'staff@outbox.example', role: 'admin' });
      const audit = await t.app.inject({
        url: '/api/audit?entityType=mail',
        cookies: { encuentro_session: admin },
      });
      const [entry] = (audit.json() as { items: AuditEntry[] }).items;
      expect(entry?.label).toBe('sign_in → busy@outbox.example');
      expect(entry?.changes.delivery).toEqual({ before: 'pending', after: 'failed' });
      expect(entry?.changes.error?.after).toBe('421 mail server busy');
    });

    it('sends again, once, what a dead instance had claimed, after its lease', async () => {
      failing = false;
      // An instance claimed it (attempt 1, a lease of two minutes) and died before marking it sent.
      const [claimed] = await rows<{ id: string }>(
        t.runtime.ctx.db,
        sql`insert into outbox (kind, recipient, subject, body, created_at, due_at, attempts, locked_until)
            values ('sign_in', 'orphan@outbox.example', 'Hello', 'Body', ${clock.now()}, ${clock.now()}, 1,
                    ${new Date(clock.now().getTime() + 120_000)})
            returning id`,
      );
      expect(await t.runtime.ctx.outbox.drain()).toBe(1);
      expect(delivered).toEqual([]);
      clock.advance(120_000);
      expect(await t.runtime.ctx.outbox.drain()).toBe(0);
      expect(delivered.map((mail) => [mail.to, mail.messageId])).toEqual([
        ['orphan@outbox.example', `<${claimed?.id}@localhost>`],
      ]);
    });
  });
});
