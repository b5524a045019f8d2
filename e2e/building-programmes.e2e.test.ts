import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserFixture, browserKinds, seriousAxeViolations, startBrowserFixture } from '../test/browser.ts';
import { Layout } from './pages/layout.ts';
import { browse } from './support/browsing.ts';

const kinds = browserKinds(import.meta.url);

describe.skipIf(kinds.length === 0).each(kinds)('association-building programmes in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
  });
  afterAll(() => fixture?.close());

  it('compares Mexico and Colombia, then opens the timeline of Mexico (es)', async () => {
    const { page, context, errors } = await browse(fixture, { locale: 'es-ES' });
    await context.addCookies([{ name: 'lang', value: 'es', url: fixture.baseUrl }]);
    await page.goto('/');
    await new Layout(page, 'es').goTo('building');
    await page.getByRole('heading', { level: 1, name: 'Creación de asociaciones' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Colombia' }).waitFor();
    const mexico = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'México' }) });
    expect(await mexico.textContent()).toContain('Presentada');
    expect(await mexico.textContent()).toContain('cerca de 12 meses del primer paso al último');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Cronología de México', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'México' }).waitFor();
    await page.getByRole('heading', { name: 'Presentación pública de ADMI en FIM GDL, Guadalajara' }).waitFor();
    await page.getByRole('link', { name: 'Zorry Sedano', exact: true }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
