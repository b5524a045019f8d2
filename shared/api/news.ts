import { type Static, Type } from 'typebox';
import { LANGUAGES } from '../domain.ts';
import { StringEnum } from '../schema-helpers.ts';
import { LocalizedText, Slug, Uuid } from './common.ts';
import { OrganizationRef } from './directory.ts';

/*
 * The news capability's vocabularies live here rather than in shared/domain.ts
 * so the capability stays in its own files; they feed the PostgreSQL enums
 * (server/news/tables.ts), these schemas and the UI alike.
 */

/** A trip report is an article too: the account of one event, day by day. */
export const ARTICLE_KINDS = ['news', 'trip_report'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

/**
 * `scheduled` and `published` are both public once `published_at` has passed;
 * `scheduled` says the time was set ahead. A draft is never public.
 */
export const ARTICLE_STATUSES = ['draft', 'scheduled', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** What an article can be linked to; programmes are the association-building programmes. */
export const ARTICLE_LINK_TYPES = ['event', 'organization', 'person', 'programme'] as const;
export type ArticleLinkType = (typeof ARTICLE_LINK_TYPES)[number];

export const ArticleCategory = Type.Object({ slug: Slug, name: LocalizedText });
export type ArticleCategory = Static<typeof ArticleCategory>;

export const ArticleCategoryWithCount = Type.Object({
  ...ArticleCategory.properties,
  articlesCount: Type.Integer({ description: 'Published articles in the category' }),
});
export type ArticleCategoryWithCount = Static<typeof ArticleCategoryWithCount>;

export const ArticleSummary = Type.Object({
  slug: Slug,
  kind: StringEnum(ARTICLE_KINDS),
  title: LocalizedText,
  summary: LocalizedText,
  category: ArticleCategory,
  tags: Type.Array(Slug),
  publishedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  languages: Type.Array(StringEnum(LANGUAGES), {
    description:
      'Languages the article is written in (title and body). A reader of another language gets one of these, marked as a fallback.',
  }),
});
export type ArticleSummary = Static<typeof ArticleSummary>;

export const ArticlePersonRef = Type.Object({ id: Uuid, name: Type.String(), fictional: Type.Boolean() });
export type ArticlePersonRef = Static<typeof ArticlePersonRef>;

export const ArticleEventRef = Type.Object({ slug: Slug, name: LocalizedText });
export type ArticleEventRef = Static<typeof ArticleEventRef>;

export const ArticleDetail = Type.Object({
  ...ArticleSummary.properties,
  body: Type.Object(
    {
      en: Type.Union([Type.String(), Type.Null()]),
      es: Type.Union([Type.String(), Type.Null()]),
    },
    { description: 'Sanitised HTML (paragraphs, headings, lists, links, emphasis) per language' },
  ),
  author: Type.Union([ArticlePersonRef, Type.Null()]),
  links: Type.Object({
    events: Type.Array(ArticleEventRef),
    organizations: Type.Array(OrganizationRef),
    people: Type.Array(ArticlePersonRef),
    programmes: Type.Array(Type.Object({ slug: Slug }), {
      description: 'Association-building programmes, by slug (served by /api/building-programmes/:slug)',
    }),
  }),
  related: Type.Array(ArticleSummary, {
    maxItems: 3,
    description: 'Other published articles sharing the most linked entities and tags, most shared first',
  }),
});
export type ArticleDetail = Static<typeof ArticleDetail>;
