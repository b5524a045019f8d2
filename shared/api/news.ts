import { type Static, type TSchema, Type } from 'typebox';
import { LANGUAGES } from '../domain.ts';
import { Int, StringEnum, Text } from '../schema-helpers.ts';
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

// === Writing: editors and admins ==========================================

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Strict = { additionalProperties: false } as const;

/** A text per language; either may be left out (unchanged) or null (cleared). */
const ArticleTexts = (maxLength: number, description: string) =>
  Type.Object(
    {
      en: Type.Optional(Nullable(Text({ maxLength }))),
      es: Type.Optional(Nullable(Text({ maxLength }))),
    },
    { ...Strict, description },
  );

const ARTICLE_BODY_MAX = 200_000;

export const ArticleLinkKeys = Type.Object(
  {
    events: Type.Optional(Type.Array(Slug, { maxItems: 50, uniqueItems: true })),
    organizations: Type.Optional(Type.Array(Slug, { maxItems: 100, uniqueItems: true })),
    people: Type.Optional(Type.Array(Uuid, { maxItems: 100, uniqueItems: true })),
    programmes: Type.Optional(Type.Array(Slug, { maxItems: 20, uniqueItems: true })),
  },
  { ...Strict, description: 'What the article is about, in the order to show: slugs, and ids for people' },
);
export type ArticleLinkKeys = Static<typeof ArticleLinkKeys>;

const writableFields = {
  slug: Slug,
  category: Slug,
  title: ArticleTexts(300, 'At least one language must keep a title'),
  summary: ArticleTexts(1000, 'A line or two for lists, the feed and link previews'),
  body: ArticleTexts(
    ARTICLE_BODY_MAX,
    'HTML; sanitised on save to paragraphs, h2–h4, lists, blockquote, strong, em, br and http(s)/mailto/site links',
  ),
  tags: Type.Array(Slug, { maxItems: 30, uniqueItems: true }),
  links: ArticleLinkKeys,
};

export const NewArticle = Type.Object(
  {
    slug: Type.Optional({ ...Slug, description: 'Made from the title when left out' }),
    category: writableFields.category,
    title: writableFields.title,
    summary: Type.Optional(writableFields.summary),
    body: Type.Optional(writableFields.body),
    tags: Type.Optional(writableFields.tags),
    links: Type.Optional(writableFields.links),
  },
  Strict,
);
export type NewArticle = Static<typeof NewArticle>;

export const ArticleChanges = Type.Object(
  {
    version: Int({ minimum: 1, description: 'The version the change is based on, as read' }),
    slug: Type.Optional(writableFields.slug),
    category: Type.Optional(writableFields.category),
    title: Type.Optional(writableFields.title),
    summary: Type.Optional(writableFields.summary),
    body: Type.Optional(writableFields.body),
    tags: Type.Optional(writableFields.tags),
    links: Type.Optional(writableFields.links),
    status: Type.Optional(
      StringEnum(ARTICLE_STATUSES, {
        description:
          'draft: hidden. scheduled: public from publishedAt, which must be in the future. published: public now (or since it first was)',
      }),
    ),
    publishedAt: Type.Optional(Text({ format: 'date-time', description: 'With status scheduled' })),
  },
  Strict,
);
export type ArticleChanges = Static<typeof ArticleChanges>;

/** An article as its editors see it: every status, the raw keys of its links, and the version to save against. */
export const EditableArticle = Type.Object({
  slug: Slug,
  kind: StringEnum(ARTICLE_KINDS),
  status: StringEnum(ARTICLE_STATUSES),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** Public now: not a draft and its time has come. */
  live: Type.Boolean(),
  category: Slug,
  title: LocalizedText,
  summary: LocalizedText,
  body: LocalizedText,
  tags: Type.Array(Slug),
  links: Type.Object({
    events: Type.Array(Slug),
    organizations: Type.Array(Slug),
    people: Type.Array(Uuid),
    programmes: Type.Array(Slug),
  }),
  version: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type EditableArticle = Static<typeof EditableArticle>;

/** A line of the editors' list: any status, so a draft has no publication time yet. */
export const ArticleListItem = Type.Object({
  ...ArticleSummary.properties,
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Null for a draft (only editors list drafts)',
  }),
  status: Type.Optional(StringEnum(ARTICLE_STATUSES, { description: 'Given in the editors’ lists (?status=)' })),
});
export type ArticleListItem = Static<typeof ArticleListItem>;

export const ARTICLE_LIST_STATUSES = ['draft', 'scheduled', 'published', 'all'] as const;
