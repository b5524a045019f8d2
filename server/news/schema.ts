import { Type } from 'typebox';
import { ErrorResponse, ListOf, Slug } from '../../shared/api/common.ts';
import { DeleteQuery, WRITE_ERRORS } from '../../shared/api/editing.ts';
import {
  ARTICLE_LIST_STATUSES,
  ArticleCategoryWithCount,
  ArticleChanges,
  ArticleDetail,
  ArticleListItem,
  EditableArticle,
  NewArticle,
} from '../../shared/api/news.ts';
import { LANGUAGES } from '../../shared/domain.ts';
import { StringEnum } from '../../shared/schema-helpers.ts';

const Lang = StringEnum(LANGUAGES, {
  description:
    'Language of error messages (and of the feed). Lists are not filtered by it: every article comes with both ' +
    'languages and says which it is written in (`languages`), so a reader falls back with a notice.',
});

export const listArticlesSchema = {
  tags: ['news'],
  summary: 'Published news and trip reports, newest first; with ?status=, every article of that status (editors)',
  querystring: Type.Object({
    lang: Type.Optional(Lang),
    category: Type.Optional(Slug),
    tag: Type.Optional(Slug),
    status: Type.Optional(
      StringEnum(ARTICLE_LIST_STATUSES, {
        description:
          'Editors and admins only: drafts, scheduled, published or all articles, last changed first (category and tag are ignored)',
      }),
    ),
  }),
  response: { 200: ListOf(ArticleListItem), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
};

export const listCategoriesSchema = {
  tags: ['news'],
  summary: 'News categories with the number of published articles in each',
  querystring: Type.Object({ lang: Type.Optional(Lang) }),
  response: { 200: ListOf(ArticleCategoryWithCount), 400: ErrorResponse },
};

export const getArticleSchema = {
  tags: ['news'],
  summary: 'One published article with its body, linked entities and related news',
  params: Type.Object({ slug: Slug }),
  querystring: Type.Object({ lang: Type.Optional(Lang) }),
  response: { 200: ArticleDetail, 400: ErrorResponse, 404: ErrorResponse },
};

export const feedSchema = {
  tags: ['news'],
  summary: 'Published articles as an Atom 1.0 feed, in one language (missing translations fall back, marked)',
  querystring: Type.Object({
    lang: Type.Optional(
      StringEnum(LANGUAGES, { description: 'Defaults to the lang cookie, then Accept-Language, then English' }),
    ),
  }),
  produces: ['application/atom+xml'],
  response: {
    200: Type.String({ description: 'Atom 1.0 (RFC 4287)' }),
    304: Type.Null({ description: 'Unchanged since the ETag sent in If-None-Match' }),
    400: ErrorResponse,
  },
};

// === Writing (editors and admins) ===========================================

export const createArticleSchema = {
  tags: ['news'],
  summary: 'Start a draft article (editors and admins)',
  body: NewArticle,
  response: { 201: EditableArticle, ...WRITE_ERRORS },
};

export const getEditableArticleSchema = {
  tags: ['news'],
  summary: 'An article of any status as its editors see it, with its version (editors and admins)',
  params: Type.Object({ slug: Slug }),
  querystring: Type.Object({ lang: Type.Optional(Lang) }),
  response: { 200: EditableArticle, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
};

export const updateArticleSchema = {
  tags: ['news'],
  summary: 'Change, schedule, publish or withdraw an article from the version read (editors and admins)',
  params: Type.Object({ slug: Slug }),
  body: ArticleChanges,
  response: { 200: EditableArticle, ...WRITE_ERRORS },
};

export const deleteArticleSchema = {
  tags: ['news'],
  summary: 'Remove an article; answers it as it was (editors and admins)',
  params: Type.Object({ slug: Slug }),
  querystring: DeleteQuery,
  response: { 200: EditableArticle, ...WRITE_ERRORS },
};

export const tripReportSchema = {
  tags: ['news'],
  summary: "Generate a draft trip report from an event's public programme, in both languages (editors and admins)",
  params: Type.Object({ slug: Slug }),
  querystring: Type.Object({
    lang: Type.Optional(Lang),
    category: Type.Optional({
      ...Slug,
      description: 'The news category; by default that of the latest trip report, else the first',
    }),
  }),
  response: { 201: EditableArticle, ...WRITE_ERRORS },
};
