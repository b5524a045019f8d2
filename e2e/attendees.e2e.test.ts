import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../server/db/client.ts';
import { searchForm } from '../shared/text.ts';
import { signedInAs } from '../test/accounts.ts';
import { type BrowserFixture, browserKinds, seriousAxeViolations, startBrowserFixture } from '../test/browser.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';

const EVENT = 'fim-gdl-2024';
const HEADER = 'name,email,organization,country,delegation,language,role';

/** The staff's attendee list of an event, with its import (/events/:slug/attendees). */
class AttendeesPage {
  constructor(readonly page: Page) {}

  async openFromEvent(linkName: string, heading: string): Promise<void> {
    await this.page.goto(`/events/${EVENT}`);
    await this.page.getByRole('link', { name: linkName, exact: true }).click();
    await this.page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  }

  get preview() {
    return this.page.getByRole('table');
  }

  row(number: number) {
    return this.preview
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: String(number), exact: true }) });
  }

  status() {
    return this.page
      .getByRole('region', { name: /Import|Importar/ })
      .getByRole('status')
      .first()
      .textContent();
  }
}

const kinds = browserKinds(import.meta.url);

describe.skipIf(kinds.length === 0).each(kinds)('the attendee list in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  let admin: string;
  let known: { name: string; email: string }[];

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    const ctx = fixture.server.runtime.ctx;
    admin = await signedInAs(ctx, { email: 'staff@win.example', role: 'admin' });
    // Three people already in the directory (by e-mail), a namesake with no e-mail, and a second "AMI".
    known = await rows<{ name: string; email: string }>(
      ctx.db,
      sql`select name, email from people where email is not null order by email limit 3`,
    );
    await ctx.db.execute(
      sql`insert into people (name, search_text) values ('Renée Dupont', ${searchForm('Renée Dupont')})`,
    );
    await ctx.db.execute(
      sql`insert into organizations (slug, kind, name, acronym, search_text)
          values ('ami-uruguay', 'association', 'Asociación de Música Independiente', 'AMI', 'ami uruguay')`,
    );
  });
  afterAll(() => fixture?.close());

  async function browseAs(language: 'en' | 'es') {
    const browsing = await browse(fixture, { locale: language === 'es' ? 'es-ES' : 'en-GB', width: 390 });
    await browsing.context.addCookies([
      { name: 'lang', value: language, url: fixture.baseUrl },
      { name: 'encuentro_session', value: admin, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' as const },
    ]);
    return browsing;
  }

  it('lets staff paste 50 attendees, see who is new, known and wrong, fix the wrong rows and apply them all', async () => {
    const { page, errors } = await browseAs('en');
    const attendees = new AttendeesPage(page);
    await attendees.openFromEvent('Attendees', 'Attendees');
    const before = await page
      .getByRole('status')
      .filter({ hasText: /^Showing/ })
      .textContent();

    const fresh = Array.from(
      { length: 45 },
      (_, i) => `Delegate ${i + 1},delegate${i + 1}@e2e.example,IMICHILE,CL,imichile,es,`,
    );
    const list = [
      HEADER,
      ...fresh.slice(0, 20),
      ...known.map((p) => `"${p.name}",${p.email},,,,,partner`),
      'RENEE DUPONT,,UFi,ES,,,speaker',
      'Wrong Country,wrong.country@e2e.example,,Atlantis,,,',
      ...fresh.slice(20),
    ];
    // 45 new of which one will be wrong twice over: row 46 names an organisation two answer to.
    list[46] = 'Ambiguous Org,ambiguous@e2e.example,ami,PY,,,';
    expect(list).toHaveLength(51);
    await page.getByLabel('Paste the list (CSV)').fill(list.join('\n'));
    await page.getByRole('button', { name: 'Preview' }).click();

    await eventually(() => attendees.status()).toBe('50 rows: 44 new, 4 already in the directory, 2 to fix.');
    await attendees.row(21).getByText('Same e-mail as').waitFor();
    await attendees.row(24).getByText('Same name as Renée Dupont').waitFor();
    await attendees
      .row(25)
      .getByText('country “Atlantis” is not a country of the directory', { exact: false })
      .waitFor();
    await attendees.row(46).getByText('“ami” fits 2 organisations: choose one').waitFor();
    expect(await page.getByRole('button', { name: 'Apply all 50 rows' }).isDisabled()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Fix the two wrong rows, confirm the namesake, check again, apply.
    await page.getByLabel('Correct the country (row 25)').fill('Uruguay');
    await page.getByLabel('Which organisation (row 46)').selectOption('ami-paraguay');
    await page.getByLabel('Yes, this is Renée Dupont').check();
    await page.getByRole('button', { name: 'Check again' }).click();
    await eventually(() => attendees.status()).toBe('50 rows: 46 new, 4 already in the directory, 0 to fix.');
    await page.getByRole('button', { name: 'Apply all 50 rows' }).click();
    await eventually(() => attendees.status()).toBe('List applied: 46 new people, 4 already in the directory.');

    // The list shows them, filtered by name, with their flags; the page fits the phone.
    await eventually(async () =>
      page
        .getByRole('status')
        .filter({ hasText: /^Showing/ })
        .textContent(),
    ).not.toBe(before);
    await page.getByLabel('Name, e-mail or organisation').fill('renee');
    const renee = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Renée Dupont' }) });
    await eventually(() => renee.getByRole('checkbox', { name: 'Speaker' }).isChecked()).toBe(true);
    expect(await renee.getByText('Not invited').count()).toBe(1);
    await page.getByLabel('Name, e-mail or organisation').fill('');
    await page.getByLabel('Role', { exact: true }).selectOption('partner');
    await eventually(() =>
      page
        .getByRole('status')
        .filter({ hasText: /^Showing/ })
        .textContent(),
    ).toMatch(/^Showing [3-9]/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
  });

  it('invites the attendees shown who were never invited, and a delegate opening the mail elsewhere lands on their trip', async () => {
    const { page, errors } = await browseAs('en');
    const attendees = new AttendeesPage(page);
    await attendees.openFromEvent('Attendees', 'Attendees');
    // The list applied above: "delegate4" leaves Delegates 4, 40 and 42 to 45 (row 46, once Delegate 41, was replaced).
    await page.getByLabel('Name, e-mail or organisation').fill('delegate4');
    const invitations = page.getByRole('region', { name: 'Invitations' });
    await invitations.getByRole('button', { name: 'Invite the 6 not invited yet' }).click();
    await invitations.getByRole('button', { name: 'Send 6' }).click();
    await eventually(() => invitations.getByRole('status').textContent()).toContain(
      '6 invitations on their way. All 6 invitations have left.',
    );
    const delegate = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Delegate 42' }) });
    await delegate.getByText('invitation sent').waitFor();
    expect(await invitations.getByRole('button', { name: 'Everyone shown is invited' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);

    // Delegate 42 (Spanish, by the list) opens the mail on a phone whose browser never saw Encuentro.
    const mail = fixture.server.runtime.ctx.mailer.devMailbox?.find((m) => m.to === 'delegate42@e2e.example');
    expect(mail?.subject).toContain('Tu invitación');
    const link = mail?.text.match(/https?:\/\/\S+\/auth\/verify\?token=\S+/)?.[0] as string;
    const phone = await browse(fixture, { locale: 'es-MX', width: 390 });
    await phone.page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await phone.page.waitForURL('**/my-trip');
    await phone.page.getByRole('heading', { name: /^Mi viaje/, level: 1 }).waitFor();
    const me = await phone.page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me.email).toBe('delegate42@e2e.example');
    expect(phone.errors).toEqual([]);
  });

  it('speaks Spanish to Spanish-speaking staff, down to the reasons a row is wrong', async () => {
    const { page, errors } = await browseAs('es');
    const attendees = new AttendeesPage(page);
    await attendees.openFromEvent('Asistentes', 'Asistentes');
    await page
      .getByLabel('Pega la lista (CSV)')
      .fill([HEADER, 'Otra Persona,otra@e2e.example,ami,Atlántida,,,'].join('\n'));
    await page.getByRole('button', { name: 'Previsualizar' }).click();
    await attendees.row(1).getByText('«ami» corresponde a 2 organizaciones: elige una').waitFor();
    await attendees.row(1).getByText('Por corregir').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
  });
});
