import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles } from '../server/news/tables.ts';
import type { ArticleDetail, ArticleSummary } from '../shared/api/news.ts';
import type { Language } from '../shared/domain.ts';
import {
  type AxeViolation,
  type BrowserFixture,
  browserKinds,
  seriousAxeViolations,
  startBrowserFixture,
  takeSecurityPolicyViolations,
} from '../test/browser.ts';
import { Layout } from './pages/layout.ts';
import { NewsPage } from './pages/news-page.ts';
import { apiGet } from './support/api.ts';
import { browse } from './support/browsing.ts';
import { eventually } from './support/eventually.ts';

const kinds = browserKinds(import.meta.url);
const SEED = 'win-in-mexico-a-trip-into-the-local-independent-community';
const PHONE_WIDTH = 390;
/** The language comes from the browser's preferences, as for a first visit. */
const LOCALES: Record<Language, string> = { en: 'en-GB', es: 'es-MX' };

function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.map((node) => node.target.join(' ')).join('\n    ')}`)
    .join('\n');
}

describe.skipIf(kinds.length === 0).each(kinds)('the news in a browser on %s', (kind) => {
  let fixture: BrowserFixture;
  let seed: ArticleDetail;
  beforeAll(async () => {
    fixture = await startBrowserFixture(kind);
    seed = await apiGet<ArticleDetail>(fixture, `/api/articles/${SEED}`);
    // One article written only in English, as an editor might publish it before its translation.
    const ctx = fixture.server.runtime.ctx;
    await ctx.db.insert(articles).values({
      slug: 'an-english-only-note',
      kind: 'news',
      status: 'published',
      publishedAt: new Date('2024-03-20T09:00:00Z'),
      categorySlug: 'win-en-colombia',
      titleEn: 'An English-only note',
      summaryEn: 'Waiting for its Spanish translation.',
      bodyEn: '<p>Only in English for now.</p>',
    });
    await ctx.changed('news');
  });
  afterAll(() => fixture?.close());

  it('opens the news, reads the seed article in Spanish and follows a related link', async () => {
    const { page, errors } = await browse(fixture);
    await page.goto('/');
    const english = await new NewsPage(page).openFromNavigation();
    const listed = await apiGet<{ items: ArticleSummary[] }>(fixture, '/api/articles');
    expect(await english.titles()).toEqual(listed.items.map((article) => article.title.en));

    const spanishLayout = await new Layout(page).switchLanguage('Español');
    expect(spanishLayout.language).toBe('es');
    const news = new NewsPage(page, 'es');
    await news.heading.waitFor();
    const article = await news.openArticle(seed.title.es!);
    expect(new URL(page.url()).pathname).toBe(`/news/${SEED}`);
    expect(await article.sectionHeadings()).toEqual([
      expect.stringMatching(/^Día 1: /),
      expect.stringMatching(/^Día 2: /),
      expect.stringMatching(/^Día 3: /),
      expect.stringMatching(/^Día 4: /),
    ]);
    expect(await article.publishedDate.textContent()).toBe('14 de marzo de 2024');
    expect(await article.fallbackNotice.count()).toBe(0);
    // Links inside the body and to the entities it names lead to their pages.
    expect(await page.getByRole('main').getByRole('link', { name: 'ADMI', exact: true }).getAttribute('href')).toBe(
      '/organizations/admi',
    );
    expect(
      await article.mentioned.getByRole('link', { name: 'WIN en FIM GDL 2024', exact: true }).getAttribute('href'),
    ).toBe('/events/fim-gdl-2024');
    expect(await article.mentioned.getByRole('link', { name: 'Noemí Planas', exact: true }).count()).toBe(1);

    // What crawlers and link previews read.
    expect(await article.meta('og:title')).toBe(seed.title.es);
    expect(await article.meta('og:type')).toBe('article');
    expect(await article.meta('og:locale')).toBe('es_ES');
    expect(await article.meta('twitter:card')).toBe('summary');
    const jsonLd = await article.jsonLd();
    expect(jsonLd).toMatchObject({ headline: seed.title.es, inLanguage: 'es', datePublished: seed.publishedAt });
    expect(jsonLd['@type']).toContain('NewsArticle');

    expect(await article.relatedTitles()).toEqual(seed.related.map((related) => related.title.es));
    const [first] = seed.related;
    const next = await article.followRelated(first!.title.es!);
    expect(new URL(page.url()).pathname).toBe(`/news/${first!.slug}`);
    expect(await next.meta('og:title')).toBe(first!.title.es);
    // The previous article's tags are gone from <head>.
    expect(await page.locator('head script[type="application/ld+json"]').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('narrows the list to a category and marks an article not yet translated', async () => {
    const { page, errors } = await browse(fixture, { locale: LOCALES.es });
    const news = await new NewsPage(page, 'es').open();
    const untranslated = news.card('An English-only note');
    expect(await untranslated.getByText(news.labels.notYetTranslated, { exact: true }).count()).toBe(1);
    expect(await untranslated.getByRole('heading', { level: 3 }).getAttribute('lang')).toBe('en');

    await news.chooseCategory('WIN en Colombia (2)');
    await eventually(() => news.titles()).toEqual([
      'An English-only note',
      'WIN impulsa la creación de una asociación de la música independiente en Colombia',
    ]);
    expect(new URL(page.url()).searchParams.get('category')).toBe('win-en-colombia');

    const article = await news.openArticle('An English-only note');
    await article.fallbackNotice.waitFor();
    expect(await article.heading().getAttribute('lang')).toBe('en');
    expect(errors).toEqual([]);
  });

  it('shows a body only through its allow-list: no script, handler or javascript: link reaches the page', async () => {
    const ctx = fixture.server.runtime.ctx;
    await ctx.db.insert(articles).values({
      slug: 'a-hostile-body',
      status: 'published',
      publishedAt: new Date('2023-01-01T00:00:00Z'),
      categorySlug: 'winhub',
      titleEn: 'A hostile body',
      bodyEn:
        '<p onclick="window.pwned = 1">Hello <strong style="color:red">there</strong>' +
        '<img src="/nothing.png" onerror="window.pwned = 2"><a href="javascript:window.pwned = 3">a trap</a>' +
        '<a href="https://example.org/" target="_blank">outside</a></p><script>window.pwned = 4</script>' +
        '<iframe src="/"></iframe><h1>A second title</h1>',
    });
    await ctx.changed('news');
    const { context, page, errors } = await browse(fixture);
    await page.goto('/news/a-hostile-body');
    await page.getByRole('heading', { level: 1, name: 'A hostile body', exact: true }).waitFor();
    const body = page.locator('.news-body');
    await body.getByText('outside').waitFor();
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await body.locator('script, img, iframe, [onclick], [style], [target]').count()).toBe(0);
    expect(await body.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(
      ['https://example.org/'],
    );
    // The page keeps one h1: the body's is demoted.
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await body.getByRole('heading', { level: 2, name: 'A second title' }).count()).toBe(1);
    expect(errors).toEqual([]);
    // Behind the allow-list, the Content-Security-Policy refuses the planted handlers and style as well
    // (the browser judges them as the inert parse meets them).
    const refused = takeSecurityPolicyViolations(context).map((violation) => violation.split(' ')[0]);
    expect([...new Set(refused)].sort()).toEqual(['script-src-attr', 'style-src-attr']);
  });

  describe.each(['en', 'es'] as const)('in %s, on a 390 px wide phone', (language) => {
    it.each([
      ['the news', '/news'],
      ['an article', `/news/${SEED}`],
    ])('%s: no serious axe violations, one h1, no sideways scroll', async (_name, path) => {
      const { page, errors } = await browse(fixture, { locale: LOCALES[language], width: PHONE_WIDTH });
      await page.goto(path);
      const ready =
        path === '/news'
          ? new NewsPage(page, language).resultCount
          : page.getByRole('region', { name: { en: 'Related news', es: 'Noticias relacionadas' }[language] });
      await ready.waitFor();
      const layout = new Layout(page, language);
      const violations = await seriousAxeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      expect(await layout.mainHeading.count()).toBe(1);
      expect(await layout.documentLanguage()).toBe(language);
      expect(await layout.documentWidth()).toBeLessThanOrEqual(PHONE_WIDTH);
      expect(errors).toEqual([]);
    });
  });
});
