import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { Delegation, DelegationMember } from '../../shared/api/delegations.ts';
import type { PersonSummary } from '../../shared/api/directory.ts';
import { useMe } from '../accounts/use-me.ts';
import { ApiError, apiGet, apiWrite, type List } from '../api.ts';
import { useCountryOptions } from '../forms/country-options.ts';
import { InputField, SelectField, TextField } from '../forms/form-fields.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { m } from '../rsvp/messages.ts';
import './delegations.css';
import { type Part, Problem, useWrite } from './delegation-write.tsx';

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

export function Members({ delegation, onSaved }: Part) {
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
