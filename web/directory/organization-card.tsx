import { Link } from 'wouter';
import type { OrganizationRef, OrganizationSummary } from '../../shared/api/directory.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Message } from '../i18n/rich-message.tsx';
import { OrganizationKindBadge, OrganizationStatusBadge } from '../ui/badges.tsx';
import { GlobeIcon } from '../ui/icons.tsx';

export function organizationHref(organization: { slug: string }): string {
  return `/organizations/${encodeURIComponent(organization.slug)}`;
}

/** The short name people use: the acronym when there is one. */
export function shortName(organization: OrganizationRef): string {
  return organization.acronym ?? organization.name;
}

export function OrganizationLink({ organization }: { organization: OrganizationRef }) {
  return <Link href={organizationHref(organization)}>{organization.name}</Link>;
}

export function OrganizationCard({
  organization,
  headingLevel = 2,
  showParent = true,
}: {
  organization: OrganizationSummary;
  headingLevel?: 2 | 3;
  /** Off where the parent is the page being shown. */
  showParent?: boolean;
}) {
  const { t, language } = useI18n();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const showAcronym = organization.acronym && organization.acronym !== organization.name;
  return (
    <article className="card">
      <Heading className="card__title">
        <Link href={organizationHref(organization)}>{organization.name}</Link>
      </Heading>
      {showAcronym ? <p className="card__subtitle">{organization.acronym}</p> : null}
      <p className="card__badges">
        <OrganizationKindBadge kind={organization.kind} />
        <OrganizationStatusBadge status={organization.status} />
      </p>
      {organization.country ? (
        <p className="card__meta">
          <GlobeIcon />
          {organization.country.name[language]}
        </p>
      ) : null}
      {showParent && organization.memberOf ? (
        <p className="card__meta">
          <Message
            id="organization.memberOf"
            values={{
              parent: <Link href={organizationHref(organization.memberOf)}>{shortName(organization.memberOf)}</Link>,
            }}
          />
        </p>
      ) : null}
      {organization.membersCount > 0 || organization.peopleCount > 0 ? (
        <p className="card__counts">
          {[
            organization.membersCount > 0 ? t('organization.membersCount', { count: organization.membersCount }) : null,
            organization.peopleCount > 0 ? t('organization.peopleCount', { count: organization.peopleCount }) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      ) : null}
    </article>
  );
}
