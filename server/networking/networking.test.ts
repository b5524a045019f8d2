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
import { rotatingCode, rotatingWindow } from './rotating-code.ts';

const EVENT = 'fim-gdl-2024';
const START = new Date('2024-03-02T23:00:00Z');

interface Attendee {
  personId: string;
  name: string;
  badgeCode: string;
  rotatingSecret: string;
  cookie: string;
}

describe.each(databaseKinds())('connections on %s', (kind) => {
  let t: TestApp;
  let clock: ManualClock;
  let eventId: string;
  let attendees: Attendee[];
  let outsider: string;
  const recorded: { inTransaction: ConnectionRecorded[]; afterCommit: ConnectionRecorded[] } = {
    inTransaction: [],
    afterCommit: [],
  };
  const recorder: ConnectionHooks = {
    forBatch: async () => ({
      read: () => sql`null`,
      write: (connections) => {
        recorded.inTransaction.push(...connections);
        return {
          writes: [],
          after: async () => {
            recorded.afterCommit.push(...connections);
          },
        };
      },
    }),
  };

  beforeAll(async () => {
    clock = new ManualClock(START);
    // The app with hooks of the test's own, so it can see what other capabilities are told.
    t = await startTestApp(kind, { clock }, { serveWeb: false, connectionHooks: recorder });
    const db = t.runtime.ctx.db;
    eventId = (await eventIdForSlug(db, EVENT)) as string;
    const people = await rows<{ id: string; name: string }>(
      db,
      sql`select id, name from people where fictional
            and id not in (select person_low from connections union select person_high from connections)
          order by name limit 12`,
    );
    expect(people).toHaveLength(12);
    attendees = [];
    for (const [i, person] of people.entries()) {
      const attendance = await ensureAttendance(db, { eventId, personId: person.id });
      attendees.push({
        personId: person.id,
        name: person.name,
        badgeCode: attendance.badgeCode,
        rotatingSecret: attendance.rotatingSecret,
        cookie: await signedInAs(t.runtime.ctx, {
          email: `attendee${i}@scan.test`,
          role: 'delegate',
          personId: person.id,
        }),
      });
    }
    // The demo may have a game of its own: these scans start in static mode.
    await db.execute(sql`update bingo_games set code_mode = 'static' where event_id = ${eventId}`);
    const [stranger] = await rows<{ id: string }>(
      db,
      sql`insert into people (name) values ('Not Attending') returning id`,
    );
    outsider = await signedInAs(t.runtime.ctx, {
      email: 'outsider@scan.test',
      role: 'delegate',
      personId: (stranger as { id: string }).id,
    });
  });
  afterAll(() => t?.close());

  const at = (seconds: number) => new Date(START.getTime() - 3600_000 + seconds * 1000).toISOString();
  const scan = (cookie: string, body: Record<string, unknown>, slug = EVENT) =>
    t.app.inject({
      method: 'POST',
      url: `/api/events/${slug}/connections`,
      cookies: { encuentro_session: cookie },
      payload: body,
    });
  const a = (i: number) => attendees[i] as Attendee;
  const pairCount = async () =>
    (
      await rows<{ n: number }>(
        t.runtime.ctx.db,
        sql`select count(*)::int as n from connections where event_id = ${eventId}`,
      )
    )[0]?.n;

  it('connects two attendees once, and answers a scan from the other side as a repeat', async () => {
    const first = await scan(a(0).cookie, { code: a(1).badgeCode, nonce: randomUUID(), scannedAt: at(0) });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ outcome: 'connected', contact: { id: a(1).personId, name: a(1).name } });
    const back = await scan(a(1).cookie, {
      code: `${a(0).badgeCode.slice(0, 3).toLowerCase()}-${a(0).badgeCode.slice(3)}`,
      nonce: randomUUID(),
      scannedAt: at(30),
    });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ outcome: 'repeat', contact: { id: a(0).personId } });
    // Other capabilities hear of the new pair once, inside its transaction and after it, and never of the repeat.
    const pair = (c: ConnectionRecorded) => [c.personLow, c.personHigh].sort().join();
    const ours = [a(0).personId, a(1).personId].sort().join();
    expect(recorded.inTransaction.filter((c) => pair(c) === ours)).toHaveLength(1);
    expect(recorded.afterCommit.filter((c) => pair(c) === ours)).toHaveLength(1);
  });

  it('reads the code out of a badge QR’s URL', async () => {
    const response = await scan(a(2).cookie, {
      code: `https://encuentro.example/connect/${EVENT}/${a(3).badgeCode}`,
      nonce: randomUUID(),
      scannedAt: at(0),
      method: 'badge_qr',
    });
    expect(response.statusCode).toBe(201);
  });

  it('records one connection when both sides scan at the same moment', async () => {
    const before = await pairCount();
    const answers = await Promise.all([
      scan(a(4).cookie, { code: a(5).badgeCode, nonce: randomUUID(), scannedAt: at(0) }),
      scan(a(5).cookie, { code: a(4).badgeCode, nonce: randomUUID(), scannedAt: at(0) }),
      scan(a(4).cookie, { code: a(5).badgeCode, nonce: randomUUID(), scannedAt: at(0) }),
      scan(a(5).cookie, { code: a(4).badgeCode, nonce: randomUUID(), scannedAt: at(0) }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 201]);
    expect(await pairCount()).toBe((before as number) + 1);
  });

  it('refuses scanning yourself, unknown codes and implausible times, with a reason', async () => {
    const cases = [
      [{ code: a(6).badgeCode, scannedAt: at(0) }, 'self'],
      [{ code: 'ZZZZZZ', scannedAt: at(0) }, 'unknown_code'],
      [{ code: 'not a code at all', scannedAt: at(0) }, 'unknown_code'],
      [{ code: a(7).badgeCode, scannedAt: new Date(START.getTime() + 3600_000).toISOString() }, 'bad_time'],
      [{ code: a(7).badgeCode, scannedAt: '2023-01-01T10:00:00Z' }, 'bad_time'],
    ] as const;
    for (const [body, reason] of cases) {
      const response = await scan(a(6).cookie, { ...body, nonce: randomUUID() }, EVENT);
      expect(response.statusCode, reason).toBe(422);
      expect(response.json().error).toMatchObject({ code: 'scan_rejected', reason });
      expect(response.json().error.message.length).toBeGreaterThan(10);
    }
  });

  it('answers 400 for malformed input, 401 signed out, 403 for someone not attending, 404 for no event', async () => {
    expect((await scan(a(6).cookie, { code: a(7).badgeCode, nonce: 'x', scannedAt: at(0) })).statusCode).toBe(400);
    expect(
      (await scan(a(6).cookie, { code: a(7).badgeCode, nonce: randomUUID(), scannedAt: 'yesterday' })).statusCode,
    ).toBe(400);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/api/events/${EVENT}/connections`,
      payload: { code: a(7).badgeCode, nonce: randomUUID(), scannedAt: at(0) },
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await scan(outsider, { code: a(7).badgeCode, nonce: randomUUID(), scannedAt: at(0) })).statusCode).toBe(
      403,
    );
    expect(
      (await scan(a(6).cookie, { code: a(7).badgeCode, nonce: randomUUID(), scannedAt: at(0) }, 'no-such-event'))
        .statusCode,
    ).toBe(404);
  });

  it('allows one new connection every few seconds, judged on the phone’s clock', async () => {
    const first = await scan(a(8).cookie, { code: a(9).badgeCode, nonce: randomUUID(), scannedAt: at(100) });
    expect(first.statusCode).toBe(201);
    const quick = await scan(a(8).cookie, { code: a(10).badgeCode, nonce: randomUUID(), scannedAt: at(102) });
    expect(quick.statusCode).toBe(422);
    expect(quick.json().error.reason).toBe('too_fast');
    // A repeat is no new connection, so it is never too fast.
    expect(
      (await scan(a(8).cookie, { code: a(9).badgeCode, nonce: randomUUID(), scannedAt: at(101) })).statusCode,
    ).toBe(200);
    expect(
      (await scan(a(8).cookie, { code: a(10).badgeCode, nonce: randomUUID(), scannedAt: at(110) })).statusCode,
    ).toBe(201);
  });

  it('refuses another scan under a nonce already answered, and answers the same scan again', async () => {
    const nonce = randomUUID();
    const first = await scan(a(10).cookie, { code: a(2).badgeCode, nonce, scannedAt: at(3000) });
    expect(first.statusCode).toBe(201);
    const again = await scan(a(10).cookie, { code: a(2).badgeCode, nonce, scannedAt: at(3000) });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ outcome: 'connected', contact: { id: a(2).personId } });
    for (const lang of ['en', 'es']) {
      const other = await t.app.inject({
        method: 'POST',
        url: `/api/events/${EVENT}/connections?lang=${lang}`,
        cookies: { encuentro_session: a(10).cookie },
        payload: { code: a(3).badgeCode, nonce, scannedAt: at(3060) },
      });
      expect(other.statusCode).toBe(409);
      expect(other.json().error.code).toBe('conflict');
      expect(other.json().error.message).toContain(nonce);
      expect(other.json().error.message).toMatch(lang === 'en' ? /another scan/ : /otro escaneo/);
    }
    // The second person was never connected under the first answer, and a scan of its own connects them.
    expect(
      await rows(
        t.runtime.ctx.db,
        sql`select 1 from connections where event_id = ${eventId}
              and ${a(10).personId} in (person_low, person_high) and ${a(3).personId} in (person_low, person_high)`,
      ),
    ).toHaveLength(0);
    const own = await scan(a(10).cookie, { code: a(3).badgeCode, nonce: randomUUID(), scannedAt: at(3060) });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ outcome: 'connected', contact: { id: a(3).personId } });
  });

  it('leaves the same rows when one offline queue is uploaded three times in shuffled order', async () => {
    const scanner = a(11);
    const queue = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({
      code: i === 5 ? scanner.badgeCode : i === 7 ? 'QQQQQQ' : a(i % 5).badgeCode,
      nonce: randomUUID(),
      scannedAt: at(1000 + i * 20),
    }));
    const snapshot = async () =>
      rows(
        t.runtime.ctx.db,
        sql`select nonce, outcome, reason, connection_id from scan_receipts
            where scanner_person_id = ${scanner.personId} order by nonce`,
      );
    const connectionsOf = async () =>
      rows(
        t.runtime.ctx.db,
        sql`select id, person_low, person_high, scanned_at from connections
            where ${scanner.personId} in (person_low, person_high) order by id`,
      );
    const answers: Map<string, string>[] = [];
    const states: unknown[] = [];
    for (let round = 0; round < 3; round++) {
      const shuffled = [...queue].sort(() => Math.random() - 0.5);
      const answer = new Map<string, string>();
      for (const item of shuffled) {
        const response = await scan(scanner.cookie, item);
        answer.set(item.nonce, `${response.statusCode} ${response.body}`);
      }
      answers.push(answer);
      states.push({ receipts: await snapshot(), connections: await connectionsOf() });
    }
    expect(states[1]).toEqual(states[0]);
    expect(states[2]).toEqual(states[0]);
    for (const nonce of queue.map((q) => q.nonce)) {
      expect(answers[1]?.get(nonce)).toBe(answers[0]?.get(nonce));
      expect(answers[2]?.get(nonce)).toBe(answers[0]?.get(nonce));
    }
    const first = answers[0] as Map<string, string>;
    expect([...first.values()].filter((v) => v.startsWith('201')).length).toBe(5);
    expect([...first.values()].filter((v) => v.startsWith('422')).length).toBe(2);
    expect((await connectionsOf()).length).toBe(5);
  });

  it('turns away a scanner trying codes that name nobody, storing nothing, and lets them scan after a minute', async () => {
    const guesser = a(3);
    const known = new Set(
      (await rows<{ code: string }>(t.runtime.ctx.db, sql`select badge_code as code from attendances`)).map(
        (r) => r.code,
      ),
    );
    const guesses = Array.from({ length: 60 }, (_, i) => `ZZ${String(2222 + i * 7).replace(/[01]/g, '9')}`)
      .filter((code) => !known.has(code))
      .slice(0, 40);
    const receipts = async () =>
      (
        await rows<{ n: number }>(
          t.runtime.ctx.db,
          sql`select count(*)::int as n from scan_receipts where scanner_person_id = ${guesser.personId}`,
        )
      )[0]?.n ?? 0;
    const before = await receipts();
    // Forty sent at once: ten are judged (and stored), the rest refused, however the batches fell.
    const answers = await Promise.all(
      guesses.map((code) => scan(guesser.cookie, { code, nonce: randomUUID(), scannedAt: at(2000) })),
    );
    const statuses = answers.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 422)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    const refused = answers.find((r) => r.statusCode === 429);
    expect(refused?.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringContaining('10') } });
    expect(await receipts()).toBe(before + 10);
    // Until a minute has passed, even a real badge waits (the phone keeps it queued); others scan as usual.
    expect(
      (await scan(guesser.cookie, { code: a(9).badgeCode, nonce: randomUUID(), scannedAt: at(2010) })).statusCode,
    ).toBe(429);
    expect(
      (await scan(a(10).cookie, { code: a(11).badgeCode, nonce: randomUUID(), scannedAt: at(2000) })).statusCode,
    ).toBe(201);
    expect(await receipts()).toBe(before + 10);
    clock.advance(61_000);
    expect(
      (await scan(guesser.cookie, { code: a(9).badgeCode, nonce: randomUUID(), scannedAt: at(2020) })).statusCode,
    ).toBe(201);
  });

  describe('in rotating mode', () => {
    beforeAll(async () => {
      await t.runtime.ctx.db.execute(
        sql`insert into bingo_games (event_id, title_en, code_mode, starts_at, ends_at)
            values (${eventId}, 'Connection bingo', 'rotating', ${START.toISOString()}::timestamptz - interval '1 day',
                    ${START.toISOString()}::timestamptz + interval '1 day')
            on conflict (event_id) do update set code_mode = 'rotating'`,
      );
      // Written behind the app's back: tell it, as the game's own editing does.
      await t.runtime.ctx.changed('bingo');
    });

    const codeOf = (who: Attendee, seconds: number) =>
      rotatingCode(who.rotatingSecret, rotatingWindow(new Date(at(seconds))));

    it('accepts the code on the phone once, within its window, and refuses printed, expired and reused codes', async () => {
      const printed = await scan(a(6).cookie, { code: a(7).badgeCode, nonce: randomUUID(), scannedAt: at(3000) });
      expect(printed.json().error?.reason).toBe('rotating_required');

      const code = codeOf(a(7), 3000);
      const fresh = await scan(a(6).cookie, { code, nonce: randomUUID(), scannedAt: at(3000) });
      expect(fresh.statusCode).toBe(201);
      const again = await scan(a(2).cookie, { code, nonce: randomUUID(), scannedAt: at(3010) });
      expect(again.json().error?.reason).toBe('reused');

      const old = codeOf(a(8), 3000);
      const late = await scan(a(6).cookie, { code: old, nonce: randomUUID(), scannedAt: at(3000 + 120) });
      expect(late.json().error?.reason).toBe('expired');
    });

    it('gives my phone the secret to compute my codes, and only me', async () => {
      const badge = await t.app.inject({
        url: `/api/me/badge?event=${EVENT}`,
        cookies: { encuentro_session: a(7).cookie },
      });
      expect(badge.statusCode).toBe(200);
      expect(badge.json()).toMatchObject({
        codeMode: 'rotating',
        rotatingSecret: a(7).rotatingSecret,
        periodSeconds: 30,
      });
      expect(badge.json().qrSvg).toContain('<svg');
      expect(badge.json().connectUrl).toMatch(new RegExp(`/connect/${EVENT}/${a(7).badgeCode}$`));
      expect((await t.app.inject({ url: `/api/me/badge?event=${EVENT}` })).statusCode).toBe(401);
      expect(
        (await t.app.inject({ url: `/api/me/badge?event=${EVENT}`, cookies: { encuentro_session: outsider } }))
          .statusCode,
      ).toBe(404);
    });
  });
});
