import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../server/accounts/service.ts';
import { users } from '../server/accounts/tables.ts';
import type { BuildingProgrammeDetail } from '../shared/api/building.ts';
import type { PersonSummary } from '../shared/api/directory.ts';
import type { Language } from '../shared/domain.ts';
import { type BrowserFixture, browserKinds, seriousAxeViolations, startBrowserFixture } from '../test/browser.ts';
import { apiGet } from './support/api.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';

/** The milestone forms of the edit page (/building-programmes/:slug/edit), by what a reader sees. */
class MilestonesSection {
  constructor(readonly page: Page) {}

  get addForm() {
    return this.page.getByRole('form', { name: 'Add a milestone', exact: true });
  }

  async add(milestone: { title: string; plannedOn: string; doneOn?: string }) {
    const form = this.addForm;
    await form.getByLabel('Title in English', { exact: true }).fill(milestone.title);
    await form.getByLabel('Planned date', { exact: true }).fill(milestone.plannedOn);
    if (milestone.doneOn) await form.getByLabel('Done date', { exact: true }).fill(milestone.doneOn);
    await form.getByRole('button', { name: 'Add the milestone', exact: true }).click();
    await this.page.getByRole('status').getByText(`Added: ${milestone.title}.`, { exact: true }).waitFor();
  }

  async markDone(title: string, doneOn: string) {
    await this.page.getByRole('button', { name: `Edit ${title}`, exact: true }).click();
    const form = this.page.getByRole('form', { name: `Edit ${title}`, exact: true });
    await form.getByLabel('Done date', { exact: true }).fill(doneOn);
    await form.getByRole('button', { name: 'Save the milestone', exact: true }).click();
    await this.page.getByRole('status').getByText(`Saved: ${title}.`, { exact: true }).waitFor();
  }
}

const kinds = browserKinds(import.meta.url);

describe.skipIf(kinds.length === 0).each(kinds)('editing building programmes in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  let adminToken: string;

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    const ctx = fixture.server.runtime.ctx;
    const [admin] = await ctx.db
      .insert(users)
      .values({ email: 'building@win.example', role: 'admin' })
      .returning({ id: users.id });
    adminToken = await startSession(ctx, admin?.id as string, 'e2e');
  });
  afterAll(() => fixture?.close());

  async function browseAsAdmin(language: Language) {
    const browsing = await browse(fixture, { locale: language === 'es' ? 'es-ES' : 'en-GB' });
    await browsing.context.addCookies([
      { name: 'encuentro_session', value: adminToken, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' },
      { name: 'lang', value: language, url: fixture.baseUrl },
    ]);
    return browsing;
  }

  it('offers no way to edit to a visitor', async () => {
    const { page, errors } = await browse(fixture, { locale: 'en-GB' });
    await page.goto('/building-programmes/mexico');
    await page.getByRole('heading', { level: 1, name: 'Mexico' }).waitFor();
    expect(await page.getByRole('link', { name: 'Edit the programme of Mexico' }).count()).toBe(0);
    await page.goto('/building-programmes/new');
    await page.getByRole('main').getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    expect(errors).toEqual([]);
  });

  it('lets an admin start a programme for Peru with a promoter and two milestones, then compare it (en)', async () => {
    const [noemi] = (await apiGet<{ items: PersonSummary[] }>(fixture, '/api/people?q=noemi%20planas')).items;
    const promoter = noemi as PersonSummary;
    const { page, errors } = await browseAsAdmin('en');
    await page.goto('/building-programmes');
    await page.getByRole('link', { name: 'Add a programme', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'New association-building programme' }).waitFor();
    await page.getByRole('combobox', { name: 'Country', exact: true }).selectOption({ label: 'Peru' });
    await page.getByLabel('Working name', { exact: true }).fill('Independientes del Perú');
    expect(await page.getByLabel('Web address', { exact: true }).inputValue()).toBe('independientes-del-peru');
    await page.getByLabel('Web address', { exact: true }).fill('peru');
    await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: 'Under way' });
    await page
      .getByLabel('Summary in English', { exact: true })
      .fill('Labels in Lima gather to found their association.');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add', exact: true }).click();

    await eventually(() => new URL(page.url()).pathname).toBe('/building-programmes/peru/edit');
    await page.getByRole('heading', { level: 1, name: 'Edit the programme of Peru' }).waitFor();

    const promoters = page.getByRole('form', { name: 'Add a promoter', exact: true });
    await promoters.getByLabel('Find a person in the directory', { exact: true }).fill('noemi planas');
    await promoters.getByRole('button', { name: `Choose ${promoter.name}`, exact: true }).click();
    await promoters.getByLabel('Role in English', { exact: true }).fill('Adviser');
    await promoters.getByRole('button', { name: 'Add the promoter', exact: true }).click();
    await page.getByText(`${promoter.name} is now a promoter.`, { exact: true }).waitFor();
    await page.getByRole('button', { name: `Remove ${promoter.name}`, exact: true }).waitFor();

    const milestones = new MilestonesSection(page);
    await milestones.add({ title: 'First meeting of labels in Lima', plannedOn: '2024-03-10', doneOn: '2024-03-12' });
    await milestones.add({ title: 'Founding assembly', plannedOn: '2024-06-01' });
    await milestones.markDone('Founding assembly', '2024-05-01');
    expect(await seriousAxeViolations(page)).toEqual([]);

    const saved = await apiGet<BuildingProgrammeDetail>(fixture, '/api/building-programmes/peru');
    expect(saved.promoters.map((p) => [p.person.id, p.role.en])).toEqual([[promoter.id, 'Adviser']]);
    expect(saved.milestones.map((m) => [m.title.en, m.plannedOn, m.doneOn])).toEqual([
      ['First meeting of labels in Lima', '2024-03-10', '2024-03-12'],
      ['Founding assembly', '2024-06-01', '2024-05-01'],
    ]);

    await page.goto('/building-programmes');
    const peru = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: 'Peru' }) });
    await peru.getByText('Independientes del Perú', { exact: true }).waitFor();
    expect(await peru.textContent()).toContain('2 of 2 steps done');
    expect(await peru.textContent()).toContain('50 days after the previous step');
    expect(await peru.textContent()).toContain('Under way');
    expect(errors).toEqual([]);
  });

  it('shows the API’s refusal next to the field (es)', async () => {
    const { page, errors } = await browseAsAdmin('es');
    await page.goto('/building-programmes/new');
    await page.getByRole('combobox', { name: 'País', exact: true }).selectOption({ label: 'Colombia' });
    await page.getByLabel('Nombre provisional', { exact: true }).fill('Otra vez Colombia');
    await page.getByLabel('Dirección web', { exact: true }).fill('colombia');
    await page.getByRole('button', { name: 'Añadir', exact: true }).click();
    await page.getByRole('alert').waitFor();
    await page.getByText('La dirección «colombia» ya la usa otro programa.', { exact: true }).waitFor();
    expect(await page.getByLabel('Dirección web', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('offers to load the latest version when someone saved the programme meanwhile (es)', async () => {
    const { page, errors } = await browseAsAdmin('es');
    await page.goto('/building-programmes/mexico');
    await page.getByRole('link', { name: 'Editar el programa de México', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Editar el programa de México' }).waitFor();
    const workingName = page.getByLabel('Nombre provisional', { exact: true });
    await workingName.waitFor();

    const before = await apiGet<BuildingProgrammeDetail>(fixture, '/api/building-programmes/mexico');
    const meanwhile = await fetch(new URL('/api/building-programmes/mexico', fixture.baseUrl), {
      method: 'PATCH',
      headers: {
        'content-type': 'application/json',
        cookie: `encuentro_session=${adminToken}`,
        origin: fixture.baseUrl,
      },
      body: JSON.stringify({ version: before.version, workingName: 'ADMI (cambiado por otra persona)' }),
    });
    expect(meanwhile.status).toBe(200);

    await workingName.fill('ADMI México');
    await page.getByRole('button', { name: 'Guardar cambios', exact: true }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Otra persona ha cambiado esto mientras tanto' });
    await notice.waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await notice.getByRole('button', { name: 'Cargar la última versión', exact: true }).click();
    await eventually(() => workingName.inputValue()).toBe('ADMI (cambiado por otra persona)');
    expect((await apiGet<BuildingProgrammeDetail>(fixture, '/api/building-programmes/mexico')).workingName).toBe(
      'ADMI (cambiado por otra persona)',
    );
    expect(errors).toEqual([]);
  });
});
