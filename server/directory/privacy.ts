import type { ContactVisibility } from '../../shared/domain.ts';
import type { Viewer } from '../http/viewer.ts';

/**
 * Who may see a contact field of a person, by the visibility its owner chose:
 * - public: everyone;
 * - members: anyone signed in to the network;
 * - connections: people they connected with at an event (none are recorded
 *   yet, so only those who may always see it);
 * - private (the default): only the person themself, the network's admins
 *   and the managers of an organisation the person belongs to.
 */
export function contactVisibilityFor(
  viewer: Viewer | null,
  person: { id: string; organizationIds: string[] },
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
    return keeper;
  };
}
