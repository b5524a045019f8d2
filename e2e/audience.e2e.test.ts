import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../server/db/client.ts';
import { ensureAttendance } from '../server/delegations/attendance.ts';
import { signedInAs } from '../test/accounts.ts';
import { type BrowserFixture, browserKinds, seriousAxeViolations, startBrowserFixture } from '../test/browser.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';

const EVENT = 'fim-gdl-2024';
const kinds = browserKinds(import.meta.url);

/** The room page of one session, on a phone. */
class RoomPage {
  constructor(
    readonly page: Page,
    readonly sessionId: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`/events/${EVENT}/sessions/${this.sessionId}/room`);
    await eventually(() => this.page.getByRole('heading', { name: 'Questions', level: 2 }).count()).toBe(1);
  }

  question(text: string) {
    return this.page.getByTestId('room-question').filter({ hasText: text });
  }
}

describe.skipIf(kinds.length === 0).each(kinds)("a session's room in a browser on %s", (kind) => {
  let fixture: BrowserFixture;
  let sessionId: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    const ctx = fixture.server.runtime.ctx;
    const [event] = await rows<{ id: string }>(ctx.db, sql`select id from events where slug = ${EVENT}`);
    const eventId = (event as { id: string }).id;
    const [session] = await rows<{ id: string }>(
      ctx.db,
      sql`insert into sessions (event_id, kind, title_en, title_es, starts_at, ends_at)
          values (${eventId}, 'panel', 'Room panel', 'Panel de la sala', '2024-03-01T20:00:00Z', '2024-03-01T21:00:00Z')
          returning id`,
    );
    sessionId = (session as { id: string }).id;
    for (const name of ['Amaia', 'Bruno']) {
      const [person] = await rows<{ id: string }>(
        ctx.db,
        sql`insert into people (name) values (${`${name} Room`}) returning id`,
      );
      await ensureAttendance(ctx.db, { eventId, personId: (person as { id: string }).id });
      cookies[name] = await signedInAs(ctx, {
        email: `${name.toLowerCase()}@room.example`,
        role: 'delegate',
        personId: (person as { id: string }).id,
      });
    }
    cookies.Staff = await signedInAs(ctx, { email: 'staff@room.example', role: 'admin' });
  });
  afterAll(() => fixture?.close());

  async function browseAs(name: string | null, width = 390) {
    const browsing = await browse(fixture, { width, height: width > 900 ? 800 : 844 });
    await browsing.context.addCookies([
      ...(name
        ? [
            {
              name: 'encuentro_session',
              value: cookies[name] as string,
              url: fixture.baseUrl,
              httpOnly: true,
              sameSite: 'Lax' as const,
            },
          ]
        : []),
      { name: 'lang', value: 'en', url: fixture.baseUrl },
    ]);
    return browsing;
  }

  it('takes a question from one phone to another, past the moderator, onto the stage screen; and a poll live', async () => {
    const screen = await browseAs(null, 1280);
    await screen.page.goto(`/events/${EVENT}/sessions/${sessionId}/stage`);
    await eventually(() => screen.page.getByRole('heading', { name: 'Top questions' }).count()).toBe(1);
    await eventually(() => screen.page.getByText('No questions yet.').count()).toBe(1);

    const amaia = await browseAs('Amaia');
    const asker = new RoomPage(amaia.page, sessionId);
    await asker.open();
    await amaia.page.getByLabel('Your question').fill('How do small labels join ADMI?');
    await amaia.page.getByRole('button', { name: 'Ask', exact: true }).click();
    await eventually(() =>
      amaia.page.getByText('Sent. Your question appears once a moderator approves it.').count(),
    ).toBe(1);

    // Waiting for approval: another attendee does not see it yet; the moderator does, and approves it.
    const bruno = await browseAs('Bruno');
    const voter = new RoomPage(bruno.page, sessionId);
    await voter.open();
    expect(await voter.question('How do small labels join ADMI?').count()).toBe(0);
    const staff = await browseAs('Staff');
    const moderator = new RoomPage(staff.page, sessionId);
    await moderator.open();
    await moderator.question('How do small labels join ADMI?').getByRole('button', { name: 'Approve' }).click();

    // It reaches Bruno's open page and the stage screen without a reload; Bruno upvotes it.
    await eventually(() => voter.question('How do small labels join ADMI?').count()).toBe(1);
    await voter
      .question('How do small labels join ADMI?')
      .getByRole('button', { name: /Upvote/ })
      .click();
    const onStage = screen.page.getByTestId('stage-questions').getByRole('listitem').first();
    await eventually(() => onStage.textContent()).toContain('How do small labels join ADMI?');
    await eventually(() => onStage.textContent()).toContain('1 vote');
    await eventually(() =>
      asker.question('How do small labels join ADMI?').getByTestId('question-votes').textContent(),
    ).toBe('1');
    expect(await seriousAxeViolations(bruno.page)).toEqual([]);

    // The moderator opens a poll and shows its results; a vote from a phone moves the stage's chart.
    await staff.page.getByText('Open a new poll').click();
    await staff.page.getByLabel('Question in English').fill('Will you join?');
    await staff.page.getByLabel('Question in Spanish').fill('¿Te unirás?');
    const options = staff.page.locator('.room__option');
    await options.nth(0).getByLabel('In English').fill('Yes');
    await options.nth(0).getByLabel('In Spanish').fill('Sí');
    await options.nth(1).getByLabel('In English').fill('Not yet');
    await options.nth(1).getByLabel('In Spanish').fill('Todavía no');
    await staff.page.getByRole('button', { name: 'Open the poll' }).click();
    await staff.page.getByRole('button', { name: 'Show the results' }).click();
    const chart = screen.page.getByTestId('stage-poll');
    await eventually(() => chart.getByTestId('poll-count').allTextContents()).toEqual(['0 · 0%', '0 · 0%']);

    await eventually(() => bruno.page.getByRole('radio', { name: 'Yes' }).count()).toBe(1);
    await bruno.page.getByRole('radio', { name: 'Yes' }).check();
    await bruno.page.getByRole('button', { name: 'Vote', exact: true }).click();
    await eventually(() => chart.getByTestId('poll-count').allTextContents()).toEqual(['1 · 100%', '0 · 0%']);
    await amaia.page.getByRole('radio', { name: 'Not yet' }).check();
    await amaia.page.getByRole('button', { name: 'Vote', exact: true }).click();
    await eventually(() => chart.getByTestId('poll-count').allTextContents()).toEqual(['1 · 50%', '1 · 50%']);
    // Shown results reach the phones too.
    await eventually(() => bruno.page.getByTestId('poll-count').allTextContents()).toEqual(['1 · 50%', '1 · 50%']);
    expect(await seriousAxeViolations(screen.page)).toEqual([]);
    expect([...screen.errors, ...amaia.errors, ...bruno.errors, ...staff.errors]).toEqual([]);
    // Four browsers at once: on a busy machine page loads alone take seconds each.
  }, 180_000);
});
