import { Link } from 'wouter';
import type { BuildingProgrammeSummary } from '../../shared/api/building.ts';
import { type List, useApi } from '../api.ts';
import { organizationHref } from '../directory/organization-card.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, ErrorState, Loading } from '../ui/status.tsx';
import { dayNumber, formatDay, formatDuration } from './format.ts';
import { AddProgrammeLink } from './programme-links.tsx';
import { ProgrammeStatusBadge } from './status-badge.tsx';
import './building.css';

/** /building-programmes: every country's programme side by side, on one time scale, with how long each step took. */
export function BuildingProgrammesPage() {
  const { t } = useI18n();
  usePageTitle(t('building.title'));
  const { data, error, reload } = useApi<List<BuildingProgrammeSummary>>('/api/building-programmes');

  if (error) return <ErrorState error={error} onRetry={reload} asPage />;
  if (!data) return <Loading />;

  // One scale for all countries, so that their paces compare at a glance.
  const dates = data.items
    .flatMap((p) => p.milestones.flatMap((m) => [m.plannedOn, m.doneOn]))
    .filter(Boolean) as string[];
  const first = Math.min(...dates.map(dayNumber));
  const last = Math.max(...dates.map(dayNumber));
  const scale = { first, span: Math.max(1, last - first) };

  return (
    <div className="building">
      <header className="page-header">
        <h1>{t('building.title')}</h1>
        <p className="lead">{t('building.lead')}</p>
        <AddProgrammeLink />
      </header>
      {data.items.length === 0 ? (
        <EmptyState>{t('building.none')}</EmptyState>
      ) : (
        <ul className="programme-cards">
          {data.items.map((programme) => (
            <ProgrammeCard key={programme.slug} programme={programme} scale={scale} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ProgrammeCard({
  programme,
  scale,
}: {
  programme: BuildingProgrammeSummary;
  scale: { first: number; span: number };
}) {
  const { t, language } = useI18n();
  const country = programme.country.name[language];
  const done = programme.milestones.filter((m) => m.doneOn).length;
  const headingId = `programme-${programme.slug}`;
  return (
    <li className="programme-card" aria-labelledby={headingId}>
      <header className="programme-card__header">
        <h2 id={headingId}>
          <Link href={`/building-programmes/${programme.slug}`}>{country}</Link>
        </h2>
        <ProgrammeStatusBadge status={programme.status} />
        {programme.illustrative ? <span className="badge badge--fictional">{t('meetings.illustrative')}</span> : null}
      </header>
      <p className="programme-card__name">
        {programme.organization ? (
          <Link href={organizationHref(programme.organization)}>{programme.workingName}</Link>
        ) : (
          programme.workingName
        )}
      </p>
      <p className="muted">
        {t('building.stepsDone', { done, total: programme.milestones.length })}
        {' · '}
        {programme.daysSoFar !== null
          ? t('building.soFar', { duration: formatDuration(programme.daysSoFar, t) })
          : t('building.notStarted')}
      </p>

      <div className="timeline-bar" role="img" aria-label={t('building.timelineLabel', { country })}>
        <div className="timeline-bar__line" />
        {programme.milestones.map((m) => {
          const date = m.doneOn ?? m.plannedOn;
          if (!date) return null;
          const left = ((dayNumber(date) - scale.first) / scale.span) * 100;
          return (
            <span
              key={m.id}
              className={`timeline-bar__dot${m.doneOn ? ' timeline-bar__dot--done' : ''}`}
              style={{ left: `${left}%` }}
            />
          );
        })}
      </div>

      <ol className="step-list">
        {programme.milestones.map((m) => (
          <li key={m.id} className={m.doneOn ? 'step-list__done' : 'step-list__pending'}>
            <LocalizedText text={m.title} />{' '}
            <span className="muted">
              {m.doneOn ? formatDay(m.doneOn, language) : t('building.pending')}
              {m.daysSincePrevious !== null
                ? ` · ${t('building.stepTook', { duration: formatDuration(m.daysSincePrevious, t) })}`
                : ''}
            </span>
          </li>
        ))}
      </ol>
      <p>
        <Link href={`/building-programmes/${programme.slug}`}>{t('building.seeTimeline', { country })}</Link>
      </p>
    </li>
  );
}
