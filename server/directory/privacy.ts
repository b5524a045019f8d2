import { sql } from 'drizzle-orm';
import type { ContactVisibility } from '../../shared/domain.ts';
import { type Queryable, rows } from '../db/client.ts';
import type { Viewer } from '../http/viewer.ts';

/**
 * Who may see a contact field of a person, by the visibility its owner chose:
 * - public: everyone;
 * - members: anyone signed in to the network;
 * - connections: people they connected with at any event (and those who
 *   may always see it);
 * - private (the default): only the person themself, the network's admins
 *   and the managers of an organisation the person belongs to.
 */
export function contactVisibilityFor(
  viewer: Viewer | null,
  person: { id: string; organizationIds: string[]; connectedWithViewer?: boolean },
): (visibility: ContactVisibility) => boolean {
  const keeper =
    viewer !== null &&
    (viewer.role === 'admin' ||
      viewer.personId === person.id ||
      (viewer.role === 'manager' &&
        viewer.organizationId !== null &&
        person.organizationIds.includes(viewer.organizationId)));
  return (visibility) => {
    if (visibility === 'public') return true;
    if (visibility === 'members') return viewer !== null;
    if (visibility === 'connections') return keeper || (viewer !== null && person.connectedWithViewer === true);
    return keeper;
  };
}

/**
 * Whether the viewer met the person at an event. Networking records the
 * connections and builds on the directory, so the table is read by name.
 */
export async function connectedWithViewer(db: Queryable, viewer: Viewer | null, personId: string): Promise<boolean> {
  if (!viewer?.personId || viewer.personId === personId) return false;
  const found = await rows<{ one: number }>(
    db,
    sql`select 1 as one from connections
        where person_low = least(${viewer.personId}::uuid, ${personId}::uuid)
          and person_high = greatest(${viewer.personId}::uuid, ${personId}::uuid)
        limit 1`,
  );
  return found.length > 0;
}
