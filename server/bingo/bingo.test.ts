import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDraw } from '../../cli/draw.ts';
import type {
  BingoCard,
  BingoDraw,
  BingoGame,
  BingoScreen,
  BingoSuggestions,
  Leaderboard,
} from '../../shared/api/bingo.ts';
import type { NotificationList } from '../../shared/api/rsvp.ts';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { forgetDemoPlay } from '../../test/demo-play.ts';
import { ManualClock } from '../clock.ts';
import { rows } from '../db/client.ts';

const EVENT = 'fim-gdl-2024';
const BASE = `/api/events/${EVENT}/bingo`;
/** Half an hour into WINHUB x FIM GDL (13:00–16:00 in Guadalajara). */
const START = new Date('2024-03-02T19:30:00Z');

interface Player {
  personId: string;
  name: string;
  country: string;
  badgeCode: string;
  cookie: string;
}

/** Recomputed from the connections alone, without the bingo's tables of stamps. */
function expectedBoard(
  players: Player[],
  cards: Map<string, (string | null)[]>,
  cellCountry: Map<string, string>,
  met: [string, string][],
) {
  const countryOf = new Map(players.map((p) => [p.personId, p.country]));
  const result = new Map<string, { stamps: number; lines: number }>();
  for (const [personId, layout] of cards) {
    const metCountries = new Set(
      met.flatMap(([x, y]) => (x === personId ? [countryOf.get(y)] : y === personId ? [countryOf.get(x)] : [])),
    );
    const done = layout.map((cell) => cell === null || metCountries.has(cellCountry.get(cell)));
    const stamps = layout.filter((cell) => cell !== null && metCountries.has(cellCountry.get(cell))).length;
    const lines = [
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
      [0, 3, 6],
      [1, 4, 7],
      [2, 5, 8],
      [0, 4, 8],
      [2, 4, 6],
    ].filter((line) => line.every((i) => done[i])).length;
    result.set(personId, { stamps, lines });
  }
  return result;
}

/** An independent check of a published draw, with nothing but node:crypto and the published JSON. */
function recomputeDraw(draw: BingoDraw) {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  expect(sha(draw.seed as string)).toBe(draw.seedHash);
  const order = draw.eligible
    .map((p) => ({ id: p.personId, key: sha(`${draw.seed}:${p.personId}`) }))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((p) => p.id)
    .filter((id) => !draw.skips.some((s) => s.personId === id));
  return draw.prizes.map((prize, i) => ({ prizeId: prize.prizeId, personId: order[i] })).filter((w) => w.personId);
}

describe.each(databaseKinds())('the connection bingo on %s', (kind) => {
  let t: TestApp;
  let clock: ManualClock;
  let players: Player[];
  let admin: string;
  const met: [string, string][] = [];

  const call = async <T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    cookie?: string,
    payload?: object,
  ) => {
    const response = await t.app.inject({
      method,
      url,
      ...(cookie ? { cookies: { encuentro_session: cookie } } : {}),
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, body: (response.body ? response.json() : undefined) as T };
  };

  /** One scan by its real route, a few seconds after the last (the pace rule). */
  async function connect(scanner: Player, scanned: Player) {
    clock.advance(6_000);
    const answer = await call<{ outcome: string }>('POST', `/api/events/${EVENT}/connections`, scanner.cookie, {
      code: scanned.badgeCode,
      nonce: randomUUID(),
      scannedAt: clock.now().toISOString(),
    });
    expect(answer.body.outcome, JSON.stringify(answer.body)).toBe('connected');
    met.push([scanner.personId, scanned.personId]);
  }

  beforeAll(async () => {
    clock = new ManualClock(START);
    t = await startTestApp(kind, { clock });
    const ctx = t.runtime.ctx;
    // These tests play the game from its first scan.
    await forgetDemoPlay(ctx.db);
    const found = await rows<{ personId: string; name: string; country: string; badgeCode: string }>(
      ctx.db,
      sql`select a.person_id as "personId", p.name, a.country_code as country, a.badge_code as "badgeCode"
          from attendances a join people p on p.id = a.person_id join events e on e.id = a.event_id
          where e.slug = ${EVENT} and p.fictional order by p.name`,
    );
    players = [];
    for (const [i, p] of found.entries()) {
      const cookie = await signedInAs(ctx, { email: `player${i}@bingo.test`, role: 'delegate', personId: p.personId });
      players.push({ ...p, cookie });
    }
    admin = await signedInAs(ctx, { email: 'staff@bingo.test', role: 'admin' });
  });
  afterAll(() => t?.close());

  const from = (country: string, skip = 0) => players.filter((p) => p.country === country)[skip] as Player;

  it('shows the demo game: the countries present, partner prizes, open during the social', async () => {
    const { status, body } = await call<BingoGame>('GET', BASE);
    expect(status).toBe(200);
    expect(body.status).toBe('open');
    expect(body.gridSize).toBe(3);
    expect(body.cells.map((c) => c.country?.code).sort()).toEqual([
      'AR',
      'AU',
      'CA',
      'CL',
      'CO',
      'ES',
      'MX',
      'PY',
      'US',
    ]);
    expect(body.cells.find((c) => c.country?.code === 'ES')?.label).toEqual({ en: 'Spain', es: 'España' });
    expect(body.prizes[0]?.partner?.slug).toBe('sounds-from-spain');
    expect(body.prizes.reduce((n, p) => n + p.quantity, 0)).toBe(5);
  });

  it('deals each player a card of their own, without their own country, the same on every read', async () => {
    const mexican = from('MX');
    const first = await call<BingoCard>('GET', `${BASE}/card`, mexican.cookie);
    expect(first.status).toBe(200);
    expect(first.body.cells).toHaveLength(9);
    expect(first.body.cells[4]?.free).toBe(true);
    expect(first.body.cells.map((c) => c.cell?.country?.code)).not.toContain('MX');
    const again = await call<BingoCard>('GET', `${BASE}/card`, mexican.cookie);
    expect(again.body.cells.map((c) => c.cell?.id)).toEqual(first.body.cells.map((c) => c.cell?.id));
    const other = await call<BingoCard>('GET', `${BASE}/card`, from('MX', 1).cookie);
    expect(other.body.cells.map((c) => c.cell?.id)).not.toEqual(first.body.cells.map((c) => c.cell?.id));
    expect((await call('GET', `${BASE}/card`)).status).toBe(401);
  });

  it('stamps both cards when two people connect, naming who earned the stamp', async () => {
    const a = from('MX');
    const b = from('CL');
    await connect(a, b);
    const cardA = await call<BingoCard>('GET', `${BASE}/card`, a.cookie);
    const chile = cardA.body.cells.find((c) => c.cell?.country?.code === 'CL');
    expect(chile?.stamp?.by.name).toBe(b.name);
    const cardB = await call<BingoCard>('GET', `${BASE}/card`, b.cookie);
    expect(cardB.body.cells.find((c) => c.cell?.country?.code === 'MX')?.stamp?.by.name).toBe(a.name);
    expect(cardB.body.stamps).toBe(1);
  });

  it('suggests people present from my missing countries, without those I have met', async () => {
    const a = from('MX');
    const { body } = await call<BingoSuggestions>('GET', `${BASE}/suggestions`, a.cookie);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.map((s) => s.person.id)).not.toContain(from('CL').personId);
    expect(body.items.every((s) => s.cell.country?.code !== 'CL' && s.cell.country?.code !== 'MX')).toBe(true);
    expect(body.items.every((s) => s.person.country?.code === s.cell.country?.code)).toBe(true);
  });

  it('marks a card complete on its first line, and the leaderboard matches the connections', async () => {
    const a = from('MX');
    const card = (await call<BingoCard>('GET', `${BASE}/card`, a.cookie)).body;
    // The middle row runs through the free centre: two countries complete it.
    for (const position of [3, 5]) {
      const country = card.cells[position]?.cell?.country?.code as string;
      if (country !== 'CL') await connect(a, from(country, 1));
    }
    const after = (await call<BingoCard>('GET', `${BASE}/card`, a.cookie)).body;
    expect(after.lines).toBeGreaterThanOrEqual(1);
    expect(after.completedAt).not.toBeNull();

    // A few more connections across the room.
    await connect(from('ES'), from('AR'));
    await connect(from('US'), from('AU'));
    await connect(from('CA'), from('PY'));
    await connect(from('CO'), from('ES'));

    const board = (await call<Leaderboard>('GET', `${BASE}/leaderboard`)).body;
    const game = (await call<BingoGame>('GET', BASE)).body;
    const cellCountry = new Map(game.cells.map((c) => [c.id, c.country?.code as string]));
    const cards = new Map(
      (
        await rows<{ personId: string; layout: (string | null)[] }>(
          t.runtime.ctx.db,
          sql`select person_id as "personId", layout from bingo_cards`,
        )
      ).map((row) => [row.personId, row.layout]),
    );
    const expected = expectedBoard(players, cards, cellCountry, met);
    expect(board.players).toBe(expected.size);
    for (const entry of board.items) {
      expect({ id: entry.personId, ...expected.get(entry.personId) }).toEqual({
        id: entry.personId,
        stamps: entry.stamps,
        lines: entry.lines,
      });
    }
    expect(board.items[0]?.personId).toBe(a.personId);
    expect(board.items[0]?.rank).toBe(1);
    expect(board.items[0]?.completed).toBe(true);
  });

  it('names a player on the big screen only once they agree, in this game', async () => {
    const a = from('MX');
    const before = (await call<BingoScreen>('GET', `${BASE}/screen`)).body;
    expect(before.completions[0]).toMatchObject({ name: null, country: 'MX' });
    expect(before.latest.every((stamp) => stamp.name === null)).toBe(true);
    expect((await call<BingoCard>('GET', `${BASE}/card`, a.cookie)).body.showName).toBe(false);
    // The leaderboard names me to myself only.
    const board = (await call<Leaderboard>('GET', `${BASE}/leaderboard`, from('ES').cookie)).body;
    expect(board.items.find((entry) => entry.personId === a.personId)?.name).toBeNull();

    expect((await call('PATCH', `${BASE}/card`, undefined, { showName: true })).status).toBe(401);
    expect((await call('PATCH', `${BASE}/card`, a.cookie, { showName: 'yes' })).status).toBe(400);
    const agreed = await call<BingoCard>('PATCH', `${BASE}/card`, a.cookie, { showName: true });
    expect(agreed.status).toBe(200);
    expect(agreed.body.showName).toBe(true);
    const after = (await call<BingoScreen>('GET', `${BASE}/screen`)).body;
    expect(after.completions[0]).toMatchObject({ name: a.name, country: 'MX' });
    expect(after.latest.filter((stamp) => stamp.name !== null).every((stamp) => stamp.name === a.name)).toBe(true);
    const named = (await call<Leaderboard>('GET', `${BASE}/leaderboard`, from('ES').cookie)).body;
    expect(named.items.find((entry) => entry.personId === a.personId)?.name).toBe(a.name);
  });

  it('does not stamp scans made after the game ends', async () => {
    clock.advance(4 * 3600_000);
    const before = (await call<BingoCard>('GET', `${BASE}/card`, from('AU', 1).cookie)).body.stamps;
    await connect(from('AU', 1), from('AR', 1));
    expect((await call<BingoCard>('GET', `${BASE}/card`, from('AU', 1).cookie)).body.stamps).toBe(before);
  });

  it('refuses a change based on an old version, and lets only staff change the game', async () => {
    const game = (await call<BingoGame>('GET', BASE)).body;
    expect((await call('PATCH', BASE, from('MX').cookie, { version: game.version, winRule: 'full_card' })).status).toBe(
      403,
    );
    const changed = await call<BingoGame>('PATCH', BASE, admin, { version: game.version, winRule: 'full_card' });
    expect(changed.status).toBe(200);
    expect(changed.body.winRule).toBe('full_card');
    const stale = await call<{ error: { code: string } }>('PATCH', BASE, admin, {
      version: game.version,
      winRule: 'line',
    });
    expect(stale.status).toBe(409);
    const back = await call<BingoGame>('PATCH', BASE, admin, { version: changed.body.version, winRule: 'line' });
    expect(back.body.winRule).toBe('line');
    const regrid = await call('PATCH', BASE, admin, { version: back.body.version, gridSize: 4 });
    expect(regrid.status).toBe(422);
    // Prizes are credited to partners only; the refusal names the field.
    const notPartner = await call<{ error: { field?: string } }>('POST', `${BASE}/prizes`, admin, {
      description: { en: 'A T-shirt' },
      partner: 'a2im',
    });
    expect(notPartner.status).toBe(422);
    expect(notPartner.body.error.field).toBe('partner');
  });

  it('draws winners anyone can recompute from the published seed and list, and skips an absent winner', async () => {
    // Two more completed cards, one of them staff: staff play but win nothing.
    clock.advance(-4 * 3600_000);
    for (const [player, countries] of [
      [from('ES', 1), ['AR', 'AU', 'CA', 'CL', 'CO', 'MX', 'PY', 'US']],
      [from('US', 1), ['AR', 'AU', 'CA', 'CL', 'CO', 'MX', 'PY', 'ES']],
    ] as const) {
      for (const country of countries) await connect(player, from(country, 2));
    }
    await t.runtime.ctx.db.execute(
      sql`update attendances set is_staff = true where person_id = ${from('US', 1).personId}`,
    );
    expect((await call('POST', `${BASE}/draw/commit`, admin)).status).toBe(422);
    clock.advance(4 * 3600_000);
    expect((await call('POST', `${BASE}/draw/commit`, from('MX').cookie)).status).toBe(403);

    const committed = await call<BingoDraw>('POST', `${BASE}/draw/commit`, admin);
    expect(committed.status).toBe(200);
    expect(committed.body.seed).toBeNull();
    expect(committed.body.seedHash).toMatch(/^[0-9a-f]{64}$/);
    const eligibleIds = committed.body.eligible.map((p) => p.personId);
    expect(eligibleIds).toContain(from('MX').personId);
    expect(eligibleIds).toContain(from('ES', 1).personId);
    expect(eligibleIds).not.toContain(from('US', 1).personId);
    expect(eligibleIds).toEqual([...eligibleIds].sort());
    expect((await call('POST', `${BASE}/prizes`, admin, { description: { en: 'Late prize' } })).status).toBe(422);

    // Half of those who may win read Spanish, the others English.
    const spanish = eligibleIds.filter((_, i) => i % 2 === 0);
    for (const id of eligibleIds) {
      const languages = spanish.includes(id) ? '{es}' : '{en}';
      await t.runtime.ctx.db.execute(sql`update people set languages = ${languages} where id = ${id}`);
    }
    const revealed = await call<BingoDraw>('POST', `${BASE}/draw/reveal`, admin);
    expect(revealed.status).toBe(200);
    const published = (await call<BingoDraw>('GET', `${BASE}/draw`)).body;
    expect(published.seedHash).toBe(committed.body.seedHash);
    expect(published.winners.map((w) => ({ prizeId: w.prizeId, personId: w.personId }))).toEqual(
      recomputeDraw(published),
    );
    expect(published.winners.length).toBe(Math.min(5, eligibleIds.length));
    expect(verifyDraw(published).ok).toBe(true);

    // Each winner is told in the app and by mail in their language; the big screen shows the winners.
    const told = async () => ({
      notices: await rows<{ personId: string }>(
        t.runtime.ctx.db,
        sql`select person_id as "personId" from notifications where kind = 'bingo_won'`,
      ),
      mails: await rows<{ recipient: string }>(
        t.runtime.ctx.db,
        sql`select recipient from outbox where kind = 'bingo_prize'`,
      ),
    });
    const firstTold = await told();
    expect(firstTold.notices.map((n) => n.personId).sort()).toEqual(published.winners.map((w) => w.personId).sort());
    expect(firstTold.mails).toHaveLength(published.winners.length);
    const firstWinner = players.find((p) => p.personId === published.winners[0]?.personId) as Player;
    const mine = await call<NotificationList>('GET', '/api/me/notifications', firstWinner.cookie);
    expect(mine.body.items[0]).toMatchObject({ kind: 'bingo_won', prize: { eventSlug: EVENT } });
    const screenAfter = (await call<BingoScreen>('GET', `${BASE}/screen`)).body;
    expect(screenAfter.winners.map((w) => w.rank)).toEqual(published.winners.map((w) => w.rank));
    await t.runtime.ctx.outbox.drain();
    for (const { recipient } of firstTold.mails) {
      const mail = (t.runtime.ctx.mailer.devMailbox ?? []).find((m) => m.to === recipient);
      const index = Number(/^player(\d+)@/.exec(recipient)?.[1]);
      const speaksSpanish = spanish.includes((players[index] as Player).personId);
      expect(mail?.subject.startsWith(speaksSpanish ? 'Ganaste' : 'You won'), mail?.subject).toBe(true);
    }

    const absent = published.winners[0]?.personId as string;
    const skipped = await call<BingoDraw>('POST', `${BASE}/draw/skip`, admin, {
      personId: absent,
      reason: 'Not in the room',
    });
    expect(skipped.status).toBe(200);
    expect(skipped.body.skips).toEqual([expect.objectContaining({ personId: absent, reason: 'Not in the room' })]);
    expect(skipped.body.winners.map((w) => w.personId)).not.toContain(absent);
    expect(skipped.body.winners.map((w) => ({ prizeId: w.prizeId, personId: w.personId }))).toEqual(
      recomputeDraw(skipped.body),
    );
    expect(verifyDraw(skipped.body).ok).toBe(true);
    // Only the winner the skip brings in is told; nobody is told twice.
    const secondTold = await told();
    const newcomers = skipped.body.winners.filter((w) => !published.winners.some((p) => p.personId === w.personId));
    expect(secondTold.notices).toHaveLength(firstTold.notices.length + newcomers.length);
    expect(new Set(secondTold.notices.map((n) => n.personId)).size).toBe(secondTold.notices.length);
    expect(secondTold.mails).toHaveLength(firstTold.mails.length + newcomers.length);
    const tampered = { ...skipped.body, seed: `${'0'.repeat(63)}1` };
    expect(verifyDraw(tampered).ok).toBe(false);

    // A winner who deletes their account leaves their place in the list, without their name.
    const leaver = players.find((p) => p.personId === skipped.body.winners[0]?.personId) as Player;
    expect((await call('DELETE', '/api/me', leaver.cookie)).status).toBeLessThan(300);
    const after = (await call<BingoDraw>('GET', `${BASE}/draw`)).body;
    expect(after.eligible.find((p) => p.personId === leaver.personId)?.name).toBe('[anonymised]');
    expect(JSON.stringify(after)).not.toContain(leaver.name);
    expect(verifyDraw(after).ok).toBe(true);
  });
});

describe.each(databaseKinds())('many scans at once on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind, { clock: new ManualClock(START) });
  });
  afterAll(() => t?.close());

  it('stamps every card and marks every completion, as the connections say', async () => {
    const ctx = t.runtime.ctx;
    // Every fictional delegate scans here for the first time.
    await forgetDemoPlay(ctx.db);
    const found = await rows<{ personId: string; name: string; country: string; badgeCode: string }>(
      ctx.db,
      sql`select a.person_id as "personId", p.name, a.country_code as country, a.badge_code as "badgeCode"
          from attendances a join people p on p.id = a.person_id join events e on e.id = a.event_id
          where e.slug = ${EVENT} and p.fictional order by p.name`,
    );
    const players: Player[] = [];
    for (const [i, p] of found.entries()) {
      players.push({
        ...p,
        cookie: await signedInAs(ctx, { email: `rush${i}@bingo.test`, role: 'delegate', personId: p.personId }),
      });
    }
    const scans = players.flatMap((scanner, i) =>
      [1, 5, 11, 17].map((gap, k) => ({ scanner, scanned: players[(i + gap) % players.length] as Player, k })),
    );
    const answers = await Promise.all(
      scans.map(({ scanner, scanned, k }) =>
        t.app.inject({
          method: 'POST',
          url: `/api/events/${EVENT}/connections`,
          cookies: { encuentro_session: scanner.cookie },
          payload: {
            code: scanned.badgeCode,
            nonce: randomUUID(),
            scannedAt: new Date(START.getTime() - 600_000 + k * 10_000).toISOString(),
          },
        }),
      ),
    );
    expect(answers.map((a) => a.json().outcome).filter((o) => o !== 'connected')).toEqual([]);

    const met = (
      await rows<{ low: string; high: string }>(
        ctx.db,
        sql`select person_low as low, person_high as high from connections`,
      )
    ).map((row): [string, string] => [row.low, row.high]);
    const game = (await t.app.inject({ url: BASE })).json() as BingoGame;
    const cellCountry = new Map(game.cells.map((c) => [c.id, c.country?.code as string]));
    const cards = new Map(
      (
        await rows<{ personId: string; layout: (string | null)[] }>(
          ctx.db,
          sql`select person_id as "personId", layout from bingo_cards`,
        )
      ).map((row) => [row.personId, row.layout]),
    );
    const expected = expectedBoard(players, cards, cellCountry, met);
    const board = (await t.app.inject({ url: `${BASE}/leaderboard` })).json() as Leaderboard;
    expect(board.players).toBe(players.length);
    for (const entry of board.items) {
      const want = expected.get(entry.personId);
      expect({ stamps: entry.stamps, lines: entry.lines, completed: entry.completed }).toEqual({
        stamps: want?.stamps,
        lines: want?.lines,
        completed: (want?.lines ?? 0) > 0,
      });
    }
  });
});
