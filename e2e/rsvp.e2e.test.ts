import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../server/db/client.ts';
import { ensureAttendance } from '../server/delegations/attendance.ts';
import { sessionWithCapacity } from '../server/rsvp/crowd.ts';
import { signedInAs } from '../test/accounts.ts';
import { type BrowserFixture, browserKinds, seriousAxeViolations, startBrowserFixture } from '../test/browser.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';

const EVENT = 'fim-gdl-2024';

/** One session's card on the event page, and its seat controls. */
class SessionSeats {
  constructor(
    readonly page: Page,
    readonly sessionId: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`/events/${EVENT}?session=${this.sessionId}`);
    await this.card.waitFor();
  }

  get card() {
    return this.page.locator(`#session-${this.sessionId}`);
  }

  button(name: string) {
    return this.card.getByRole('button', { name, exact: true });
  }

  status() {
    return this.card.getByRole('status').textContent();
  }

  seats() {
    return this.card.getByText(/seats taken/).textContent();
  }
}

const kinds = browserKinds(import.meta.url);

describe.skipIf(kinds.length === 0).each(kinds)('RSVP in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    const ctx = fixture.server.runtime.ctx;
    const [event] = await rows<{ id: string }>(ctx.db, sql`select id from events where slug = ${EVENT}`);
    for (const name of ['Amaia', 'Bruno']) {
      const [person] = await rows<{ id: string }>(
        ctx.db,
        sql`insert into people (name, email) values (${`${name} Seats`}, ${`${name.toLowerCase()}@seats.example`}) returning id`,
      );
      await ensureAttendance(ctx.db, {
        eventId: (event as { id: string }).id,
        personId: (person as { id: string }).id,
      });
      cookies[name] = await signedInAs(ctx, {
        email: `${name.toLowerCase()}@seats.example`,
        role: 'delegate',
        personId: (person as { id: string }).id,
      });
    }
  });
  afterAll(() => fixture?.close());

  async function browseAs(name: string) {
    const browsing = await browse(fixture);
    await browsing.context.addCookies([
      {
        name: 'encuentro_session',
        value: cookies[name] as string,
        url: fixture.baseUrl,
        httpOnly: true,
        sameSite: 'Lax',
      },
      { name: 'lang', value: 'en', url: fixture.baseUrl },
    ]);
    return browsing;
  }

  it('fills a session, waitlists the next delegate and promotes them after a cancellation', async () => {
    const sessionId = await sessionWithCapacity(fixture.server.runtime.ctx.db, EVENT, 1, 'One-seat masterclass');
    const amaia = await browseAs('Amaia');
    const first = new SessionSeats(amaia.page, sessionId);
    await first.open();
    await first.button('Reserve a seat').click();
    await eventually(() => first.status()).toBe('You have a seat');
    await eventually(() => first.seats()).toBe('1 of 1 seats taken');
    expect(await seriousAxeViolations(amaia.page)).toEqual([]);

    const bruno = await browseAs('Bruno');
    const second = new SessionSeats(bruno.page, sessionId);
    await second.open();
    await eventually(() => second.status()).toBe('Full');
    await second.button('Join the waitlist').click();
    await eventually(() => second.status()).toBe('On the waitlist: number 1 in line');

    // Amaia gives her seat back; Bruno's open page learns it is his, and so does his notices bell.
    await first.button('Cancel my seat').click();
    // Her seat went to Bruno at once: the session is full again.
    await eventually(() => first.status()).toBe('Full');
    await eventually(() => first.button('Join the waitlist').count()).toBe(1);
    await eventually(() => second.status()).toBe('You have a seat');
    const bell = bruno.page.getByRole('link', { name: 'Notices: 1 unread' });
    await eventually(() => bell.count()).toBe(1);
    await bell.click();
    await bruno.page.getByRole('heading', { name: 'Notices', level: 1 }).waitFor();
    await eventually(() => bruno.page.getByText('A seat came free and it is yours:').count()).toBe(1);
    expect(await seriousAxeViolations(bruno.page)).toEqual([]);
    await bruno.page.getByRole('button', { name: 'Mark as read' }).click();
    await eventually(() => bruno.page.getByRole('link', { name: 'Notices: none unread' }).count()).toBe(1);
    expect([...amaia.errors, ...bruno.errors]).toEqual([]);
  });
});
