import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, Session, SessionList } from '../shared/api/programme.ts';
import { type BrowserFixture, browserKinds, startBrowserFixture } from '../test/browser.ts';
import { Layout } from './pages/layout.ts';
import { ProgrammePage } from './pages/programme-page.ts';
import { apiGet } from './support/api.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';
import { clockTime, dateIn, englishDayHeading, VIEWER_ZONE } from './support/time.ts';

const kinds = browserKinds(import.meta.url);
const EVENT = 'fim-gdl-2024';

const englishTitle = (session: Session) => session.title.en ?? '';
const spanishTitle = (session: Session) => session.title.es ?? '';
const sessionsCount = (count: number) => `${count} ${count === 1 ? 'session' : 'sessions'}`;

describe.skipIf(kinds.length === 0).each(kinds)('the programme in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  let event: EventDetail;
  let sessions: Session[];
  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    event = await apiGet<EventDetail>(fixture, `/api/events/${EVENT}`);
    sessions = (await apiGet<SessionList>(fixture, `/api/events/${EVENT}/sessions`)).items;
  });
  afterAll(() => fixture?.close());

  /** A fresh browser in Kathmandu, so times that ignore the event's zone are visibly wrong. */
  const browseFromKathmandu = () => browse(fixture, { timezoneId: VIEWER_ZONE, locale: 'en-GB' });

  it('shows the programme in the event time, by day, with a calendar to add', async () => {
    const { page, errors } = await browseFromKathmandu();
    await page.goto('/');
    await new Layout(page).goTo('programme');
    const programme = new ProgrammePage(page);
    await programme.waitForSessions();

    expect(await programme.heading.textContent()).toBe('WIN at FIM GDL 2024');
    expect(new URL(page.url()).pathname).toBe(`/events/${EVENT}`);
    expect(event.timeZone).toBe('America/Mexico_City');
    expect(await programme.eventTimeButton.getAttribute('aria-pressed')).toBe('true');
    expect(await programme.sessionCount.textContent()).toBe(sessionsCount(sessions.length));
    expect(await programme.dayHeadings()).toEqual([
      'Wednesday 28 February',
      'Thursday 29 February',
      'Friday 1 March',
      'Saturday 2 March',
    ]);
    expect(await programme.dayOptions()).toEqual(['All days', 'Wed 28 Feb', 'Thu 29 Feb', 'Fri 1 Mar', 'Sat 2 Mar']);
    expect(await programme.sessionTitles()).toEqual(sessions.map(englishTitle));
    // Each day lists the sessions the API puts on that day in Guadalajara.
    for (const day of event.days) {
      const expected = sessions.filter((session) => session.day === day.date).map(englishTitle);
      expect(await programme.day(englishDayHeading(day.date)).sessionTitles(), day.date).toEqual(expected);
    }
    expect(await programme.addToCalendarLink.getAttribute('href')).toMatch(
      new RegExp(`^/api/events/${EVENT}/calendar\\.ics(\\?|$)`),
    );
    expect(errors).toEqual([]);
  });

  it('shows a session at its Guadalajara time, then at the viewer’s time, regrouping the days', async () => {
    const { page, errors } = await browseFromKathmandu();
    const programme = await new ProgrammePage(page).open(EVENT);

    const first = sessions[0]!;
    expect(englishTitle(first)).toBe('Generative AI and the record industry');
    const inGuadalajara = clockTime(first.startsAt, event.timeZone);
    const inKathmandu = clockTime(first.startsAt, VIEWER_ZONE);
    expect([inGuadalajara, inKathmandu]).toEqual(['11:00', '22:45']);
    expect(await programme.sessionCard(englishTitle(first)).time()).toMatch(new RegExp(`^${inGuadalajara}–`));

    // A session late in the evening in Guadalajara that is already the next morning in Kathmandu.
    const crossing = sessions.find((session) => dateIn(session.startsAt, VIEWER_ZONE) !== session.day);
    if (!crossing) throw new Error('the demo programme should have a session on another date in Kathmandu');
    const eventDay = englishDayHeading(crossing.day);
    const viewerDay = englishDayHeading(dateIn(crossing.startsAt, VIEWER_ZONE));
    expect(await programme.day(eventDay).sessionCard(englishTitle(crossing)).root.count()).toBe(1);

    await programme.showMyTime();
    await eventually(() => programme.sessionCard(englishTitle(first)).time()).toMatch(new RegExp(`^${inKathmandu}–`));
    expect(new URL(page.url()).searchParams.get('tz')).toBe('local');
    expect(await programme.eventTimeButton.getAttribute('aria-pressed')).toBe('false');
    expect(await programme.sessionCount.textContent()).toMatch(new RegExp(`^${sessionsCount(sessions.length)} · `));

    const viewerDates = [...new Set(sessions.map((session) => dateIn(session.startsAt, VIEWER_ZONE)))].sort();
    expect(await programme.dayHeadings()).toEqual(viewerDates.map(englishDayHeading));
    expect(await programme.day(viewerDay).sessionCard(englishTitle(crossing)).root.count()).toBe(1);
    expect(await programme.day(eventDay).sessionCard(englishTitle(crossing)).root.count()).toBe(0);

    // Back to the event's time: the first session is at 11:00 again.
    await programme.showEventTime();
    await eventually(() => programme.sessionCard(englishTitle(first)).time()).toMatch(new RegExp(`^${inGuadalajara}–`));
    expect(new URL(page.url()).searchParams.has('tz')).toBe(false);
    expect(errors).toEqual([]);
  });

  it('filters by day and kind, keeping the filters in the address and across a reload', async () => {
    const { page, errors } = await browseFromKathmandu();
    const programme = await new ProgrammePage(page).open(EVENT);
    const expected = (
      await apiGet<SessionList>(fixture, `/api/events/${EVENT}/sessions?day=2024-02-29&kind=showcase`)
    ).items.map(englishTitle);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(sessions.filter((session) => session.day === '2024-02-29').length);

    await programme.chooseDay('Thu 29 Feb');
    await programme.chooseKind('Showcase');
    await eventually(() => programme.sessionTitles()).toEqual(expected);
    expect(await programme.sessionCount.textContent()).toBe(sessionsCount(expected.length));
    expect(await programme.dayHeadings()).toEqual(['Thursday 29 February']);
    const params = new URL(page.url()).searchParams;
    expect([params.get('day'), params.get('kind')]).toEqual(['2024-02-29', 'showcase']);

    await page.reload();
    await programme.waitForSessions();
    expect(await programme.sessionTitles()).toEqual(expected);
    expect(await programme.chosenDay()).toBe('Thu 29 Feb');
    expect(await programme.chosenKind()).toBe('Showcase');

    await programme.chooseDay('All days');
    const showcases = sessions.filter((session) => session.kind === 'showcase').map(englishTitle);
    await eventually(() => programme.sessionTitles()).toEqual(showcases);
    expect(new URL(page.url()).searchParams.has('day')).toBe(false);
    expect(errors).toEqual([]);
  });

  it('shows who speaks and in what part, who presents, where, and that the time is illustrative', async () => {
    const { page, errors } = await browseFromKathmandu();
    const programme = await new ProgrammePage(page).open(EVENT);

    const panel = programme.sessionCard('Generative AI and the record industry');
    expect(await panel.speakers()).toEqual([
      'Noemí Planas — moderator',
      'Zena White — speaker',
      'Mark Kitcatt — speaker',
    ]);
    expect(await panel.line('Hosted by Worldwide Independent Network').count()).toBe(1);
    expect(await panel.topics()).toContain('Generative AI');

    const canadian = sessions.find((session) => session.presenters.some((p) => p.slug === 'canada-house'));
    if (!canadian?.venue || !canadian.stage) throw new Error('the Canada House showcase should have a venue and stage');
    expect(canadian.venue.name).toBe('C3 Stage');
    const showcase = programme.sessionCard(englishTitle(canadian));
    expect(await showcase.line('Presented by Canada House').count()).toBe(1);
    expect(await showcase.line(`${canadian.venue.name}, ${canadian.stage}`).count()).toBe(1);
    expect(await showcase.illustrativeTimeMarker.count()).toBe(canadian.timeIsIllustrative ? 1 : 0);
    expect(errors).toEqual([]);
  });

  it('switches to Spanish, keeps it across a reload and a new page, and ?lang=en forces English back', async () => {
    const { context, page, errors } = await browseFromKathmandu();
    const programme = await new ProgrammePage(page).open(EVENT);
    const english = new Layout(page, 'en');
    expect(await english.documentLanguage()).toBe('en');
    expect(await english.chosenLanguage()).toBe('English');

    const spanish = await english.switchLanguage('Español');
    const programa = new ProgrammePage(page, 'es');
    const spanishDays = [
      'miércoles, 28 de febrero',
      'jueves, 29 de febrero',
      'viernes, 1 de marzo',
      'sábado, 2 de marzo',
    ];
    await eventually(() => programa.heading.textContent()).toBe('WIN en FIM GDL 2024');
    expect(await programa.dayHeadings()).toEqual(spanishDays);
    expect(await programa.sessionTitles()).toEqual(sessions.map(spanishTitle));
    expect(await programa.sessionCount.textContent()).toBe(`${sessions.length} sesiones`);
    expect(await spanish.navigationLink('programme').count()).toBe(1);
    // Nothing is left in English: the "Sessions" region is now "Sesiones".
    expect(await programme.sessionCount.count()).toBe(0);

    await page.reload();
    await programa.waitForSessions();
    expect(await spanish.documentLanguage()).toBe('es');
    expect(await spanish.chosenLanguage()).toBe('Español');
    expect(await programa.heading.textContent()).toBe('WIN en FIM GDL 2024');

    // Another tab of the same browser starts in Spanish too.
    const other = await context.newPage();
    const otherProgramme = await new ProgrammePage(other, 'es').open(EVENT);
    expect(await otherProgramme.dayHeadings()).toEqual(spanishDays);
    expect(await new Layout(other, 'es').documentLanguage()).toBe('es');
    await other.close();

    // ?lang=en wins over the remembered choice, and is remembered in its turn.
    await programme.open(EVENT, '?lang=en');
    expect(await programme.heading.textContent()).toBe('WIN at FIM GDL 2024');
    expect(await english.documentLanguage()).toBe('en');
    expect(new URL(page.url()).searchParams.has('lang')).toBe(false);
    await page.reload();
    await programme.waitForSessions();
    expect(await programme.dayHeadings()).toEqual([
      'Wednesday 28 February',
      'Thursday 29 February',
      'Friday 1 March',
      'Saturday 2 March',
    ]);
    expect(errors).toEqual([]);
  });
});
