import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ARTICLE_KINDS, ARTICLE_LINK_TYPES, ARTICLE_STATUSES } from '../../shared/api/news.ts';
import { people } from '../directory/tables.ts';

export const articleKind = pgEnum('article_kind', ARTICLE_KINDS);
export const articleStatus = pgEnum('article_status', ARTICLE_STATUSES);
export const articleLinkType = pgEnum('article_link_type', ARTICLE_LINK_TYPES);

export const articleCategories = pgTable('article_categories', {
  slug: text('slug').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameEs: text('name_es').notNull(),
});

export const articles = pgTable(
  'articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    kind: articleKind('kind').notNull().default('news'),
    status: articleStatus('status').notNull().default('draft'),
    /** When the article is (or will be) public; readers see it only once this has passed. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    categorySlug: text('category_slug')
      .notNull()
      .references(() => articleCategories.slug),
    // Either language may be missing; readers of the other get a marked fallback.
    titleEn: text('title_en'),
    titleEs: text('title_es'),
    summaryEn: text('summary_en'),
    summaryEs: text('summary_es'),
    /** Sanitised HTML: only what the sanitiser lets through is ever stored. */
    bodyEn: text('body_en'),
    bodyEs: text('body_es'),
    authorId: uuid('author_id').references(() => people.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('articles_slug_key').on(t.slug),
    index('articles_published_idx').on(t.publishedAt),
    check('articles_title_present', sql`${t.titleEn} is not null or ${t.titleEs} is not null`),
    check('articles_publication_dated', sql`${t.status} = 'draft' or ${t.publishedAt} is not null`),
  ],
);

export const articleTags = pgTable(
  'article_tags',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.tag] }), index('article_tags_tag_idx').on(t.tag)],
);

/**
 * What an article is about. The key is the entity's public key: a slug for
 * events, organisations and programmes, the id for people. No foreign key can
 * span four tables, so a link to something deleted is simply not resolved.
 */
export const articleLinks = pgTable(
  'article_links',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    entityType: articleLinkType('entity_type').notNull(),
    entityKey: text('entity_key').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.entityType, t.entityKey] }),
    index('article_links_entity_idx').on(t.entityType, t.entityKey),
  ],
);
