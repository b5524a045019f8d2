import type {
  ArticleCategoryWithCount,
  ArticleDetail,
  ArticlePersonRef,
  ArticleSummary,
} from '../../shared/api/news.ts';
import { LANGUAGES, type Language } from '../../shared/domain.ts';
import { localized, presentOrganizationRef } from '../directory/presenter.ts';
import type {
  ArticleBodyRow,
  ArticleRow,
  CategoryRow,
  LinkedEventRow,
  LinkedOrganizationRow,
  LinkedPersonRow,
  LinkRow,
} from './queries.ts';

const iso = (value: Date | string): string => new Date(value).toISOString();

export function presentCategory(row: CategoryRow): ArticleCategoryWithCount {
  return { slug: row.slug, name: { en: row.name_en, es: row.name_es }, articlesCount: row.articles_count };
}

/**
 * The languages an article is really written in: a title and a body in that
 * language (a body-less article counts by its title alone). Readers of any
 * other language are shown one of these, with a notice.
 */
function languagesOf(row: ArticleRow): Language[] {
  const hasBody = { en: row.has_body_en, es: row.has_body_es };
  const anyBody = hasBody.en || hasBody.es;
  const title = { en: row.title_en, es: row.title_es };
  return LANGUAGES.filter((language) => Boolean(title[language]) && (hasBody[language] || !anyBody));
}

export function presentArticleSummary(row: ArticleRow): ArticleSummary {
  return {
    slug: row.slug,
    kind: row.kind,
    title: localized(row.title_en, row.title_es),
    summary: localized(row.summary_en, row.summary_es),
    category: { slug: row.category_slug, name: { en: row.category_name_en, es: row.category_name_es } },
    tags: row.tags,
    publishedAt: iso(row.published_at),
    updatedAt: iso(row.updated_at),
    languages: languagesOf(row),
  };
}

function presentAuthor(body: ArticleBodyRow): ArticlePersonRef | null {
  if (!body.author_id || !body.author_name) return null;
  return { id: body.author_id, name: body.author_name, fictional: body.author_fictional ?? false };
}

export interface ResolvedLinks {
  links: LinkRow[];
  organizations: LinkedOrganizationRow[];
  events: LinkedEventRow[];
  people: LinkedPersonRow[];
}

/** Linked entities in the order the article lists them; links to what no longer exists are left out. */
function presentLinks(resolved: ResolvedLinks): ArticleDetail['links'] {
  const organizations = new Map(resolved.organizations.map((row) => [row.slug, row]));
  const events = new Map(resolved.events.map((row) => [row.slug, row]));
  const people = new Map(resolved.people.map((row) => [row.id, row]));
  const links: ArticleDetail['links'] = { events: [], organizations: [], people: [], programmes: [] };
  for (const link of resolved.links) {
    if (link.entity_type === 'organization') {
      const organization = organizations.get(link.entity_key);
      if (organization) links.organizations.push(presentOrganizationRef(organization));
    } else if (link.entity_type === 'event') {
      const event = events.get(link.entity_key);
      if (event) links.events.push({ slug: event.slug, name: localized(event.name_en, event.name_es) });
    } else if (link.entity_type === 'person') {
      const person = people.get(link.entity_key);
      if (person) links.people.push({ id: person.id, name: person.name, fictional: person.fictional });
    } else {
      // Programmes belong to the building capability, which news does not read: the slug is the reference.
      links.programmes.push({ slug: link.entity_key });
    }
  }
  return links;
}

export function presentArticleDetail(
  row: ArticleRow,
  body: ArticleBodyRow,
  resolved: ResolvedLinks,
  related: ArticleRow[],
): ArticleDetail {
  return {
    ...presentArticleSummary(row),
    body: { en: body.body_en || null, es: body.body_es || null },
    author: presentAuthor(body),
    links: presentLinks(resolved),
    related: related.map(presentArticleSummary),
  };
}
