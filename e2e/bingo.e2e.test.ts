import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../server/accounts/service.ts';
import { users } from '../server/accounts/tables.ts';
import { rows } from '../server/db/client.ts';
import type { BingoCard, BingoDraw, BingoGame } from '../shared/api/bingo.ts';
import { type BrowserFixture, browserKinds, seriousAxeViolations, startBrowserFixture } from '../test/browser.ts';
import { forgetDemoPlay } from '../test/demo-play.ts';
import { apiGet } from './support/api.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';

const EVENT = 'fim-gdl-2024';

interface Delegate {
  personId: string;
  name: string;
  country: string;
  badgeCode: string;
  token: string;
}

/** The player's page (/events/:slug/bingo), as a person sees it. */
class BingoCardPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto(`/events/${EVENT}/bingo`);
    await this.page.getByRole('heading', { name: 'My card', exact: true }).waitFor();
    await this.page.getByText('Live: stamps appear as they happen.').waitFor();
  }

  /** The square of a country on my card. */
  square(country: string) {
    return this.page
      .getByRole('list', { name: /My 3 by 3 card/ })
      .getByRole('listitem')
      .filter({ hasText: country });
  }

  score() {
    return this.page.getByTestId('bingo-score').textContent();
  }
}

const kinds = browserKinds(import.meta.url);

describe.skipIf(kinds.length === 0).each(kinds)('the connection bingo in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  let mexican: Delegate;
  let chilean: Delegate;
  let admin: string;

  async function sessionFor(email: string, role: 'admin' | 'delegate', personId: string | null) {
    const ctx = fixture.server.runtime.ctx;
    const [user] = await ctx.db.insert(users).values({ email, role, personId }).returning({ id: users.id });
    return startSession(ctx, user?.id as string, 'e2e');
  }

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    const ctx = fixture.server.runtime.ctx;
    // This rehearsal starts from empty cards and no draw.
    await forgetDemoPlay(ctx.db);
    const delegate = async (country: string, email: string): Promise<Delegate> => {
      const [row] = await rows<Omit<Delegate, 'token'>>(
        ctx.db,
        sql`select a.person_id as "personId", p.name, a.country_code as country, a.badge_code as "badgeCode"
            from attendances a join people p on p.id = a.person_id join events e on e.id = a.event_id
            where e.slug = ${EVENT} and p.fictional and a.country_code = ${country} order by p.name limit 1`,
      );
      const found = row as Omit<Delegate, 'token'>;
      return { ...found, token: await sessionFor(email, 'delegate', found.personId) };
    };
    mexican = await delegate('MX', 'mx@bingo.example');
    chilean = await delegate('CL', 'cl@bingo.example');
    // The demo game was played in 2024: staff move it to now, as they would for a rehearsal.
    admin = await sessionFor('staff@bingo.example', 'admin', null);
    const game = await apiGet<BingoGame>(fixture, `/api/events/${EVENT}/bingo`);
    const now = Date.now();
    const moved = await fixture.server.app.inject({
      method: 'PATCH',
      url: `/api/events/${EVENT}/bingo`,
      cookies: { encuentro_session: admin },
      payload: {
        version: game.version,
        startsAt: new Date(now - 3600_000).toISOString(),
        endsAt: new Date(now + 3 * 3600_000).toISOString(),
      },
    });
    expect(moved.statusCode).toBe(200);
  });
  afterAll(() => fixture?.close());

  async function signedIn(delegate: Delegate, width = 390) {
    const browsing = await browse(fixture, { width, height: 900 });
    await browsing.context.addCookies([
      { name: 'encuentro_session', value: delegate.token, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
    return browsing;
  }

  it('stamps both cards live when two people connect by short code, and the big screen follows', async () => {
    const a = await signedIn(mexican);
    const b = await signedIn(chilean);
    const cardA = new BingoCardPage(a.page);
    const cardB = new BingoCardPage(b.page);
    await cardA.open();
    await cardB.open();
    // The Chilean player lets the big screen name them; the Mexican keeps the default (not named).
    const consent = b.page.getByLabel('Show my name on the big screen');
    expect(await consent.isChecked()).toBe(false);
    const saved = b.page.waitForResponse((r) => r.url().endsWith('/bingo/card') && r.request().method() === 'PATCH');
    await consent.check();
    expect((await saved).status()).toBe(200);
    expect(await consent.isChecked()).toBe(true);
    expect(await cardA.square('Mexico').count()).toBe(0);
    await eventually(() => cardA.square('Chile').getAttribute('data-stamped')).toBe('false');
    expect(await seriousAxeViolations(a.page)).toEqual([]);

    const screen = await browse(fixture, { width: 1280, height: 800 });
    await screen.page.goto(`/events/${EVENT}/bingo/screen`);
    await screen.page.getByRole('heading', { name: 'Nobody has found yet' }).waitFor();
    const missing = screen.page.getByTestId('screen-missing');
    await eventually(() => missing.textContent()).toContain('Chile');
    expect(await seriousAxeViolations(screen.page)).toEqual([]);

    // A types B's badge code on the scanner page, in another tab; both cards stay open.
    const scanner = await a.context.newPage();
    await scanner.goto(`/connect/${EVENT}`);
    await scanner.getByLabel('Code on their badge').fill(chilean.badgeCode);
    await scanner.getByRole('button', { name: 'Connect', exact: true }).click();

    await eventually(() => cardA.square('Chile').getAttribute('data-stamped')).toBe('true');
    expect(await cardA.square('Chile').textContent()).toContain(`with ${chilean.name}`);
    await eventually(() => cardB.square('Mexico').getAttribute('data-stamped')).toBe('true');
    expect(await cardB.square('Mexico').textContent()).toContain(`with ${mexican.name}`);
    expect(await cardA.score()).toContain('1 stamp');
    // My own row of the leaderboard, refreshed by the live board, still names me to myself.
    await eventually(() => a.page.locator('.bingo-board__me').textContent()).toContain(`You (${mexican.name})`);

    // The big screen, never reloaded, names the stamps of those who agreed and drops the found countries.
    const latest = screen.page.getByTestId('screen-latest');
    await eventually(() => latest.textContent()).toContain(`${chilean.name} found Mexico`);
    expect(await latest.textContent()).not.toContain(mexican.name);
    expect(await latest.textContent()).toContain('A player found Chile');
    await eventually(() => missing.textContent()).not.toContain('Chile');
    expect(await missing.textContent()).not.toContain('Mexico');
    expect(a.errors.concat(b.errors, screen.errors)).toEqual([]);
  });

  it('lets staff commit and reveal the draw, and the public page shows winners anyone can recompute', async () => {
    const server = fixture.server.app;
    const ctx = fixture.server.runtime.ctx;
    const asMexican = { encuentro_session: mexican.token };
    // The Mexican completes the middle row (it runs through the free centre) with two more connections,
    // made on the phone a couple of minutes earlier (the pace rule keeps scans 5 s apart).
    const card = (
      await server.inject({ url: `/api/events/${EVENT}/bingo/card`, cookies: asMexican })
    ).json() as BingoCard;
    let minute = 0;
    for (const position of [3, 5]) {
      const square = card.cells[position];
      if (!square?.cell?.country || square.stamp) continue;
      const [other] = await rows<{ badgeCode: string }>(
        ctx.db,
        sql`select a.badge_code as "badgeCode" from attendances a join events e on e.id = a.event_id
            where e.slug = ${EVENT} and a.country_code = ${square.cell.country.code} limit 1`,
      );
      const scanned = await server.inject({
        method: 'POST',
        url: `/api/events/${EVENT}/connections`,
        cookies: asMexican,
        payload: {
          code: other?.badgeCode,
          nonce: randomUUID(),
          scannedAt: new Date(Date.now() - 180_000 + minute++ * 30_000).toISOString(),
        },
      });
      expect(scanned.json().outcome).toBe('connected');
    }
    const game = await apiGet<BingoGame>(fixture, `/api/events/${EVENT}/bingo`);
    const ended = await server.inject({
      method: 'PATCH',
      url: `/api/events/${EVENT}/bingo`,
      cookies: { encuentro_session: admin },
      payload: { version: game.version, endsAt: new Date().toISOString() },
    });
    expect(ended.statusCode).toBe(200);

    const staff = await browse(fixture, { width: 1280, height: 900 });
    await staff.context.addCookies([
      { name: 'encuentro_session', value: admin, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
    await staff.page.goto(`/events/${EVENT}/bingo/admin`);
    await staff.page.getByRole('button', { name: 'Commit the draw' }).click();
    await staff.page.getByText('Committed: the list and the hash are published.').waitFor();
    const committed = await apiGet<BingoDraw>(fixture, `/api/events/${EVENT}/bingo/draw`);
    expect(committed.seed).toBeNull();
    expect(committed.eligible.map((p) => p.personId)).toContain(mexican.personId);
    await staff.page.getByText(committed.seedHash as string).waitFor();
    expect(await seriousAxeViolations(staff.page)).toEqual([]);
    await staff.page.getByRole('button', { name: 'Reveal the seed and draw' }).click();
    await staff.page.getByText('Revealed: the winners are published.').waitFor();

    const { page } = await browse(fixture);
    await page.goto(`/events/${EVENT}/bingo/draw`);
    await page.getByRole('heading', { name: 'Winners' }).waitFor();
    const draw = await apiGet<BingoDraw>(fixture, `/api/events/${EVENT}/bingo/draw`);
    // Recomputed here from the published JSON alone.
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(sha(draw.seed as string)).toBe(committed.seedHash);
    const order = draw.eligible
      .map((p) => ({ ...p, key: sha(`${draw.seed}:${p.personId}`) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    const expected = draw.prizes
      .slice(0, order.length)
      .map((prize, i) => ({ prizeId: prize.prizeId, name: order[i]?.name }));
    expect(draw.winners.map((w) => ({ prizeId: w.prizeId, name: w.name }))).toEqual(expected);
    const shown = await page
      .getByRole('heading', { name: 'Winners' })
      .locator('xpath=..')
      .getByRole('listitem')
      .allTextContents();
    expect(shown.map((text) => text.split(' — ')[0])).toEqual(expected.map((w) => w.name));
    await page.getByText(draw.seed as string).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('publishes the draw page with how to verify it', async () => {
    const { page } = await browse(fixture);
    await page.goto(`/events/${EVENT}/bingo/draw`);
    await page.getByRole('heading', { name: 'Prize draw', level: 1 }).waitFor();
    await page.getByText(/Revealed: the seed is published/).waitFor();
    expect(await page.getByTestId('verify-command').textContent()).toContain(
      `encuentro draw verify ${fixture.baseUrl}/api/events/${EVENT}/bingo/draw`,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
