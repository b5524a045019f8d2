import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditableArticle } from '../shared/api/news.ts';
import type { Language } from '../shared/domain.ts';
import { signedInAs } from '../test/accounts.ts';
import { type BrowserFixture, browserKinds, seriousAxeViolations, startBrowserFixture } from '../test/browser.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';

const EVENT = 'fim-gdl-2024';
const SEED = 'win-in-mexico-a-trip-into-the-local-independent-community';

/** The article editor (/write/:slug), as an editor uses it. */
class ArticleEditor {
  constructor(readonly page: Page) {}

  language(name: 'English' | 'Spanish') {
    return this.page.getByRole('group', { name, exact: true });
  }

  title(name: 'English' | 'Spanish') {
    return this.language(name).getByLabel('Title', { exact: true });
  }

  summary(name: 'English' | 'Spanish') {
    return this.language(name).getByLabel('Summary', { exact: true });
  }

  body(name: 'English' | 'Spanish') {
    return this.language(name).getByRole('textbox', { name: 'Text', exact: true });
  }

  async write(name: 'English' | 'Spanish', text: string) {
    const body = this.body(name);
    await body.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.type(text);
  }

  button(name: string) {
    return this.page.getByRole('button', { name, exact: true });
  }

  get notice() {
    return this.page.getByRole('status').filter({ hasText: /\S/ });
  }
}

const kinds = browserKinds(import.meta.url);

describe.skipIf(kinds.length === 0).each(kinds)('writing the news in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  let editorToken: string;

  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    editorToken = await signedInAs(fixture.server.runtime.ctx, { email: 'editor@win.example', role: 'editor' });
  });
  afterAll(() => fixture?.close());

  async function browseAs(token: string | null, language: Language = 'en', width = 1280) {
    const browsing = await browse(fixture, { locale: language === 'es' ? 'es-ES' : 'en-GB', width });
    await browsing.context.addCookies([
      ...(token
        ? [{ name: 'encuentro_session', value: token, url: fixture.baseUrl, httpOnly: true, sameSite: 'Lax' as const }]
        : []),
      { name: 'lang', value: language, url: fixture.baseUrl },
    ]);
    return browsing;
  }

  const editable = async (slug: string) => {
    const response = await fixture.server.app.inject({
      method: 'GET',
      url: `/api/articles/${slug}/editable`,
      cookies: { encuentro_session: editorToken },
    });
    return response.json() as EditableArticle;
  };

  it('publishes a bilingual article that a reader then reads in Spanish, following a related link', async () => {
    const { page, errors } = await browseAs(editorToken);
    await page.goto('/news');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Write', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Write the news' }).waitFor();
    await page.getByRole('link', { name: 'WIN in Mexico: a trip into the local independent community' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel('Title in English', { exact: true }).fill('ADMI, one year on');
    await page.getByLabel('Title in Spanish', { exact: true }).fill('ADMI, un año después');
    await page.getByLabel('Category', { exact: true }).selectOption('global-industry-affairs');
    await page.getByRole('button', { name: 'Start the draft', exact: true }).click();
    await eventually(() => new URL(page.url()).pathname).toBe('/write/admi-one-year-on');

    const editor = new ArticleEditor(page);
    await editor.title('English').waitFor();
    await editor.summary('English').fill('The association of Mexican independent labels, a year after its launch.');
    await editor.summary('Spanish').fill('La asociación de sellos independientes de México, un año después.');
    await editor.write('English', 'A year after Guadalajara, ADMI has forty members.');
    await editor.write('Spanish', 'Un año después de Guadalajara, ADMI tiene cuarenta miembros.');
    await page.getByLabel('Tags', { exact: true }).fill('association-building, mexico');
    await page.getByRole('checkbox', { name: 'WIN at FIM GDL 2024' }).check();
    await page.getByLabel('Organisations', { exact: true }).fill('admi, win');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await editor.button('Save the draft').click();
    await eventually(() => editor.notice.textContent()).toBe('Saved.');
    // A draft is for editors only.
    const anonymous = await fixture.server.app.inject({ method: 'GET', url: '/api/articles/admi-one-year-on' });
    expect(anonymous.statusCode).toBe(404);

    await editor.button('Publish now').click();
    await eventually(() => editor.notice.textContent()).toBe('Published: the article is public now.');
    const published = await editable('admi-one-year-on');
    expect(published).toMatchObject({ status: 'published', live: true, tags: ['association-building', 'mexico'] });
    expect(published.body.en).toBe('<p>A year after Guadalajara, ADMI has forty members.</p>');
    expect(published.links.organizations).toEqual(['admi', 'win']);
    expect(errors).toEqual([]);

    // A reader in Spanish.
    const reader = await browseAs(null, 'es', 390);
    await reader.page.goto('/news/admi-one-year-on');
    await reader.page.getByRole('heading', { level: 1, name: 'ADMI, un año después' }).waitFor();
    await reader.page.getByText('Un año después de Guadalajara, ADMI tiene cuarenta miembros.').waitFor();
    const related = reader.page.getByRole('region', { name: 'Noticias relacionadas' });
    await related.getByRole('link', { name: 'WIN en México: un viaje a la comunidad independiente local' }).click();
    await eventually(() => new URL(reader.page.url()).pathname).toBe(`/news/${SEED}`);
    await reader.page
      .getByRole('heading', { level: 1, name: 'WIN en México: un viaje a la comunidad independiente local' })
      .waitFor();
    expect(await seriousAxeViolations(reader.page)).toEqual([]);
    expect(reader.errors).toEqual([]);

    // The page as served, before any script: a link preview finds the article.
    const html = await (await fetch(`${fixture.baseUrl}/news/admi-one-year-on?lang=es`)).text();
    expect(html).toContain('<meta property="og:title" content="ADMI, un año después" data-article-meta>');
    expect(html).toContain('"@type":"NewsArticle"');
    // Once the page runs, its own tags replace the served ones: each appears once.
    expect(await reader.page.locator('head meta[property="og:title"]').count()).toBe(1);
  });

  it('generates a trip report from the demo event, edits it and publishes it in both languages', async () => {
    const { page, errors } = await browseAs(editorToken);
    await page.goto(`/events/${EVENT}`);
    await page.getByRole('button', { name: 'Generate trip report', exact: true }).click();
    await eventually(() => new URL(page.url()).pathname).toMatch(/^\/write\/win-at-fim-gdl-2024-trip-report/);
    const slug = new URL(page.url()).pathname.split('/')[2] as string;
    const editor = new ArticleEditor(page);
    await editor.title('English').waitFor();
    expect(await editor.title('English').inputValue()).toBe('WIN at FIM GDL 2024: trip report');
    expect(await editor.title('Spanish').inputValue()).toBe('WIN en FIM GDL 2024: crónica del viaje');
    await editor
      .body('English')
      .getByRole('heading', { level: 2, name: /^Day 1: Wednesday,? 28 February 2024$/ })
      .waitFor();
    await editor
      .body('Spanish')
      .getByRole('heading', { level: 2, name: 'Día 1: miércoles, 28 de febrero de 2024' })
      .waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await editor.title('English').fill('WIN in Guadalajara: four days at FIM GDL');
    await editor.title('Spanish').fill('WIN en Guadalajara: cuatro días en FIM GDL');
    await editor.button('Publish now').click();
    await eventually(() => editor.notice.textContent()).toBe('Published: the article is public now.');
    const report = await editable(slug);
    expect(report).toMatchObject({ kind: 'trip_report', status: 'published' });
    expect(report.body.es).toContain('<h2>Día 2: jueves, 29 de febrero de 2024</h2>');
    expect(errors).toEqual([]);

    const reader = await browseAs(null, 'es', 390);
    await reader.page.goto(`/news/${slug}`);
    await reader.page.getByRole('heading', { level: 1, name: 'WIN en Guadalajara: cuatro días en FIM GDL' }).waitFor();
    await reader.page.getByRole('heading', { level: 2, name: 'Día 1: miércoles, 28 de febrero de 2024' }).waitFor();
    await reader.page.getByRole('link', { name: 'Noemí Planas' }).first().waitFor();
  });

  it('offers to reload when someone else saved the article meanwhile', async () => {
    const created = await fixture.server.app.inject({
      method: 'POST',
      url: '/api/articles',
      cookies: { encuentro_session: editorToken },
      payload: { slug: 'two-hands', category: 'winhub', title: { en: 'Two hands' } },
    });
    expect(created.statusCode).toBe(201);
    const { page } = await browseAs(editorToken);
    await page.goto('/write/two-hands');
    const editor = new ArticleEditor(page);
    await editor.title('English').waitFor();
    await fixture.server.app.inject({
      method: 'PATCH',
      url: '/api/articles/two-hands',
      cookies: { encuentro_session: editorToken },
      payload: { version: 1, title: { en: 'Two hands, changed elsewhere' } },
    });
    await editor.title('English').fill('Two hands, mine');
    await editor.button('Save the draft').click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed this' });
    await conflict.waitFor();
    await conflict.getByRole('button').click();
    await eventually(() => editor.title('English').inputValue()).toBe('Two hands, changed elsewhere');
  });
});
