import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../../test/accounts.ts';
import { startTestInstances, type TestInstances } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { rows } from '../db/client.ts';
import { ensureAttendance } from '../delegations/attendance.ts';
import type { App } from '../http/types.ts';
import { eventIdForSlug } from '../programme/queries.ts';
import type { Runtime } from '../runtime.ts';

const EVENT = 'fim-gdl-2024';
const PEOPLE = 30;
const SCANS = 360;
const COUNTRIES = ['AR', 'AU', 'CA', 'CL', 'CO', 'MX', 'PY', 'ES', 'US'];

/**
 * A crowd scanning at once, through two app instances on PostgreSQL (one on
 * PGlite), with the real bingo: batches lock the people they involve in id
 * order, so they never deadlock, and every card ends up stamped exactly as
 * the connections say.
 */
describe.each(databaseKinds())('a crowd scanning at once on %s', (kind) => {
  let instances: TestInstances;
  let eventId: string;
  const people: { personId: string; code: string; cookie: string }[] = [];
  const base = Date.now() - 3600_000;

  beforeAll(async () => {
    instances = await startTestInstances(kind);
    const { runtimes } = instances;
    const ctx = (runtimes[0] as Runtime).ctx;
    eventId = (await eventIdForSlug(ctx.db, EVENT)) as string;
    // The demo's game is from 2024: open it around the scans' times, with printed codes.
    await ctx.db.execute(
      sql`update bingo_games set starts_at = ${new Date(base - 86_400_000)}, ends_at = ${new Date(base + 86_400_000)},
          code_mode = 'static' where event_id = ${eventId}`,
    );
    for (const runtime of runtimes) await runtime.ctx.changed('bingo');
    for (let i = 0; i < PEOPLE; i++) {
      const [person] = await rows<{ id: string }>(
        ctx.db,
        sql`insert into people (name, country_code) values (${`Crowd ${i}`}, ${COUNTRIES[i % COUNTRIES.length]}) returning id`,
      );
      const personId = (person as { id: string }).id;
      const attendance = await ensureAttendance(ctx.db, { eventId, personId });
      const cookie = await signedInAs(ctx, { email: `crowd${i}@scan.test`, role: 'delegate', personId });
      people.push({ personId, code: attendance.badgeCode, cookie });
    }
  }, 120_000);
  afterAll(() => instances?.close());

  it('records every pair once, answers every scan, and stamps the cards as the connections say', async () => {
    // A fixed shuffle of pairs, both directions, each scanner's scans 6 s apart on its phone (the pace rule).
    let seed = 7;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed;
    };
    const sent = new Map<number, number>();
    const scans = Array.from({ length: SCANS }, (_, n) => {
      const from = next() % PEOPLE;
      const to = (from + 1 + (next() % (PEOPLE - 1))) % PEOPLE;
      const k = sent.get(from) ?? 0;
      sent.set(from, k + 1);
      return { from, to, at: new Date(base + k * 6000).toISOString(), instance: n % instances.apps.length };
    });
    const answers = await Promise.all(
      scans.map(({ from, to, at, instance }) =>
        (instances.apps[instance] as App).inject({
          method: 'POST',
          url: `/api/events/${EVENT}/connections`,
          cookies: { encuentro_session: people[from]?.cookie as string },
          payload: { code: people[to]?.code, nonce: randomUUID(), scannedAt: at },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status !== 201 && status !== 200)).toEqual([]);

    const pairs = new Set(scans.map(({ from, to }) => [Math.min(from, to), Math.max(from, to)].join()));
    const db = (instances.runtimes[0] as Runtime).ctx.db;
    const ids = people.map((p) => p.personId);
    const [counted] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from connections
          where event_id = ${eventId} and person_low = any(${`{${ids.join(',')}}`}::uuid[])`,
    );
    expect(counted?.n).toBe(pairs.size);
    expect(statuses.filter((status) => status === 201)).toHaveLength(pairs.size);

    // Each card's stamps are exactly the cells of its layout that a connected person's country fills.
    const [diff] = await rows<{ missing: number; extra: number; cards: number }>(
      db,
      sql`with game as (select id from bingo_games where event_id = ${eventId}),
          met as (
            select person_low as me, person_high as other from connections where event_id = ${eventId}
            union all select person_high, person_low from connections where event_id = ${eventId}),
          expected as (
            select distinct k.person_id, c.id as cell
            from bingo_cards k join game g on g.id = k.game_id
            join met on met.me = k.person_id
            join people o on o.id = met.other
            left join attendances a on a.person_id = o.id and a.event_id = ${eventId}
            join bingo_cells c on c.game_id = k.game_id and c.country_code = coalesce(a.country_code, o.country_code)
            where k.layout ? c.id::text and k.person_id = any(${`{${ids.join(',')}}`}::uuid[])),
          actual as (
            select s.person_id, s.cell_id as cell from bingo_stamps s join game g on g.id = s.game_id
            where s.person_id = any(${`{${ids.join(',')}}`}::uuid[]))
          select (select count(*)::int from (select * from expected except select * from actual) x) as missing,
                 (select count(*)::int from (select * from actual except select * from expected) y) as extra,
                 (select count(*)::int from bingo_cards k join game g on g.id = k.game_id
                  where k.person_id = any(${`{${ids.join(',')}}`}::uuid[])) as cards`,
    );
    expect(diff).toEqual({ missing: 0, extra: 0, cards: PEOPLE });
  });
});
