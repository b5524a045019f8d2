import { createHash } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { sendCachedJson } from '../http/cached-json.ts';
import type { App } from '../http/types.ts';
import { createArticle, deleteArticle, getEditableArticle, listArticlesForEditors, updateArticle } from './editing.ts';
import { newsFeed } from './feed.ts';
import {
  createArticleSchema,
  deleteArticleSchema,
  feedSchema,
  getArticleSchema,
  getEditableArticleSchema,
  listArticlesSchema,
  listCategoriesSchema,
  tripReportSchema,
  updateArticleSchema,
} from './schema.ts';
import {
  feedContent,
  getArticle,
  listArticles,
  listCategories,
  refreshWhenScheduledArticlesGoLive,
} from './service.ts';
import { generateTripReport } from './trip-report.ts';

export function newsRoutes(app: App, ctx: AppContext): void {
  // Before each cached news read: an article whose time has come must not wait for a write to appear.
  const onRequest = async () => refreshWhenScheduledArticlesGoLive(ctx);

  app.get('/api/articles', { schema: listArticlesSchema, onRequest }, async (request, reply) => {
    const { status } = request.query;
    // The editors' lists (any status) are per viewer and never cached.
    if (status) return { items: await listArticlesForEditors(ctx, request.viewer, status) };
    return sendCachedJson(ctx.cache, request, reply, async () => ({
      items: await listArticles(ctx, { category: request.query.category, tag: request.query.tag }),
    }));
  });

  // A static segment: Fastify matches it before /api/articles/:slug, so no article may be called "categories".
  app.get('/api/articles/categories', { schema: listCategoriesSchema, onRequest }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, async () => ({ items: await listCategories(ctx) })),
  );

  app.get('/api/articles/:slug', { schema: getArticleSchema, onRequest }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, () => getArticle(ctx, request.params.slug)),
  );

  app.get('/feed.atom', { schema: feedSchema, onRequest }, async (request, reply) => {
    const language = request.language;
    const baseUrl = ctx.publicUrl;
    const { body, etag } = await ctx.cache.get(`news-feed|${language}|${baseUrl}`, async () => {
      const xml = newsFeed(await feedContent(ctx), language, baseUrl, ctx.clock.now());
      return { body: xml, etag: `"${createHash('sha1').update(xml).digest('base64url').slice(0, 20)}"` };
    });
    // Feed readers poll: an unchanged feed costs them a 304.
    reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', 'accept-language, cookie');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
    return reply.type('application/atom+xml; charset=utf-8').send(body);
  });

  newsWritingRoutes(app, ctx);
}

/** The editors' routes: drafts, scheduling, publication and trip reports (editors and admins; editing.ts). */
function newsWritingRoutes(app: App, ctx: AppContext): void {
  app.post('/api/articles', { schema: createArticleSchema }, async (request, reply) =>
    reply.code(201).send(await createArticle(ctx, request.viewer, request.body)),
  );
  app.get('/api/articles/:slug/editable', { schema: getEditableArticleSchema }, (request) =>
    getEditableArticle(ctx, request.viewer, request.params.slug),
  );
  app.patch('/api/articles/:slug', { schema: updateArticleSchema }, (request) =>
    updateArticle(ctx, request.viewer, request.params.slug, request.body),
  );
  app.delete('/api/articles/:slug', { schema: deleteArticleSchema }, (request) =>
    deleteArticle(ctx, request.viewer, request.params.slug, request.query.version),
  );
  app.post('/api/events/:slug/trip-report', { schema: tripReportSchema }, async (request, reply) =>
    reply.code(201).send(await generateTripReport(ctx, request.viewer, request.params.slug, request.query.category)),
  );
}
