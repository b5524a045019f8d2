import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../server/accounts/service.ts';
import { users } from '../server/accounts/tables.ts';
import { organizations } from '../server/directory/tables.ts';
import type { OrganizationDetail } from '../shared/api/directory.ts';
import type { Language } from '../shared/domain.ts';
import { type BrowserFixture, browserKinds, seriousAxeViolations, startBrowserFixture } from '../test/browser.ts';
import { apiGet } from './support/api.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';

const LABELS = {
  en: {
    edit: (name: string) => `Edit ${name}`,
    acronym: 'Acronym',
    website: 'Website',
    descriptionEn: 'Description in English',
    kind: 'Kind',
    save: 'Save changes',
    conflict: 'Someone else changed this meanwhile',
    reload: 'Load the latest version',
  },
  es: {
    edit: (name: string) => `Editar ${name}`,
    acronym: 'Siglas',
    website: 'Sitio web',
    descriptionEn: 'Descripción en inglés',
    kind: 'Tipo',
    save: 'Guardar cambios',
    conflict: 'Otra persona ha cambiado esto mientras tanto',
    reload: 'Cargar la última versión',
  },
} satisfies Record<Language, Record<string, unknown>>;

/** The edit form of an organisation (/organizations/:slug/edit). */
class OrganizationEditPage {
  constructor(
    readonly page: Page,
    readonly language: Language = 'en',
  ) {}

  get labels() {
    return LABELS[this.language];
  }

  field(label: 'acronym' | 'website' | 'descriptionEn') {
    return this.page.getByLabel(this.labels[label], { exact: true });
  }

  get kind() {
    return this.page.getByRole('combobox', { name: this.labels.kind, exact: true });
  }

  /** The message shown under a field: what the server said about it. */
  async messageFor(label: 'website'): Promise<string | null> {
    const id = await this.field(label).getAttribute('aria-describedby');
    const errorId = id?.split(' ').find((part) => part.endsWith('-error'));
    return errorId ? this.page.locator(`[id="${errorId}"]`).textContent() : null;
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

describe.skipIf(kinds.length === 0).each(kinds)('editing in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  let managerToken: string;
  let adminToken: string;

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    const ctx = fixture.server.runtime.ctx;
    const [admi] = await ctx.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.slug, 'admi'));
    const account = async (values: typeof users.$inferInsert) => {
      const [user] = await ctx.db.insert(users).values(values).returning({ id: users.id });
      return startSession(ctx, user?.id as string, 'e2e');
    };
    managerToken = await account({ email: 'manager@admi.example', role: 'manager', organizationId: admi?.id ?? null });
    adminToken = await account({ email: 'staff@win.example', role: 'admin' });
  });
  afterAll(() => fixture?.close());

  /** Signed in: the session cookie, as the sign-in link would have set it. */
  async function browseAs(token: string, language: Language = 'en') {
    const browsing = await browse(fixture, { locale: language === 'es' ? 'es-ES' : 'en-GB' });
    await browsing.context.addCookies([
      { name: 'encuentro_session', value: token, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' },
      { name: 'lang', value: language, url: fixture.baseUrl },
    ]);
    return browsing;
  }
  const browseAsManager = (language: Language = 'en') => browseAs(managerToken, language);

  const changeAsAdmin = async (changes: object) => {
    const current = await apiGet<OrganizationDetail>(fixture, '/api/organizations/admi');
    const response = await fixture.server.app.inject({
      method: 'PATCH',
      url: '/api/organizations/admi',
      cookies: { encuentro_session: adminToken },
      payload: { version: current.version, ...changes },
    });
    expect(response.statusCode).toBe(200);
  };

  it("offers ADMI's manager an Edit link that saves a change, and offers it to nobody else", async () => {
    const anonymous = await browse(fixture);
    const admi = await apiGet<OrganizationDetail>(fixture, '/api/organizations/admi');
    await anonymous.page.goto('/organizations/admi');
    await anonymous.page.getByRole('heading', { level: 1, name: admi.name }).waitFor();
    expect(await anonymous.page.getByRole('link', { name: LABELS.en.edit(admi.name) }).count()).toBe(0);

    const { page, errors } = await browseAsManager();
    await page.goto('/organizations/admi');
    await page.getByRole('link', { name: LABELS.en.edit(admi.name), exact: true }).click();
    const form = new OrganizationEditPage(page);
    await form.field('acronym').waitFor();
    expect(await form.kind.isDisabled()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await form.field('descriptionEn').fill('The Mexican association of independent music, founded in 2024.');
    await form.save();
    await eventually(() => new URL(page.url()).pathname).toBe('/organizations/admi');
    await page.getByText('The Mexican association of independent music, founded in 2024.').waitFor();
    const saved = await apiGet<OrganizationDetail>(fixture, '/api/organizations/admi');
    expect(saved.description.en).toBe('The Mexican association of independent music, founded in 2024.');
    expect(saved.version).toBe(admi.version + 1);
    expect(errors).toEqual([]);
  });

  it("shows the server's message next to the field, in Spanish", async () => {
    const { page, errors } = await browseAsManager('es');
    await page.goto('/organizations/admi/edit');
    const form = new OrganizationEditPage(page, 'es');
    await form.field('website').fill('admi punto mx');
    await form.save();
    await eventually(() => form.messageFor('website')).toMatch(/«website».*no es válido/);
    expect(await form.field('website').getAttribute('aria-invalid')).toBe('true');
    expect(errors).toEqual([]);
  });

  it('says so when someone else saved meanwhile, overwrites nothing, and loads the latest version', async () => {
    const { page, errors } = await browseAsManager();
    await page.goto('/organizations/admi/edit');
    const form = new OrganizationEditPage(page);
    await form.field('acronym').waitFor();

    // Another editor saves while this form is open.
    await changeAsAdmin({ acronym: 'ADMI-MX' });

    await form.field('website').fill('https://admi.example');
    await form.save();
    await form.conflictNotice.waitFor();
    const stored = await apiGet<OrganizationDetail>(fixture, '/api/organizations/admi');
    expect(stored.acronym).toBe('ADMI-MX');
    expect(stored.website).not.toBe('https://admi.example');

    await form.reloadButton.click();
    await eventually(() => form.field('acronym').inputValue()).toBe('ADMI-MX');
    expect(await form.field('website').inputValue()).toBe(stored.website ?? '');
    expect(await form.conflictNotice.count()).toBe(0);

    // From the latest version, the same change now goes through.
    await form.field('website').fill('https://admi.example');
    await form.save();
    await eventually(() => new URL(page.url()).pathname).toBe('/organizations/admi');
    expect((await apiGet<OrganizationDetail>(fixture, '/api/organizations/admi')).website).toBe('https://admi.example');
    expect(errors).toEqual([]);
  });

  it("lets an admin edit a person's contact visibility and read the audit log, in Spanish", async () => {
    const { page, errors } = await browseAs(adminToken, 'es');
    const people = await apiGet<{ items: { id: string; name: string }[] }>(fixture, '/api/people?q=noemi%20planas');
    const noemi = people.items[0] as { id: string; name: string };
    await page.goto(`/people/${noemi.id}`);
    await page.getByRole('link', { name: `Editar ${noemi.name}`, exact: true }).click();
    await page.getByLabel('Teléfono', { exact: true }).fill('+34 600 000 000');
    await page.getByRole('combobox', { name: 'Quién puede ver el teléfono', exact: true }).selectOption('public');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Guardar cambios', exact: true }).click();
    await eventually(() => new URL(page.url()).pathname).toBe(`/people/${noemi.id}`);
    // Now public: the anonymous API shows it.
    await eventually(
      async () => (await apiGet<{ contact: { phone?: string } }>(fixture, `/api/people/${noemi.id}`)).contact.phone,
    ).toBe('+34 600 000 000');

    await page.goto('/admin/audit');
    await page.getByRole('heading', { level: 1, name: 'Registro de cambios' }).waitFor();
    await page.getByRole('heading', { level: 2, name: `Cambio en la persona «${noemi.name}»` }).waitFor();
    expect(await page.getByText('por st…@win.example').count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('keeps the audit log from everyone but admins', async () => {
    const { page } = await browseAsManager();
    await page.goto('/admin/audit');
    await page.getByText("Only the network's admins can see the audit log.").waitFor();
  });
});
