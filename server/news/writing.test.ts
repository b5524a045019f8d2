import { parseFeed } from '@rowanmanning/feed-parser';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EditableArticle } from '../../shared/api/news.ts';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { ManualClock } from '../clock.ts';
import { newsPageHead } from './page-meta.ts';

const SEED = 'win-in-mexico-a-trip-into-the-local-independent-community';
const HOUR = 60 * 60 * 1000;

describe.each(databaseKinds())('writing the news on %s', (kind) => {
  const clock = new ManualClock('2025-01-15T12:00:00Z');
  let t: TestApp;
  let editor: string;
  let admin: string;
  let delegate: string;
  let manager: string;

  beforeAll(async () => {
    t = await startTestApp(kind, { clock });
    editor = await signedInAs(t.runtime.ctx, { email: 'editor@win.example', role: 'editor' });
    admin = await signedInAs(t.runtime.ctx, { email: 'admin@win.example', role: 'admin' });
    delegate = await signedInAs(t.runtime.ctx, { email: 'delegate@win.example', role: 'delegate' });
    manager = await signedInAs(t.runtime.ctx, { email: 'manager@win.example', role: 'manager' });
  });
  afterAll(() => t?.close());

  type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
  const call = async (method: Method, url: string, session?: string, payload?: object) => {
    const response = await t.app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      cookies: session ? { encuentro_session: session } : {},
    });
    return { status: response.statusCode, json: () => response.json(), body: response.body };
  };
  const publicSlugs = async () =>
    ((await call('GET', '/api/articles')).json().items as { slug: string }[]).map((a) => a.slug);

  const draft = (slug: string, extra: object = {}) =>
    call('POST', '/api/articles', editor, {
      slug,
      category: 'global-industry-affairs',
      title: { en: `Title of ${slug}`, es: `Título de ${slug}` },
      summary: { en: 'A summary.', es: 'Un resumen.' },
      body: { en: '<p>English body.</p>', es: '<p>Cuerpo en español.</p>' },
      ...extra,
    });

  it('lets editors and admins write, and nobody else', async () => {
    const created = await draft('who-may-write');
    expect(created.status).toBe(201);
    expect(Value.Errors(EditableArticle, created.json())).toEqual([]);
    expect((await call('GET', '/api/articles/who-may-write/editable', admin)).status).toBe(200);
    for (const [session, status] of [
      [undefined, 401],
      [delegate, 403],
      [manager, 403],
    ] as const) {
      expect((await call('GET', '/api/articles/who-may-write/editable', session)).status).toBe(status);
      expect((await call('GET', '/api/articles?status=draft', session)).status).toBe(status);
      const refused = await call('POST', '/api/articles', session, { category: 'winhub', title: { en: 'No' } });
      expect(refused.status).toBe(status);
      expect(refused.json().error.message).not.toBe('');
    }
  });

  it('keeps a draft from the public (list, page, feed) and shows it to editors with its version', async () => {
    const created = (await draft('a-quiet-draft')).json();
    expect(created).toMatchObject({ status: 'draft', publishedAt: null, live: false, version: 1, kind: 'news' });
    expect(await publicSlugs()).not.toContain('a-quiet-draft');
    expect((await call('GET', '/api/articles/a-quiet-draft')).status).toBe(404);
    expect((await call('GET', '/feed.atom')).body).not.toContain('a-quiet-draft');
    const drafts = (await call('GET', '/api/articles?status=draft', editor)).json().items;
    expect(drafts.map((a: { slug: string }) => a.slug)).toContain('a-quiet-draft');
    expect(drafts.find((a: { slug: string }) => a.slug === 'a-quiet-draft')).toMatchObject({
      status: 'draft',
      publishedAt: null,
    });
  });

  it('sanitises what editors write, at every save', async () => {
    const created = await draft('unsafe-words', {
      body: {
        en: '<p onclick="steal()">Hi <script>alert(1)</script><a href="javascript:alert(1)">click</a> <a href="https://win.example">WIN</a></p><img src=x onerror=alert(1)>',
        es: '<p>Hola <a href="&#106;avascript:alert(1)">aquí</a></p>',
      },
    });
    const article = created.json();
    expect(article.body.en).toBe('<p>Hi click <a href="https://win.example" rel="noopener noreferrer">WIN</a></p>');
    expect(article.body.es).toBe('<p>Hola aquí</p>');
    const changed = await call('PATCH', '/api/articles/unsafe-words', editor, {
      version: article.version,
      body: { en: `${article.body.en}<svg onload="alert(1)"><p>x</p></svg><h2 style="x">Next</h2>` },
    });
    expect(changed.status).toBe(200);
    expect(changed.json().body.en).toBe(
      '<p>Hi click <a href="https://win.example" rel="noopener noreferrer">WIN</a></p><h2>Next</h2>',
    );
  });

  it('publishes a bilingual article: public in both languages, in the feed, with related news by shared entities', async () => {
    const created = (
      await draft('admi-one-year-on', {
        tags: ['association-building', 'mexico'],
        links: { organizations: ['admi', 'win'], events: ['fim-gdl-2024'] },
      })
    ).json();
    const published = await call('PATCH', '/api/articles/admi-one-year-on', editor, {
      version: created.version,
      status: 'published',
    });
    expect(published.status).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', live: true, version: 2 });
    expect(published.json().publishedAt).toBe(clock.now().toISOString());
    expect(await publicSlugs()).toContain('admi-one-year-on');

    const page = (await call('GET', '/api/articles/admi-one-year-on?lang=es')).json();
    expect(page.title.es).toBe('Título de admi-one-year-on');
    expect(page.languages).toEqual(['en', 'es']);
    expect(page.links.organizations.map((o: { slug: string }) => o.slug)).toEqual(['admi', 'win']);
    // The seed shares the event, both organisations and both tags: it ranks first.
    expect(page.related[0].slug).toBe(SEED);
    const seed = (await call('GET', `/api/articles/${SEED}`)).json();
    expect(seed.related.map((a: { slug: string }) => a.slug)).toContain('admi-one-year-on');

    const feed = parseFeed((await call('GET', '/feed.atom?lang=es')).body);
    const entry = feed.items.find((item) => item.url?.includes('/news/admi-one-year-on'));
    expect(entry?.title).toBe('Título de admi-one-year-on');
    expect(entry?.content).toContain('Cuerpo en español.');
  });

  it('refuses a save based on an old version with a 409 naming the version', async () => {
    const created = (await draft('two-editors')).json();
    const first = await call('PATCH', '/api/articles/two-editors', editor, {
      version: created.version,
      title: { en: 'First' },
    });
    expect(first.status).toBe(200);
    const second = await call('PATCH', '/api/articles/two-editors?lang=es', admin, {
      version: created.version,
      title: { en: 'Second' },
    });
    expect(second.status).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'conflict', field: 'version' });
    expect(second.json().error.message).toMatch(/versión 1.*versión 2/);
    expect((await call('GET', '/api/articles/two-editors/editable', editor)).json().title.en).toBe('First');
  });

  it('schedules an article: refused in the past, hidden until its time, then public without any write', async () => {
    const created = (await draft('later-news')).json();
    const past = await call('PATCH', '/api/articles/later-news', editor, {
      version: created.version,
      status: 'scheduled',
      publishedAt: new Date(clock.now().getTime() - HOUR).toISOString(),
    });
    expect(past.status).toBe(422);
    expect(past.json().error.field).toBe('publishedAt');
    const at = new Date(clock.now().getTime() + 2 * HOUR).toISOString();
    const scheduled = await call('PATCH', '/api/articles/later-news', editor, {
      version: created.version,
      status: 'scheduled',
      publishedAt: at,
    });
    expect(scheduled.status).toBe(200);
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', publishedAt: at, live: false });
    expect(await publicSlugs()).not.toContain('later-news');
    const listed = (await call('GET', '/api/articles?status=scheduled', editor)).json().items;
    expect(listed.map((a: { slug: string }) => a.slug)).toContain('later-news');
    clock.advance(3 * HOUR);
    expect(await publicSlugs()).toContain('later-news');
    expect((await call('GET', '/api/articles/later-news')).status).toBe(200);
  });

  it('will not publish an article without text, nor keep one without a title', async () => {
    const created = (await draft('empty-one', { body: { en: '<script>x</script>', es: null } })).json();
    expect(created.body).toEqual({ en: null, es: null });
    const publish = await call('PATCH', '/api/articles/empty-one', editor, {
      version: created.version,
      status: 'published',
    });
    expect(publish.status).toBe(422);
    expect(publish.json().error.field).toBe('body');
    const untitled = await call('PATCH', '/api/articles/empty-one', editor, {
      version: created.version,
      title: { en: ' ', es: null },
    });
    expect(untitled.status).toBe(400);
    expect(untitled.json().error.field).toBe('title');
  });

  it('names the field of a bad link, category or slug', async () => {
    const unknown = await draft('bad-links', { links: { organizations: ['no-such-org'] } });
    expect(unknown.status).toBe(422);
    expect(unknown.json().error.field).toBe('links.organizations');
    const category = await draft('bad-category', { category: 'sports' });
    expect(category.status).toBe(422);
    expect(category.json().error.field).toBe('category');
    await draft('taken-slug');
    const taken = await draft('taken-slug');
    expect(taken.status).toBe(409);
    expect(taken.json().error.field).toBe('slug');
  });

  it('makes a slug from the title when none is given', async () => {
    const created = await call('POST', '/api/articles', editor, {
      category: 'winhub',
      title: { es: 'Crónica: ¡Guadalajara en marzo!' },
    });
    expect(created.status).toBe(201);
    expect(created.json().slug).toBe('cronica-guadalajara-en-marzo');
  });

  it('removes an article, and records every write in the audit log', async () => {
    const created = (await draft('short-lived')).json();
    const removed = await call('DELETE', `/api/articles/short-lived?version=${created.version}`, editor);
    expect(removed.status).toBe(200);
    expect((await call('GET', '/api/articles/short-lived/editable', editor)).status).toBe(404);
    const audit = (await call('GET', '/api/audit?entityType=article&limit=100', admin)).json().items as {
      action: string;
      changes: Record<string, unknown>;
    }[];
    expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['create', 'update', 'delete']));
    expect(audit.some((entry) => entry.action === 'delete' && 'slug' in entry.changes)).toBe(true);
  });

  describe('trip reports', () => {
    it('drafts a report of the demo event, day by day, in both languages, linked to who took part', async () => {
      const response = await call('POST', '/api/events/fim-gdl-2024/trip-report', editor);
      expect(response.status).toBe(201);
      const report = response.json();
      expect(report).toMatchObject({ kind: 'trip_report', status: 'draft', category: 'global-industry-affairs' });
      expect(report.title).toEqual({
        en: 'WIN at FIM GDL 2024: trip report',
        es: 'WIN en FIM GDL 2024: crónica del viaje',
      });
      // Days are told in the event's zone; the first day with public sessions is Day 1 (decision 0001).
      expect(report.body.en).toMatch(/<h2>Day 1: Wednesday,? 28 February 2024<\/h2>/);
      expect(report.body.es).toContain('<h2>Día 1: miércoles, 28 de febrero de 2024</h2>');
      expect(report.body.en).toMatch(/<h2>Day 4: Saturday,? 2 March 2024<\/h2>/);
      expect(report.body.es).toContain('<h2>Día 4: sábado, 2 de marzo de 2024</h2>');
      expect(report.body.en).toContain('<h3>Generative AI and the record industry</h3>');
      expect(report.body.es).toContain('<h3>La IA generativa y la industria discográfica</h3>');
      expect(report.body.en).toContain('<p><em>Panel · Conjunto Santander de Artes Escénicas</em></p>');
      expect(report.body.en).toContain('<a href="/events/fim-gdl-2024" rel="noopener noreferrer">');
      // A speaker with their part and organisation, a host credited, in each language.
      expect(report.body.en).toMatch(
        /Noemí Planas<\/a> \((moderator|speaker|presenter|case study), <a href="\/organizations\/win"/,
      );
      expect(report.body.es).toMatch(
        /Noemí Planas<\/a> \((moderación|ponente|presentación|caso de estudio), <a href="\/organizations\/win"/,
      );
      expect(report.body.en).toMatch(/Hosted by <a href="\/organizations\/[a-z0-9-]+"/);
      expect(report.body.es).toMatch(/Organizado por <a href="\/organizations\/[a-z0-9-]+"/);
      expect(report.links.events).toEqual(['fim-gdl-2024']);
      expect(report.links.organizations).toEqual(expect.arrayContaining(['win', 'admi']));
      expect(report.links.people.length).toBeGreaterThan(3);
      // Members-only sessions are not told.
      expect(report.body.en).not.toMatch(/members only/i);
      expect(await publicSlugs()).not.toContain(report.slug);

      const published = await call('PATCH', `/api/articles/${report.slug}`, editor, {
        version: report.version,
        status: 'published',
      });
      expect(published.status).toBe(200);
      const page = (await call('GET', `/api/articles/${report.slug}`)).json();
      expect(page.kind).toBe('trip_report');
      expect(page.related.map((a: { slug: string }) => a.slug)).toContain(SEED);
    });

    it('is for editors and admins only, and needs an event that exists', async () => {
      expect((await call('POST', '/api/events/fim-gdl-2024/trip-report', delegate)).status).toBe(403);
      expect((await call('POST', '/api/events/fim-gdl-2024/trip-report')).status).toBe(401);
      expect((await call('POST', '/api/events/no-such-event/trip-report', admin)).status).toBe(404);
    });
  });

  describe('link previews', () => {
    it('gives a public article its social tags and schema.org metadata, escaped, and a draft nothing', async () => {
      const head = newsPageHead(t.runtime.ctx);
      const es = (await head(`/news/${SEED}`, 'es', 'https://encuentro.example')) ?? '';
      expect(es).toContain('<meta property="og:type" content="article" data-article-meta>');
      expect(es).toContain(
        '<meta property="og:title" content="WIN en México: un viaje a la comunidad independiente local" data-article-meta>',
      );
      expect(es).toContain(
        `<meta property="og:url" content="https://encuentro.example/news/${SEED}" data-article-meta>`,
      );
      expect(es).toContain('<meta name="twitter:card" content="summary" data-article-meta>');
      const jsonLd = JSON.parse(/<script type="application\/ld\+json"[^>]*>(.*)<\/script>/s.exec(es)?.[1] ?? '{}');
      expect(jsonLd).toMatchObject({
        '@context': 'https://schema.org',
        '@type': ['NewsArticle', 'Report'],
        headline: 'WIN en México: un viaje a la comunidad independiente local',
        datePublished: '2024-03-14T10:00:00.000Z',
        inLanguage: 'es',
      });
      expect(await head('/news/a-quiet-draft', 'en', 'https://encuentro.example')).toBeNull();
      expect(await head('/events/fim-gdl-2024', 'en', 'https://encuentro.example')).toBeNull();

      const created = (await draft('quotes-and-tags', { title: { en: `"Quoted" </script><b>&'`, es: null } })).json();
      await call('PATCH', '/api/articles/quotes-and-tags', editor, { version: created.version, status: 'published' });
      const tricky = (await head('/news/quotes-and-tags', 'en', 'https://encuentro.example')) ?? '';
      expect(tricky).toContain('content="&quot;Quoted&quot; &lt;/script&gt;&lt;b&gt;&amp;&#39;"');
      expect(tricky.match(/<\/script>/g)).toHaveLength(1);
      expect(tricky).not.toContain('<b>');
    });
  });
});
