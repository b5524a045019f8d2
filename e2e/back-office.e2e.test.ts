import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../server/accounts/service.ts';
import { users } from '../server/accounts/tables.ts';
import { rows } from '../server/db/client.ts';
import { type BrowserFixture, browserKinds, startBrowserFixture } from '../test/browser.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';

const EVENT = 'fim-gdl-2024';

const kinds = browserKinds(import.meta.url);

describe.skipIf(kinds.length === 0).each(kinds)('the back office in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  let staff: string;
  let delegates: { name: string; badgeCode: string }[];

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    const ctx = fixture.server.runtime.ctx;
    const [user] = await ctx.db
      .insert(users)
      .values({ email: 'door@back-office.example', role: 'admin', personId: null })
      .returning({ id: users.id });
    staff = await startSession(ctx, user?.id as string, 'e2e');
    // Three delegates nobody has checked in at the door yet.
    delegates = await rows<{ name: string; badgeCode: string }>(
      ctx.db,
      sql`select p.name, a.badge_code as "badgeCode" from attendances a
          join people p on p.id = a.person_id join events e on e.id = a.event_id
          where e.slug = ${EVENT}
            and not exists (select 1 from check_ins c where c.event_id = a.event_id and c.person_id = a.person_id)
          order by p.name limit 3`,
    );
    expect(delegates).toHaveLength(3);
  });
  afterAll(() => fixture?.close());

  async function asStaff(width = 390) {
    const browsing = await browse(fixture, { width, height: 844 });
    await browsing.context.addCookies([
      { name: 'encuentro_session', value: staff, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
    return browsing;
  }

  it('reaches every staff page of an event by tapping from the back office, on a phone, with no dead end', async () => {
    const { page, errors } = await asStaff();
    await page.goto('/');
    // The account menu leads to the back office; the back office to the event.
    await page.getByRole('link', { name: 'Back office' }).first().click();
    await page.getByRole('heading', { name: 'Back office', level: 1 }).waitFor();
    await page
      .getByRole('link', { name: /FIM GDL 2024/ })
      .first()
      .click();
    await page.waitForURL(`**/staff/events/${EVENT}`);
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();

    const pages = page.getByRole('navigation', { name: 'Staff pages of this event' }).getByRole('link');
    const names = (await pages.allTextContents()).map((name) => name.trim());
    expect(names).toEqual(
      expect.arrayContaining([
        'Check-in',
        'Delegations',
        'Travel funding',
        'Manifest (CSV)',
        'Print badges',
        'Bingo',
        'Big screen',
        'Prize draw',
        'Trip report',
        'Audit log',
      ]),
    );
    for (const name of names) {
      const link = page.getByRole('navigation', { name: 'Staff pages of this event' }).getByRole('link', {
        name,
        exact: true,
      });
      const href = (await link.getAttribute('href')) as string;
      if (href.startsWith('/api/')) {
        // A file to download: it must answer, not lead anywhere.
        const response = await page.request.get(href);
        expect(response.status(), href).toBe(200);
        continue;
      }
      await link.click();
      await page.waitForURL((url) => `${url.pathname}${url.hash}` === href);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(await page.getByRole('heading', { name: 'Page not found' }).count(), href).toBe(0);
      await page.goBack();
      await page.waitForURL(`**/staff/events/${EVENT}`);
    }
    expect(errors).toEqual([]);
    // A dozen pages, each loaded in a browser on a busy machine.
  }, 300_000);

  it('checks three delegates in at the door, one while offline, and the dashboard count moves live', async () => {
    const dashboard = await asStaff(1280);
    await dashboard.page.goto(`/staff/events/${EVENT}`);
    // People checked in at the door: "Nobody checked in yet", "1 person checked in", "12 people checked in".
    const doorCount = async () =>
      Number(/\d+/.exec((await dashboard.page.getByTestId('dashboard-door-count').textContent()) ?? '')?.[0] ?? 0);
    const before = await doorCount();

    const door = await asStaff();
    await door.page.goto(`/events/${EVENT}/check-in`);
    await door.page.getByRole('heading', { name: 'Check-in', level: 1 }).waitFor();
    const code = door.page.getByLabel('Badge code (six characters)');
    const checkIn = door.page.getByRole('button', { name: 'Check in', exact: true });
    const recent = door.page.getByRole('list', { name: 'Checked in on this phone' });

    const [first, second, third] = delegates as [(typeof delegates)[0], (typeof delegates)[0], (typeof delegates)[0]];
    await code.fill(first.badgeCode);
    await checkIn.click();
    await eventually(() => recent.textContent()).toContain(`${first.name} checked in`);

    // The venue's Wi-Fi drops: the check-in waits on the phone, then goes when the network is back.
    await door.context.setOffline(true);
    await code.fill(second.badgeCode.toLowerCase());
    await checkIn.click();
    await eventually(() => recent.textContent()).toContain('Waiting for the network');
    await door.context.setOffline(false);
    await door.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await eventually(() => recent.textContent()).toContain(`${second.name} checked in`);

    await code.fill(third.badgeCode);
    await checkIn.click();
    await eventually(() => recent.textContent()).toContain(`${third.name} checked in`);
    // Checked in twice: acknowledged, counted once.
    await code.fill(third.badgeCode);
    await checkIn.click();
    await eventually(() => recent.textContent()).toContain(`${third.name} was already checked in`);

    // The dashboard, never reloaded by hand, follows.
    await eventually(doorCount).toBe(before + 3);
  });
});
