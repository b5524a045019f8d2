import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../server/db/client.ts';
import type { Agenda } from '../shared/api/agenda.ts';
import type { Session } from '../shared/api/programme.ts';
import { signedInAs } from '../test/accounts.ts';
import { type BrowserFixture, browserKinds, seriousAxeViolations, startBrowserFixture } from '../test/browser.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';
import { clockTime, dateIn, englishDayHeading, VIEWER_ZONE } from './support/time.ts';

const EVENT = 'fim-gdl-2024';
const EVENT_ZONE = 'America/Mexico_City';

/** /my-trip as a delegate sees it. */
class MyTripPage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'My trip' });
  }
  dayHeadings() {
    return this.page.locator('.my-trip .day__heading').allTextContents();
  }
  item(title: string) {
    return this.page
      .locator('.trip-item')
      .filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
  }
  async timeOf(title: string) {
    return (await this.item(title).locator('time').first().textContent()) ?? '';
  }
  zoneButton(name: 'event' | 'mine') {
    return this.page.getByRole('button', { name: name === 'event' ? /^Event time/ : /^My time/ });
  }
  get feedAddress() {
    return this.page.getByLabel('Your private calendar address');
  }
}

const kinds = browserKinds(import.meta.url);

describe.skipIf(kinds.length === 0).each(kinds)('my trip in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  let delegateToken: string;
  let adminToken: string;
  /** Two sessions of the demo programme I confirmed, and one made to clash with the first. */
  let confirmed: Session[];
  let clashing: Session;

  const inject = async (method: 'GET' | 'POST' | 'PATCH', url: string, token: string, payload?: object) => {
    const response = await fixture.server.app.inject({
      method,
      url,
      cookies: { encuentro_session: token },
      ...(payload ? { payload } : {}),
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    const ctx = fixture.server.runtime.ctx;
    const [person] = await rows<{ id: string }>(
      ctx.db,
      sql`insert into people (name) values ('Delegate on Trip (fictional)') returning id`,
    );
    const personId = person?.id as string;
    delegateToken = await signedInAs(ctx, { email: 'trip@delegates.example', role: 'delegate', personId });
    adminToken = await signedInAs(ctx, { email: 'desk@win.example', role: 'admin' });

    const programme = (await inject('GET', `/api/events/${EVENT}/sessions`, adminToken)).items as Session[];
    // An afternoon session (its Kathmandu date is the next day) and a later one.
    const late = programme.filter((s) => dateIn(s.startsAt, VIEWER_ZONE) !== s.day);
    const first = (late[0] ?? programme[0]) as Session;
    const second = programme.find((s) => s.day !== first.day) as Session;
    clashing = await inject('POST', `/api/events/${EVENT}/sessions`, adminToken, {
      kind: 'meeting',
      title: { en: 'Delegation huddle', es: 'Reunión de la delegación' },
      startsAt: first.startsAt,
      endsAt: new Date(Date.parse(first.startsAt) + 30 * 60_000).toISOString(),
      venue: first.venue?.slug,
    });
    confirmed = [first, second];
    const now = new Date().toISOString();
    for (const session of [first, second, clashing]) {
      await ctx.db.execute(sql`insert into rsvps (session_id, person_id, status, queued_at, confirmed_at)
        values (${session.id}, ${personId}, 'confirmed', ${now}, ${now})`);
    }
  });
  afterAll(() => fixture?.close());

  async function browseAsDelegate() {
    const browsing = await browse(fixture, { timezoneId: VIEWER_ZONE, locale: 'en-GB' });
    await browsing.context.addCookies([
      { name: 'encuentro_session', value: delegateToken, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' },
    ]);
    return browsing;
  }

  it('shows my sessions in Guadalajara time from Kathmandu, with clashes flagged, and in my time on request', async () => {
    const { page, errors } = await browseAsDelegate();
    await page.goto('/');
    await page.getByRole('link', { name: 'My trip', exact: true }).click();
    const trip = new MyTripPage(page);
    await trip.heading.waitFor();
    const [first, second] = confirmed as [Session, Session];
    const title = first.title.en ?? '';

    await trip.item(title).waitFor();
    const eventDays = [...new Set([first.day, second.day])].sort();
    expect(await trip.dayHeadings()).toEqual(eventDays.map(englishDayHeading));
    expect(await trip.timeOf(title)).toContain(clockTime(first.startsAt, EVENT_ZONE));
    expect(await trip.item(title).getByText('Confirmed', { exact: true }).count()).toBe(1);
    await trip.item(title).getByText('Overlaps with Delegation huddle').waitFor();
    await page.getByText('Two of your sessions overlap.', { exact: false }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await trip.zoneButton('mine').click();
    expect(await trip.zoneButton('mine').getAttribute('aria-pressed')).toBe('true');
    await eventually(() => trip.timeOf(title)).toContain(clockTime(first.startsAt, VIEWER_ZONE));
    const myDays = [...new Set([first, second, clashing].map((s) => dateIn(s.startsAt, VIEWER_ZONE)))].sort();
    expect(await trip.dayHeadings()).toEqual(myDays.map(englishDayHeading));
    expect(errors).toEqual([]);
  });

  it('makes, copies and stops a personal calendar link', async () => {
    const { page, errors } = await browseAsDelegate();
    await page.goto('/my-trip');
    const trip = new MyTripPage(page);
    await page.getByRole('button', { name: 'Make my calendar link' }).click();
    await trip.feedAddress.waitFor();
    const address = await trip.feedAddress.inputValue();
    expect(address).toMatch(/\/api\/me\/calendar\.ics\?token=[\w-]+&lang=en$/);
    expect(await page.getByRole('link', { name: 'Open in my calendar app' }).getAttribute('href')).toBe(
      address.replace(/^http:/, 'webcal:'),
    );
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The calendar app has no cookie: the address alone opens the feed.
    const feed = await fetch(address);
    expect(feed.status).toBe(200);
    const body = await feed.text();
    for (const session of confirmed) expect(body).toContain(`UID:${session.id}@encuentro`);

    await page.getByRole('button', { name: 'Stop my calendar link' }).click();
    await page.getByText('Your calendar link no longer works.').waitFor();
    expect((await fetch(address)).status).toBe(404);
    expect(errors).toEqual([]);
  });

  it('refetches when staff move a session, and says the programme changed', async () => {
    const { page, errors } = await browseAsDelegate();
    await page.goto('/my-trip');
    const trip = new MyTripPage(page);
    const second = confirmed[1] as Session;
    const title = second.title.en ?? '';
    await trip.item(title).waitFor();
    // Wait until the page listens on the event's live channel.
    const live = fixture.server.runtime.ctx.live;
    const eventId = (
      await rows<{ id: string }>(fixture.server.runtime.ctx.db, sql`select id from events where slug = ${EVENT}`)
    )[0]?.id as string;
    await eventually(() => live.subscriberCount(eventId)).toBeGreaterThan(0);

    const current = await inject('GET', `/api/sessions/${second.id}`, adminToken);
    const startsAt = new Date(Date.parse(second.startsAt) + 60 * 60_000).toISOString();
    const endsAt = new Date(Date.parse(second.endsAt) + 60 * 60_000).toISOString();
    await inject('PATCH', `/api/sessions/${second.id}`, adminToken, { version: current.version, startsAt, endsAt });

    await page.getByText(/^The programme changed at \d\d:\d\d/).waitFor();
    await eventually(() => trip.timeOf(title)).toContain(clockTime(startsAt, EVENT_ZONE));
    await trip.item(title).getByText('Moved', { exact: true }).waitFor();
    const agenda = (await inject('GET', `/api/me/agenda?event=${EVENT}`, delegateToken)) as Agenda;
    expect(agenda.days.flatMap((d) => d.items).find((i) => i.id === second.id)?.lastChange?.change).toBe('moved');
    expect(errors).toEqual([]);
  });
});
