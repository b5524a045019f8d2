import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../server/accounts/service.ts';
import { users } from '../server/accounts/tables.ts';
import type { EventDetail, Session, SessionList } from '../shared/api/programme.ts';
import type { Language } from '../shared/domain.ts';
import { translator } from '../shared/i18n/index.ts';
import { zonedTimeToInstant } from '../shared/time.ts';
import { type BrowserFixture, browserKinds, seriousAxeViolations, startBrowserFixture } from '../test/browser.ts';
import { timeZoneLabel } from '../web/i18n/time-zone-label.ts';
import { apiGet } from './support/api.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';
import { clockTime } from './support/time.ts';

const EVENT = 'fim-gdl-2024';

const LABELS = {
  en: {
    edit: (title: string) => `Edit ${title}`,
    titleEs: 'Title in Spanish',
    startDate: 'Start date',
    startTime: 'Start time',
    endDate: 'End date',
    endTime: 'End time',
    zone: (zone: string) => `Dates and times in the event’s time zone: ${timeZoneLabel(translator('en'), zone)}`,
    save: 'Save changes',
    conflict: 'Someone else changed this meanwhile',
    reload: 'Load the latest version',
  },
  es: {
    edit: (title: string) => `Editar ${title}`,
    titleEs: 'Título en español',
    startDate: 'Fecha de inicio',
    startTime: 'Hora de inicio',
    endDate: 'Fecha de fin',
    endTime: 'Hora de fin',
    zone: (zone: string) => `Fechas y horas en la zona horaria del evento: ${timeZoneLabel(translator('es'), zone)}`,
    save: 'Guardar cambios',
    conflict: 'Otra persona ha cambiado esto mientras tanto',
    reload: 'Cargar la última versión',
  },
} satisfies Record<Language, Record<string, unknown>>;

type FieldLabel = 'titleEs' | 'startDate' | 'startTime' | 'endDate' | 'endTime';

/** The session form (/sessions/:id/edit). */
class SessionEditPage {
  constructor(
    readonly page: Page,
    readonly language: Language = 'en',
  ) {}

  get labels() {
    return LABELS[this.language];
  }

  field(label: FieldLabel) {
    return this.page.getByLabel(this.labels[label], { exact: true });
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: this.labels.save, exact: true }).click();
  }

  get conflictNotice() {
    return this.page.getByRole('alert').filter({ hasText: this.labels.conflict });
  }

  get reloadButton() {
    return this.conflictNotice.getByRole('button', { name: this.labels.reload, exact: true });
  }
}

const kinds = browserKinds(import.meta.url);

describe.skipIf(kinds.length === 0).each(kinds)('editing the programme in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  let adminToken: string;
  let event: EventDetail;

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    const ctx = fixture.server.runtime.ctx;
    const [admin] = await ctx.db
      .insert(users)
      .values({ email: 'programme@win.example', role: 'admin' })
      .returning({ id: users.id });
    adminToken = await startSession(ctx, admin?.id as string, 'e2e');
    event = await apiGet<EventDetail>(fixture, `/api/events/${EVENT}`);
  });
  afterAll(() => fixture?.close());

  async function browseAsAdmin(language: Language = 'en') {
    const browsing = await browse(fixture, { locale: language === 'es' ? 'es-ES' : 'en-GB' });
    await browsing.context.addCookies([
      { name: 'encuentro_session', value: adminToken, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' },
      { name: 'lang', value: language, url: fixture.baseUrl },
    ]);
    return browsing;
  }

  const sessions = async () => (await apiGet<SessionList>(fixture, `/api/events/${EVENT}/sessions`)).items;
  const session = (id: string) => apiGet<Session>(fixture, `/api/sessions/${id}`);

  it('lets an admin move a session to another hour, and the programme shows it there', async () => {
    const [first] = await sessions();
    const before = first as Session;
    const title = before.title.en ?? '';
    const { page, errors } = await browseAsAdmin();
    await page.goto(`/events/${EVENT}`);
    await page.getByRole('link', { name: LABELS.en.edit(title), exact: true }).click();
    const form = new SessionEditPage(page);
    await form.field('startTime').waitFor();
    await page.getByText(LABELS.en.zone(event.timeZone), { exact: true }).waitFor();
    expect(await form.field('startTime').inputValue()).toBe(clockTime(before.startsAt, event.timeZone));
    expect(await seriousAxeViolations(page)).toEqual([]);

    await form.field('startDate').fill(before.day);
    await form.field('startTime').fill('07:15');
    await form.field('endDate').fill(before.day);
    await form.field('endTime').fill('07:50');
    await form.save();

    await eventually(() => new URL(page.url()).pathname).toBe(`/events/${EVENT}`);
    expect(new URL(page.url()).searchParams.get('session')).toBe(before.id);
    const card = page.locator(`[id="session-${before.id}"]`);
    await eventually(() => card.locator('time').first().textContent()).toMatch(/07:15/);

    const saved = await session(before.id);
    expect(saved.startsAt).toBe(zonedTimeToInstant(before.day, '07:15', event.timeZone).toISOString());
    expect(saved.endsAt).toBe(zonedTimeToInstant(before.day, '07:50', event.timeZone).toISOString());
    expect(saved.title).toEqual(before.title);
    expect(saved.speakers).toEqual(before.speakers);
    expect(saved.version).toBe(before.version + 1);
    expect(errors).toEqual([]);
  });

  it('lets an admin add a session with a speaker and a host', async () => {
    const people = await apiGet<{ items: { id: string; name: string }[] }>(fixture, '/api/people?q=noemi%20planas');
    const noemi = people.items[0] as { id: string; name: string };
    const admi = await apiGet<{ slug: string; name: string }>(fixture, '/api/organizations/admi');
    const { page, errors } = await browseAsAdmin();
    await page.goto(`/events/${EVENT}`);
    await page.getByRole('link', { name: 'New session', exact: true }).click();
    await page.getByLabel('Title in English', { exact: true }).fill('Tea with the delegates');
    await page.getByLabel('Start date', { exact: true }).fill(event.startsOn);
    await page.getByLabel('Start time', { exact: true }).fill('06:30');
    await page.getByLabel('End date', { exact: true }).fill(event.startsOn);
    await page.getByLabel('End time', { exact: true }).fill('06:55');
    await page.getByLabel('Find a person to add', { exact: true }).fill('noemi planas');
    await page.getByRole('button', { name: `Add ${noemi.name}`, exact: true }).click();
    await page.getByRole('combobox', { name: `Part of ${noemi.name}`, exact: true }).selectOption('moderator');
    await page.getByLabel('Find an organisation to add to Hosts', { exact: true }).fill('admi');
    await page.getByRole('button', { name: `Add ${admi.name}`, exact: true }).click();
    await page.getByRole('button', { name: `Remove ${admi.name}`, exact: true }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save changes', exact: true }).click();

    await eventually(() => new URL(page.url()).searchParams.get('session')).toMatch(/^[0-9a-f-]{36}$/);
    const id = new URL(page.url()).searchParams.get('session') as string;
    await page.locator(`[id="session-${id}"]`).getByText('Tea with the delegates').waitFor();
    const created = await session(id);
    expect(created.startsAt).toBe(zonedTimeToInstant(event.startsOn, '06:30', event.timeZone).toISOString());
    expect(created.speakers.map(({ person, part }) => [person.id, part])).toEqual([[noemi.id, 'moderator']]);
    expect(created.hosts.map((host) => host.slug)).toEqual(['admi']);
    expect(errors).toEqual([]);
  });

  it('lets an admin rename a working group in Spanish', async () => {
    const groups = await apiGet<{ items: { slug: string; name: { en: string | null } }[] }>(
      fixture,
      '/api/working-groups',
    );
    const group = groups.items[0] as { slug: string; name: { en: string | null } };
    const { page, errors } = await browseAsAdmin('es');
    await page.goto(`/working-groups/${group.slug}`);
    await page.getByRole('link', { name: /^Editar / }).click();
    await page.getByLabel('Nombre en español', { exact: true }).fill('Grupo de prueba');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Guardar cambios', exact: true }).click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/working-groups/${group.slug}`);
    await page.getByRole('heading', { level: 1, name: 'Grupo de prueba' }).waitFor();
    const saved = await apiGet<{ name: { en: string | null; es: string | null } }>(
      fixture,
      `/api/working-groups/${group.slug}`,
    );
    expect(saved.name).toEqual({ en: group.name.en, es: 'Grupo de prueba' });
    expect(errors).toEqual([]);
  });

  it("lets an admin change an event's Spanish name", async () => {
    const { page, errors } = await browseAsAdmin('es');
    await page.goto(`/events/${EVENT}`);
    await page.getByRole('link', { name: `Editar ${event.name.es ?? event.name.en}`, exact: true }).click();
    await page.getByLabel('Nombre en español', { exact: true }).fill('WIN en la FIM GDL 2024');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Guardar cambios', exact: true }).click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/events/${EVENT}`);
    await page.getByRole('heading', { level: 1, name: 'WIN en la FIM GDL 2024' }).waitFor();
    expect((await apiGet<EventDetail>(fixture, `/api/events/${EVENT}`)).name.es).toBe('WIN en la FIM GDL 2024');
    expect(errors).toEqual([]);
  });

  it('says so in Spanish when someone else saved meanwhile, and loads the latest version', async () => {
    const [, second] = await sessions();
    const before = second as Session;
    const { page, errors } = await browseAsAdmin('es');
    await page.goto(`/sessions/${before.id}/edit`);
    const form = new SessionEditPage(page, 'es');
    await form.field('titleEs').waitFor();
    await page.getByText(LABELS.es.zone(event.timeZone), { exact: true }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Another admin saves while this form is open.
    const response = await fixture.server.app.inject({
      method: 'PATCH',
      url: `/api/sessions/${before.id}`,
      cookies: { encuentro_session: adminToken },
      payload: { version: before.version, title: { en: before.title.en, es: 'Otro título' } },
    });
    expect(response.statusCode).toBe(200);

    await form.field('startTime').fill('08:05');
    await form.save();
    await form.conflictNotice.waitFor();
    expect((await session(before.id)).startsAt).toBe(before.startsAt);

    await form.reloadButton.click();
    await eventually(() => form.field('titleEs').inputValue()).toBe('Otro título');
    expect(await form.field('startTime').inputValue()).toBe(clockTime(before.startsAt, event.timeZone));
    expect(await form.conflictNotice.count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
