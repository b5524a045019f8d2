import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../server/db/client.ts';
import { signedInAs } from '../test/accounts.ts';
import { type BrowserFixture, browserKinds, seriousAxeViolations, startBrowserFixture } from '../test/browser.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';

const EVENT = 'fim-gdl-2024';

/** The staff's and managers' view of an event's delegations (/events/:slug/delegations). */
class DelegationsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto(`/events/${EVENT}/delegations`);
    await this.page.getByRole('heading', { name: 'Delegations', level: 1 }).waitFor();
  }

  country(name: string) {
    return this.page.getByRole('region', { name });
  }

  delegation(name: string) {
    return this.page.getByRole('article', { name });
  }
}

/** One delegation's management page (/delegations/:id). */
class DelegationPage {
  constructor(readonly page: Page) {}

  member(name: string) {
    return this.page.getByRole('listitem').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  async invite(name: string, email: string): Promise<void> {
    const form = this.page.locator('form', { has: this.page.getByRole('heading', { name: 'Invite someone new' }) });
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('E-mail address').fill(email);
    await form.getByRole('button', { name: 'Invite', exact: true }).click();
  }
}

const kinds = browserKinds(import.meta.url);

describe.skipIf(kinds.length === 0).each(kinds)('delegations in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  let manager: string;
  let admin: string;

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    const ctx = fixture.server.runtime.ctx;
    const [imichile] = await rows<{ id: string }>(ctx.db, sql`select id from organizations where slug = 'imichile'`);
    manager = await signedInAs(ctx, {
      email: 'manager@imichile.example',
      role: 'manager',
      organizationId: (imichile as { id: string }).id,
    });
    admin = await signedInAs(ctx, { email: 'staff@win.example', role: 'admin' });
  });
  afterAll(() => fixture?.close());

  async function browseAs(cookie: string | null) {
    const browsing = await browse(fixture);
    await browsing.context.addCookies([
      { name: 'lang', value: 'en', url: fixture.baseUrl },
      ...(cookie
        ? [{ name: 'encuentro_session', value: cookie, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' as const }]
        : []),
    ]);
    return browsing;
  }

  it("lets IMICHILE's manager invite a delegate and set their travel dates, and credits the delegation in public", async () => {
    const { page, errors } = await browseAs(manager);
    const delegations = new DelegationsPage(page);
    await delegations.open();
    const chile = delegations.country('Chile');
    await chile
      .getByRole('article', { name: 'IMICHILE' })
      .getByRole('cell', { name: 'Fran Sandoval Leader' })
      .waitFor();
    // Other associations' members are not the manager's to see.
    expect(
      await delegations.delegation('CIMA — Canadian Independent Music Association').getByRole('table').count(),
    ).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await chile.getByRole('link', { name: 'Manage the IMICHILE delegation' }).click();
    await page.getByRole('heading', { name: 'IMICHILE delegation', level: 1 }).waitFor();
    const delegation = new DelegationPage(page);
    await delegation.invite('Rosa Nueva', 'rosa.nueva@imichile.example');
    const rosa = delegation.member('Rosa Nueva');
    await rosa.waitFor();
    await rosa.getByLabel('Arrival').fill('2024-02-28');
    await rosa.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await seriousAxeViolations(page)).toEqual([]);

    const mail = () =>
      (fixture.server.runtime.ctx.mailer.devMailbox ?? []).find((m) => m.to === 'rosa.nueva@imichile.example');
    // Her invitation leaves through the outbox: its link signs her in and opens her trip.
    await eventually(() => mail()?.subject).toBe('Your invitation to WIN at FIM GDL 2024 on Encuentro');

    await delegations.open();
    await eventually(() =>
      delegations
        .country('Chile')
        .getByRole('row', { name: /Rosa Nueva/ })
        .textContent(),
    ).toMatch(/28 Feb → 3 Mar/);
    expect(errors).toEqual([]);

    const visitor = await browseAs(null);
    await visitor.page.goto(`/events/${EVENT}`);
    const credits = visitor.page.getByRole('region', { name: 'Delegations' });
    await eventually(() => credits.getByRole('listitem').filter({ hasText: 'IMICHILE' }).textContent()).toBe(
      'IMICHILE · Chile · 6 delegates',
    );
    await eventually(() => credits.getByRole('link', { name: 'Acción Cultural Española' }).count()).toBe(1);
    expect(await visitor.page.getByText('Rosa Nueva').count()).toBe(0);
  });

  it('gives staff the manifest and the funding per funder', async () => {
    const { page } = await browseAs(admin);
    const delegations = new DelegationsPage(page);
    await delegations.open();
    const manifest = page.getByRole('link', { name: 'Download the manifest (CSV)' });
    const csv = await page.evaluate(
      async (href) => (await fetch(href as string)).text(),
      await manifest.getAttribute('href'),
    );
    expect(csv.split('\n')[0]).toContain('delegation,delegation_country,name');
    expect(csv).toContain('IMICHILE,CL,Fran Sandoval');
    const funding = page.getByRole('region', { name: 'Funding per funder' });
    await eventually(() => funding.getByRole('article', { name: 'Acción Cultural Española' }).textContent()).toMatch(
      /2 delegations, 7 people/,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it("lets IMICHILE's manager ask someone of another association to join, who accepts from their account, then add them", async () => {
    const ctx = fixture.server.runtime.ctx;
    const created = await fixture.server.app.inject({
      method: 'POST',
      url: '/api/people',
      cookies: { encuentro_session: admin },
      payload: { name: 'Inés Sello', affiliation: { organization: 'impala' } },
    });
    const ines = (created.json() as { id: string }).id;
    const inesAccount = await signedInAs(ctx, { email: 'ines@sello.example', role: 'delegate', personId: ines });
    const [imichile] = await rows<{ id: string }>(
      ctx.db,
      sql`select d.id from delegations d join organizations o on o.id = d.organization_id where o.slug = 'imichile'`,
    );
    const path = `/delegations/${(imichile as { id: string }).id}`;

    const { page, errors } = await browseAs(manager);
    await page.goto(path);
    await page.getByRole('heading', { name: 'IMICHILE delegation', level: 1 }).waitFor();
    await page.getByLabel('Search people by name').fill('Inés Sello');
    // Not one of IMICHILE's people: the manager may only ask.
    await page.getByRole('button', { name: 'Ask Inés Sello to join IMICHILE', exact: true }).click();
    await page.getByText('Inés Sello has been asked to join IMICHILE.').waitFor();
    expect(await page.getByRole('button', { name: 'Add Inés Sello', exact: true }).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);

    const asked = await browseAs(inesAccount);
    await asked.page.goto('/account');
    await asked.page.getByRole('heading', { name: 'Invitations to join an organisation', level: 2 }).waitFor();
    expect(await seriousAxeViolations(asked.page)).toEqual([]);
    await asked.page.getByRole('button', { name: 'Join IMICHILE', exact: true }).click();
    await asked.page.getByText('You now belong to IMICHILE.').waitFor();

    await page.reload();
    await page.getByLabel('Search people by name').fill('Inés Sello');
    await page.getByRole('button', { name: 'Add Inés Sello', exact: true }).click();
    await new DelegationPage(page).member('Inés Sello').waitFor();
    expect(errors).toEqual([]);
    expect(asked.errors).toEqual([]);
  });
});
