import { createHash } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { sendCachedJson } from '../http/cached-json.ts';
import type { App } from '../http/types.ts';
import { newsFeed } from './feed.ts';
import { feedSchema, getArticleSchema, listArticlesSchema, listCategoriesSchema } from './schema.ts';
import {
  feedContent,
  getArticle,
  listArticles,
  listCategories,
  refreshWhenScheduledArticlesGoLive,
} from './service.ts';

export function newsRoutes(app: App, ctx: AppContext): void {
  // Before each cached news read: an article whose time has come must not wait for a write to appear.
  const onRequest = async () => refreshWhenScheduledArticlesGoLive(ctx);

  app.get('/api/articles', { schema: listArticlesSchema, onRequest }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, async () => ({
      items: await listArticles(ctx, { category: request.query.category, tag: request.query.tag }),
    })),
  );

  // A static segment: Fastify matches it before /api/articles/:slug, so no article may be called "categories".
  app.get('/api/articles/categories', { schema: listCategoriesSchema, onRequest }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, async () => ({ items: await listCategories(ctx) })),
  );

  app.get('/api/articles/:slug', { schema: getArticleSchema, onRequest }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, () => getArticle(ctx, request.params.slug)),
  );

  app.get('/feed.atom', { schema: feedSchema, onRequest }, async (request, reply) => {
    const language = request.language;
    const baseUrl = ctx.publicUrl ?? `${request.protocol}://${request.host}`;
    const { body, etag } = await ctx.cache.get(`news-feed|${language}|${baseUrl}`, async () => {
      const xml = newsFeed(await feedContent(ctx), language, baseUrl, ctx.clock.now());
      return { body: xml, etag: `"${createHash('sha1').update(xml).digest('base64url').slice(0, 20)}"` };
    });
    // Feed readers poll: an unchanged feed costs them a 304.
    reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', 'accept-language, cookie');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
    return reply.type('application/atom+xml; charset=utf-8').send(body);
  });
}
