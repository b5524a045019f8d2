import { Link } from 'wouter';
import type { ArticleDetail } from '../../shared/api/news.ts';
import { apiPath, useApi } from '../api.ts';
import { organizationHref } from '../directory/organization-card.tsx';
import { PersonLink } from '../directory/person-link.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { JoinedList, Message } from '../i18n/rich-message.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { articleHref, FallbackNotice } from './article-card.tsx';
import { formatPublished, shownLanguage, textIn } from './article-language.ts';
import { useArticleMeta } from './article-meta.ts';
import { RichText } from './rich-text.tsx';
import './news.css';

export function ArticlePage({ slug }: { slug: string }) {
  const { t, language } = useI18n();
  const { data: article, error, reload } = useApi<ArticleDetail>(`/api/articles/${encodeURIComponent(slug)}`);
  const shown = article ? shownLanguage(article, language) : language;
  usePageTitle(article ? textIn(article.title, shown) : undefined);
  useArticleMeta(article, shown);

  if (error) return <ErrorState error={error} onRetry={reload} asPage />;
  if (!article) return <Loading />;

  // Only the article's own text is in the shown language; the page around it stays in the reader's.
  const contentLang = shown === language ? undefined : shown;
  const body = article.body[shown];
  return (
    <article className="detail news-article">
      <header className="page-header">
        <p className="eyebrow">
          <Link href="/news">{t('news.title')}</Link>
          {' · '}
          <Link href={apiPath('/news', { category: article.category.slug })}>
            {textIn(article.category.name, language)}
          </Link>
        </p>
        <h1 lang={contentLang}>{textIn(article.title, shown)}</h1>
        <p className="news-article__meta">
          {article.kind === 'trip_report' ? (
            <span className="badge news-badge">{t('news.kind.trip_report')}</span>
          ) : null}
          <span>
            <Message
              id="news.publishedOn"
              values={{
                date: <time dateTime={article.publishedAt}>{formatPublished(article.publishedAt, language)}</time>,
              }}
            />
          </span>
          {article.author ? (
            <span>
              <Message id="news.by" values={{ name: <PersonLink person={article.author} /> }} />
            </span>
          ) : null}
        </p>
        <FallbackNotice article={article} />
        {textIn(article.summary, shown) ? (
          <p className="lead" lang={contentLang}>
            {textIn(article.summary, shown)}
          </p>
        ) : null}
      </header>

      {body ? <RichText html={body} className="prose news-body" lang={contentLang} /> : null}

      {article.tags.length > 0 ? (
        <section aria-labelledby="article-tags" className="news-tags">
          <h2 id="article-tags" className="visually-hidden">
            {t('news.tags')}
          </h2>
          <ul className="chips">
            {article.tags.map((tag) => (
              <li key={tag}>
                <Link href={apiPath('/news', { tag })} className="chip news-chip">
                  #{tag}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <LinkedEntities links={article.links} />

      {article.related.length > 0 ? (
        <section aria-labelledby="article-related">
          <h2 id="article-related">{t('news.related')}</h2>
          <ul className="news-related">
            {article.related.map((related) => {
              const relatedShown = shownLanguage(related, language);
              return (
                <li key={related.slug}>
                  <Link href={articleHref(related)} lang={relatedShown === language ? undefined : relatedShown}>
                    {textIn(related.title, relatedShown)}
                  </Link>
                  <span className="news-related__meta">
                    {textIn(related.category.name, language)} ·{' '}
                    <time dateTime={related.publishedAt}>{formatPublished(related.publishedAt, language)}</time>
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <p className="news-article__back">
        <Link href="/news" className="button button--quiet">
          {t('news.allNews')}
        </Link>
      </p>
    </article>
  );
}

/** The event, organisations and people the article is about, each a link to its own page. */
function LinkedEntities({ links }: { links: ArticleDetail['links'] }) {
  const { t, language } = useI18n();
  const { events, organizations, people, programmes } = links;
  if (events.length + organizations.length + people.length + programmes.length === 0) return null;
  return (
    <section aria-labelledby="article-mentioned">
      <h2 id="article-mentioned">{t('news.mentioned')}</h2>
      <dl className="news-mentioned">
        {events.length > 0 ? (
          <div>
            <dt>{t('news.linkedEvents')}</dt>
            <dd>
              <JoinedList
                items={events.map((event) => (
                  <Link key={event.slug} href={`/events/${encodeURIComponent(event.slug)}`}>
                    {textIn(event.name, language)}
                  </Link>
                ))}
              />
            </dd>
          </div>
        ) : null}
        {organizations.length > 0 ? (
          <div>
            <dt>{t('news.linkedOrganizations')}</dt>
            <dd>
              <JoinedList
                items={organizations.map((organization) => (
                  <Link key={organization.slug} href={organizationHref(organization)}>
                    {organizationLabel(organization)}
                  </Link>
                ))}
              />
            </dd>
          </div>
        ) : null}
        {people.length > 0 ? (
          <div>
            <dt>{t('news.linkedPeople')}</dt>
            <dd>
              <JoinedList items={people.map((person) => <PersonLink key={person.id} person={person} />)} />
            </dd>
          </div>
        ) : null}
        {programmes.length > 0 ? (
          <div>
            <dt>{t('news.linkedProgrammes')}</dt>
            <dd>
              <JoinedList
                items={programmes.map((programme) => (
                  <Link key={programme.slug} href={`/building-programmes/${encodeURIComponent(programme.slug)}`}>
                    {programme.slug}
                  </Link>
                ))}
              />
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

/** "Worldwide Independent Network (WIN)", but "AMI Paraguay" and "IMICHILE" as they are. */
function organizationLabel(organization: { name: string; acronym: string | null }): string {
  const { name, acronym } = organization;
  return acronym && !name.includes(acronym) ? `${name} (${acronym})` : name;
}
