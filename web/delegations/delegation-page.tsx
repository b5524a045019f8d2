import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { Delegation } from '../../shared/api/delegations.ts';
import { DELEGATION_STATUSES } from '../../shared/domain.ts';
import { useApi } from '../api.ts';
import { InputField, SelectField, TextAreaField } from '../forms/form-fields.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { m } from '../rsvp/messages.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import './delegations.css';
import { Funding } from './delegation-funding.tsx';
import { Members } from './delegation-members.tsx';
import { type Part, Problem, useWrite } from './delegation-write.tsx';

/** A manager's (or staff's) page for one delegation: leader, dates, members, funding. */
export function DelegationPage({ id }: { id: string }) {
  const { t } = useI18n();
  const loaded = useApi<Delegation>(`/api/delegations/${id}`);
  const [delegation, setDelegation] = useState<Delegation | undefined>(undefined);
  useEffect(() => {
    if (loaded.data) setDelegation(loaded.data);
  }, [loaded.data]);
  const name = delegation?.organization.acronym ?? delegation?.organization.name;
  usePageTitle(name ? t(m('delegations.manage'), { organization: name }) : undefined);

  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} asPage />;
  if (!delegation) return <Loading />;
  if (!delegation.detail) {
    return (
      <article className="delegation-page">
        <h1>{name}</h1>
        <p>{t(m('delegations.notYours'))}</p>
      </article>
    );
  }
  return (
    <article className="delegation-page">
      <header className="page-header">
        <p className="page-header__subtitle">
          <Link href={`/events/${delegation.event.slug}/delegations`}>
            <LocalizedText text={delegation.event.name} />
          </Link>
        </p>
        <h1>{t(m('delegations.manage'), { organization: name ?? '' })}</h1>
      </header>
      <Details delegation={delegation} onSaved={setDelegation} />
      <Members delegation={delegation} onSaved={setDelegation} />
      <Funding delegation={delegation} onSaved={setDelegation} />
      <Removal delegation={delegation} />
    </article>
  );
}

function Details({ delegation, onSaved }: Part) {
  const { t } = useI18n();
  const detail = delegation.detail as NonNullable<Delegation['detail']>;
  const [status, setStatus] = useState<string>(delegation.status);
  const [leader, setLeader] = useState(detail.leader?.id ?? '');
  const [arrivesOn, setArrivesOn] = useState(detail.arrivesOn ?? '');
  const [departsOn, setDepartsOn] = useState(detail.departsOn ?? '');
  const [notes, setNotes] = useState(detail.notes ?? '');
  const [saved, setSaved] = useState(false);
  const write = useWrite((answer) => {
    onSaved(answer);
    setSaved(true);
  });
  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    await write.run('PATCH', `/api/delegations/${delegation.id}`, {
      version: delegation.version,
      status,
      leaderPersonId: leader || null,
      arrivesOn: arrivesOn || null,
      departsOn: departsOn || null,
      notes: notes || null,
    });
  }
  return (
    <form className="delegation-section" onSubmit={save} aria-labelledby="details-heading">
      <h2 id="details-heading">{t(m('delegations.details'))}</h2>
      <SelectField
        name="status"
        label={t(m('delegations.statusLabel'))}
        value={status}
        onChange={setStatus}
        options={DELEGATION_STATUSES.map((value) => ({ value, label: t(m(`delegations.status.${value}`)) }))}
      />
      <SelectField
        name="leader"
        label={t(m('delegations.leader'))}
        value={leader}
        onChange={setLeader}
        options={[
          { value: '', label: t(m('delegations.noLeader')) },
          ...detail.members.map((member) => ({ value: member.person.id, label: member.person.name })),
        ]}
      />
      <div className="form-row">
        <InputField
          type="date"
          name="arrivesOn"
          label={t(m('delegations.arrives'))}
          value={arrivesOn}
          onChange={setArrivesOn}
        />
        <InputField
          type="date"
          name="departsOn"
          label={t(m('delegations.departs'))}
          value={departsOn}
          onChange={setDepartsOn}
        />
      </div>
      <TextAreaField name="notes" label={t(m('delegations.notes'))} value={notes} onChange={setNotes} />
      <Problem>{write.problem}</Problem>
      <p className="delegation-actions">
        <button type="submit" className="button" disabled={write.busy}>
          {t(m('delegations.save'))}
        </button>
        {saved ? <span role="status">{t(m('delegations.saved'))}</span> : null}
      </p>
    </form>
  );
}

function Removal({ delegation }: { delegation: Delegation }) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [confirming, setConfirming] = useState(false);
  const write = useWrite(() => navigate(`/events/${delegation.event.slug}/delegations`));
  return (
    <section className="delegation-section" aria-labelledby="removal-heading">
      <h2 id="removal-heading">{t(m('delegations.remove.heading'))}</h2>
      {confirming ? (
        <p>
          {t(m('delegations.remove.confirm'))}{' '}
          <button
            type="button"
            className="button button--danger"
            disabled={write.busy}
            onClick={() => void write.run('DELETE', `/api/delegations/${delegation.id}?version=${delegation.version}`)}
          >
            {t(m('delegations.remove.yes'))}
          </button>{' '}
          <button type="button" className="button button--quiet" onClick={() => setConfirming(false)}>
            {t(m('delegations.remove.no'))}
          </button>
        </p>
      ) : (
        <button type="button" className="button button--quiet button--danger" onClick={() => setConfirming(true)}>
          {t(m('delegations.remove.button'))}
        </button>
      )}
      <Problem>{write.problem}</Problem>
    </section>
  );
}
