import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAUTHENTICATION_WINDOW_MS, startSession } from '../server/accounts/service.ts';
import { users } from '../server/accounts/tables.ts';
import type { AppContext } from '../server/context.ts';
import { organizations } from '../server/directory/tables.ts';
import type { PersonDetail, PersonSummary } from '../shared/api/directory.ts';
import type { EventDetail, Session, VenueDetail } from '../shared/api/programme.ts';
import type { AccountRole, Language } from '../shared/domain.ts';
import { type BrowserFixture, browserKinds, seriousAxeViolations, startBrowserFixture } from '../test/browser.ts';
import { apiGet } from './support/api.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';

const EVENT = 'fim-gdl-2024';

const LABELS = {
  en: {
    addOrganization: 'Add organisation',
    addPerson: 'Add person',
    addVenue: 'Add venue',
    name: 'Name',
    acronym: 'Acronym',
    kind: 'Kind',
    slug: 'Web address',
    city: 'City',
    add: 'Add',
    save: 'Save changes',
    organization: 'Organisation',
    roleEn: 'Role in English',
    addAffiliation: 'Add affiliation',
    remove: (name: string) => `Remove ${name}`,
    conflict: 'Someone else changed this meanwhile',
    reload: 'Load the latest version',
  },
  es: {
    addOrganization: 'Añadir organización',
    addPerson: 'Añadir persona',
    addVenue: 'Añadir sede',
    name: 'Nombre',
    acronym: 'Siglas',
    kind: 'Tipo',
    slug: 'Dirección web',
    city: 'Ciudad',
    add: 'Añadir',
    save: 'Guardar cambios',
    organization: 'Organización',
    roleEn: 'Cargo en inglés',
    addAffiliation: 'Añadir afiliación',
    remove: (name: string) => `Quitar a ${name}`,
    conflict: 'Otra persona ha cambiado esto mientras tanto',
    reload: 'Cargar la última versión',
  },
} satisfies Record<Language, Record<string, unknown>>;

/** The organisations a person belongs to, on their edit page: remove buttons and the "add affiliation" row. */
class AffiliationsEditor {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  get labels() {
    return LABELS[this.language];
  }

  removeButton(organizationName: string) {
    return this.page.getByRole('button', { name: this.labels.remove(organizationName), exact: true });
  }

  get organization() {
    return this.page.getByRole('combobox', { name: this.labels.organization, exact: true });
  }

  async add(role: string, organizationSlug?: string): Promise<void> {
    if (organizationSlug) await this.organization.selectOption(organizationSlug);
    await this.page.getByLabel(this.labels.roleEn, { exact: true }).fill(role);
    await this.page.getByRole('button', { name: this.labels.addAffiliation, exact: true }).click();
  }
}

const kinds = browserKinds(import.meta.url);

describe.skipIf(kinds.length === 0).each(kinds)('adding to the network in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  let ctx: AppContext;
  let adminToken: string;

  async function account(email: string, role: AccountRole, organizationSlug?: string) {
    const [organization] = organizationSlug
      ? await ctx.db
          .select({ id: organizations.id })
          .from(organizations)
          .where(eq(organizations.slug, organizationSlug))
      : [];
    const [row] = await ctx.db
      .insert(users)
      .values({ email, role, organizationId: organization?.id ?? null })
      .returning({ id: users.id });
    return row?.id as string;
  }

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    ctx = fixture.server.runtime.ctx;
    adminToken = await startSession(ctx, await account('staff@win.example', 'admin'), 'e2e');
  });
  afterAll(() => fixture?.close());

  async function browseAs(token: string | null, language: Language = 'en', width = 390) {
    const browsing = await browse(fixture, { locale: language === 'es' ? 'es-ES' : 'en-GB', width });
    await browsing.context.addCookies([
      ...(token
        ? [{ name: 'encuentro_session', value: token, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' as const }]
        : []),
      { name: 'lang', value: language, url: fixture.baseUrl },
    ]);
    return browsing;
  }

  it('lets an admin add an organisation, then a person in Spanish who joins it; both show on their public pages', async () => {
    const en = LABELS.en;
    const { page, errors } = await browseAs(adminToken, 'en', 1280);
    await page.goto('/organizations');
    await page.getByRole('link', { name: en.addOrganization, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'New organisation' }).waitFor();
    await page.getByLabel(en.name, { exact: true }).fill('Asociación Uruguaya de Música Independiente');
    await page.getByLabel(en.acronym, { exact: true }).fill('AUMI');
    // The address is suggested from the acronym as it is typed.
    await eventually(() => page.getByLabel(en.slug, { exact: true }).inputValue()).toBe('aumi');
    await page.getByRole('combobox', { name: en.kind, exact: true }).selectOption('association');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: en.add, exact: true }).click();
    await eventually(() => new URL(page.url()).pathname).toBe('/organizations/aumi');
    await page.getByRole('heading', { level: 1, name: /Asociación Uruguaya de Música Independiente/ }).waitFor();
    expect(errors).toEqual([]);

    const es = LABELS.es;
    const spanish = await browseAs(adminToken, 'es');
    await spanish.page.goto('/people');
    await spanish.page.getByRole('link', { name: es.addPerson, exact: true }).click();
    await spanish.page.getByLabel(es.name, { exact: true }).fill('Valentina Ferreyra');
    expect(await seriousAxeViolations(spanish.page)).toEqual([]);
    await spanish.page.getByRole('button', { name: es.add, exact: true }).click();
    await eventually(() => new URL(spanish.page.url()).pathname).toMatch(/^\/people\/[0-9a-f-]{36}$/);
    const personId = new URL(spanish.page.url()).pathname.split('/')[2] as string;

    // Affiliated afterwards, from the person's edit page.
    await spanish.page.goto(`/people/${personId}/edit`);
    const affiliations = new AffiliationsEditor(spanish.page, 'es');
    await eventually(() => affiliations.organization.locator('option[value="aumi"]').count()).toBe(1);
    await affiliations.add('Presidenta', 'aumi');
    await affiliations.removeButton('Asociación Uruguaya de Música Independiente').waitFor();
    await spanish.page
      .getByText('Valentina Ferreyra ahora pertenece a Asociación Uruguaya de Música Independiente.')
      .waitFor();
    expect(await seriousAxeViolations(spanish.page)).toEqual([]);
    expect(spanish.errors).toEqual([]);

    // The public sees both, each naming the other.
    const visitor = await browseAs(null, 'en');
    await visitor.page.goto('/organizations/aumi');
    await visitor.page
      .getByRole('link', { name: /Valentina Ferreyra/ })
      .first()
      .waitFor();
    await visitor.page.goto(`/people/${personId}`);
    await visitor.page.getByRole('heading', { level: 1, name: 'Valentina Ferreyra' }).waitFor();
    await visitor.page
      .getByRole('link', { name: /Asociación Uruguaya de Música Independiente/ })
      .first()
      .waitFor();
    const person = await apiGet<PersonDetail>(fixture, `/api/people/${personId}`);
    expect(person.affiliations.map((a) => [a.organization.slug, a.role.en])).toEqual([['aumi', 'Presidenta']]);
    expect(visitor.errors).toEqual([]);

    // The audit log says who added them.
    await page.goto('/admin/audit');
    await page.getByText('Added organisation “Asociación Uruguaya de Música Independiente”').waitFor();
    await page.getByText('Added person “Valentina Ferreyra”').waitFor();
  });

  it('lets a manager remove affiliations with their own organisation only, and add people to it', async () => {
    const people = await apiGet<{ items: PersonSummary[] }>(fixture, '/api/people');
    const person = people.items.find((candidate) => candidate.affiliations.length >= 2) as PersonSummary;
    const [other, own] = person.affiliations.map((affiliation) => affiliation.organization) as [
      PersonSummary['affiliations'][number]['organization'],
      PersonSummary['affiliations'][number]['organization'],
    ];
    const managerToken = await startSession(ctx, await account('manager@own.example', 'manager', own.slug), 'e2e');
    const en = LABELS.en;
    const { page, errors } = await browseAs(managerToken, 'en');
    await page.goto(`/people/${person.id}/edit`);
    const affiliations = new AffiliationsEditor(page, 'en');
    await affiliations.removeButton(own.name).waitFor();
    // The other organisation's membership is listed, with no way to change it.
    await page.getByRole('link', { name: other.name, exact: true }).waitFor();
    expect(await affiliations.removeButton(other.name).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await affiliations.removeButton(own.name).click();
    await page.getByText(`${person.name} no longer belongs to ${own.name}.`).waitFor();
    // Now the add row offers the manager's own organisation, and nothing else.
    await eventually(() => affiliations.organization.locator('option').allTextContents()).toEqual([own.name]);
    expect(await affiliations.organization.isDisabled()).toBe(true);
    // The person belongs to another organisation: coming back takes their acceptance (or the staff), not the manager's word.
    await affiliations.add('Board member');
    await page
      .getByText(`${person.name} belongs to another organisation or has an account of their own: to join ${own.name}`)
      .waitFor();
    const after = await apiGet<PersonDetail>(fixture, `/api/people/${person.id}`);
    expect(after.affiliations.map((a) => a.organization.slug)).toEqual([other.slug]);

    // The server refuses what the page does not offer.
    const refused = await fixture.server.app.inject({
      method: 'DELETE',
      url: `/api/people/${person.id}/affiliations/${other.slug}`,
      cookies: { encuentro_session: managerToken },
    });
    expect(refused.statusCode).toBe(403);

    // Adding organisations is the network staff's: a manager is not offered it.
    await page.goto('/organizations');
    // Once the page knows who is signed in (the menu offers to sign out), it would show the button.
    await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: en.addOrganization }).count()).toBe(0);

    // A manager's new person joins their organisation.
    await page.goto('/people');
    await page.getByRole('link', { name: en.addPerson, exact: true }).click();
    await page.getByLabel(en.name, { exact: true }).fill('Tomás Ibarra');
    expect(await page.getByRole('combobox', { name: en.organization, exact: true }).inputValue()).toBe(own.slug);
    await page.getByLabel(en.roleEn, { exact: true }).fill('Coordinator');
    await page.getByRole('button', { name: en.add, exact: true }).click();
    await eventually(() => new URL(page.url()).pathname).toMatch(/^\/people\/[0-9a-f-]{36}$/);
    const created = await apiGet<PersonDetail>(
      fixture,
      `/api/people/${new URL(page.url()).pathname.split('/')[2] as string}`,
    );
    expect(created.affiliations.map((a) => [a.organization.slug, a.role.en])).toEqual([[own.slug, 'Coordinator']]);
    expect(errors).toEqual([]);
  });

  it('lets an admin add a venue with a stage and hold a session there', async () => {
    const event = await apiGet<EventDetail>(fixture, `/api/events/${EVENT}`);
    const en = LABELS.en;
    const { page, errors } = await browseAs(adminToken, 'en');
    await page.goto(`/events/${EVENT}`);
    await page.getByRole('link', { name: 'Venues', exact: true }).click();
    await page.getByRole('link', { name: en.addVenue, exact: true }).click();
    await page.getByLabel(en.name, { exact: true }).fill('Hotel Demetria');
    await page.getByLabel(en.city, { exact: true }).fill('Guadalajara');
    await page.getByRole('button', { name: 'Add a stage', exact: true }).click();
    await page.getByLabel('Stage 1', { exact: true }).fill('Rooftop');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: en.add, exact: true }).click();
    await eventually(() => new URL(page.url()).pathname).toBe('/venues');
    await page.getByRole('heading', { level: 2, name: 'Hotel Demetria' }).waitFor();

    await page.goto(`/events/${EVENT}/sessions/new`);
    await page.getByLabel('Title in English', { exact: true }).fill('Sunset listening session');
    await page.getByLabel('Start date', { exact: true }).fill(event.startsOn);
    await page.getByLabel('Start time', { exact: true }).fill('19:00');
    await page.getByLabel('End date', { exact: true }).fill(event.startsOn);
    await page.getByLabel('End time', { exact: true }).fill('20:00');
    await page.getByRole('combobox', { name: 'Venue', exact: true }).selectOption('hotel-demetria');
    await page.getByRole('combobox', { name: 'Stage', exact: true }).selectOption('Rooftop');
    await page.getByRole('button', { name: en.save, exact: true }).click();
    await eventually(() => new URL(page.url()).searchParams.get('session')).toMatch(/^[0-9a-f-]{36}$/);
    const id = new URL(page.url()).searchParams.get('session') as string;
    await page.locator(`[id="session-${id}"]`).getByText('Hotel Demetria, Rooftop').waitFor();
    const session = await apiGet<Session>(fixture, `/api/sessions/${id}`);
    expect([session.venue?.slug, session.stage]).toEqual(['hotel-demetria', 'Rooftop']);
    expect(errors).toEqual([]);
  });

  it('says so in Spanish when a venue was changed meanwhile, and loads the latest version', async () => {
    const venues = await apiGet<{ items: VenueDetail[] }>(fixture, '/api/venues');
    const venue = venues.items[0] as VenueDetail;
    const es = LABELS.es;
    const { page, errors } = await browseAs(adminToken, 'es', 1280);
    await page.goto(`/venues/${venue.slug}/edit`);
    const city = page.getByLabel(es.city, { exact: true });
    await eventually(() => city.inputValue()).toBe(venue.city ?? '');

    // Another admin adds a stage while this form is open.
    const meanwhile = await fixture.server.app.inject({
      method: 'PATCH',
      url: `/api/venues/${venue.slug}`,
      cookies: { encuentro_session: adminToken },
      payload: { version: venue.version, stages: [...venue.stages, 'Patio'] },
    });
    expect(meanwhile.statusCode, meanwhile.body).toBe(200);

    await city.fill('Zapopan');
    await page.getByRole('button', { name: es.save, exact: true }).click();
    const notice = page.getByRole('alert').filter({ hasText: es.conflict });
    await notice.waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    const unchanged = (await apiGet<{ items: VenueDetail[] }>(fixture, '/api/venues')).items.find(
      (v) => v.slug === venue.slug,
    );
    expect(unchanged?.city).toBe(venue.city);
    expect(unchanged?.stages).toContain('Patio');

    await notice.getByRole('button', { name: es.reload, exact: true }).click();
    await eventually(() => city.inputValue()).toBe(venue.city ?? '');
    await page.getByRole('textbox', { name: `Escenario ${venue.stages.length + 1}`, exact: true }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: es.conflict }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('asks to sign in again before adding a passkey after an old sign-in, and the e-mailed link returns to the account', async () => {
    const userId = await account('older@win.example', 'delegate');
    const longAgo = new Date(Date.now() - REAUTHENTICATION_WINDOW_MS - 60_000);
    const oldToken = await startSession({ ...ctx, clock: { now: () => longAgo } }, userId, 'e2e');
    const { page, errors } = await browseAs(oldToken, 'en');
    await page.goto('/account');
    await page.getByRole('button', { name: 'Add a passkey', exact: true }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Sign in again to continue' });
    await notice.getByText(/adding or removing a passkey needs a recent sign-in/).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    const mailbox = ctx.mailer.devMailbox as { to: string; text: string }[];
    await notice.getByRole('button', { name: 'E-mail me a sign-in link', exact: true }).click();
    await notice.getByText('A sign-in link is on its way to older@win.example.', { exact: false }).waitFor();
    // The mail leaves through the outbox, a moment after the answer.
    const linkIn = (text: string | undefined) =>
      text?.match(/https?:\/\/\S+\/auth\/verify\?token=[\w-]+&next=%2Faccount/)?.[0];
    await eventually(() => mailbox.some((m) => m.to === 'older@win.example' && linkIn(m.text))).toBe(true);
    const link = linkIn(mailbox.find((m) => m.to === 'older@win.example' && linkIn(m.text))?.text);
    expect(link).toBeTruthy();
    await page.goto(new URL(link as string).pathname + new URL(link as string).search);
    await eventually(() => new URL(page.url()).pathname).toBe('/account');

    // A new session, just started: the passkey options are now given.
    const session = (await page.context().cookies()).find((c) => c.name === 'encuentro_session')?.value;
    expect(session).not.toBe(oldToken);
    const options = await fixture.server.app.inject({
      method: 'POST',
      url: '/api/me/passkeys/options',
      cookies: { encuentro_session: session as string },
    });
    expect(options.statusCode).toBe(200);
    expect(errors).toEqual([]);
  });
});
