import type { ContactCard } from '../../shared/api/networking.ts';
import type { ContactVisibility } from '../../shared/domain.ts';
import { photoOf } from '../../shared/photo.ts';
import type { ServiceContext } from '../context.ts';
import type { Queryable } from '../db/client.ts';
import { presentOrganizationRef } from '../directory/presenter.ts';
import { countryOf, type Reference, reference } from '../directory/reference.ts';
import { type CardRow, selectPeopleForCards } from './queries.ts';

/** What a connection may see of a contact field: everything but what its owner keeps private. */
export const connectionMaySee = (visibility: ContactVisibility): boolean => visibility !== 'private';

/** Contact cards of people, as someone connected with them sees them, by id. */
export async function contactCards(
  ctx: ServiceContext,
  db: Queryable,
  ids: string[],
  reader: string | null = null,
): Promise<Map<string, ContactCard>> {
  const cards = new Map<string, ContactCard>();
  if (ids.length === 0) return cards;
  const [ref, rows] = await Promise.all([reference(ctx), selectPeopleForCards(db, ids, reader)]);
  for (const row of rows) cards.set(row.id, presentContactCard(ref, row));
  return cards;
}

/** A contact card from its row (see selectPeopleForCards). */
export function presentContactCard(ref: Reference, row: CardRow): ContactCard {
  const card: ContactCard = {
    id: row.id,
    name: row.name,
    country: countryOf(ref, row.countryCode),
    fictional: row.fictional,
    organizations: row.organizations.map(presentOrganizationRef),
    photo: photoOf(row.photoHash),
  };
  // A field leaves when its owner lets every connection see it, or shared it with this reader when they connected.
  if (row.email && (connectionMaySee(row.emailVisibility) || row.sharedEmail)) card.email = row.email;
  if (row.phone && (connectionMaySee(row.phoneVisibility) || row.sharedPhone)) card.phone = row.phone;
  if (row.website && (connectionMaySee(row.websiteVisibility) || row.sharedWebsite)) card.website = row.website;
  return card;
}
