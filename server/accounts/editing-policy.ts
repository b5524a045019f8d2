import type { EditingKit, EditingPolicy } from '../directory/editing.ts';
import type { Viewer } from '../http/viewer.ts';
import { recordAudit } from './audit.ts';
import { canEditOrganization, canEditPerson, isAdmin, requireAllowed, requireRole } from './policy.ts';

/**
 * The rules of the writes, on top of policy.ts. The capabilities receive them
 * through `editingKit` (server/app.ts hands it over), since accounts depends
 * on the directory and not the reverse. The table of who may call which
 * route is tested in server/http/authorization.test.ts.
 */
export const editingPolicy: EditingPolicy = {
  requireAdmin: (viewer) => requireRole(viewer, 'admin'),

  requireCanEditOrganization: (viewer, organizationId) =>
    requireAllowed(viewer, canEditOrganization(viewer, organizationId)),

  // Kind, status and parent say where an organisation stands in the network: the network's staff decide them.
  mayChangeOrganizationStanding: (viewer) => isAdmin(viewer),

  // A manager adds people to their own association; everyone else is added by the network's staff.
  requireCanCreatePerson: (viewer) => requireRole(viewer, 'admin', 'manager'),

  requireCanEditPerson: (viewer, personId, organizationIds) =>
    requireAllowed(viewer, canEditPerson(viewer, personId, organizationIds)),

  requireCanManageAffiliation: (viewer, organizationId) =>
    requireAllowed(viewer, canManagePeopleOf(viewer, organizationId)),
};

/** Admins everywhere; a manager for their own organisation (partner contacts keep their page, not its people). */
export function canManagePeopleOf(viewer: Viewer | null, organizationId: string): boolean {
  if (!viewer) return false;
  if (viewer.role === 'admin') return true;
  return viewer.role === 'manager' && viewer.organizationId === organizationId;
}

export const editingKit: EditingKit = { policy: editingPolicy, audit: recordAudit };
