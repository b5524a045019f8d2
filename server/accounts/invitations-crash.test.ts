import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase } from '../../test/databases.ts';
import { startServer } from '../../test/server.ts';
import { type Database, openDatabase, rows } from '../db/client.ts';
import { OUTBOX_DEFAULTS } from '../outbox/worker.ts';
import { startRuntime } from '../runtime.ts';
import { invite } from './invitations.ts';

/** A local SMTP server that takes its time over each message and notes its recipients and Message-ID. */
async function slowSmtpSink(delayMs: number) {
  const received: { to: string; messageId: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const messageId =
          Buffer.concat(chunks)
            .toString('latin1')
            .match(/^Message-ID:\s*(<[^>]+>)/im)?.[1] ?? '';
        // Accepted only after the delay: a process killed meanwhile has sent it without knowing.
        setTimeout(() => {
          for (const to of session.envelope.rcptTo) received.push({ to: to.address.toLowerCase(), messageId });
          callback();
        }, delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const until = async (what: string, check: () => boolean, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/**
 * Invitations queued before a kill -9 in the middle of sending all arrive
 * after a restart, each recognisably once (by its Message-ID); a copy sent
 * twice can only be one the killed process had handed to the mail server
 * but not yet marked sent.
 */
describe.each(databaseKinds())('the outbox through a kill -9 on %s', (kind) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'encuentro-outbox-crash-'));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every invitation after the server is killed while sending and restarted', async () => {
    let env: Record<string, string> = { DATA_DIR: dataDir };
    if (kind === 'postgres') {
      const fresh = await freshDatabase('postgres');
      await fresh.database.close();
      cleanups.push(fresh.drop);
      env = { DATABASE_URL: fresh.url as string };
    }
    const open = (): Promise<Database> =>
      env.DATABASE_URL ? openDatabase({ databaseUrl: env.DATABASE_URL, poolSize: 2 }) : openDatabase({ dataDir });

    // People of the directory, each invited; their mail waits in the outbox (this runtime sends none).
    const seeding = await startRuntime(await open(), { loadDemo: false, outbox: false });
    const count = 60;
    const invited = Array.from({ length: count }, (_, i) => `guest${i}@crash.example`);
    await seeding.ctx.db.transaction(async (tx) => {
      const created = await rows<{ id: string }>(
        tx,
        sql`insert into people (name, email, search_text)
            select 'Guest ' || n, 'guest' || n || '@crash.example', 'guest ' || n
            from generate_series(0, ${count - 1}) n order by n returning id`,
      );
      for (const person of created) await invite(seeding.ctx, tx, person.id);
    });
    await seeding.close();

    const sink = await slowSmtpSink(150);
    cleanups.push(sink.close);
    const serverEnv = { ...env, SMTP_URL: sink.url, OUTBOX_LEASE_MS: '1500', LOAD_DEMO: 'false' };
    const first = await startServer(serverEnv);
    await until('the first messages', () => sink.received.length >= 15);
    first.child.kill('SIGKILL');
    await first.exited;
    const beforeRestart = sink.received.length;
    expect(beforeRestart).toBeLessThan(count);

    const second = await startServer(serverEnv);
    const distinct = () => new Set(sink.received.map((mail) => mail.messageId)).size;
    await until('every invitation', () => distinct() === count);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    // Everyone invited got their invitation, one message each, and nobody else got any.
    const byRecipient = new Map<string, Set<string>>();
    for (const { to, messageId } of sink.received) {
      expect(messageId).toMatch(/^<[0-9a-f-]{36}@localhost>$/);
      byRecipient.set(to, (byRecipient.get(to) ?? new Set()).add(messageId));
    }
    expect([...byRecipient.keys()].sort()).toEqual([...invited].sort());
    expect([...byRecipient.values()].every((ids) => ids.size === 1)).toBe(true);
    // At least once: only what was in flight when the process died may have arrived twice.
    expect(sink.received.length - count).toBeLessThanOrEqual(OUTBOX_DEFAULTS.batchSize);

    const check = await open();
    try {
      const [left] = await rows<{ n: number }>(
        check.db,
        sql`select count(*)::int as n from outbox where sent_at is null`,
      );
      expect(left?.n).toBe(0);
    } finally {
      await check.close();
    }
  }, 240_000);
});
