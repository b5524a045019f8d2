import type { Locator, Page } from 'playwright-core';
import type { Language } from '../../shared/domain.ts';
import { literal, normalizeSpace } from '../support/text.ts';

const LABELS = {
  en: {
    sessions: 'Sessions',
    zones: 'Times shown in',
    eventTime: /^Event time/,
    myTime: /^My time \(/,
    days: 'Day',
    allDays: 'All days',
    kind: 'Kind of session',
    loading: 'Loading…',
    addToCalendar: 'Add to calendar',
    speakers: 'Speakers',
    topics: 'Topics',
    illustrative: 'Illustrative time',
  },
  es: {
    sessions: 'Sesiones',
    zones: 'Horarios en',
    eventTime: /^Hora del evento/,
    myTime: /^Mi hora \(/,
    days: 'Día',
    allDays: 'Todos los días',
    kind: 'Tipo de sesión',
    loading: 'Cargando…',
    addToCalendar: 'Añadir al calendario',
    speakers: 'Participantes',
    topics: 'Temas',
    illustrative: 'Hora orientativa',
  },
} satisfies Record<Language, Record<string, string | RegExp>>;

type Labels = (typeof LABELS)[Language];

/** An event's programme (/events/:slug): zone, day and kind controls, and the sessions grouped by day. */
export class ProgrammePage {
  constructor(
    readonly page: Page,
    readonly language: Language = 'en',
  ) {}

  get labels(): Labels {
    return LABELS[this.language];
  }

  /** Opens the programme (with an optional `?query`) and waits until its sessions are listed. */
  async open(slug: string, query = ''): Promise<this> {
    await this.page.goto(`/events/${slug}${query}`);
    await this.waitForSessions();
    return this;
  }

  async waitForSessions(): Promise<void> {
    await this.sessionCount.waitFor();
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  get addToCalendarLink() {
    return this.page.getByRole('link', { name: this.labels.addToCalendar, exact: true });
  }

  get sessions() {
    return this.page.getByRole('region', { name: this.labels.sessions, exact: true });
  }

  /** "13 sessions" (the spinner is a status too, hence the filter). */
  get sessionCount() {
    return this.sessions.getByRole('status').filter({ hasNotText: this.labels.loading });
  }

  get zoneChoice() {
    return this.page.getByRole('group', { name: this.labels.zones, exact: true });
  }

  get eventTimeButton() {
    return this.zoneChoice.getByRole('button', { name: this.labels.eventTime });
  }

  get myTimeButton() {
    return this.zoneChoice.getByRole('button', { name: this.labels.myTime });
  }

  async showMyTime(): Promise<void> {
    await this.myTimeButton.click();
    await this.zoneChoice.getByRole('button', { name: this.labels.myTime, pressed: true }).waitFor();
  }

  async showEventTime(): Promise<void> {
    await this.eventTimeButton.click();
    await this.zoneChoice.getByRole('button', { name: this.labels.eventTime, pressed: true }).waitFor();
  }

  get dayChoice() {
    return this.page.getByRole('group', { name: this.labels.days, exact: true });
  }

  /** The day buttons' labels, "All days" first. */
  async dayOptions(): Promise<string[]> {
    return this.dayChoice.getByRole('button').allTextContents();
  }

  /** The day button shown as pressed. */
  async chosenDay(): Promise<string | null> {
    return this.dayChoice.getByRole('button', { pressed: true }).textContent();
  }

  /** Chooses a day by its button ("Thu 29 Feb", or "All days"). */
  async chooseDay(label: string): Promise<void> {
    await this.dayChoice.getByRole('button', { name: label, exact: true }).click();
    await this.dayChoice.getByRole('button', { name: label, exact: true, pressed: true }).waitFor();
  }

  get kindSelect() {
    return this.page.getByRole('combobox', { name: this.labels.kind, exact: true });
  }

  /** Chooses a kind of session by its label ("Showcase"). */
  async chooseKind(label: string): Promise<void> {
    await this.kindSelect.selectOption({ label });
  }

  async chosenKind(): Promise<string> {
    return this.kindSelect.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? '');
  }

  /** The day headings in order ("Wednesday 28 February"); each day is a region named by its heading. */
  async dayHeadings(): Promise<string[]> {
    const days = await this.sessions.getByRole('region').all();
    return Promise.all(
      days.map(async (day) =>
        normalizeSpace(await day.getByRole('heading', { level: 3 }).first().textContent({ timeout: 1_000 })),
      ),
    );
  }

  day(heading: string): DaySection {
    return new DaySection(this.sessions.getByRole('region', { name: heading, exact: true }), this.labels);
  }

  /** The titles of the sessions shown, in order. */
  async sessionTitles(): Promise<string[]> {
    return sessionTitlesIn(this.sessions);
  }

  sessionCard(title: string): SessionCard {
    return new SessionCard(this.sessions.getByRole('article', { name: title, exact: true }), this.labels);
  }
}

async function sessionTitlesIn(scope: Locator): Promise<string[]> {
  const titles = await scope.getByRole('article').getByRole('heading', { level: 3 }).allTextContents();
  return titles.map(normalizeSpace);
}

/** One day of the programme. */
export class DaySection {
  constructor(
    readonly root: Locator,
    private readonly labels: Labels,
  ) {}

  async sessionTitles(): Promise<string[]> {
    return sessionTitlesIn(this.root);
  }

  sessionCard(title: string): SessionCard {
    return new SessionCard(this.root.getByRole('article', { name: title, exact: true }), this.labels);
  }
}

/** A session in the programme: an article named by its title. */
export class SessionCard {
  constructor(
    readonly root: Locator,
    private readonly labels: Labels,
  ) {}

  /** "11:00–12:00 GMT-6". */
  async time(): Promise<string> {
    return normalizeSpace(await this.root.getByRole('time').textContent());
  }

  /** "Noemí Planas — moderator", one per speaker. */
  async speakers(): Promise<string[]> {
    const items = await this.root
      .getByRole('list', { name: this.labels.speakers, exact: true })
      .getByRole('listitem')
      .allTextContents();
    return items.map(normalizeSpace);
  }

  async topics(): Promise<string[]> {
    const items = await this.root
      .getByRole('list', { name: this.labels.topics, exact: true })
      .getByRole('listitem')
      .allTextContents();
    return items.map(normalizeSpace);
  }

  /** A line of the card, such as "Presented by Canada House" or the venue and stage. */
  line(text: string) {
    return this.root.getByText(new RegExp(`^\\s*${literal(text)}\\s*$`));
  }

  /** "≈ Illustrative time" (the sign is hidden from screen readers). */
  get illustrativeTimeMarker() {
    return this.root.getByText(new RegExp(`^[≈\\s]*${this.labels.illustrative}$`));
  }
}
