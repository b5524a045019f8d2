import type { AccountRole } from '../../shared/domain.ts';
import { AppError } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';

/**
 * The rules of who may do what, in one place. Every route that needs more
 * than the public calls one of these before its service; a refusal is a 401
 * when nobody is signed in and a 403 when the signed-in account lacks the right.
 */
export function requireSignedIn(viewer: Viewer | null): Viewer {
  if (!viewer) throw new AppError('not_signed_in', 'accounts.error.not_signed_in');
  return viewer;
}

export function requireRole(viewer: Viewer | null, ...roles: AccountRole[]): Viewer {
  const signedIn = requireSignedIn(viewer);
  if (!roles.includes(signedIn.role)) throw new AppError('forbidden', 'accounts.error.forbidden');
  return signedIn;
}

export const isAdmin = (viewer: Viewer | null): boolean => viewer?.role === 'admin';

/** The news is written by editors and the network's admins; everyone else reads what they publish. */
export const canWriteNews = (viewer: Viewer | null): boolean => viewer?.role === 'editor' || viewer?.role === 'admin';

export const requireNewsWriter = (viewer: Viewer | null): Viewer => requireAllowed(viewer, canWriteNews(viewer));

/** Admins everywhere; managers and partner contacts for their own organisation. */
export function canEditOrganization(viewer: Viewer | null, organizationId: string): boolean {
  if (!viewer) return false;
  if (viewer.role === 'admin') return true;
  return (viewer.role === 'manager' || viewer.role === 'partner') && viewer.organizationId === organizationId;
}

/** Admins; the person themself; a manager of an organisation the person belongs to. */
export function canEditPerson(viewer: Viewer | null, personId: string, organizationIdsOfPerson: string[]): boolean {
  if (!viewer) return false;
  if (viewer.role === 'admin' || viewer.personId === personId) return true;
  return (
    viewer.role === 'manager' &&
    viewer.organizationId !== null &&
    organizationIdsOfPerson.includes(viewer.organizationId)
  );
}

export function requireAllowed(viewer: Viewer | null, allowed: boolean): Viewer {
  const signedIn = requireSignedIn(viewer);
  if (!allowed) throw new AppError('forbidden', 'accounts.error.forbidden');
  return signedIn;
}
