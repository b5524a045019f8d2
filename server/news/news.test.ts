import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorResponse, ListOf } from '../../shared/api/common.ts';
import {
  ArticleCategoryWithCount,
  ArticleDetail,
  type ArticleLinkType,
  ArticleSummary,
} from '../../shared/api/news.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { ManualClock } from '../clock.ts';
import { articleLinks, articles, articleTags } from './tables.ts';

const SEED = 'win-in-mexico-a-trip-into-the-local-independent-community';
const COLOMBIA = 'win-promotes-an-independent-music-trade-association-in-colombia';
const GENAI = 'win-calls-for-joined-up-approach-on-genai';
const WINHUB = 'winhub-connects-the-global-independent-music-community-in-new-york';

const HOUR = 60 * 60 * 1000;

/** The Atom elements RFC 4287 requires, read with a strict XML parser (not the library that wrote them). */
function atomStructure(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (name) => ['entry', 'link', 'category', 'author'].includes(name),
  }).parse(xml);
  return parsed.feed as {
    '@xmlns': string;
    '@xml:lang': string;
    id: string;
    title: string;
    updated: string;
    author?: { name: string }[];
    link: { '@rel'?: string; '@href': string }[];
    entry: {
      id: string;
      title: { '#text': string; '@type': string };
      updated: string;
      published: string;
      link: { '@rel'?: string; '@href': string }[];
      content: { '#text': string; '@type': string };
      author: { name: string }[];
    }[];
  };
}

describe.each(databaseKinds())('news on %s', (kind) => {
  // Well after every demo article; moved forward by the scheduling tests.
  const clock = new ManualClock('2025-01-15T12:00:00Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { clock });
  });
  afterAll(() => t?.close());

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const response = await t.app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, body: response.body, json: () => response.json(), headers: response.headers };
  };
  const list = async (query = '') => ((await get(`/api/articles${query}`)).json() as { items: ArticleSummary[] }).items;
  const slugs = async (query = '') => (await list(query)).map((article) => article.slug);

  /** What a writer does: insert, and after the commit tell every instance that news changed. */
  async function insertArticle(
    values: typeof articles.$inferInsert,
    tags: string[] = [],
    links: [ArticleLinkType, string][] = [],
  ) {
    const db = t.runtime.ctx.db;
    const [row] = await db.insert(articles).values(values).returning({ id: articles.id });
    const articleId = row!.id;
    if (tags.length > 0) await db.insert(articleTags).values(tags.map((tag) => ({ articleId, tag })));
    if (links.length > 0) {
      await db
        .insert(articleLinks)
        .values(links.map(([entityType, entityKey]) => ({ articleId, entityType, entityKey })));
    }
    await t.runtime.ctx.changed('news');
    return articleId;
  }

  describe('reading the demo news', () => {
    it('lists the seed article and its three related news, newest first, in the documented shape', async () => {
      const response = await get('/api/articles');
      expect(response.status).toBe(200);
      expect(Value.Errors(ListOf(ArticleSummary), response.json())).toEqual([]);
      expect(await slugs()).toEqual([SEED, COLOMBIA, GENAI, WINHUB]);
      const [seed] = await list();
      expect(seed).toMatchObject({
        kind: 'trip_report',
        title: {
          en: 'WIN in Mexico: a trip into the local independent community',
          es: 'WIN en México: un viaje a la comunidad independiente local',
        },
        category: {
          slug: 'global-industry-affairs',
          name: { en: 'Global Industry Affairs', es: 'Asuntos globales de la industria' },
        },
        languages: ['en', 'es'],
        publishedAt: '2024-03-14T10:00:00.000Z',
      });
      expect(seed?.tags).toEqual(expect.arrayContaining(['fim-gdl', 'latam', 'association-building']));
    });

    it('says which related news are illustrative', async () => {
      for (const article of (await list()).filter((a) => a.slug !== SEED)) {
        expect(article.summary.en).toMatch(/^Illustrative summary/);
        expect(article.summary.es).toMatch(/^Resumen ilustrativo/);
      }
    });

    it('filters by category and by tag', async () => {
      expect(await slugs('?category=global-industry-affairs')).toEqual([SEED, GENAI]);
      expect(await slugs('?category=win-en-colombia')).toEqual([COLOMBIA]);
      expect(await slugs('?tag=association-building')).toEqual([SEED, COLOMBIA]);
      expect(await slugs('?tag=generative-ai&category=global-industry-affairs')).toEqual([SEED, GENAI]);
      expect(await slugs('?tag=nothing-tagged-so')).toEqual([]);
      // `lang` does not filter: every article carries both languages and says which it is written in.
      expect(await slugs('?lang=es')).toEqual(await slugs());
    });

    it('rejects a malformed or unknown filter, naming the parameter, in the asked language', async () => {
      const unknown = await get('/api/articles?category=sports');
      expect(unknown.status).toBe(400);
      expect(Value.Errors(ErrorResponse, unknown.json())).toEqual([]);
      expect(unknown.json().error).toMatchObject({ code: 'invalid_input' });
      expect(unknown.json().error.message).toMatch(/“category”.*“sports”/);
      const malformed = await get('/api/articles?tag=Not%20A%20Slug&lang=es');
      expect(malformed.status).toBe(400);
      expect(malformed.json().error.message).toMatch(/«tag»/);
      const badLanguage = await get('/api/articles?lang=fr');
      expect(badLanguage.status).toBe(400);
      expect(badLanguage.json().error.message).toMatch(/“lang”/);
    });

    it('lists the categories with their published articles', async () => {
      const response = await get('/api/articles/categories');
      expect(Value.Errors(ListOf(ArticleCategoryWithCount), response.json())).toEqual([]);
      const counts = Object.fromEntries(
        (response.json().items as ArticleCategoryWithCount[]).map((c) => [c.slug, c.articlesCount]),
      );
      expect(counts).toEqual({ 'global-industry-affairs': 2, 'win-en-colombia': 1, winhub: 1 });
    });

    it('shows an article with its body in both languages and its linked entities resolved', async () => {
      const response = await get(`/api/articles/${SEED}`);
      expect(response.status).toBe(200);
      const article = response.json() as ArticleDetail;
      expect(Value.Errors(ArticleDetail, article)).toEqual([]);
      const headings = (html: string | null) => [...(html ?? '').matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
      expect(headings(article.body.en).map((h) => h?.slice(0, 6))).toEqual(['Day 1:', 'Day 2:', 'Day 3:', 'Day 4:']);
      expect(headings(article.body.es).map((h) => h?.slice(0, 6))).toEqual(['Día 1:', 'Día 2:', 'Día 3:', 'Día 4:']);
      expect(article.links.events).toEqual([
        { slug: 'fim-gdl-2024', name: { en: 'WIN at FIM GDL 2024', es: 'WIN en FIM GDL 2024' } },
      ]);
      expect(article.links.organizations).toEqual(
        expect.arrayContaining([
          {
            slug: 'admi',
            kind: 'association',
            name: 'Asociación de Discográficas Mexicanas Independientes',
            acronym: 'ADMI',
          },
          expect.objectContaining({ slug: 'ami-paraguay' }),
          expect.objectContaining({ slug: 'sympathy-for-the-lawyer', kind: 'label' }),
        ]),
      );
      const noemi = (await get('/api/people?q=noemi%20planas')).json().items[0];
      expect(article.links.people).toEqual(
        expect.arrayContaining([{ id: noemi.id, name: 'Noemí Planas', fictional: false }]),
      );
      expect(article.links.people.map((p) => p.name)).toContain('Laura García');
      expect(article.author).toBeNull();
    });

    it('ranks related news by shared linked entities and tags, most shared first', async () => {
      const seed = (await get(`/api/articles/${SEED}`)).json() as ArticleDetail;
      // Colombia shares WIN, AMI Paraguay, Noemí Planas and two tags; GenAI and WINHUB share WIN and one
      // tag each, and GenAI wins the tie by being in the same category.
      expect(seed.related.map((a) => a.slug)).toEqual([COLOMBIA, GENAI, WINHUB]);
      const colombia = (await get(`/api/articles/${COLOMBIA}`)).json() as ArticleDetail;
      expect(colombia.related[0]?.slug).toBe(SEED);
      expect(colombia.related).toHaveLength(3);
    });

    it('answers an unknown article with 404 in the asked language', async () => {
      const missing = await get('/api/articles/no-such-article?lang=es');
      expect(missing.status).toBe(404);
      expect(missing.json().error).toEqual({
        code: 'not_found',
        message: 'No hay ningún artículo publicado «no-such-article».',
      });
    });

    it('answers a repeated read with 304 when nothing changed', async () => {
      const first = await get('/api/articles');
      const second = await get('/api/articles', { 'if-none-match': first.headers.etag as string });
      expect(second.status).toBe(304);
    });
  });

  describe('the Atom feed', () => {
    it('is valid Atom that an independent parser reads, in English by default', async () => {
      const response = await get('/feed.atom');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      const structure = atomStructure(response.body);
      expect(structure['@xmlns']).toBe('http://www.w3.org/2005/Atom');
      expect(structure['@xml:lang']).toBe('en');
      expect(structure.id).toBeTruthy();
      expect(structure.updated).toBe('2024-03-14T10:00:00.000Z');
      expect(structure.author?.[0]?.name).toBe('Worldwide Independent Network');
      expect(structure.link.find((link) => link['@rel'] === 'self')?.['@href']).toMatch(/\/feed\.atom\?lang=en$/);
      for (const entry of structure.entry) {
        expect(entry.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
        expect(entry.title['#text']).toBeTruthy();
        expect(entry.updated).toBeTruthy();
        expect(entry.content['@type']).toBe('html');
        expect(entry.link[0]?.['@href']).toMatch(/\/news\/[a-z0-9-]+\?lang=en$/);
      }

      const feed = parseFeed(response.body);
      expect(feed.meta.type).toBe('atom');
      expect(feed.language).toBe('en');
      expect(feed.title).toBe('Worldwide Independent Network: news');
      const items = await list();
      expect(feed.items.map((item) => item.url)).toEqual(
        items.map((article) => expect.stringMatching(new RegExp(`/news/${article.slug}\\?lang=en$`))),
      );
      const seed = feed.items[0]!;
      expect(seed.title).toBe('WIN in Mexico: a trip into the local independent community');
      expect(seed.published?.toISOString()).toBe('2024-03-14T10:00:00.000Z');
      expect(seed.content).toContain('<h2>Day 1: industry issues');
      expect(seed.description).toMatch(/^Four days at FIM GDL 2024/);
      expect(seed.authors.map((author) => author.name)).toEqual(['Worldwide Independent Network']);
      expect(seed.categories.map((category) => category.term)).toEqual(
        expect.arrayContaining(['global-industry-affairs', 'fim-gdl', 'latam']),
      );
      expect(seed.categories.find((c) => c.term === 'global-industry-affairs')?.label).toBe('Global Industry Affairs');
    });

    it('is written in Spanish for ?lang=es and for a Spanish reader, keeping the same entry ids', async () => {
      const english = parseFeed((await get('/feed.atom?lang=en')).body);
      for (const spanish of [
        parseFeed((await get('/feed.atom?lang=es')).body),
        parseFeed((await get('/feed.atom', { 'accept-language': 'es-MX,es;q=0.9' })).body),
      ]) {
        expect(spanish.language).toBe('es');
        expect(spanish.title).toBe('Worldwide Independent Network: noticias');
        expect(spanish.items.map((item) => item.id)).toEqual(english.items.map((item) => item.id));
        const seed = spanish.items[0]!;
        expect(seed.title).toBe('WIN en México: un viaje a la comunidad independiente local');
        expect(seed.content).toContain('<h2>Día 1:');
        expect(seed.url).toMatch(/\?lang=es$/);
        expect(seed.categories.find((c) => c.term === 'global-industry-affairs')?.label).toBe(
          'Asuntos globales de la industria',
        );
      }
    });

    it('answers a feed reader that already has the feed with 304', async () => {
      const first = await get('/feed.atom?lang=es');
      const again = await get('/feed.atom?lang=es', { 'if-none-match': first.headers.etag as string });
      expect(again.status).toBe(304);
    });
  });

  describe('publication over time and missing translations', () => {
    it('never shows a draft', async () => {
      await insertArticle({
        slug: 'a-draft',
        status: 'draft',
        publishedAt: new Date('2024-01-01T00:00:00Z'),
        categorySlug: 'winhub',
        titleEn: 'Not ready',
        bodyEn: '<p>Not ready.</p>',
      });
      expect(await slugs()).not.toContain('a-draft');
      expect((await get('/api/articles/a-draft')).status).toBe(404);
      expect((await get('/feed.atom')).body).not.toContain('Not ready');
    });

    it('shows a scheduled article once its time has passed, with no write in between', async () => {
      const at = new Date(clock.now().getTime() + 2 * HOUR);
      await insertArticle(
        {
          slug: 'scheduled-news',
          status: 'scheduled',
          publishedAt: at,
          updatedAt: clock.now(),
          categorySlug: 'global-industry-affairs',
          titleEn: 'Scheduled news',
          titleEs: 'Noticia programada',
          bodyEn: '<p>On time.</p>',
          bodyEs: '<p>A su hora.</p>',
        },
        ['generative-ai'],
      );
      // Read (and cache) everything before the time comes.
      expect(await slugs()).not.toContain('scheduled-news');
      expect((await get('/api/articles/scheduled-news')).status).toBe(404);
      expect((await get('/feed.atom')).body).not.toContain('Scheduled news');
      const counts = async () =>
        Object.fromEntries(
          ((await get('/api/articles/categories')).json().items as ArticleCategoryWithCount[]).map((c) => [
            c.slug,
            c.articlesCount,
          ]),
        );
      expect((await counts())['global-industry-affairs']).toBe(2);

      clock.advance(2 * HOUR - 1);
      expect(await slugs()).not.toContain('scheduled-news');

      clock.advance(1);
      expect((await slugs())[0]).toBe('scheduled-news');
      expect((await get('/api/articles/scheduled-news')).status).toBe(200);
      expect((await counts())['global-industry-affairs']).toBe(3);
      const feed = parseFeed((await get('/feed.atom')).body);
      expect(feed.items[0]?.title).toBe('Scheduled news');
      expect(feed.updated?.toISOString()).toBe(at.toISOString());
      const genai = (await get(`/api/articles/${GENAI}`)).json() as ArticleDetail;
      expect(genai.related.map((a) => a.slug)).toContain('scheduled-news');
    });

    it('marks a missing translation: the list says which languages exist and the feed falls back with a notice', async () => {
      const noemi = (await get('/api/people?q=noemi%20planas')).json().items[0];
      await insertArticle(
        {
          slug: 'only-in-english',
          status: 'published',
          publishedAt: clock.now(),
          categorySlug: 'win-en-colombia',
          titleEn: 'Only in English',
          summaryEn: 'A summary & more',
          bodyEn: '<p>English <strong>only</strong>.</p>',
          authorId: noemi.id,
        },
        ['colombia'],
        [
          ['organization', 'ami-paraguay'],
          ['person', noemi.id],
          ['person', 'not-a-person'],
          ['programme', 'colombia'],
          ['organization', 'gone-organisation'],
        ],
      );
      const [newest] = await list();
      expect(newest).toMatchObject({
        slug: 'only-in-english',
        languages: ['en'],
        title: { en: 'Only in English', es: null },
      });

      const detail = (await get('/api/articles/only-in-english')).json() as ArticleDetail;
      expect(detail.body).toEqual({ en: '<p>English <strong>only</strong>.</p>', es: null });
      expect(detail.author).toEqual({ id: noemi.id, name: 'Noemí Planas', fictional: false });
      // Links to what does not exist are left out; programmes are given by slug.
      expect(detail.links.organizations.map((o) => o.slug)).toEqual(['ami-paraguay']);
      expect(detail.links.people.map((p) => p.name)).toEqual(['Noemí Planas']);
      expect(detail.links.programmes).toEqual([{ slug: 'colombia' }]);
      expect(detail.related[0]?.slug).toBe(COLOMBIA);

      const xml = (await get('/feed.atom?lang=es')).body;
      atomStructure(xml);
      const entry = parseFeed(xml).items.find((item) => item.title === 'Only in English');
      expect(entry?.content).toContain('Todavía no está disponible en español: se muestra en inglés.');
      expect(entry?.content).toContain('<p>English <strong>only</strong>.</p>');
      expect(entry?.description).toBe('A summary & more');
      expect(entry?.authors.map((author) => author.name)).toEqual(['Noemí Planas']);
      const english = parseFeed((await get('/feed.atom?lang=en')).body).items.find(
        (item) => item.title === 'Only in English',
      );
      expect(english?.content).not.toContain('Todavía');
    });
  });
});
