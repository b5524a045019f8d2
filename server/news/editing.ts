import { eq, sql } from 'drizzle-orm';
import type {
  ArticleChanges,
  ArticleKind,
  ArticleLinkKeys,
  ArticleListItem,
  ArticleStatus,
  EditableArticle,
  NewArticle,
} from '../../shared/api/news.ts';
import { slugify } from '../../shared/text.ts';
import { requireNewsWriter } from '../accounts/policy.ts';
import type { AppContext, ServiceContext } from '../context.ts';
import { type Queryable, rows } from '../db/client.ts';
import { changesBetween, createdChanges, deletedChanges, nothingChanged } from '../editing/changes.ts';
import { commitWrite } from '../editing/commit.ts';
import { AppError, notFound } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { presentArticleSummary } from './presenter.ts';
import { type ArticleRow, categoryExists } from './queries.ts';
import { sanitizeArticleHtml } from './sanitize.ts';
import { articleLinks, articles, articleTags } from './tables.ts';

/**
 * The writes of the news. Editors and admins write (`requireNewsWriter`, from
 * server/accounts/policy.ts); every write runs in
 * one transaction with its audit record and then clears the read caches, so
 * the public list, page, feed and related news follow at once. A draft is
 * never public; a scheduled article becomes public when the clock passes its
 * time, which the read side notices by itself (service.ts).
 */
type Row = typeof articles.$inferSelect;

const LINK_ORDER = ['event', 'organization', 'person', 'programme'] as const;
const LINK_FIELDS = {
  event: 'events',
  organization: 'organizations',
  person: 'people',
  programme: 'programmes',
} as const;

interface State {
  slug: string;
  category: string;
  'title.en': string | null;
  'title.es': string | null;
  'summary.en': string | null;
  'summary.es': string | null;
  'body.en': string | null;
  'body.es': string | null;
  tags: string[];
  links: Required<ArticleLinkKeys>;
  status: ArticleStatus;
  publishedAt: string | null;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());
const cleanText = (value: string | null | undefined) => (value === undefined ? undefined : value?.trim() || null);
const cleanBody = (value: string | null | undefined) => {
  if (value === undefined) return undefined;
  const safe = value === null ? '' : sanitizeArticleHtml(value);
  return safe === '' ? null : safe;
};

async function articleBySlug(db: Queryable, slug: string, lock = false): Promise<Row> {
  const query = db.select().from(articles).where(eq(articles.slug, slug));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('news.error.not_found_any', { slug });
  return row;
}

async function tagsOf(db: Queryable, articleId: string): Promise<string[]> {
  const found = await rows<{ tag: string }>(
    db,
    sql`select tag from article_tags where article_id = ${articleId} order by tag`,
  );
  return found.map((row) => row.tag);
}

async function linksOf(db: Queryable, articleId: string): Promise<Required<ArticleLinkKeys>> {
  const found = await rows<{ entity_type: (typeof LINK_ORDER)[number]; entity_key: string }>(
    db,
    sql`select entity_type, entity_key from article_links where article_id = ${articleId} order by position`,
  );
  const links: Required<ArticleLinkKeys> = { events: [], organizations: [], people: [], programmes: [] };
  for (const link of found) links[LINK_FIELDS[link.entity_type]].push(link.entity_key);
  return links;
}

async function stateOf(db: Queryable, row: Row): Promise<State> {
  return {
    slug: row.slug,
    category: row.categorySlug,
    'title.en': row.titleEn,
    'title.es': row.titleEs,
    'summary.en': row.summaryEn,
    'summary.es': row.summaryEs,
    'body.en': row.bodyEn,
    'body.es': row.bodyEs,
    tags: await tagsOf(db, row.id),
    links: await linksOf(db, row.id),
    status: row.status,
    publishedAt: iso(row.publishedAt),
  };
}

function present(row: Row, state: State, now: Date): EditableArticle {
  return {
    slug: row.slug,
    kind: row.kind,
    status: row.status,
    publishedAt: iso(row.publishedAt),
    live: row.status !== 'draft' && row.publishedAt !== null && row.publishedAt.getTime() <= now.getTime(),
    category: row.categorySlug,
    title: { en: row.titleEn, es: row.titleEs },
    summary: { en: row.summaryEn, es: row.summaryEs },
    body: { en: row.bodyEn, es: row.bodyEs },
    tags: state.tags,
    links: state.links,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getEditableArticle(
  ctx: ServiceContext,
  viewer: Viewer | null,
  slug: string,
): Promise<EditableArticle> {
  requireNewsWriter(viewer);
  const row = await articleBySlug(ctx.db, slug);
  return present(row, await stateOf(ctx.db, row), ctx.clock.now());
}

/** Every article of a status, for the editors' list: newest change first. */
export async function listArticlesForEditors(
  ctx: ServiceContext,
  viewer: Viewer | null,
  status: ArticleStatus | 'all',
): Promise<ArticleListItem[]> {
  requireNewsWriter(viewer);
  const found = await rows<ArticleRow & { status: ArticleStatus; published_at: Date | string | null }>(
    ctx.db,
    sql`
      select a.id, a.slug, a.kind, a.status, a.title_en, a.title_es, a.summary_en, a.summary_es,
             a.body_en is not null and a.body_en <> '' as has_body_en,
             a.body_es is not null and a.body_es <> '' as has_body_es,
             a.category_slug, c.name_en as category_name_en, c.name_es as category_name_es,
             coalesce((select array_agg(t.tag order by t.tag) from article_tags t where t.article_id = a.id), '{}') as tags,
             a.published_at, a.updated_at
      from articles a
      join article_categories c on c.slug = a.category_slug
      ${status === 'all' ? sql`` : sql`where a.status = ${status}`}
      order by a.updated_at desc, a.slug`,
  );
  return found.map((row) => ({
    ...presentArticleSummary({ ...row, published_at: row.published_at ?? row.updated_at }),
    publishedAt: iso(row.published_at),
    status: row.status,
  }));
}

// --- Checking what comes in ------------------------------------------------

async function checkedLinks(db: Queryable, links: ArticleLinkKeys | undefined) {
  if (!links) return undefined;
  const full: Required<ArticleLinkKeys> = {
    events: links.events ?? [],
    organizations: links.organizations ?? [],
    people: links.people ?? [],
    programmes: links.programmes ?? [],
  };
  const missing = async (table: string, column: string, keys: string[]) => {
    if (keys.length === 0) return undefined;
    const found = await rows<{ key: string }>(
      db,
      sql`select ${sql.raw(column)}::text as key from ${sql.raw(table)} where ${sql.raw(column)}::text in ${keys}`,
    );
    return keys.find((key) => !found.some((row) => row.key === key));
  };
  const event = await missing('events', 'slug', full.events);
  if (event) throw new AppError('rule_broken', 'news.error.unknown_event', { slug: event }, { field: 'links.events' });
  const organization = await missing('organizations', 'slug', full.organizations);
  if (organization) {
    throw new AppError(
      'rule_broken',
      'editing.error.unknown_organization',
      { slug: organization },
      { field: 'links.organizations' },
    );
  }
  const person = await missing('people', 'id', full.people);
  if (person)
    throw new AppError('rule_broken', 'editing.error.unknown_person', { id: person }, { field: 'links.people' });
  return full;
}

async function checkedCategory(db: Queryable, slug: string | undefined) {
  if (slug !== undefined && !(await categoryExists(db, slug))) {
    throw new AppError('rule_broken', 'news.error.unknown_category_field', { category: slug }, { field: 'category' });
  }
  return slug;
}

function textsGiven(prefix: string, texts: { en?: string | null; es?: string | null } | undefined, clean = cleanText) {
  const out: Record<string, string | null> = {};
  if (!texts) return out;
  if (texts.en !== undefined) out[`${prefix}.en`] = clean(texts.en) ?? null;
  if (texts.es !== undefined) out[`${prefix}.es`] = clean(texts.es) ?? null;
  return out;
}

async function wantedChanges(db: Queryable, input: Omit<ArticleChanges, 'version' | 'status' | 'publishedAt'>) {
  const wanted: Partial<State> = {
    ...textsGiven('title', input.title),
    ...textsGiven('summary', input.summary),
    ...textsGiven('body', input.body, cleanBody),
  };
  if (input.slug !== undefined) wanted.slug = input.slug;
  const category = await checkedCategory(db, input.category);
  if (category !== undefined) wanted.category = category;
  if (input.tags !== undefined) wanted.tags = input.tags.toSorted();
  const links = await checkedLinks(db, input.links);
  if (links !== undefined) wanted.links = links;
  return wanted;
}

function checkTitled(state: State) {
  if (!state['title.en'] && !state['title.es']) {
    throw new AppError('invalid_input', 'news.error.title_required', {}, { field: 'title' });
  }
}

/** Where the article stands after the change asked for, by the app's clock. */
function publication(before: State, input: Pick<ArticleChanges, 'status' | 'publishedAt'>, now: Date) {
  const status = input.status ?? before.status;
  if (status === 'draft') {
    if (input.publishedAt !== undefined) {
      throw new AppError('invalid_input', 'news.error.time_only_when_scheduled', {}, { field: 'publishedAt' });
    }
    return { status, publishedAt: null };
  }
  if (status === 'published') {
    if (input.publishedAt !== undefined) {
      throw new AppError('invalid_input', 'news.error.time_only_when_scheduled', {}, { field: 'publishedAt' });
    }
    // Already out: it keeps the date readers have seen. Otherwise it comes out now.
    const out = before.status !== 'draft' && before.publishedAt !== null && new Date(before.publishedAt) <= now;
    return { status, publishedAt: out ? before.publishedAt : now.toISOString() };
  }
  const at = input.publishedAt ?? (input.status === undefined ? before.publishedAt : undefined);
  if (!at) throw new AppError('invalid_input', 'news.error.schedule_needs_time', {}, { field: 'publishedAt' });
  if (new Date(at).getTime() <= now.getTime()) {
    throw new AppError('rule_broken', 'news.error.schedule_in_past', {}, { field: 'publishedAt' });
  }
  return { status, publishedAt: new Date(at).toISOString() };
}

function checkPublishable(state: State) {
  if (state.status === 'draft') return;
  if (!state['body.en'] && !state['body.es']) {
    throw new AppError('rule_broken', 'news.error.nothing_to_publish', {}, { field: 'body' });
  }
}

const columns = (state: State, authorId?: string | null) => ({
  slug: state.slug,
  categorySlug: state.category,
  titleEn: state['title.en'],
  titleEs: state['title.es'],
  summaryEn: state['summary.en'],
  summaryEs: state['summary.es'],
  bodyEn: state['body.en'],
  bodyEs: state['body.es'],
  status: state.status,
  publishedAt: state.publishedAt === null ? null : new Date(state.publishedAt),
  ...(authorId !== undefined ? { authorId } : {}),
});

async function replaceTagsAndLinks(tx: Queryable, articleId: string, state: State, changed: Set<string>) {
  if (changed.has('tags')) {
    await tx.delete(articleTags).where(eq(articleTags.articleId, articleId));
    if (state.tags.length > 0) await tx.insert(articleTags).values(state.tags.map((tag) => ({ articleId, tag })));
  }
  if (changed.has('links')) {
    await tx.delete(articleLinks).where(eq(articleLinks.articleId, articleId));
    const links = LINK_ORDER.flatMap((entityType) =>
      state.links[LINK_FIELDS[entityType]].map((entityKey) => ({ entityType, entityKey })),
    );
    if (links.length > 0) {
      await tx.insert(articleLinks).values(links.map((link, position) => ({ articleId, ...link, position })));
    }
  }
}

async function slugTaken(db: Queryable, slug: string, exceptId?: string): Promise<boolean> {
  const found = await rows<{ id: string }>(db, sql`select id from articles where slug = ${slug}`);
  return found.some((row) => row.id !== exceptId);
}

/** The slug asked for, or one made from the title that no other article has ("…-2", "…-3"). */
async function freeSlug(db: Queryable, asked: string | undefined, title: string): Promise<string> {
  if (asked) {
    if (await slugTaken(db, asked))
      throw new AppError('conflict', 'editing.error.slug_taken', { slug: asked }, { field: 'slug' });
    return asked;
  }
  const base = slugify(title).slice(0, 80).replace(/-+$/, '') || 'article';
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await slugTaken(db, candidate))) return candidate;
  }
}

// --- The writes -----------------------------------------------------------

/** A new draft. `kind` is news unless a trip report is being generated (trip-report.ts). */
export async function createArticle(
  ctx: AppContext,
  viewer: Viewer | null,
  input: NewArticle,
  kind: ArticleKind = 'news',
): Promise<EditableArticle> {
  const actor = requireNewsWriter(viewer);
  const wanted = await wantedChanges(ctx.db, input);
  const state: State = {
    slug: input.slug ?? '',
    category: input.category,
    'title.en': null,
    'title.es': null,
    'summary.en': null,
    'summary.es': null,
    'body.en': null,
    'body.es': null,
    tags: [],
    links: { events: [], organizations: [], people: [], programmes: [] },
    status: 'draft',
    publishedAt: null,
    ...wanted,
  };
  checkTitled(state);
  const slug = await commitWrite(ctx, actor, 'news', async (tx, log) => {
    state.slug = await freeSlug(tx, input.slug, state['title.en'] ?? state['title.es'] ?? '');
    const [row] = await tx
      .insert(articles)
      .values({ ...columns(state, actor.personId), kind })
      .returning({ id: articles.id });
    const articleId = (row as { id: string }).id;
    await replaceTagsAndLinks(tx, articleId, state, new Set(['tags', 'links']));
    await log({
      action: 'create',
      entityType: 'article',
      entityId: articleId,
      changes: createdChanges({ kind, ...state }),
    });
    return state.slug;
  });
  return getEditableArticle(ctx, actor, slug);
}

export async function updateArticle(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  input: ArticleChanges,
): Promise<EditableArticle> {
  const actor = requireNewsWriter(viewer);
  const wanted = await wantedChanges(ctx.db, input);
  const now = ctx.clock.now();
  const newSlug = await commitWrite(ctx, actor, 'news', async (tx, log) => {
    const row = await articleBySlug(tx, slug, true);
    if (row.version !== input.version) {
      throw new AppError(
        'conflict',
        'news.error.conflict',
        { read: input.version, current: row.version },
        { field: 'version' },
      );
    }
    const before = await stateOf(tx, row);
    const after: State = { ...before, ...wanted };
    Object.assign(after, publication(before, input, now));
    const changes = changesBetween(
      before as unknown as Record<string, unknown>,
      after as unknown as Record<string, unknown>,
    );
    if (nothingChanged(changes)) return row.slug;
    checkTitled(after);
    checkPublishable(after);
    if ('slug' in changes && (await slugTaken(tx, after.slug, row.id))) {
      throw new AppError('conflict', 'editing.error.slug_taken', { slug: after.slug }, { field: 'slug' });
    }
    const updated = await tx
      .update(articles)
      .set({ ...columns(after), version: sql`${articles.version} + 1`, updatedAt: now })
      .where(sql`${articles.id} = ${row.id} and ${articles.version} = ${input.version}`)
      .returning({ id: articles.id });
    if (updated.length === 0) {
      throw new AppError(
        'conflict',
        'news.error.conflict',
        { read: input.version, current: row.version },
        { field: 'version' },
      );
    }
    await replaceTagsAndLinks(tx, row.id, after, new Set(Object.keys(changes)));
    await log({ action: 'update', entityType: 'article', entityId: row.id, changes });
    return after.slug;
  });
  return getEditableArticle(ctx, actor, newSlug);
}

export async function deleteArticle(
  ctx: AppContext,
  viewer: Viewer | null,
  slug: string,
  version: number | undefined,
): Promise<EditableArticle> {
  const actor = requireNewsWriter(viewer);
  const shown = await getEditableArticle(ctx, actor, slug);
  await commitWrite(ctx, actor, 'news', async (tx, log) => {
    const row = await articleBySlug(tx, slug, true);
    if (version !== undefined && row.version !== version) {
      throw new AppError(
        'conflict',
        'news.error.conflict',
        { read: version, current: row.version },
        { field: 'version' },
      );
    }
    const state = await stateOf(tx, row);
    await tx.delete(articles).where(eq(articles.id, row.id));
    await log({
      action: 'delete',
      entityType: 'article',
      entityId: row.id,
      changes: deletedChanges(state as unknown as Record<string, unknown>),
    });
  });
  return shown;
}
