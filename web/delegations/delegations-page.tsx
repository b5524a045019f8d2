import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { Delegation, DelegationList, FunderTotal } from '../../shared/api/delegations.ts';
import type { OrganizationSummary } from '../../shared/api/directory.ts';
import type { EventDetail } from '../../shared/api/programme.ts';
import { useMe } from '../accounts/use-me.ts';
import { apiWrite, type List, useApi } from '../api.ts';
import { SelectField } from '../forms/form-fields.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { m } from '../rsvp/messages.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, ErrorState, Loading } from '../ui/status.tsx';
import './delegations.css';

/** Staff and managers: who comes from which country and organisation, the manifest and the money. */
export function DelegationsPage({ slug }: { slug: string }) {
  const { t, text, locale } = useI18n();
  const { me } = useMe();
  const event = useApi<EventDetail>(`/api/events/${encodeURIComponent(slug)}`);
  const delegations = useApi<DelegationList>(`/api/events/${encodeURIComponent(slug)}/delegations`);
  const isAdmin = me?.role === 'admin';
  usePageTitle(event.data ? t(m('delegations.page.title'), { event: text(event.data.name) }) : undefined);

  if (event.error) return <ErrorState error={event.error} onRetry={event.reload} asPage />;
  if (delegations.error) return <ErrorState error={delegations.error} onRetry={delegations.reload} asPage />;
  if (!event.data || !delegations.data || me === undefined) return <Loading />;

  const items = delegations.data.items;
  const byCountry = new Map<string, { name: string; items: Delegation[] }>();
  for (const delegation of items) {
    const key = delegation.country?.code ?? '';
    const name = delegation.country ? text(delegation.country.name) : t(m('delegations.international'));
    const group = byCountry.get(key) ?? { name, items: [] };
    group.items.push(delegation);
    byCountry.set(key, group);
  }
  const groups = [...byCountry.values()].sort((a, b) => a.name.localeCompare(b.name, locale));
  const travelling = items.reduce((sum, d) => sum + d.membersCount, 0);

  return (
    <article className="delegations-page">
      <header className="page-header">
        <p className="page-header__subtitle">
          <Link href={`/events/${slug}`}>
            <LocalizedText text={event.data.name} />
          </Link>
        </p>
        <h1>{t(m('delegations.page.heading'))}</h1>
        <p>
          {t(m('delegations.page.summary'), {
            delegations: items.length,
            people: travelling,
            countries: groups.length,
          })}
        </p>
        {isAdmin ? (
          <p>
            <a className="button button--quiet" href={`/api/events/${slug}/delegations/manifest.csv`} download>
              {t(m('delegations.manifest'))}
            </a>
          </p>
        ) : null}
      </header>

      {me && (isAdmin || me.role === 'manager') ? (
        <NewDelegation slug={slug} existing={items} onCreated={delegations.reload} />
      ) : null}

      {groups.length === 0 ? <EmptyState>{t(m('delegations.none'))}</EmptyState> : null}
      {groups.map((group) => (
        <section key={group.name} className="delegations-country" aria-labelledby={`country-${group.name}`}>
          <h2 id={`country-${group.name}`}>{group.name}</h2>
          <ul className="delegation-cards">
            {group.items.map((delegation) => (
              <li key={delegation.id}>
                <DelegationCard delegation={delegation} />
              </li>
            ))}
          </ul>
        </section>
      ))}

      {isAdmin ? <FundingPerFunder slug={slug} /> : null}
    </article>
  );
}

/** "27 Feb" from 2024-02-27, whatever the reader's zone. */
export function shortDate(date: string | null | undefined, locale: string): string {
  if (!date) return '…';
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

export function delegationName(delegation: Delegation): string {
  const { acronym, name } = delegation.organization;
  return acronym && acronym !== name ? `${acronym} — ${name}` : name;
}

function DelegationCard({ delegation }: { delegation: Delegation }) {
  const { t, text, locale } = useI18n();
  const name = delegationName(delegation);
  const short = delegation.organization.acronym ?? delegation.organization.name;
  return (
    <article className="delegation-card" aria-label={name}>
      <h3>{name}</h3>
      <p className="delegation-card__meta">
        <span className={`badge badge--delegation-${delegation.status}`}>
          {t(m(`delegations.status.${delegation.status}`))}
        </span>{' '}
        {t(m('delegations.membersCount'), { count: delegation.membersCount })}
        {delegation.funders.length > 0
          ? ` · ${t(m('delegations.fundedBy'), { funders: delegation.funders.map((f) => f.funder.acronym ?? f.funder.name).join(', ') })}`
          : null}
      </p>
      {delegation.detail ? (
        <>
          {delegation.detail.members.length > 0 ? (
            <table className="delegation-members">
              <caption className="visually-hidden">{t(m('delegations.members'))}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(m('delegations.member.name'))}</th>
                  <th scope="col">{t(m('delegations.member.from'))}</th>
                  <th scope="col">{t(m('delegations.member.travel'))}</th>
                </tr>
              </thead>
              <tbody>
                {delegation.detail.members.map((member) => (
                  <tr key={member.person.id}>
                    <td>
                      <Link href={`/people/${member.person.id}`}>{member.person.name}</Link>
                      {member.isLeader ? (
                        <span className="badge delegation-leader">{t(m('delegations.leader'))}</span>
                      ) : null}
                    </td>
                    <td>
                      {[
                        member.person.country ? text(member.person.country.name) : null,
                        ...member.organizations.map((o) => o.acronym ?? o.name),
                      ]
                        .filter(Boolean)
                        .join(' · ') || '—'}
                    </td>
                    <td className="delegation-members__dates">
                      {shortDate(member.arrivesOn ?? delegation.detail?.arrivesOn, locale)} →{' '}
                      {shortDate(member.departsOn ?? delegation.detail?.departsOn, locale)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {delegation.canManage ? (
            <p>
              <Link href={`/delegations/${delegation.id}`} className="button button--quiet">
                {t(m('delegations.manageOne'), { organization: short })}
              </Link>
            </p>
          ) : null}
        </>
      ) : null}
    </article>
  );
}

function NewDelegation({ slug, existing, onCreated }: { slug: string; existing: Delegation[]; onCreated(): void }) {
  const { t, language } = useI18n();
  const { me } = useMe();
  const [, navigate] = useLocation();
  const isAdmin = me?.role === 'admin';
  const organizations = useApi<List<OrganizationSummary>>(isAdmin ? '/api/organizations' : null);
  const taken = new Set(existing.map((d) => d.organization.slug));
  const own = me?.organization && !taken.has(me.organization.slug) ? me.organization : null;
  const options = isAdmin
    ? (organizations.data?.items ?? [])
        .filter((o) => !taken.has(o.slug) && o.kind !== 'conference' && o.kind !== 'funder')
        .map((o) => ({ value: o.slug, label: o.acronym ? `${o.acronym} — ${o.name}` : o.name }))
    : own
      ? [{ value: own.slug, label: own.name }]
      : [];
  const [organization, setOrganization] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (options.length === 0) return null;
  const chosen = organization || (options[0]?.value ?? '');

  async function create(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      const created = await apiWrite<Delegation>('POST', `/api/events/${slug}/delegations`, language, {
        organization: chosen,
      });
      onCreated();
      navigate(`/delegations/${created.id}`);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <form className="delegation-new" onSubmit={create}>
      <h2>{t(m('delegations.new.heading'))}</h2>
      <SelectField
        name="organization"
        label={t(m('delegations.new.organization'))}
        value={chosen}
        onChange={setOrganization}
        options={options}
        error={problem ?? undefined}
      />
      <button type="submit" className="button">
        {t(m('delegations.new.create'))}
      </button>
    </form>
  );
}

function FundingPerFunder({ slug }: { slug: string }) {
  const { t, locale } = useI18n();
  const funding = useApi<List<FunderTotal>>(`/api/events/${slug}/funding`);
  if (!funding.data) return null;
  return (
    <section className="funding-per-funder" aria-labelledby="funding-heading">
      <h2 id="funding-heading">{t(m('delegations.funding.heading'))}</h2>
      {funding.data.items.length === 0 ? <EmptyState>{t(m('delegations.funding.none'))}</EmptyState> : null}
      <ul className="delegation-cards">
        {funding.data.items.map((entry) => (
          <li key={entry.funder.slug}>
            <article className="delegation-card" aria-label={entry.funder.name}>
              <h3>{entry.funder.name}</h3>
              <p>
                {t(m('delegations.funding.supports'), {
                  delegations: entry.delegations.length,
                  people: entry.membersCount,
                })}
                {entry.totals.length > 0
                  ? ` · ${entry.totals
                      .map((total) =>
                        new Intl.NumberFormat(locale, { style: 'currency', currency: total.currency }).format(
                          total.amountCents / 100,
                        ),
                      )
                      .join(' + ')}`
                  : null}
              </p>
              <ul>
                {entry.delegations.map((d) => (
                  <li key={d.id}>
                    {d.organization.acronym ?? d.organization.name}
                    {d.covers.en || d.covers.es ? (
                      <>
                        {': '}
                        <LocalizedText text={d.covers} />
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}
