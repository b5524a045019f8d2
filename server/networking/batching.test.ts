import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { ManualClock } from '../clock.ts';
import { rows } from '../db/client.ts';
import { ensureAttendance } from '../delegations/attendance.ts';
import { eventIdForSlug } from '../programme/queries.ts';
import type { ConnectionHooks, ConnectionRecorded } from './hooks.ts';

const EVENT = 'fim-gdl-2024';
const START = new Date('2024-03-02T23:00:00Z');
const PEOPLE = 24;

/**
 * Scans that arrive together are recorded together (decision 0021): what a
 * phone is told must not depend on which other scans shared its transaction.
 */
describe.each(databaseKinds())('scans arriving together on %s', (kind) => {
  let t: TestApp;
  let eventId: string;
  const people: { personId: string; code: string; cookie: string }[] = [];
  /** Whose connections make the hooks' write fail, as a bug in another capability would. */
  let poisoned = '';
  const batches: ConnectionRecorded[][] = [];
  const hooks: ConnectionHooks = {
    forBatch: async () => ({
      read: () => sql`null`,
      write: (connections) => {
        batches.push(connections);
        const bad = connections.some((c) => c.scannerPersonId === poisoned || c.scannedPersonId === poisoned);
        // A name is required: this write breaks the statement that records the connections.
        return { writes: bad ? [sql`update people set name = null where id = ${poisoned}`] : [] };
      },
    }),
  };

  beforeAll(async () => {
    t = await startTestApp(kind, { clock: new ManualClock(START) }, { serveWeb: false, connectionHooks: hooks });
    const { runtime } = t;
    const db = runtime.ctx.db;
    eventId = (await eventIdForSlug(db, EVENT)) as string;
    await db.execute(sql`update bingo_games set code_mode = 'static' where event_id = ${eventId}`);
    for (let i = 0; i < PEOPLE; i++) {
      const [person] = await rows<{ id: string }>(
        db,
        sql`insert into people (name, country_code) values (${`Batch Tester ${i}`}, 'MX') returning id`,
      );
      const personId = (person as { id: string }).id;
      const attendance = await ensureAttendance(db, { eventId, personId });
      const cookie = await signedInAs(runtime.ctx, { email: `batch${i}@scan.test`, role: 'delegate', personId });
      people.push({ personId, code: attendance.badgeCode, cookie });
    }
  });
  afterAll(() => t?.close());

  const at = (seconds: number) => new Date(START.getTime() - 3600_000 + seconds * 1000).toISOString();
  const scan = (from: number, to: number, seconds: number, nonce = randomUUID()) =>
    t.app.inject({
      method: 'POST',
      url: `/api/events/${EVENT}/connections`,
      cookies: { encuentro_session: people[from]?.cookie as string },
      payload: { code: people[to]?.code, nonce, scannedAt: at(seconds) },
    });
  const connectionsAmong = async (ids: string[]) =>
    (
      await rows<{ n: number }>(
        t.runtime.ctx.db,
        sql`select count(*)::int as n from connections
            where event_id = ${eventId} and person_low = any(${`{${ids.join(',')}}`}::uuid[])`,
      )
    )[0]?.n;

  it('records simultaneous scans together, each answered as if it had been alone', async () => {
    batches.length = 0;
    // Six pairs scan each other at once, and one of each pair sends its scan twice.
    const sent = await Promise.all(
      [0, 2, 4, 6, 8, 10].flatMap((i) => {
        const nonce = randomUUID();
        return [scan(i, i + 1, 0, nonce), scan(i + 1, i, 0), scan(i, i + 1, 0, nonce)];
      }),
    );
    const codes = sent.map((response) => response.statusCode);
    // A new pair and its replay answer 201; the other side's scan is a repeat (200).
    expect(codes.filter((code) => code === 201)).toHaveLength(12);
    expect(codes.filter((code) => code === 200)).toHaveLength(6);
    // The two answers under one nonce are the same answer.
    for (let pair = 0; pair < 6; pair++) {
      expect((sent[pair * 3] as (typeof sent)[number]).json()).toEqual(
        (sent[pair * 3 + 2] as (typeof sent)[number]).json(),
      );
    }
    expect(await connectionsAmong(people.slice(0, 12).map((p) => p.personId))).toBe(6);
    // They shared transactions: fewer batches than new connections.
    expect(batches.flat()).toHaveLength(6);
    expect(batches.length).toBeLessThan(6);
    batches.length = 0;
  });

  it('records the others when one scan of a batch fails, and fails only that one', async () => {
    poisoned = people[12]?.personId as string;
    const sent = await Promise.all([scan(12, 13, 0), ...[14, 16, 18, 20, 22].map((i) => scan(i, i + 1, 0))]);
    expect(sent[0]?.statusCode).toBe(500);
    expect(sent.slice(1).map((response) => response.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(await connectionsAmong(people.slice(12).map((p) => p.personId))).toBe(5);
    // Nothing of the failed scan was kept: sent again once the fault is gone, it connects.
    poisoned = '';
    expect((await scan(12, 13, 60)).statusCode).toBe(201);
  });
});
