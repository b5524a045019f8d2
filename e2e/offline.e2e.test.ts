import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../server/db/client.ts';
import type { Session, SessionList } from '../shared/api/programme.ts';
import { signedInAs } from '../test/accounts.ts';
import { type BrowserFixture, browserKinds, seriousAxeViolations, startBrowserFixture } from '../test/browser.ts';
import { apiGet } from './support/api.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';
import { clockTime, VIEWER_ZONE } from './support/time.ts';

const EVENT = 'fim-gdl-2024';

const kinds = browserKinds(import.meta.url);

describe.skipIf(kinds.length === 0).each(kinds)('reading my trip offline, on %s', (kind) => {
  let fixture: BrowserFixture;
  let token: string;
  let mine: Session;
  let programme: Session[];

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    const ctx = fixture.server.runtime.ctx;
    const [person] = await rows<{ id: string }>(
      ctx.db,
      sql`insert into people (name) values ('Offline Reader (fictional)') returning id`,
    );
    token = await signedInAs(ctx, { email: 'offline@delegates.example', role: 'delegate', personId: person?.id });
    programme = (await apiGet<SessionList>(fixture, `/api/events/${EVENT}/sessions`)).items;
    mine = programme.find((session) => session.venue?.address) as Session;
    const now = new Date().toISOString();
    await ctx.db.execute(sql`insert into rsvps (session_id, person_id, status, queued_at, confirmed_at)
      values (${mine.id}, ${person?.id}, 'confirmed', ${now}, ${now})`);
  });
  afterAll(() => fixture?.close());

  it('keeps my trip, the programme and the venues readable with no network, and says when it last synced', async () => {
    const { context, page, errors } = await browse(fixture, { timezoneId: VIEWER_ZONE, locale: 'en-GB' });
    await context.addCookies([
      { name: 'encuentro_session', value: token, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
    const title = mine.title.en ?? '';

    // First visit online: the service worker installs and takes control of the page.
    await page.goto('/my-trip');
    await page.getByRole('heading', { level: 1, name: 'My trip' }).waitFor();
    await eventually(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    // Now controlled, the reads go through the worker, which keeps a copy of each.
    await page.reload();
    await page.getByRole('heading', { name: title, exact: true }).waitFor();
    await page.goto(`/events/${EVENT}`);
    await page.getByRole('heading', { name: programme.at(-1)?.title.en ?? '', exact: true }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'You are offline' }).count()).toBe(0);

    await context.setOffline(true);
    await page.goto('/my-trip');
    await page.getByRole('heading', { name: title, exact: true }).waitFor();
    const banner = page.getByRole('status').filter({ hasText: 'You are offline' });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/^You are offline — last synced at \d\d:\d\d$/);
    // The time shown is the device's, the sessions' the event's.
    const time = await page.locator(`[id="session-${mine.id}"] time`).first().textContent();
    expect(time).toContain(clockTime(mine.startsAt, 'America/Mexico_City'));
    const venue = mine.venue as NonNullable<Session['venue']>;
    await page.getByRole('heading', { name: venue.name, exact: true }).waitFor();
    await page
      .getByText(venue.address as string, { exact: false })
      .first()
      .waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    // What needs the server says so in words, never in the browser's ("TypeError: Failed to fetch").
    await page.getByRole('button', { name: 'Make my calendar link' }).click();
    const problems = page.getByRole('alert').filter({ hasText: 'reach the server' });
    await problems.first().waitFor();
    for (const text of await problems.allTextContents()) {
      expect(text).toContain("We couldn't reach the server. Check your connection and try again.");
    }
    expect(await page.getByText('Failed to fetch').count()).toBe(0);

    // The whole programme too, reached by the app's own navigation.
    await page.getByRole('link', { name: 'WIN at FIM GDL 2024' }).first().click();
    await page.getByRole('heading', { name: programme[0]?.title.en ?? '', exact: true }).waitFor();
    await banner.waitFor();

    await context.setOffline(false);
    await page.reload();
    await eventually(() => banner.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('says it in Spanish too', async () => {
    const { context, page } = await browse(fixture, { timezoneId: VIEWER_ZONE, locale: 'es-ES' });
    await context.addCookies([
      { name: 'encuentro_session', value: token, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' },
      { name: 'lang', value: 'es', url: fixture.baseUrl },
    ]);
    await page.goto('/my-trip?lang=es');
    await page.getByRole('heading', { level: 1, name: 'Mi viaje' }).waitFor();
    await eventually(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.reload();
    await page.getByRole('heading', { name: mine.title.es ?? '', exact: true }).waitFor();
    await context.setOffline(true);
    await page.reload();
    const banner = page.getByRole('status').filter({ hasText: 'Sin conexión' });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/^Sin conexión — última sincronización a las \d\d:\d\d$/);
  });

  it('forgets the kept answers on sign-out, so the next person on this phone cannot read them offline', async () => {
    const { context, page } = await browse(fixture, { timezoneId: VIEWER_ZONE, locale: 'en-GB' });
    await context.addCookies([
      { name: 'encuentro_session', value: token, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
    await page.goto('/my-trip');
    await page.getByRole('heading', { level: 1, name: 'My trip' }).waitFor();
    await eventually(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.reload();
    await page.getByRole('heading', { name: mine.title.en ?? '', exact: true }).waitFor();
    const keptAgenda = () =>
      page.evaluate(async () => {
        const cache = (await caches.has('encuentro-api')) ? await caches.open('encuentro-api') : undefined;
        const keys = cache ? await cache.keys() : [];
        return keys.some((request) => new URL(request.url).pathname === '/api/me/agenda');
      });
    await eventually(keptAgenda).toBe(true);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await eventually(keptAgenda).toBe(false);
  });
});
