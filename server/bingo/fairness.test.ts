import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BingoCard, BingoGame, Leaderboard } from '../../shared/api/bingo.ts';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { forgetDemoPlay } from '../../test/demo-play.ts';
import { ManualClock } from '../clock.ts';
import { rows } from '../db/client.ts';

const EVENT = 'fim-gdl-2024';
const BASE = `/api/events/${EVENT}/bingo`;

interface Phone {
  personId: string;
  name: string;
  country: string;
  badgeCode: string;
  cookie: string;
}

interface QueuedScan {
  phone: Phone;
  scanned: Phone;
  /** Seconds after the game opened, on the phone's clock. */
  second: number;
}

/** A small seeded generator, so a failing order can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Rows, columns and both diagonals of a square grid. */
function gridLines(size: number): number[][] {
  const lines: number[][] = [];
  for (let i = 0; i < size; i++) {
    lines.push(Array.from({ length: size }, (_, j) => i * size + j));
    lines.push(Array.from({ length: size }, (_, j) => j * size + i));
  }
  lines.push(Array.from({ length: size }, (_, j) => j * size + j));
  lines.push(Array.from({ length: size }, (_, j) => j * size + (size - 1 - j)));
  return lines;
}

describe.each(databaseKinds())('bingo cards follow the phones’ clocks on %s', (kind) => {
  let t: TestApp;
  let clock: ManualClock;
  let phones: Phone[];
  let game: BingoGame;
  let queue: QueuedScan[];

  const call = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object) => {
    const response = await t.app.inject({
      method,
      url,
      cookies: { encuentro_session: cookie },
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, body: response.json() as T };
  };

  beforeAll(async () => {
    clock = new ManualClock(new Date('2024-03-02T19:00:00Z'));
    t = await startTestApp(kind, { clock });
    const db = t.runtime.ctx.db;
    await forgetDemoPlay(db);
    await db.execute(
      sql`update bingo_games set code_mode = 'static' where event_id = (select id from events where slug = ${EVENT})`,
    );
    const admin = await signedInAs(t.runtime.ctx, { email: 'staff@fairness.test', role: 'admin' });
    const current = (await call<BingoGame>('GET', BASE, admin)).body;
    // Two-by-two cards make lines, and so completions, likely among a handful of players.
    const changed = await call<BingoGame>('PATCH', BASE, admin, {
      version: current.version,
      gridSize: 2,
      winRule: 'line',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    game = changed.body;
    // Uploads happen after the game, when the phones find a network again.
    clock.advance(Date.parse(game.endsAt) + 60_000 - clock.now().getTime());

    const found = await rows<{ personId: string; name: string; country: string; badgeCode: string }>(
      db,
      sql`select a.person_id as "personId", p.name, a.country_code as country, a.badge_code as "badgeCode"
          from attendances a join people p on p.id = a.person_id join events e on e.id = a.event_id
          where e.slug = ${EVENT} and p.fictional and a.country_code is not null order by p.name`,
    );
    // Two people of a country each, from four countries: a cell can be earned by either, at different moments.
    const byCountry = new Map<string, typeof found>();
    for (const person of found) byCountry.set(person.country, [...(byCountry.get(person.country) ?? []), person]);
    const chosen = [...byCountry.values()]
      .filter((group) => group.length >= 2)
      .slice(0, 4)
      .flatMap((group) => group.slice(0, 2));
    expect(chosen).toHaveLength(8);
    phones = [];
    for (const [i, person] of chosen.entries()) {
      phones.push({
        ...person,
        cookie: await signedInAs(t.runtime.ctx, {
          email: `phone${i}@fairness.test`,
          role: 'delegate',
          personId: person.personId,
        }),
      });
    }

    // Most pairs meet; some pairs both scan each other, at different moments. Each phone scans 20 s apart
    // (well clear of the pace rule), in an order of its own, so pairs are placed all over the hour.
    const next = random(20240302);
    const targets = new Map<Phone, Phone[]>(phones.map((phone) => [phone, []]));
    phones.forEach((a, i) => {
      phones.forEach((b, j) => {
        if (j <= i || next() < 0.3) return;
        const who = next();
        if (who < 0.4 || who >= 0.7) targets.get(a)?.push(b);
        if (who >= 0.4) targets.get(b)?.push(a);
      });
    });
    queue = [];
    phones.forEach((phone, i) => {
      shuffled(targets.get(phone) ?? [], next).forEach((scanned, k) => {
        queue.push({ phone, scanned, second: 60 + k * 20 + i * 2 });
      });
    });
  });
  afterAll(() => t?.close());

  const scanAt = (second: number) => new Date(Date.parse(game.startsAt) + second * 1000).toISOString();

  async function upload(order: QueuedScan[], together: boolean) {
    const send = async (scan: QueuedScan) => {
      const answer = await call<{ outcome: string }>('POST', `/api/events/${EVENT}/connections`, scan.phone.cookie, {
        code: scan.scanned.badgeCode,
        nonce: randomUUID(),
        scannedAt: scanAt(scan.second),
      });
      expect(['connected', 'repeat'], JSON.stringify(answer.body)).toContain(answer.body.outcome);
    };
    if (together) await Promise.all(order.map(send));
    else for (const scan of order) await send(scan);
  }

  /** What each player's card and the leaderboard show. */
  async function shown() {
    const cards = new Map<string, BingoCard>();
    for (const phone of phones) {
      const card = await call<BingoCard>('GET', `${BASE}/card`, phone.cookie);
      expect(card.status).toBe(200);
      cards.set(phone.personId, card.body);
    }
    const board = await call<Leaderboard>('GET', `${BASE}/leaderboard`, phones[0]?.cookie as string);
    const others = (board.body.items ?? []).filter((entry) => phones.some((p) => p.personId === entry.personId));
    return {
      cards: Object.fromEntries(
        [...cards].map(([id, card]) => [
          id,
          {
            cells: card.cells.map((cell) => ({
              cell: cell.cell?.id ?? null,
              by: cell.stamp?.by.id ?? null,
              at: cell.stamp ? new Date(cell.stamp.at).toISOString() : null,
            })),
            completedAt: card.completedAt && new Date(card.completedAt).toISOString(),
          },
        ]),
      ),
      board: others.map(({ rank, personId, stamps, lines, completedAt }) => ({
        rank,
        personId,
        stamps,
        lines,
        completedAt: completedAt && new Date(completedAt).toISOString(),
      })),
    };
  }

  /** The cards counted again from the scans alone: a pair meets when the first of its phones saw the other. */
  function recount(cards: Record<string, { cells: { cell: string | null }[] }>) {
    const countryOf = new Map(phones.map((p) => [p.personId, p.country]));
    const cellCountry = new Map(game.cells.map((cell) => [cell.id, cell.country?.code ?? null]));
    const metAt = new Map<string, { a: string; b: string; at: string }>();
    for (const scan of queue) {
      const [a, b] = [scan.phone.personId, scan.scanned.personId].sort() as [string, string];
      const at = scanAt(scan.second);
      const known = metAt.get(`${a}|${b}`);
      if (!known || at < known.at) metAt.set(`${a}|${b}`, { a, b, at });
    }
    const meetings = [...metAt.values()].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
    const lines = gridLines(game.gridSize);
    return Object.fromEntries(
      Object.entries(cards).map(([personId, card]) => {
        const cells = card.cells.map(({ cell }) => {
          const first = meetings.find((m) => {
            const other = m.a === personId ? m.b : m.b === personId ? m.a : null;
            return other !== null && cell !== null && countryOf.get(other) === cellCountry.get(cell);
          });
          return {
            cell,
            by: first ? (first.a === personId ? first.b : first.a) : null,
            at: first ? first.at : null,
          };
        });
        const moments = [...new Set(cells.flatMap((c) => (c.at ? [c.at] : [])))].sort();
        const completedAt =
          moments.find((moment) => lines.some((line) => line.every((i) => (cells[i]?.at ?? '~') <= moment))) ?? null;
        return [personId, { cells, completedAt }];
      }),
    );
  }

  it('gives the same cards and leaderboard, equal to a recount, whatever order the offline queues arrive in', async () => {
    const next = random(7);
    const orders: { order: QueuedScan[]; together: boolean }[] = [
      { order: queue, together: false },
      { order: [...queue].reverse(), together: false },
      ...[1, 2, 3, 4].map(() => ({ order: shuffled(queue, next), together: false })),
      { order: shuffled(queue, next), together: true },
    ];
    let first: Awaited<ReturnType<typeof shown>> | undefined;
    for (const { order, together } of orders) {
      await forgetDemoPlay(t.runtime.ctx.db);
      await upload(order, together);
      const now = await shown();
      expect(now.cards).toEqual(recount(now.cards));
      for (const entry of now.board) {
        const card = now.cards[entry.personId];
        expect(entry.completedAt).toBe(card?.completedAt);
        expect(entry.stamps).toBe(card?.cells.filter((c) => c.by !== null).length);
      }
      if (first) expect(now).toEqual(first);
      else first = now;
    }
    // The scenario is worth its name: cards were completed.
    expect(Object.values(first?.cards ?? {}).some((card) => card.completedAt !== null)).toBe(true);
    // Seven uploads of a few dozen scans each, with every card read after each: about ten seconds on an idle machine.
  }, 240_000);
});
