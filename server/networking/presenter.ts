import type { ContactCard } from '../../shared/api/networking.ts';
import type { ContactVisibility } from '../../shared/domain.ts';
import type { ServiceContext } from '../context.ts';
import type { Queryable } from '../db/client.ts';
import { presentOrganizationRef } from '../directory/presenter.ts';
import { selectAffiliationsOfPeople } from '../directory/queries.ts';
import { countryOf, reference } from '../directory/reference.ts';
import { selectPeopleForCards } from './queries.ts';

/** What a connection may see of a contact field: everything but what its owner keeps private. */
export const connectionMaySee = (visibility: ContactVisibility): boolean => visibility !== 'private';

/** Contact cards of people, as someone connected with them sees them, by id. */
export async function contactCards(
  ctx: ServiceContext,
  db: Queryable,
  ids: string[],
): Promise<Map<string, ContactCard>> {
  const cards = new Map<string, ContactCard>();
  if (ids.length === 0) return cards;
  const [ref, rows, affiliations] = await Promise.all([
    reference(ctx),
    selectPeopleForCards(db, ids),
    selectAffiliationsOfPeople(db, ids),
  ]);
  for (const row of rows) {
    const card: ContactCard = {
      id: row.id,
      name: row.name,
      country: countryOf(ref, row.countryCode),
      fictional: row.fictional,
      organizations: affiliations.filter((a) => a.personId === row.id).map(presentOrganizationRef),
    };
    if (row.email && connectionMaySee(row.emailVisibility)) card.email = row.email;
    if (row.phone && connectionMaySee(row.phoneVisibility)) card.phone = row.phone;
    if (row.website && connectionMaySee(row.websiteVisibility)) card.website = row.website;
    cards.set(row.id, card);
  }
  return cards;
}
