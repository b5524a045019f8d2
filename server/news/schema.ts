import { Type } from 'typebox';
import { ErrorResponse, ListOf, Slug } from '../../shared/api/common.ts';
import { ArticleCategoryWithCount, ArticleDetail, ArticleSummary } from '../../shared/api/news.ts';
import { LANGUAGES } from '../../shared/domain.ts';
import { StringEnum } from '../../shared/schema-helpers.ts';

const Lang = StringEnum(LANGUAGES, {
  description:
    'Language of error messages (and of the feed). Lists are not filtered by it: every article comes with both ' +
    'languages and says which it is written in (`languages`), so a reader falls back with a notice.',
});

export const listArticlesSchema = {
  tags: ['news'],
  summary: 'Published news and trip reports, newest first',
  querystring: Type.Object({
    lang: Type.Optional(Lang),
    category: Type.Optional(Slug),
    tag: Type.Optional(Slug),
  }),
  response: { 200: ListOf(ArticleSummary), 400: ErrorResponse },
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
