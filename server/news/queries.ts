import { type SQL, sql } from 'drizzle-orm';
import type { ArticleKind, ArticleLinkType } from '../../shared/api/news.ts';
import type { OrganizationKind } from '../../shared/domain.ts';
import { type Queryable, rows } from '../db/client.ts';

/** Public means: not a draft, and its publication time has come (by the app's clock, not the database's). */
const isPublic = (alias: string, now: Date): SQL =>
  sql`${sql.raw(alias)}.status <> 'draft' and ${sql.raw(alias)}.published_at <= ${now.toISOString()}`;

export interface CategoryRow {
  slug: string;
  name_en: string;
  name_es: string;
  articles_count: number;
}

export function selectCategories(db: Queryable, now: Date): Promise<CategoryRow[]> {
  return rows<CategoryRow>(
    db,
    sql`
      select c.slug, c.name_en, c.name_es,
             (select count(*)::int from articles a where a.category_slug = c.slug and ${isPublic('a', now)})
               as articles_count
      from article_categories c
      order by c.name_en, c.slug`,
  );
}

export async function categoryExists(db: Queryable, slug: string): Promise<boolean> {
  const found = await rows<{ slug: string }>(db, sql`select slug from article_categories where slug = ${slug}`);
  return found.length > 0;
}

export interface ArticleRow {
  id: string;
  slug: string;
  kind: ArticleKind;
  title_en: string | null;
  title_es: string | null;
  summary_en: string | null;
  summary_es: string | null;
  has_body_en: boolean;
  has_body_es: boolean;
  category_slug: string;
  category_name_en: string;
  category_name_es: string;
  tags: string[];
  published_at: Date | string;
  updated_at: Date | string;
}

export interface ArticleFilters {
  now: Date;
  category?: string | undefined;
  tag?: string | undefined;
  slug?: string | undefined;
  ids?: string[] | undefined;
  limit?: number | undefined;
}

const SUMMARY_COLUMNS = sql`
  a.id, a.slug, a.kind, a.title_en, a.title_es, a.summary_en, a.summary_es,
  a.body_en is not null and a.body_en <> '' as has_body_en,
  a.body_es is not null and a.body_es <> '' as has_body_es,
  a.category_slug, c.name_en as category_name_en, c.name_es as category_name_es,
  coalesce((select array_agg(t.tag order by t.tag) from article_tags t where t.article_id = a.id), '{}') as tags,
  a.published_at, a.updated_at`;

/** Public articles, newest first. */
export function selectArticles(db: Queryable, filters: ArticleFilters): Promise<ArticleRow[]> {
  const conditions = [isPublic('a', filters.now)];
  if (filters.category) conditions.push(sql`a.category_slug = ${filters.category}`);
  if (filters.tag) {
    conditions.push(sql`exists (select 1 from article_tags t where t.article_id = a.id and t.tag = ${filters.tag})`);
  }
  if (filters.slug) conditions.push(sql`a.slug = ${filters.slug}`);
  if (filters.ids) {
    if (filters.ids.length === 0) return Promise.resolve([]);
    conditions.push(sql`a.id in ${filters.ids}`);
  }
  return rows<ArticleRow>(
    db,
    sql`
      select ${SUMMARY_COLUMNS}
      from articles a
      join article_categories c on c.slug = a.category_slug
      where ${sql.join(conditions, sql` and `)}
      order by a.published_at desc, a.slug
      ${filters.limit ? sql`limit ${filters.limit}` : sql``}`,
  );
}

export interface ArticleBodyRow {
  id: string;
  body_en: string | null;
  body_es: string | null;
  author_id: string | null;
  author_name: string | null;
  author_fictional: boolean | null;
}

export function selectArticleBodies(db: Queryable, ids: string[]): Promise<ArticleBodyRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return rows<ArticleBodyRow>(
    db,
    sql`
      select a.id, a.body_en, a.body_es, p.id as author_id, p.name as author_name, p.fictional as author_fictional
      from articles a
      left join people p on p.id = a.author_id
      where a.id in ${ids}`,
  );
}

export interface LinkRow {
  entity_type: ArticleLinkType;
  entity_key: string;
}

export function selectLinks(db: Queryable, articleId: string): Promise<LinkRow[]> {
  return rows<LinkRow>(
    db,
    sql`
      select entity_type, entity_key from article_links
      where article_id = ${articleId}
      order by position, entity_type, entity_key`,
  );
}

export interface LinkedOrganizationRow {
  slug: string;
  kind: OrganizationKind;
  name: string;
  acronym: string | null;
}

export function selectOrganizationsBySlug(db: Queryable, slugs: string[]): Promise<LinkedOrganizationRow[]> {
  if (slugs.length === 0) return Promise.resolve([]);
  return rows<LinkedOrganizationRow>(
    db,
    sql`select slug, kind, name, acronym from organizations where slug in ${slugs}`,
  );
}

export interface LinkedEventRow {
  slug: string;
  name_en: string;
  name_es: string | null;
}

export function selectEventsBySlug(db: Queryable, slugs: string[]): Promise<LinkedEventRow[]> {
  if (slugs.length === 0) return Promise.resolve([]);
  return rows<LinkedEventRow>(db, sql`select slug, name_en, name_es from events where slug in ${slugs}`);
}

export interface LinkedPersonRow {
  id: string;
  name: string;
  fictional: boolean;
}

export function selectPeopleById(db: Queryable, ids: string[]): Promise<LinkedPersonRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  // Compared as text: a malformed key must resolve to nothing, not fail the uuid cast.
  return rows<LinkedPersonRow>(db, sql`select id, name, fictional from people where id::text in ${ids}`);
}

/**
 * Ids of other public articles that share linked entities or tags with this
 * one, most shared first; ties go to the same category, then the newest.
 */
export function selectRelatedIds(
  db: Queryable,
  articleId: string,
  now: Date,
  limit: number,
): Promise<{ id: string; shared: number }[]> {
  return rows<{ id: string; shared: number }>(
    db,
    sql`
      with facets as (
        select article_id, 'link:' || entity_type || ':' || entity_key as facet from article_links
        union all
        select article_id, 'tag:' || tag from article_tags
      ),
      mine as (select facet from facets where article_id = ${articleId})
      select a.id, count(*)::int as shared
      from facets f
      join articles a on a.id = f.article_id
      join articles self on self.id = ${articleId}
      where f.facet in (select facet from mine) and a.id <> self.id and ${isPublic('a', now)}
      group by a.id, a.category_slug, self.category_slug, a.published_at, a.slug
      order by shared desc, (a.category_slug = self.category_slug) desc, a.published_at desc, a.slug
      limit ${limit}`,
  );
}

/** The next moment an article becomes public, if any is scheduled after `now`. */
export async function selectNextPublication(db: Queryable, now: Date): Promise<Date | null> {
  const [row] = await rows<{ next: Date | string | null }>(
    db,
    sql`select min(published_at) as next from articles where status <> 'draft' and published_at > ${now.toISOString()}`,
  );
  return row?.next ? new Date(row.next) : null;
}

/** The network that publishes the news: the feed's author when an article names none. */
export async function selectPublisherName(db: Queryable): Promise<string | null> {
  const [row] = await rows<{ name: string }>(
    db,
    sql`select name from organizations where kind = 'network' order by created_at, name limit 1`,
  );
  return row?.name ?? null;
}
