import { useState } from 'react';
import { Link } from 'wouter';
import type { Attendee, AttendeeFlags, AttendeeList } from '../../shared/api/attendees.ts';
import type { EventDetail } from '../../shared/api/programme.ts';
import { ATTENDEE_STATUSES, type AttendeeStatus } from '../../shared/domain.ts';
import { searchForm } from '../../shared/text.ts';
import { apiWrite, useApi, type WriteError } from '../api.ts';
import { SelectField, TextField } from '../forms/form-fields.tsx';
import { viewerTimeZone } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, ErrorState, Loading } from '../ui/status.tsx';
import { AttendeeImport } from './attendee-import.tsx';
import { InvitationsPanel } from './invitations-panel.tsx';
import './attendees.css';

const FLAGS = ['staff', 'partner', 'speaker'] as const;

/** Staff: everyone on an event's list, where they are on the way in, their role flags, and the import. */
export function AttendeesPage({ slug }: { slug: string }) {
  const { t, text } = useI18n();
  const base = `/api/events/${encodeURIComponent(slug)}`;
  const event = useApi<EventDetail>(base);
  const list = useApi<AttendeeList>(`${base}/attendees`);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<AttendeeStatus | ''>('');
  const [role, setRole] = useState<(typeof FLAGS)[number] | ''>('');
  usePageTitle(event.data ? t('attendees.page.title', { event: text(event.data.name) }) : undefined);

  if (event.error) return <ErrorState error={event.error} onRetry={event.reload} asPage />;
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} asPage />;
  if (!event.data || !list.data) return <Loading />;

  const items = list.data.items;
  const wanted = searchForm(query);
  const shown = items.filter(
    (a) =>
      (!status || a.status === status) &&
      (!role || a.roles[role]) &&
      (!wanted ||
        searchForm(a.name, a.email, a.organization?.name, a.organization?.acronym, a.delegation?.name).includes(
          wanted,
        )),
  );
  const counts = Object.fromEntries(ATTENDEE_STATUSES.map((s) => [s, items.filter((a) => a.status === s).length]));

  return (
    <article className="attendees-page">
      <header className="page-header">
        <p className="page-header__subtitle">
          <Link href={`/events/${encodeURIComponent(slug)}`}>
            <LocalizedText text={event.data.name} />
          </Link>
        </p>
        <h1>{t('attendees.page.heading')}</h1>
        <p>
          {t('attendees.page.summary', {
            total: items.length,
            joined: counts.joined ?? 0,
            invited: counts.invited ?? 0,
            notInvited: counts.not_invited ?? 0,
          })}
        </p>
        <p className="actions">
          <a className="button button--quiet" href={`${base}/attendees.csv`} download>
            {t('attendees.page.export')}
          </a>
        </p>
      </header>

      <AttendeeImport slug={slug} onApplied={list.reload} />

      <InvitationsPanel slug={slug} shown={shown} filtered={shown.length < items.length} onChanged={list.reload} />

      <section aria-labelledby="attendees-list-heading">
        <h2 id="attendees-list-heading">{t('attendees.page.listHeading')}</h2>
        <div className="filters attendees-filters">
          <TextField label={t('attendees.filter.search')} name="q" value={query} onChange={setQuery} />
          <SelectField
            label={t('attendees.filter.status')}
            name="status"
            value={status}
            onChange={(value) => setStatus(value as AttendeeStatus | '')}
            options={[
              { value: '', label: t('attendees.filter.any') },
              ...ATTENDEE_STATUSES.map((s) => ({ value: s, label: t(`attendees.status.${s}`) })),
            ]}
          />
          <SelectField
            label={t('attendees.filter.role')}
            name="role"
            value={role}
            onChange={(value) => setRole(value as (typeof FLAGS)[number] | '')}
            options={[
              { value: '', label: t('attendees.filter.any') },
              ...FLAGS.map((f) => ({ value: f, label: t(`attendees.role.${f}`) })),
            ]}
          />
        </div>
        <p className="result-count" role="status">
          {t('attendees.page.shown', { shown: shown.length, total: items.length })}
        </p>
        {shown.length === 0 ? (
          <EmptyState>{t('attendees.page.empty')}</EmptyState>
        ) : (
          <ul className="attendee-cards">
            {shown.map((attendee) => (
              <AttendeeCard key={attendee.personId} slug={slug} attendee={attendee} onChanged={list.reload} />
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

function AttendeeCard({ slug, attendee, onChanged }: { slug: string; attendee: Attendee; onChanged(): void }) {
  const { t, language, dates } = useI18n();
  const [flags, setFlags] = useState<AttendeeFlags>(attendee.roles);
  const [problem, setProblem] = useState<string>();
  const toggle = async (flag: (typeof FLAGS)[number], value: boolean) => {
    setProblem(undefined);
    setFlags((current) => ({ ...current, [flag]: value }));
    try {
      const saved = await apiWrite<Attendee>(
        'PATCH',
        `/api/events/${encodeURIComponent(slug)}/attendees/${attendee.personId}`,
        language,
        { [flag]: value },
      );
      setFlags(saved.roles);
      onChanged();
    } catch (error) {
      setFlags(attendee.roles);
      setProblem((error as WriteError).message);
    }
  };
  return (
    <li className="attendee-card card">
      <p className="card__title">
        <Link href={`/people/${attendee.personId}`}>{attendee.name}</Link>
      </p>
      <p className="card__meta">
        {[
          attendee.email,
          attendee.organization?.name,
          attendee.country,
          attendee.delegation &&
            t('attendees.page.delegationOf', { name: attendee.delegation.acronym ?? attendee.delegation.name }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <p className="card__badges">
        <span className={`badge attendee-status attendee-status--${attendee.status}`}>
          {t(`attendees.status.${attendee.status}`)}
        </span>
        {attendee.invitedAt ? (
          <span className="muted">
            {' '}
            {t('attendees.page.invitedOn', { date: dates(viewerTimeZone()).dateTime(attendee.invitedAt) })}
          </span>
        ) : null}
        {attendee.status !== 'joined' && attendee.invitationMail ? (
          <span className={`muted attendee-mail attendee-mail--${attendee.invitationMail}`}>
            {' · '}
            {t(`attendees.mail.${attendee.invitationMail}`)}
          </span>
        ) : null}
      </p>
      <fieldset className="attendee-flags">
        <legend className="visually-hidden">{t('attendees.page.flagsOf', { name: attendee.name })}</legend>
        {FLAGS.map((flag) => (
          <label key={flag} className="attendee-flag">
            <input type="checkbox" checked={flags[flag]} onChange={(e) => void toggle(flag, e.target.checked)} />
            {t(`attendees.role.${flag}`)}
          </label>
        ))}
      </fieldset>
      {problem ? (
        <p className="form-field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </li>
  );
}
