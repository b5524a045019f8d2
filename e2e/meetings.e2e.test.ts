import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../server/db/client.ts';
import { ensureAttendance } from '../server/delegations/attendance.ts';
import { signedInAs } from '../test/accounts.ts';
import { type BrowserFixture, browserKinds, seriousAxeViolations, startBrowserFixture } from '../test/browser.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';

const EVENT = 'fim-gdl-2024';
const DAY = 24 * 3600 * 1000;

const kinds = browserKinds(import.meta.url);

describe.skipIf(kinds.length === 0).each(kinds)('one-to-one meetings in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  const cookies: Record<string, string> = {};
  const slots: string[] = [];

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    const ctx = fixture.server.runtime.ctx;
    const [event] = await rows<{ id: string }>(ctx.db, sql`select id from events where slug = ${EVENT}`);
    const eventId = (event as { id: string }).id;
    // A visitor from Australia and a Mexican label, sharing an interest nobody else has.
    for (const [name, country] of [
      ['Amaia', 'AU'],
      ['Bruno', 'MX'],
    ] as const) {
      const [person] = await rows<{ id: string }>(
        ctx.db,
        sql`insert into people (name, email, country_code, topics)
            values (${`${name} Tables`}, ${`${name.toLowerCase()}@tables.example`}, ${country},
                    array['cross-border-touring']) returning id`,
      );
      const personId = (person as { id: string }).id;
      await ensureAttendance(ctx.db, { eventId, personId });
      cookies[name] = await signedInAs(ctx, {
        email: `${name.toLowerCase()}@tables.example`,
        role: 'delegate',
        personId,
      });
    }
    // A small space with slots ahead of today (the demo's terrace is in 2024).
    const [space] = await rows<{ id: string }>(
      ctx.db,
      sql`insert into meeting_spaces (event_id, name, tables, slot_minutes)
          values (${eventId}, 'Patio tables', 3, 20) returning id`,
    );
    const start = Math.ceil((Date.now() + 2 * DAY) / DAY) * DAY + 22 * 3600 * 1000;
    for (let i = 0; i < 3; i++) {
      const [slot] = await rows<{ id: string }>(
        ctx.db,
        sql`insert into meeting_slots (space_id, event_id, starts_at, ends_at)
            values (${space?.id}, ${eventId}, ${new Date(start + i * 20 * 60_000).toISOString()},
                    ${new Date(start + (i + 1) * 20 * 60_000).toISOString()}) returning id`,
      );
      slots.push((slot as { id: string }).id);
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

  it('asks, is offered another time, accepts, and both see the meeting with its table in My trip', async () => {
    const amaia = await browseAs('Amaia');
    await amaia.page.goto(`/events/${EVENT}/meetings`);
    await amaia.page.getByRole('heading', { name: 'Meetings', level: 1 }).waitFor();
    await amaia.page.getByRole('button', { name: 'Ask Bruno Tables to meet' }).click();
    await amaia.page.locator(`.meeting__request input[value="${slots[0]}"]`).check();
    await amaia.page.getByRole('button', { name: 'Send request' }).click();
    await eventually(() => amaia.page.getByText('Request sent to Bruno Tables.').count()).toBe(1);
    expect(await seriousAxeViolations(amaia.page)).toEqual([]);

    // Bruno cannot make that time: he proposes the next slot.
    const bruno = await browseAs('Bruno');
    await bruno.page.goto(`/events/${EVENT}/meetings`);
    const request = bruno.page.getByTestId('meeting-request');
    await request.waitFor();
    expect(await bruno.page.getByRole('heading', { name: 'One request for you' }).count()).toBe(1);
    await request.getByRole('button', { name: 'Propose other times' }).click();
    await request.locator(`input[value="${slots[1]}"]`).check();
    await request.getByRole('button', { name: 'Send proposal' }).click();
    await eventually(() => bruno.page.getByText('Other times proposed.', { exact: false }).count()).toBe(1);

    await amaia.page.reload();
    const offer = amaia.page.getByTestId('meeting-request');
    await offer.locator(`input[value="${slots[1]}"]`).check();
    await offer.getByRole('button', { name: 'Accept' }).click();
    await eventually(() => amaia.page.getByTestId('confirmed-meeting').count()).toBe(1);

    for (const [who, other] of [
      [amaia, 'Bruno Tables'],
      [bruno, 'Amaia Tables'],
    ] as const) {
      await who.page.goto(`/my-trip?event=${EVENT}`);
      const meeting = who.page.getByTestId('trip-meeting');
      await eventually(() => meeting.count()).toBe(1);
      expect(await meeting.textContent()).toContain(other);
      expect(await meeting.textContent()).toContain('Table 1');
    }
    expect([...amaia.errors, ...bruno.errors]).toEqual([]);
  });
});
