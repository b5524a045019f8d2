import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { Delegation, DelegationMember } from '../../shared/api/delegations.ts';
import type { OrganizationSummary, PersonSummary } from '../../shared/api/directory.ts';
import { DELEGATION_STATUSES } from '../../shared/domain.ts';
import { useMe } from '../accounts/use-me.ts';
import { ApiError, apiGet, apiWrite, type List, useApi } from '../api.ts';
import { useCountryOptions } from '../editing/country-options.ts';
import { SelectField, TextAreaField, TextField } from '../editing/form-fields.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { m } from '../rsvp/messages.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import './delegations.css';

function DateField({
  label,
  value,
  onChange,
  name,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  name: string;
}) {
  const id = useId();
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type="date" value={value} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}

/** One write, its problem shown next to the form that made it. */
function useWrite(onDone: (delegation: Delegation) => void) {
  const { language } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) {
    setBusy(true);
    setProblem(null);
    try {
      const answer = await apiWrite<Delegation>(method, path, language, body);
      onDone(answer);
      return true;
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { problem, busy, run };
}

function Problem({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="form-problem" role="alert">
      {children}
    </p>
  );
}

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

interface Part {
  delegation: Delegation;
  onSaved(delegation: Delegation): void;
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
        <DateField name="arrivesOn" label={t(m('delegations.arrives'))} value={arrivesOn} onChange={setArrivesOn} />
        <DateField name="departsOn" label={t(m('delegations.departs'))} value={departsOn} onChange={setDepartsOn} />
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

function MemberRow({ delegation, member, onSaved }: Part & { member: DelegationMember }) {
  const { t, text } = useI18n();
  const [arrivesOn, setArrivesOn] = useState(member.arrivesOn ?? '');
  const [departsOn, setDepartsOn] = useState(member.departsOn ?? '');
  const write = useWrite(onSaved);
  const path = `/api/delegations/${delegation.id}/members/${member.person.id}`;
  return (
    <li className="member-row">
      <p className="member-row__name">
        <Link href={`/people/${member.person.id}`}>{member.person.name}</Link>
        {member.isLeader ? <span className="badge delegation-leader">{t(m('delegations.leader'))}</span> : null}
        <span className="member-row__meta">
          {[
            member.person.country ? text(member.person.country.name) : null,
            ...member.organizations.map((o) => o.acronym ?? o.name),
          ]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </p>
      <form
        className="member-row__dates"
        aria-label={t(m('delegations.member.travelOf'), { name: member.person.name })}
        onSubmit={(event) => {
          event.preventDefault();
          void write.run('PATCH', path, { arrivesOn: arrivesOn || null, departsOn: departsOn || null });
        }}
      >
        <DateField name="arrivesOn" label={t(m('delegations.arrives'))} value={arrivesOn} onChange={setArrivesOn} />
        <DateField name="departsOn" label={t(m('delegations.departs'))} value={departsOn} onChange={setDepartsOn} />
        <button type="submit" className="button button--quiet" disabled={write.busy}>
          {t(m('delegations.save'))}
        </button>
        <button
          type="button"
          className="button button--quiet button--danger"
          disabled={write.busy}
          onClick={() => void write.run('DELETE', path)}
        >
          {t(m('delegations.member.remove'), { name: member.person.name })}
        </button>
      </form>
      <Problem>{write.problem}</Problem>
    </li>
  );
}

function Members({ delegation, onSaved }: Part) {
  const { t, language } = useI18n();
  const detail = delegation.detail as NonNullable<Delegation['detail']>;
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<PersonSummary[]>([]);
  const [invite, setInvite] = useState({ name: '', email: '', country: '' });
  const countries = useCountryOptions(t(m('delegations.member.countryUnknown')));
  const add = useWrite(onSaved);
  const { me } = useMe();
  const [asked, setAsked] = useState<{ problem: string | null; done: string | null; busy: boolean }>({
    problem: null,
    done: null,
    busy: false,
  });
  // Staff add anyone; a manager adds their own organisation's people and asks anyone else to join it first.
  const ownPeopleOnly = me?.role !== 'admin';
  const organization = delegation.organization;
  const belongs = (person: PersonSummary) =>
    person.affiliations.some((affiliation) => affiliation.organization.slug === organization.slug);
  /**
   * Someone who belongs nowhere and has no account joins the organisation at once and is added; anyone
   * else is asked (the server decides which), and is added once they accept.
   */
  async function bringIn(person: PersonSummary) {
    const personPath = `/api/people/${encodeURIComponent(person.id)}`;
    const body = { organization: organization.slug };
    setAsked({ problem: null, done: null, busy: true });
    try {
      await apiWrite('POST', `${personPath}/affiliations`, language, body);
      setAsked({ problem: null, done: null, busy: false });
      await add.run('POST', `/api/delegations/${delegation.id}/members`, { personId: person.id });
      return;
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'consent_required')) {
        setAsked({ problem: error instanceof Error ? error.message : String(error), done: null, busy: false });
        return;
      }
    }
    try {
      await apiWrite('POST', `${personPath}/affiliation-requests`, language, body);
      setAsked({
        problem: null,
        done: t(m('delegations.member.asked'), { name: person.name, organization: organization.name }),
        busy: false,
      });
    } catch (error) {
      setAsked({ problem: error instanceof Error ? error.message : String(error), done: null, busy: false });
    }
  }
  const inviteWrite = useWrite((answer) => {
    onSaved(answer);
    setInvite({ name: '', email: '', country: '' });
  });

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setFound([]);
      return;
    }
    const controller = new AbortController();
    apiGet<List<PersonSummary>>(`/api/people?q=${encodeURIComponent(q)}`, language, controller.signal).then(
      (answer) => setFound(answer.items.slice(0, 8)),
      () => {},
    );
    return () => controller.abort();
  }, [query, language]);

  const members = new Set(detail.members.map((member) => member.person.id));
  return (
    <section className="delegation-section" aria-labelledby="members-heading">
      <h2 id="members-heading">
        {t(m('delegations.members'))} ({detail.members.length})
      </h2>
      <ul className="member-list">
        {detail.members.map((member) => (
          <MemberRow key={member.person.id} delegation={delegation} member={member} onSaved={onSaved} />
        ))}
      </ul>

      <div className="delegation-subsection">
        <h3>{t(m('delegations.member.addExisting'))}</h3>
        {ownPeopleOnly ? <p className="form-field__hint">{t(m('delegations.member.ownPeopleHint'))}</p> : null}
        <TextField name="q" type="text" label={t(m('delegations.member.search'))} value={query} onChange={setQuery} />
        <ul className="person-results">
          {found
            .filter((person) => !members.has(person.id))
            .map((person) => (
              <li key={person.id}>
                <span>{person.name}</span>
                {ownPeopleOnly && !belongs(person) ? (
                  <button
                    type="button"
                    className="button button--quiet"
                    disabled={asked.busy}
                    onClick={() => void bringIn(person)}
                  >
                    {t(m('delegations.member.ask'), { name: person.name, organization: organization.name })}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button button--quiet"
                    disabled={add.busy}
                    onClick={() =>
                      void add.run('POST', `/api/delegations/${delegation.id}/members`, { personId: person.id })
                    }
                  >
                    {t(m('delegations.member.add'), { name: person.name })}
                  </button>
                )}
              </li>
            ))}
        </ul>
        <Problem>{add.problem ?? asked.problem}</Problem>
        {asked.done ? (
          <p className="muted" role="status">
            {asked.done}
          </p>
        ) : null}
      </div>

      <form
        className="delegation-subsection"
        onSubmit={(event) => {
          event.preventDefault();
          void inviteWrite.run('POST', `/api/delegations/${delegation.id}/members`, {
            name: invite.name,
            email: invite.email,
            country: invite.country || null,
          });
        }}
      >
        <h3>{t(m('delegations.member.inviteHeading'))}</h3>
        <p className="form-field__hint">{t(m('delegations.member.inviteHint'))}</p>
        <TextField
          name="name"
          label={t(m('delegations.member.name'))}
          value={invite.name}
          onChange={(name) => setInvite({ ...invite, name })}
          required
        />
        <TextField
          name="email"
          type="email"
          label={t(m('delegations.member.email'))}
          value={invite.email}
          onChange={(email) => setInvite({ ...invite, email })}
          required
        />
        <SelectField
          name="country"
          label={t(m('delegations.member.country'))}
          value={invite.country}
          onChange={(country) => setInvite({ ...invite, country })}
          options={countries}
        />
        <Problem>{inviteWrite.problem}</Problem>
        <button type="submit" className="button" disabled={inviteWrite.busy}>
          {t(m('delegations.member.invite'))}
        </button>
      </form>
    </section>
  );
}

function Funding({ delegation, onSaved }: Part) {
  const { t, locale } = useI18n();
  const detail = delegation.detail as NonNullable<Delegation['detail']>;
  const funders = useApi<List<OrganizationSummary>>('/api/organizations?kind=funder');
  const [funder, setFunder] = useState('');
  const [coversEn, setCoversEn] = useState('');
  const [coversEs, setCoversEs] = useState('');
  const write = useWrite((answer) => {
    onSaved(answer);
    setCoversEn('');
    setCoversEs('');
  });
  const remove = useWrite(onSaved);
  const options = (funders.data?.items ?? []).map((o) => ({
    value: o.slug,
    label: o.acronym ? `${o.acronym} — ${o.name}` : o.name,
  }));
  const chosen = funder || (options[0]?.value ?? '');
  return (
    <section className="delegation-section" aria-labelledby="funding-heading">
      <h2 id="funding-heading">{t(m('delegations.funding.title'))}</h2>
      <ul className="member-list">
        {detail.funding.map((f) => (
          <li key={f.id} className="member-row">
            <p className="member-row__name">
              {f.funder.name}
              {f.covers.en || f.covers.es ? (
                <>
                  {': '}
                  <LocalizedText text={f.covers} />
                </>
              ) : null}
              {f.amountCents !== null && f.currency
                ? ` · ${new Intl.NumberFormat(locale, { style: 'currency', currency: f.currency }).format(f.amountCents / 100)}`
                : null}
            </p>
            <button
              type="button"
              className="button button--quiet button--danger"
              disabled={remove.busy}
              onClick={() => void remove.run('DELETE', `/api/delegations/${delegation.id}/funding/${f.id}`)}
            >
              {t(m('delegations.funding.remove'), { funder: f.funder.acronym ?? f.funder.name })}
            </button>
          </li>
        ))}
      </ul>
      <Problem>{remove.problem}</Problem>
      {options.length > 0 ? (
        <form
          className="delegation-subsection"
          onSubmit={(event) => {
            event.preventDefault();
            void write.run('POST', `/api/delegations/${delegation.id}/funding`, {
              funder: chosen,
              covers: { en: coversEn || null, es: coversEs || null },
            });
          }}
        >
          <h3>{t(m('delegations.funding.add'))}</h3>
          <SelectField
            name="funder"
            label={t(m('delegations.funding.funder'))}
            value={chosen}
            onChange={setFunder}
            options={options}
          />
          <TextField
            name="coversEn"
            label={t(m('delegations.funding.coversEn'))}
            value={coversEn}
            onChange={setCoversEn}
            lang="en"
          />
          <TextField
            name="coversEs"
            label={t(m('delegations.funding.coversEs'))}
            value={coversEs}
            onChange={setCoversEs}
            lang="es"
          />
          <Problem>{write.problem}</Problem>
          <button type="submit" className="button" disabled={write.busy}>
            {t(m('delegations.funding.record'))}
          </button>
        </form>
      ) : null}
    </section>
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
