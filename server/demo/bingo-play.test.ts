import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDraw } from '../../cli/draw.ts';
import { DRAW_ALGORITHM } from '../../shared/api/bingo.ts';
import { zonedTimeToInstant } from '../../shared/time.ts';
import { encuentro } from '../../test/cli.ts';
import { databaseKinds, freshDatabase } from '../../test/databases.ts';
import { getDraw } from '../bingo/draw.ts';
import { type GameConfig, loadGameConfig } from '../bingo/game.ts';
import { cardLayout, drawWinners, seedHashOf } from '../bingo/model.ts';
import { boardState } from '../bingo/play.ts';
import { BingoPlay } from '../bingo/stamping.ts';
import type { AppContext } from '../context.ts';
import { rows } from '../db/client.ts';
import { startRuntime } from '../runtime.ts';
import { insertBingoDemo } from './bingo.ts';
import { DEMO_DRAW_PHRASE, DEMO_DRAW_SEED, planAfternoon, playBingoDemo } from './bingo-play.ts';
import { loadDemoOnce } from './load.ts';
import { demoNetwork } from './network.ts';

const EVENT = 'fim-gdl-2024';
const LINES = [
  [0, 1, 2],
  [3, 4, 5],
  [6, 7, 8],
  [0, 3, 6],
  [1, 4, 7],
  [2, 5, 8],
  [0, 4, 8],
  [2, 4, 6],
];

interface ConnectionRow {
  id: string;
  low: string;
  high: string;
  scanner: string;
  method: string;
  scannedAt: Date;
  receivedAt: Date;
}

interface PersonRow {
  id: string;
  name: string;
  fictional: boolean;
  country: string | null;
  badgeCode: string | null;
}

describe('the plan of the demo afternoon', () => {
  it('completes three cards and leaves Argentina and Australia unstamped, whatever ids the database draws', () => {
    const delegates = demoNetwork.people.filter((p) => p.fictional);
    const countries = [...new Set(delegates.map((p) => p.country as string))].sort();
    const startsAt = new Date('2024-03-02T19:00:00Z');
    const endsAt = new Date('2024-03-02T22:00:00Z');
    for (let run = 0; run < 200; run++) {
      const game: GameConfig = {
        id: randomUUID(),
        eventId: randomUUID(),
        titleEn: 'Bingo',
        titleEs: null,
        gridSize: 3,
        winRule: 'line',
        startsAt,
        endsAt,
        version: 1,
        cells: countries.map((countryCode) => ({
          id: randomUUID(),
          countryCode,
          topic: null,
          labelEn: null,
          labelEs: null,
        })),
      };
      const { connections, cards } = planAfternoon(
        game,
        delegates.map((p) => ({
          id: randomUUID(),
          name: p.name,
          country: p.country as string,
          topics: p.topics ?? [],
          badgeCode: 'ABC234',
        })),
      );
      expect(cards.filter((card) => card.completedAt)).toHaveLength(3);
      const missing = new Set(
        game.cells.filter((c) => c.countryCode === 'AR' || c.countryCode === 'AU').map((c) => c.id),
      );
      expect(cards.some((card) => card.stamps.some((stamp) => missing.has(stamp.cellId)))).toBe(false);
      expect(connections.every((c) => c.scannedAt >= startsAt && c.scannedAt < endsAt)).toBe(true);
    }
  });
});

describe.each(databaseKinds())('the demo bingo, played, on %s', (kind) => {
  let ctx: AppContext;
  let close: () => Promise<void>;
  let game: GameConfig;
  let eventId: string;
  let timeZone: string;
  let links: ConnectionRow[];
  let people: Map<string, PersonRow>;

  const count = async (table: string) =>
    (await rows<{ n: number }>(ctx.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n;

  beforeAll(async () => {
    const fresh = await freshDatabase(kind, 'demo');
    const runtime = await startRuntime(fresh.database, { loadDemo: true });
    ctx = runtime.ctx;
    close = async () => {
      await runtime.close().catch(() => {});
      await fresh.drop().catch(() => {});
    };
    const [event] = await rows<{ id: string; timeZone: string }>(
      ctx.db,
      sql`select id, time_zone as "timeZone" from events where slug = ${EVENT}`,
    );
    eventId = (event as { id: string }).id;
    timeZone = (event as { timeZone: string }).timeZone;
    game = (await loadGameConfig(ctx.db, eventId)) as GameConfig;
    links = await rows<ConnectionRow>(
      ctx.db,
      sql`select id, person_low as low, person_high as high, scanner_person_id as scanner, method::text as method,
                 scanned_at as "scannedAt", received_at as "receivedAt"
          from connections where event_id = ${eventId} order by scanned_at`,
    );
    people = new Map(
      (
        await rows<PersonRow>(
          ctx.db,
          sql`select p.id, p.name, p.fictional, coalesce(a.country_code, p.country_code) as country,
                     a.badge_code as "badgeCode"
              from people p left join attendances a on a.person_id = p.id and a.event_id = ${eventId}`,
        )
      ).map((p) => [p.id, p]),
    );
  });
  afterAll(() => close?.());

  const personOf = (id: string) => people.get(id) as PersonRow;

  it('has fictional delegates meet during the social, at a human pace, with a receipt for every scan', async () => {
    expect(links.length).toBeGreaterThanOrEqual(15);
    const seen = new Map<string, number[]>();
    for (const link of links) {
      for (const id of [link.low, link.high]) {
        expect(personOf(id).fictional, personOf(id).name).toBe(true);
        seen.set(id, [...(seen.get(id) ?? []), new Date(link.scannedAt).getTime()]);
      }
      expect(new Date(link.scannedAt) >= game.startsAt && new Date(link.scannedAt) < game.endsAt).toBe(true);
      expect(new Date(link.receivedAt) >= new Date(link.scannedAt)).toBe(true);
    }
    // Several minutes between one person's connections: far inside the pace rule of one per 5 s.
    for (const times of seen.values()) {
      times.sort((a, b) => a - b);
      for (let i = 1; i < times.length; i++) {
        expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(5 * 60_000);
      }
    }
    const methods = links.map((l) => l.method);
    expect(methods.filter((m) => m === 'badge_qr').length).toBeGreaterThan(methods.length / 2);
    expect(methods).toContain('short_code');
    expect(methods.every((m) => m === 'badge_qr' || m === 'short_code')).toBe(true);

    const receipts = await rows<{
      scanner: string;
      nonce: string;
      code: string;
      outcome: string;
      connectionId: string;
      scanned: string;
      scannedAt: Date;
    }>(
      ctx.db,
      sql`select scanner_person_id as scanner, nonce, code, outcome::text as outcome, connection_id as "connectionId",
                 scanned_person_id as scanned, scanned_at as "scannedAt"
          from scan_receipts where event_id = ${eventId}`,
    );
    expect(receipts).toHaveLength(links.length);
    expect(new Set(receipts.map((r) => r.nonce)).size).toBe(receipts.length);
    for (const link of links) {
      const receipt = receipts.find((r) => r.connectionId === link.id);
      expect(receipt?.outcome).toBe('connected');
      expect(receipt?.scanner).toBe(link.scanner);
      expect(receipt?.scanned).toBe(link.scanner === link.low ? link.high : link.low);
      expect(receipt?.code).toBe(personOf(receipt?.scanned as string).badgeCode);
      expect(new Date(receipt?.scannedAt as Date).getTime()).toBe(new Date(link.scannedAt).getTime());
      expect(receipt?.nonce).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('shows about a dozen players, three completed cards, and Argentina and Australia still missing', async () => {
    const screen = await boardState(ctx, game, 100);
    const withStamps = screen.leaderboard.items.filter((item) => item.stamps > 0);
    expect(withStamps.length).toBeGreaterThanOrEqual(10);
    expect(withStamps.length).toBeLessThanOrEqual(16);
    expect(screen.leaderboard.completed).toBe(3);
    expect(screen.leaderboard.items.slice(0, 3).every((item) => item.completed && item.eligible)).toBe(true);
    expect(screen.missing.map((m) => m.code).sort()).toEqual(['AR', 'AU']);
    expect(screen.latest).toHaveLength(8);
    expect(screen.latest.every((stamp) => stamp.name !== null)).toBe(true);
  });

  it('shows a leaderboard that a recount from the connections alone confirms', async () => {
    const cells = new Map(game.cells.map((cell) => [cell.id, cell.countryCode]));
    const cards = await rows<{ personId: string; layout: (string | null)[] }>(
      ctx.db,
      sql`select person_id as "personId", layout from bingo_cards where game_id = ${game.id}`,
    );
    const recount = new Map<string, { stamps: number; lines: number; completedAt: string | null }>();
    for (const card of cards) {
      const me = personOf(card.personId);
      // Dealt as the game deals: the cells minus their own country, in the game's order for them.
      expect(card.layout).toEqual(cardLayout(game.id, me.id, game.gridSize, game.cells, me.country));
      const met = new Set<string | null>();
      let completedAt: string | null = null;
      const score = () => {
        const done = card.layout.map((cell) => cell === null || met.has(cells.get(cell) ?? null));
        return {
          stamps: card.layout.filter((cell) => cell !== null && met.has(cells.get(cell) ?? null)).length,
          lines: LINES.filter((line) => line.every((i) => done[i])).length,
        };
      };
      for (const link of links) {
        if (link.low !== me.id && link.high !== me.id) continue;
        met.add(personOf(link.low === me.id ? link.high : link.low).country);
        if (!completedAt && score().lines > 0) completedAt = new Date(link.scannedAt).toISOString();
      }
      recount.set(me.id, { ...score(), completedAt });
    }
    const board = (await boardState(ctx, game, 100)).leaderboard;
    expect(board.players).toBe(recount.size);
    expect(board.items).toHaveLength(recount.size);
    for (const item of board.items) {
      expect({ name: item.name, stamps: item.stamps, lines: item.lines, completedAt: item.completedAt }).toEqual({
        name: personOf(item.personId).name,
        ...recount.get(item.personId),
      });
    }
    const completed = board.items.filter((item) => item.completedAt).map((item) => item.completedAt as string);
    expect(completed).toEqual([...completed].sort());
  });

  it('draws the prizes after the social from a public seed, and anyone can recompute the winners', async () => {
    const draw = await getDraw(ctx, EVENT);
    expect(draw.state).toBe('revealed');
    expect(draw.algorithm).toBe(DRAW_ALGORITHM);
    expect(draw.seed).toBe(DEMO_DRAW_SEED);
    expect(DEMO_DRAW_SEED).toBe(createHash('sha256').update(DEMO_DRAW_PHRASE).digest('hex'));
    expect(draw.seedHash).toBe(seedHashOf(DEMO_DRAW_SEED));
    expect(draw.committedAt).toBe(zonedTimeToInstant('2024-03-02', '16:05', timeZone).toISOString());
    expect(draw.revealedAt).toBe(zonedTimeToInstant('2024-03-02', '16:10', timeZone).toISOString());

    const completed = await rows<{ personId: string; name: string }>(
      ctx.db,
      sql`select c.person_id::text as "personId", p.name from bingo_cards c join people p on p.id = c.person_id
          where c.game_id = ${game.id} and c.completed_at is not null`,
    );
    const ids = completed.map((p) => p.personId).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(draw.eligible.map((p) => p.personId)).toEqual(ids);
    expect(draw.eligible.map((p) => p.name).sort()).toEqual(completed.map((p) => p.name).sort());

    const recomputed = drawWinners(
      draw.seed as string,
      draw.eligible.map((p) => p.personId),
      draw.prizes.map((unit) => unit.prizeId),
      new Set(),
    );
    expect(draw.winners.map(({ prizeId, personId, rank }) => ({ prizeId, personId, rank }))).toEqual(recomputed);
    // Three winners, three gifts, given in the prizes' order.
    expect(draw.winners).toHaveLength(3);
    expect(draw.winners.map((w) => w.prizeId)).toEqual(draw.prizes.slice(0, 3).map((unit) => unit.prizeId));
    expect(verifyDraw(draw).ok).toBe(true);
  });

  it('passes `encuentro draw verify`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-draw-'));
    try {
      const file = join(dir, 'draw.json');
      writeFileSync(file, JSON.stringify(await getDraw(ctx, EVENT)));
      const run = await encuentro(['draw', 'verify', file]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('Winners: match (3 prizes)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('changes nothing when the demo is loaded again', async () => {
    const snapshot = async () => ({
      connections: await count('connections'),
      receipts: await count('scan_receipts'),
      cards: await count('bingo_cards'),
      stamps: await count('bingo_stamps'),
      games: await count('bingo_games'),
      draw: await getDraw(ctx, EVENT),
    });
    const before = await snapshot();
    expect(await loadDemoOnce(ctx.db)).toBe('already_loaded');
    // Past the loader's mark too: the game and its play are each guarded.
    await ctx.db.transaction(async (tx) => {
      await insertBingoDemo(tx);
      await playBingoDemo(tx, eventId);
    });
    expect(await snapshot()).toEqual(before);
  });

  // Last: it deals and stamps the cards again (to the same result).
  it("stamps the cards as the game's own hook does when the connections are replayed", async () => {
    const state = async () => ({
      cards: await rows<{ personId: string; layout: unknown; completedAt: Date | null }>(
        ctx.db,
        sql`select person_id as "personId", layout, completed_at as "completedAt" from bingo_cards
            where game_id = ${game.id} order by person_id`,
      ),
      stamps: await rows<{ personId: string; cellId: string; connectionId: string; stampedAt: Date }>(
        ctx.db,
        sql`select person_id as "personId", cell_id as "cellId", connection_id as "connectionId",
                   stamped_at as "stampedAt"
            from bingo_stamps where game_id = ${game.id} order by person_id, cell_id`,
      ),
    });
    const demo = await state();
    await ctx.db.execute(sql`delete from bingo_stamps where game_id = ${game.id}`);
    await ctx.db.execute(sql`delete from bingo_cards where game_id = ${game.id}`);
    const play = new BingoPlay(ctx);
    const hooks = await play.forBatch(eventId);
    if (!hooks) throw new Error('the demo event has no game');
    // One connection at a time, as scans recorded one by one would be.
    for (const link of links) {
      const connection = {
        id: link.id,
        eventId,
        scannerPersonId: link.scanner,
        scannedPersonId: link.scanner === link.low ? link.high : link.low,
        personLow: link.low,
        personHigh: link.high,
        scannedAt: new Date(link.scannedAt),
        receivedAt: new Date(link.receivedAt),
        moved: false,
      };
      const [read] = await rows<{ found: unknown }>(ctx.db, sql`select ${hooks.read([link.low, link.high])} as found`);
      const { writes } = hooks.write([connection], read?.found);
      if (writes.length === 0) continue;
      await ctx.db.execute(
        sql`with ${sql.join(
          writes.map((write, i) => sql`${sql.raw(`w${i}`)} as (${write})`),
          sql`, `,
        )} select 1`,
      );
    }
    play.stop();
    expect(await state()).toEqual(demo);
  });
});
