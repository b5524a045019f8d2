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

describe.skipIf(kinds.length === 0).each(kinds)('announcements in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  let staff: string;
  /** Two delegates of the event in different delegations, each signed in. */
  let delegates: { name: string; delegationId: string; cookie: string }[];

  const session = async (email: string, personId: string | null, role: 'admin' | 'delegate') => {
    const ctx = fixture.server.runtime.ctx;
    const [user] = await ctx.db.insert(users).values({ email, role, personId }).returning({ id: users.id });
    return startSession(ctx, user?.id as string, 'e2e');
  };

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    staff = await session('staff@announce.example', null, 'admin');
    const found = await rows<{ personId: string; name: string; delegationId: string }>(
      fixture.server.runtime.ctx.db,
      sql`select distinct on (a.delegation_id) p.id as "personId", p.name, a.delegation_id as "delegationId"
          from attendances a join people p on p.id = a.person_id join events e on e.id = a.event_id
          where e.slug = ${EVENT} and a.delegation_id is not null and p.fictional
            and not exists (select 1 from users u where u.person_id = p.id)
          order by a.delegation_id, p.name limit 2`,
    );
    expect(found).toHaveLength(2);
    delegates = [];
    for (const [i, d] of found.entries()) {
      delegates.push({ ...d, cookie: await session(`delegate${i}@announce.example`, d.personId, 'delegate') });
    }
  });
  afterAll(() => fixture?.close());

  async function signedIn(cookie: string, width = 390) {
    const browsing = await browse(fixture, { width, height: 844 });
    await browsing.context.addCookies([
      { name: 'encuentro_session', value: cookie, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
    return browsing;
  }

  it('staff send to one delegation: only its member sees the banner live, and the inbox badge counts it', async () => {
    const [member, other] = delegates as [(typeof delegates)[0], (typeof delegates)[0]];
    // Both delegates have their inbox open (a page with no live channel of its own): the layout's banner
    // listens on the event's live channel, which the server counts once the stream is open.
    const live = fixture.server.runtime.ctx.live;
    const [{ id: eventId } = { id: '' }] = await rows<{ id: string }>(
      fixture.server.runtime.ctx.db,
      sql`select id from events where slug = ${EVENT}`,
    );
    // The demo's announcements already wait in their inboxes, some unread.
    const unread = async (cookie: string) =>
      (
        (await fixture.server.app.inject({ url: '/api/me/inbox', cookies: { encuentro_session: cookie } })).json() as {
          unread: number;
        }
      ).unread;
    const unreadBefore = await unread(member.cookie);
    const open = [];
    for (const delegate of [member, other]) {
      const before = live.subscriberCount(eventId);
      const browsing = await signedIn(delegate.cookie);
      await browsing.page.goto('/inbox');
      await browsing.page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
      await eventually(() => live.subscriberCount(eventId)).toBeGreaterThan(before);
      open.push(browsing);
    }
    const [memberPage, otherPage] = open.map((b) => b.page) as [(typeof open)[0]['page'], (typeof open)[0]['page']];

    const desk = await signedIn(staff, 1280);
    await desk.page.goto(`/staff/events/${EVENT}`);
    await desk.page.getByRole('link', { name: 'Announcements', exact: true }).click();
    await desk.page.getByRole('heading', { name: 'Announcements', level: 1 }).waitFor();
    await desk.page.getByLabel('Title in English').fill('Delegation photo at noon');
    await desk.page.getByLabel('Text in English').fill('Meet on the Fábrica Morelos terrace at 12:00.');
    await desk.page.getByLabel('Title in Spanish').fill('Foto de la delegación a mediodía');
    await desk.page.getByLabel('Text in Spanish').fill('Nos vemos en la terraza de Fábrica Morelos a las 12:00.');
    await desk.page.getByLabel('To', { exact: true }).selectOption('delegation');
    await desk.page.getByLabel('A delegation').selectOption(member.delegationId);
    await desk.page
      .getByTestId('recipient-count')
      .filter({ hasText: /receives? it/ })
      .waitFor();
    await desk.page.getByRole('button', { name: 'Send now' }).click();
    await desk.page
      .getByRole('status')
      .filter({ hasText: /Sent to \d+ (person|people)/ })
      .waitFor();
    await desk.page
      .getByTestId('announcement-read')
      .first()
      .filter({ hasText: /^0 of \d+ read$/ })
      .waitFor();

    const banner = memberPage.getByTestId('announcement-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Delegation photo at noon');
    await memberPage
      .getByTestId('inbox-unread')
      .filter({ hasText: new RegExp(`^${unreadBefore + 1}$`) })
      .waitFor();
    // The other delegation's member heard nothing: no banner, and an inbox without it.
    expect(await otherPage.getByTestId('announcement-banner').count()).toBe(0);
    await otherPage.reload();
    await otherPage.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    expect(await otherPage.getByText('Delegation photo at noon').count()).toBe(0);

    // Opening it from the banner leads to the inbox, where it is marked read; staff see the count move.
    await banner.getByRole('link', { name: 'Open' }).click();
    await banner.waitFor({ state: 'detached' });
    await memberPage
      .getByRole('listitem')
      .filter({ hasText: 'Delegation photo at noon' })
      .getByRole('button', { name: 'Mark as read' })
      .click();
    await eventually(() => unread(member.cookie)).toBe(unreadBefore);
    await desk.page.reload();
    await desk.page
      .getByTestId('announcement-read')
      .first()
      .filter({ hasText: /^1 of \d+ read$/ })
      .waitFor();
    for (const b of [...open, desk]) expect(b.errors).toEqual([]);
  }, 180_000);
});
