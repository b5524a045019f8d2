import type { Delegation, DelegationMember, Funding, FundingCredit } from '../../shared/api/delegations.ts';
import { localized, presentOrganizationRef } from '../directory/presenter.ts';
import { countryOf, type Reference } from '../directory/reference.ts';
import type { AffiliationRow, DelegationRow, FundingRow, MemberRow } from './queries.ts';

export interface DelegationRelations {
  members: MemberRow[];
  affiliations: AffiliationRow[];
  funding: FundingRow[];
}

const funderOf = (row: FundingRow) =>
  presentOrganizationRef({
    slug: row.funder_slug,
    kind: row.funder_kind,
    name: row.funder_name,
    acronym: row.funder_acronym,
  });

function presentMember(ref: Reference, row: MemberRow, leaderId: string | null, affiliations: AffiliationRow[]) {
  return {
    person: { id: row.person_id, name: row.name, country: countryOf(ref, row.country_code), fictional: row.fictional },
    organizations: affiliations.filter((a) => a.person_id === row.person_id).map((a) => presentOrganizationRef(a)),
    isLeader: row.person_id === leaderId,
    arrivesOn: row.arrives_on,
    departsOn: row.departs_on,
    badgeCode: row.badge_code,
  } satisfies DelegationMember;
}

/**
 * The public sees who comes and who pays for it; the organisation's manager
 * and the network's staff (`canManage`) also see the members, their travel
 * dates and the funding details.
 */
export function presentDelegation(
  ref: Reference,
  row: DelegationRow,
  related: DelegationRelations,
  canManage: boolean,
): Delegation {
  const funding = related.funding.filter((f) => f.delegation_id === row.id);
  const credits = new Map<string, FundingCredit>();
  for (const f of funding) {
    if (!credits.has(f.funder_slug))
      credits.set(f.funder_slug, { funder: funderOf(f), covers: localized(f.covers_en, f.covers_es) });
  }
  const members = related.members.filter((m) => m.delegation_id === row.id);
  const leader = members.find((m) => m.person_id === row.leader_person_id);
  return {
    id: row.id,
    event: {
      slug: row.event_slug,
      name: localized(row.event_name_en, row.event_name_es),
      timeZone: row.event_time_zone,
    },
    organization: presentOrganizationRef({
      slug: row.org_slug,
      kind: row.org_kind,
      name: row.org_name,
      acronym: row.org_acronym,
    }),
    country: countryOf(ref, row.org_country_code),
    status: row.status,
    membersCount: row.members_count,
    funders: [...credits.values()],
    canManage,
    detail: canManage
      ? {
          leader: leader
            ? {
                id: leader.person_id,
                name: leader.name,
                country: countryOf(ref, leader.country_code),
                fictional: leader.fictional,
              }
            : null,
          arrivesOn: row.arrives_on,
          departsOn: row.departs_on,
          notes: row.notes,
          members: members.map((m) => presentMember(ref, m, row.leader_person_id, related.affiliations)),
          funding: funding.map(
            (f): Funding => ({
              id: f.id,
              funder: funderOf(f),
              covers: localized(f.covers_en, f.covers_es),
              amountCents: f.amount_cents,
              currency: f.currency,
            }),
          ),
        }
      : null,
    version: row.version,
  };
}
