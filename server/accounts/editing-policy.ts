import type { EditingKit, EditingPolicy } from '../directory/editing.ts';
import { recordAudit } from './audit.ts';
import {
  canAffiliateWithoutConsent,
  canEditOrganization,
  canEditPerson,
  canManagePeopleOf,
  isAdmin,
  requireAllowed,
  requireRole,
} from './policy.ts';

/**
 * The rules of policy.ts, bound for the capabilities that accounts builds
 * on (the directory and those beside it), which receive them through
 * `editingKit` from server/app.ts. No rule is decided here. The table of who
 * may call which route is tested in server/http/authorization.test.ts.
 */
export const editingPolicy: EditingPolicy = {
  requireAdmin: (viewer) => requireRole(viewer, 'admin'),

  requireCanEditOrganization: (viewer, organizationId) =>
    requireAllowed(viewer, canEditOrganization(viewer, organizationId)),

  // Kind, status and parent say where an organisation stands in the network: the network's staff decide them.
  mayChangeOrganizationStanding: (viewer) => isAdmin(viewer),

  // A manager adds people to their own association; everyone else is added by the network's staff.
  requireCanCreatePerson: (viewer) => requireRole(viewer, 'admin', 'manager'),

  requireCanEditPerson: (viewer, person) => requireAllowed(viewer, canEditPerson(viewer, person)),

  requireCanManageAffiliation: (viewer, organizationId) =>
    requireAllowed(viewer, canManagePeopleOf(viewer, organizationId)),

  mayAffiliateWithoutConsent: canAffiliateWithoutConsent,
};

export const editingKit: EditingKit = { policy: editingPolicy, audit: recordAudit };
