import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationSummary, PersonSummary } from '../shared/api/directory.ts';
import type { WorkingGroupDetail } from '../shared/api/groups.ts';
import { type BrowserFixture, browserKinds, startBrowserFixture } from '../test/browser.ts';
import { DirectoryPage } from './pages/directory-page.ts';
import { Layout } from './pages/layout.ts';
import { PeoplePage } from './pages/people-page.ts';
import { WorkingGroupsPage } from './pages/working-groups-page.ts';
import { apiGet } from './support/api.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';

const kinds = browserKinds(import.meta.url);

describe.skipIf(kinds.length === 0).each(kinds)('the directory in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
  });
  afterAll(() => fixture?.close());

  it('lists every organisation and narrows the list to associations', async () => {
    const { page, errors } = await browse(fixture);
    const all = await apiGet<{ items: OrganizationSummary[] }>(fixture, '/api/organizations');
    const associations = all.items.filter((organization) => organization.kind === 'association');
    expect(associations.length).toBeGreaterThan(0);
    expect(associations.length).toBeLessThan(all.items.length);

    await page.goto('/');
    await new Layout(page).goTo('directory');
    const directory = new DirectoryPage(page);
    await directory.waitForResults();
    await eventually(() => directory.resultCount.textContent()).toBe(`${all.items.length} organisations`);
    expect(await directory.resultNames()).toEqual(all.items.map((organization) => organization.name));

    await directory.chooseKind('Association');
    await eventually(() => directory.resultNames()).toEqual(associations.map((organization) => organization.name));
    expect(await directory.resultCount.textContent()).toBe(`${associations.length} organisations`);
    expect(await directory.cardsNotOfKind('Association').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('kind')).toBe('association');
    expect(errors).toEqual([]);
  });

  it('finds IMICHILE from a misspelt, lower-case search and shows its country and network', async () => {
    const { page, errors } = await browse(fixture);
    const directory = await new DirectoryPage(page).open();

    await directory.search('imichle');
    await eventually(() => directory.resultNames()).toEqual(['IMICHILE']);
    // The debounced search is written to the address, so the result can be shared.
    await eventually(() => new URL(page.url()).searchParams.get('q')).toBe('imichle');

    const imichile = await directory.openOrganization('IMICHILE');
    expect(new URL(page.url()).pathname).toBe('/organizations/imichile');
    expect(await imichile.country()).toBe('Chile');
    expect(await imichile.parentLink.textContent()).toBe('Worldwide Independent Network');
    expect(await imichile.parentLink.getAttribute('href')).toBe('/organizations/win');

    await imichile.parentLink.click();
    await imichile.heading('Worldwide Independent Network').waitFor();
    expect(errors).toEqual([]);
  });

  it('points a search for a person among the organisations to the people, with the same words', async () => {
    const { page, errors } = await browse(fixture);
    const directory = await new DirectoryPage(page).open();
    await directory.search('noemi planas');
    const pointer = page.getByRole('link', { name: 'Looking for a person? Search the people for “noemi planas”.' });
    await pointer.click();
    expect(new URL(page.url()).pathname).toBe('/people');
    await eventually(() => new PeoplePage(page).resultNames()).toEqual(['Noemí Planas']);
    expect(errors).toEqual([]);
  });

  it('marks the fictional delegates, finds Noemí Planas without the accent and shows her role at WIN', async () => {
    const { page, errors } = await browse(fixture);
    const people = await new PeoplePage(page).open();
    const everyone = await apiGet<{ items: PersonSummary[] }>(fixture, '/api/people');
    expect(await people.resultCount.textContent()).toBe(`${everyone.items.length} people`);
    const fictional = everyone.items.filter((person) => person.fictional);
    expect(fictional.length).toBeGreaterThan(0);
    expect(await people.fictionalBadges.count()).toBe(fictional.length);

    await people.search('noemi planas');
    await eventually(() => people.resultNames()).toEqual(['Noemí Planas']);
    expect(await people.resultCount.textContent()).toBe('1 person');

    const noemi = await people.openPerson('Noemí Planas');
    expect(await noemi.roleAt('Worldwide Independent Network')).toBe('CEO');
    expect(await noemi.organizationLink('Worldwide Independent Network').getAttribute('href')).toBe(
      '/organizations/win',
    );
    expect(errors).toEqual([]);
  });

  it('shows the six countries of the LatAm Network working group', async () => {
    const { page, errors } = await browse(fixture);
    const latam = await apiGet<WorkingGroupDetail>(fixture, '/api/working-groups/latam-network');

    await page.goto('/');
    await new Layout(page).goTo('workingGroups');
    const groups = new WorkingGroupsPage(page);
    await groups.heading.waitFor();
    const group = await groups.openGroup('LatAm Network');

    expect(await group.countriesHeading()).toBe('Countries (6)');
    const countries = await group.countries();
    expect(countries).toHaveLength(6);
    expect(countries.toSorted()).toEqual(latam.countries.map((country) => country.name.en ?? '').toSorted());
    expect(countries).toEqual(expect.arrayContaining(['Chile', 'Mexico', 'Spain']));
    expect(errors).toEqual([]);
  });
});
