import { Link } from 'wouter';
import type { BuildingProgrammeDetail } from '../../shared/api/building.ts';
import { useApi } from '../api.ts';
import { organizationHref } from '../directory/organization-card.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { sessionHref } from '../ui/session-href.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { dayNumber, formatDay, formatDuration } from './format.ts';
import { EditProgrammeLink } from './programme-links.tsx';
import { ProgrammeStatusBadge } from './status-badge.tsx';
import './building.css';

/** /building-programmes/:slug: the vertical timeline of one country, planned against done, with who and what is linked. */
export function BuildingProgrammePage({ slug }: { slug: string }) {
  const { t, language, dates } = useI18n();
  const {
    data: programme,
    error,
    reload,
  } = useApi<BuildingProgrammeDetail>(`/api/building-programmes/${encodeURIComponent(slug)}`);
  const country = programme?.country.name[language];
  usePageTitle(country ? `${t('building.title')}: ${country}` : undefined);

  if (error) return <ErrorState error={error} onRetry={reload} asPage />;
  if (!programme) return <Loading />;

  return (
    <article className="building detail">
      <header className="page-header">
        <p className="eyebrow">
          <Link href="/building-programmes">{t('building.title')}</Link>
        </p>
        <h1>{country}</h1>
        <p className="page-header__subtitle">
          {programme.workingName} <ProgrammeStatusBadge status={programme.status} />
        </p>
        {programme.organization ? (
          <p>
            <Link href={organizationHref(programme.organization)}>
              {t('building.association', { name: programme.organization.acronym ?? programme.organization.name })}
            </Link>
          </p>
        ) : null}
        <EditProgrammeLink slug={programme.slug} country={country ?? programme.workingName} />
      </header>

      <LocalizedText text={programme.summary} as="p" className="prose" />
      {programme.illustrative ? <p className="notice">{t('building.illustrativeNotice')}</p> : null}
      {programme.daysSoFar !== null ? (
        <p className="muted">{t('building.soFar', { duration: formatDuration(programme.daysSoFar, t) })}</p>
      ) : null}

      <section aria-labelledby="programme-timeline">
        <h2 id="programme-timeline">{t('building.milestones')}</h2>
        <ol className="vertical-timeline">
          {programme.milestones.map((m) => {
            const late = m.doneOn && m.plannedOn ? dayNumber(m.doneOn) - dayNumber(m.plannedOn) : 0;
            return (
              <li key={m.id} className={`vertical-timeline__step${m.doneOn ? ' vertical-timeline__step--done' : ''}`}>
                <h3>
                  <LocalizedText text={m.title} />
                </h3>
                <p className="vertical-timeline__dates">
                  {m.plannedOn ? (
                    <span>{t('building.planned', { date: formatDay(m.plannedOn, language) })}</span>
                  ) : null}
                  {m.doneOn ? (
                    <span className="vertical-timeline__done">
                      {t('building.doneOn', { date: formatDay(m.doneOn, language) })}
                    </span>
                  ) : (
                    <span className="badge">{t('building.pending')}</span>
                  )}
                  {late > 0 ? <span className="muted">{t('building.late', { days: late })}</span> : null}
                  {m.illustrative ? <span className="badge badge--fictional">{t('meetings.illustrative')}</span> : null}
                </p>
                {m.daysSincePrevious !== null ? (
                  <p className="muted">
                    {t('building.stepTook', { duration: formatDuration(m.daysSincePrevious, t) })}
                  </p>
                ) : null}
                {m.session ? (
                  <p>
                    <Link href={sessionHref({ slug: m.session.eventSlug }, m.session)}>
                      <LocalizedText text={m.session.title} />
                    </Link>
                  </p>
                ) : null}
                {m.article ? (
                  <p>
                    <Link href={`/news/${m.article.slug}`}>
                      <LocalizedText text={m.article.title} />
                    </Link>
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>

      {programme.promoters.length > 0 ? (
        <section aria-labelledby="programme-promoters">
          <h2 id="programme-promoters">{t('building.promoters')}</h2>
          <ul className="people-list">
            {programme.promoters.map((p) => (
              <li key={p.id}>
                <Link href={`/people/${p.person.id}`}>{p.person.name}</Link>
                {p.organization ? (
                  <>
                    {' · '}
                    <Link href={organizationHref(p.organization)}>{p.organization.name}</Link>
                  </>
                ) : null}
                {p.role.en || p.role.es ? (
                  <>
                    {' · '}
                    <LocalizedText text={p.role} className="muted" />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {programme.sessions.length > 0 ? (
        <section aria-labelledby="programme-sessions">
          <h2 id="programme-sessions">{t('building.sessions')}</h2>
          <ul className="session-links">
            {programme.sessions.map((s) => {
              const zone = dates(s.event.timeZone);
              return (
                <li key={s.id}>
                  <p className="session-links__time">
                    <time dateTime={s.startsAt}>{zone.dayHeading(zone.dayOf(s.startsAt))}</time>
                  </p>
                  <p className="session-links__title">
                    <Link href={sessionHref(s.event, s)}>
                      <LocalizedText text={s.title} />
                    </Link>
                  </p>
                  <p className="session-links__meta">
                    <LocalizedText text={s.event.name} />
                  </p>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {programme.articles.length > 0 ? (
        <section aria-labelledby="programme-articles">
          <h2 id="programme-articles">{t('building.articles')}</h2>
          <ul className="people-list">
            {programme.articles.map((a) => (
              <li key={a.slug}>
                <Link href={`/news/${a.slug}`}>
                  <LocalizedText text={a.title} />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
