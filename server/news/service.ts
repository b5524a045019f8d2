import type { ArticleCategoryWithCount, ArticleDetail, ArticleSummary } from '../../shared/api/news.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { presentArticleDetail, presentArticleSummary, presentCategory } from './presenter.ts';
import {
  type ArticleBodyRow,
  type ArticleRow,
  categoryExists,
  selectArticleBodies,
  selectArticles,
  selectCategories,
  selectEventsBySlug,
  selectLinks,
  selectNextPublication,
  selectOrganizationsBySlug,
  selectPeopleById,
  selectPublisherName,
  selectRelatedIds,
} from './queries.ts';

export const RELATED_LIMIT = 3;
/** Feed readers keep what they have seen; the newest fifty are plenty to catch up from. */
export const FEED_LIMIT = 50;

const NEXT_PUBLICATION_KEY = 'news|next-publication';

/**
 * Cached reads are dropped when data changes, but a scheduled article becomes
 * public without any write: time passes. So the first read after the next
 * scheduled moment clears the read cache, on each instance by its own clock,
 * and the article appears everywhere it is listed. Costs a map lookup per read.
 */
export async function refreshWhenScheduledArticlesGoLive(ctx: ServiceContext): Promise<void> {
  const now = ctx.clock.now();
  const next = await ctx.cache.get(NEXT_PUBLICATION_KEY, async () => {
    const at = await selectNextPublication(ctx.db, now);
    return at ? at.getTime() : null;
  });
  if (next !== null && next <= now.getTime()) ctx.cache.invalidate();
}

export async function listCategories(ctx: ServiceContext): Promise<ArticleCategoryWithCount[]> {
  const rows = await selectCategories(ctx.db, ctx.clock.now());
  return rows.map(presentCategory);
}

export interface ArticleQuery {
  category?: string | undefined;
  tag?: string | undefined;
}

export async function listArticles(ctx: ServiceContext, query: ArticleQuery): Promise<ArticleSummary[]> {
  if (query.category && !(await categoryExists(ctx.db, query.category))) {
    throw new AppError('invalid_input', 'news.error.unknown_category', { category: query.category });
  }
  const rows = await selectArticles(ctx.db, { now: ctx.clock.now(), category: query.category, tag: query.tag });
  return rows.map(presentArticleSummary);
}

async function resolveLinks(ctx: ServiceContext, articleId: string) {
  const links = await selectLinks(ctx.db, articleId);
  const keysOf = (type: string) => links.filter((link) => link.entity_type === type).map((link) => link.entity_key);
  const [organizations, events, people] = await Promise.all([
    selectOrganizationsBySlug(ctx.db, keysOf('organization')),
    selectEventsBySlug(ctx.db, keysOf('event')),
    selectPeopleById(ctx.db, keysOf('person')),
  ]);
  return { links, organizations, events, people };
}

async function relatedArticles(ctx: ServiceContext, articleId: string, now: Date): Promise<ArticleRow[]> {
  const ranked = await selectRelatedIds(ctx.db, articleId, now, RELATED_LIMIT);
  const rows = await selectArticles(ctx.db, { now, ids: ranked.map((entry) => entry.id) });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ranked.map((entry) => byId.get(entry.id)).filter((row): row is ArticleRow => row !== undefined);
}

export async function getArticle(ctx: ServiceContext, slug: string): Promise<ArticleDetail> {
  const now = ctx.clock.now();
  const [row] = await selectArticles(ctx.db, { now, slug });
  if (!row) throw notFound('news.error.not_found', { slug });
  const [[body], resolved, related] = await Promise.all([
    selectArticleBodies(ctx.db, [row.id]),
    resolveLinks(ctx, row.id),
    relatedArticles(ctx, row.id, now),
  ]);
  return presentArticleDetail(row, body as ArticleBodyRow, resolved, related);
}

export interface FeedEntry {
  id: string;
  summary: ArticleSummary;
  body: ArticleDetail['body'];
  author: string | null;
}

/** The newest public articles with their bodies, and who publishes them, for the Atom feed. */
export async function feedContent(ctx: ServiceContext): Promise<{ publisher: string | null; entries: FeedEntry[] }> {
  const rows = await selectArticles(ctx.db, { now: ctx.clock.now(), limit: FEED_LIMIT });
  const [bodies, publisher] = await Promise.all([
    selectArticleBodies(
      ctx.db,
      rows.map((row) => row.id),
    ),
    selectPublisherName(ctx.db),
  ]);
  const bodyOf = new Map(bodies.map((body) => [body.id, body]));
  return {
    publisher,
    entries: rows.map((row) => {
      const body = bodyOf.get(row.id);
      return {
        id: row.id,
        summary: presentArticleSummary(row),
        body: { en: body?.body_en || null, es: body?.body_es || null },
        author: body?.author_name ?? null,
      };
    }),
  };
}
