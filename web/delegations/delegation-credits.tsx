import { Link } from 'wouter';
import type { DelegationList, FundingCredit } from '../../shared/api/delegations.ts';
import { useMe } from '../accounts/use-me.ts';
import { useApi } from '../api.ts';
import { organizationHref } from '../directory/organization-card.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { m } from '../rsvp/messages.ts';
import './delegations.css';

/** On an event's public page: the delegations that travelled, and who paid for the trips. */
export function DelegationCredits({ slug }: { slug: string }) {
  const { t, text } = useI18n();
  const { me } = useMe();
  const { data } = useApi<DelegationList>(`/api/events/${encodeURIComponent(slug)}/delegations`);
  if (!data || data.items.length === 0) return null;
  const funders = new Map<string, FundingCredit>();
  for (const delegation of data.items) {
    for (const credit of delegation.funders)
      if (!funders.has(credit.funder.slug)) funders.set(credit.funder.slug, credit);
  }
  const manages = data.items.some((d) => d.canManage) || me?.role === 'admin';
  return (
    <section className="delegation-credits" aria-labelledby="delegation-credits-heading">
      <h2 id="delegation-credits-heading">{t(m('delegations.credits.heading'))}</h2>
      <ul className="delegation-credits__list">
        {data.items.map((delegation) => (
          <li key={delegation.id}>
            <Link href={organizationHref(delegation.organization)}>
              {delegation.organization.acronym ?? delegation.organization.name}
            </Link>
            {delegation.country ? (
              <span className="delegation-credits__country">
                {' · '}
                {text(delegation.country.name)}
              </span>
            ) : null}
            {delegation.membersCount > 0 ? (
              <span className="delegation-credits__count">
                {' · '}
                {t(m('delegations.membersCount'), { count: delegation.membersCount })}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {funders.size > 0 ? (
        <div className="delegation-credits__funders">
          <h3>{t(m('delegations.credits.funders'))}</h3>
          <ul>
            {[...funders.values()].map((credit) => (
              <li key={credit.funder.slug}>
                <Link href={organizationHref(credit.funder)}>{credit.funder.name}</Link>
                {credit.covers.en || credit.covers.es ? (
                  <>
                    {': '}
                    <LocalizedText text={credit.covers} />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {manages ? (
        <p>
          <Link href={`/events/${slug}/delegations`}>{t(m('delegations.manageLink'))}</Link>
        </p>
      ) : null}
    </section>
  );
}
