import type { AccountRole } from '../../shared/domain.ts';
import { AppError } from '../errors.ts';
import type { Viewer } from '../http/viewer.ts';

/**
 * The rules of who may do what, in one place. Every route that needs more
 * than the public calls one of these before its service; a refusal is a 401
 * when nobody is signed in and a 403 when the signed-in account lacks the right.
 *
 * The rules that concern a person are decided on facts about that person the
 * caller reads first (`PersonStanding`): which organisations they belong to,
 * and whether they have an account of their own. Reading happens in the
 * capability; deciding happens here.
 *
 * Every capability imports this file directly, the directory included. It
 * imports only the infrastructure (errors, the viewer), never a capability,
 * so it stands below them all although it sits in the accounts folder
 * (scripts/check-cycles.mjs treats it as a module of its own).
 */

/**
 * What the rules need to know about a person: the organisations they belong
 * to, and the role of their own account if they have one. The directory reads
 * it (`selectPersonStanding` in server/directory/queries.ts).
 */
export interface PersonStanding {
  id: string;
  organizationIds: string[];
  accountRole: AccountRole | null;
}

export function requireSignedIn(viewer: Viewer | null): Viewer {
  if (!viewer) throw new AppError('not_signed_in', 'accounts.error.not_signed_in');
  return viewer;
}

export function requireRole(viewer: Viewer | null, ...roles: AccountRole[]): Viewer {
  const signedIn = requireSignedIn(viewer);
  if (!roles.includes(signedIn.role)) throw new AppError('forbidden', 'accounts.error.forbidden');
  return signedIn;
}

export function requireAllowed(viewer: Viewer | null, allowed: boolean): Viewer {
  const signedIn = requireSignedIn(viewer);
  if (!allowed) throw new AppError('forbidden', 'accounts.error.forbidden');
  return signedIn;
}

export const isAdmin = (viewer: Viewer | null): boolean => viewer?.role === 'admin';

/** The news is written by editors and the network's admins; everyone else reads what they publish. */
export const canWriteNews = (viewer: Viewer | null): boolean => viewer?.role === 'editor' || viewer?.role === 'admin';

export const requireNewsWriter = (viewer: Viewer | null): Viewer => requireAllowed(viewer, canWriteNews(viewer));

/** The network's staff: events, venues, sessions, working groups, building programmes, deletions in the directory. */
export const requireAdmin = (viewer: Viewer | null): Viewer => requireRole(viewer, 'admin');

// --- Organisations and their people ------------------------------------------

/** Admins everywhere; managers and partner contacts for their own organisation. */
export function canEditOrganization(viewer: Viewer | null, organizationId: string): boolean {
  if (!viewer) return false;
  if (viewer.role === 'admin') return true;
  return (viewer.role === 'manager' || viewer.role === 'partner') && viewer.organizationId === organizationId;
}

export const requireCanEditOrganization = (viewer: Viewer | null, organizationId: string): Viewer =>
  requireAllowed(viewer, canEditOrganization(viewer, organizationId));

/** Kind, status and parent say where an organisation stands in the network: the network's staff decide them. */
export const mayChangeOrganizationStanding = (viewer: Viewer): boolean => isAdmin(viewer);

/** A manager adds people to their own association; everyone else is added by the network's staff. */
export const requireCanCreatePerson = (viewer: Viewer | null): Viewer => requireRole(viewer, 'admin', 'manager');

/** Who is in an organisation: admins for any; its manager for their own (partner contacts keep their page, not its people). */
export function canManagePeopleOf(viewer: Viewer | null, organizationId: string): boolean {
  if (!viewer) return false;
  if (viewer.role === 'admin') return true;
  return viewer.role === 'manager' && viewer.organizationId === organizationId;
}

/**
 * A manager looks after the people of their own organisation, and nobody
 * else: the person must belong to it. The network's admins are never a
 * manager's to look after, whatever they belong to — their person is the way
 * into their account's name, e-mail and contacts.
 */
function managesPerson(viewer: Viewer, person: PersonStanding): boolean {
  return (
    viewer.role === 'manager' &&
    viewer.organizationId !== null &&
    person.organizationIds.includes(viewer.organizationId) &&
    person.accountRole !== 'admin'
  );
}

/** Admins; the person themself; a manager of an organisation the person belongs to (not for an admin's person). */
export function canEditPerson(viewer: Viewer | null, person: PersonStanding): boolean {
  if (!viewer) return false;
  if (viewer.role === 'admin' || viewer.personId === person.id) return true;
  return managesPerson(viewer, person);
}

export const requireCanManageAffiliation = (viewer: Viewer | null, organizationId: string): Viewer =>
  requireAllowed(viewer, canManagePeopleOf(viewer, organizationId));

export const requireCanEditPerson = (viewer: Viewer | null, person: PersonStanding): Viewer =>
  requireAllowed(viewer, canEditPerson(viewer, person));

/**
 * Giving a person of the directory an account and sending their invitation
 * (or withdrawing it): admins, and a manager for their own organisation's
 * people (never an admin's person). It changes nothing else about them.
 */
export function canInvitePerson(viewer: Viewer | null, person: PersonStanding): boolean {
  if (!viewer) return false;
  return viewer.role === 'admin' || managesPerson(viewer, person);
}

/**
 * May this affiliation be made without asking the person? Always for admins
 * and for the person themself. A manager brings into their organisation, on
 * their word alone, only someone who belongs nowhere else and has no account
 * (typically a person they have just added); anyone else is asked first
 * (an affiliation request, accepted from their account or by an admin),
 * since belonging to an organisation gives its manager the person's private
 * fields and the right to edit them.
 */
export function canAffiliateWithoutConsent(
  viewer: Viewer | null,
  organizationId: string,
  person: PersonStanding,
): boolean {
  if (!viewer || !canManagePeopleOf(viewer, organizationId)) return false;
  if (viewer.role === 'admin' || viewer.personId === person.id) return true;
  return person.accountRole === null && person.organizationIds.every((id) => id === organizationId);
}

/** Asking a person to join: whoever could add people to that organisation. */
export const canAskToAffiliate = canManagePeopleOf;

/** Answering a request to join: the person it asks, or an admin (for people without an account). */
export function canAnswerAffiliationRequest(viewer: Viewer | null, request: { personId: string }): boolean {
  if (!viewer) return false;
  return viewer.role === 'admin' || (viewer.personId !== null && viewer.personId === request.personId);
}

// --- Delegations ------------------------------------------------------------

/** Admins everywhere; an association's manager for their own organisation's delegation. */
export function canManageDelegationOf(viewer: Viewer | null, organizationId: string): boolean {
  if (!viewer) return false;
  return viewer.role === 'admin' || (viewer.role === 'manager' && viewer.organizationId === organizationId);
}

/**
 * Who a delegation's manager may put in it (as a member or its leader): their
 * own organisation's people (see managesPerson), or themself, and never
 * someone who travels with another delegation to the event — that would move
 * their attendance and show their badge code. Admins may put anyone anywhere.
 */
export function canAddToDelegation(
  viewer: Viewer | null,
  delegation: { id: string; organizationId: string },
  person: PersonStanding & { travelsWithDelegationId: string | null },
): boolean {
  if (!viewer || !canManageDelegationOf(viewer, delegation.organizationId)) return false;
  if (viewer.role === 'admin') return true;
  if (person.travelsWithDelegationId !== null && person.travelsWithDelegationId !== delegation.id) return false;
  return viewer.personId === person.id || managesPerson(viewer, person);
}

// --- Working groups ----------------------------------------------------------

/**
 * Writing a meeting's record (agenda, minutes, decisions, action items):
 * admins, and the managers of the group's own organisations — they sit at the
 * table and often keep the minutes. Partner contacts and delegates read only.
 */
export function canEditMeetingsOf(viewer: Viewer | null, organizationIdsOfGroup: string[]): boolean {
  if (!viewer) return false;
  if (viewer.role === 'admin') return true;
  return (
    viewer.role === 'manager' &&
    viewer.organizationId !== null &&
    organizationIdsOfGroup.includes(viewer.organizationId)
  );
}

// --- Attendee lists and roles ---------------------------------------------------

/**
 * An event's attendee list — seeing it with everyone's e-mail and status,
 * importing into it, marking staff, partners and speakers — is the network
 * staff's work: admins. Managers have no part in it, not even for their own
 * organisation's rows: an import matches names against the whole directory
 * and creates people, affiliations and delegations across organisations, and
 * a manager already brings their own people in through their delegation
 * (canAddToDelegation), under the consent rules of decision 0023.
 */
export const canManageAttendees = (viewer: Viewer | null): boolean => viewer?.role === 'admin';

/** Making someone an admin, editor, manager or partner contact, and taking it back: admins only. */
export const canChangeRoles = (viewer: Viewer | null): boolean => viewer?.role === 'admin';

/** Announcements to an event's attendees: staff (admins) write them, see their audiences and read counts. */
export const canAnnounce = (viewer: Viewer | null): boolean => viewer?.role === 'admin';
// --- The room of a session: questions, polls, feedback -------------------------------

/** What the rules of a session's room need to know about the session and the viewer's person. */
export interface RoomStanding {
  visibility: 'public' | 'members' | 'delegates';
  /** The viewer's person attends the session's event. */
  attending: boolean;
  /** The viewer's person is a moderator of the session (a speaker with that part). */
  moderatorHere: boolean;
  /** The viewer's person speaks in the session, in any part. */
  speakerHere: boolean;
  /** The viewer's person was at the session: a confirmed seat, a check-in, or their delegation assigned to it. */
  attended: boolean;
  feedbackShared: boolean;
}

/** A room is seen by whoever sees its session: public ones by all, members' by accounts, delegates' by attendees and admins. */
export function canSeeRoom(viewer: Viewer | null, room: RoomStanding): boolean {
  if (room.visibility === 'public') return true;
  if (!viewer) return false;
  if (room.visibility === 'members') return true;
  return viewer.role === 'admin' || room.attending;
}

/** Approving, hiding, pinning, answering questions and running polls: the network's staff and the session's moderators. */
export const canModerateRoom = (viewer: Viewer | null, room: RoomStanding): boolean =>
  viewer !== null && (viewer.role === 'admin' || room.moderatorHere);

/** Asking and upvoting take a person (questions carry a name) who attends the event, or moderates the room. */
export const canAskInRoom = (viewer: Viewer | null, room: RoomStanding): boolean =>
  viewer?.personId != null && canSeeRoom(viewer, room) && (room.attending || canModerateRoom(viewer, room));

/** Rating a session: only people who were at it. */
export const canRateSession = (viewer: Viewer | null, room: RoomStanding): boolean =>
  viewer?.personId != null && room.attended;

/** A session's ratings: staff always; its speakers once staff shared them; never who gave which. */
export const canSeeFeedbackSummary = (viewer: Viewer | null, room: RoomStanding): boolean =>
  viewer !== null && (viewer.role === 'admin' || (room.speakerHere && room.feedbackShared));

/** The wider comments of a session stay with the network's staff. */
export const canReadFeedbackComments = (viewer: Viewer | null): boolean => viewer?.role === 'admin';
// --- One-to-one meetings -------------------------------------------------------

/** A meeting is answered, moved, cancelled and confirmed only by its two people; staff schedule, they do not answer. */
export const canAnswerMeeting = (viewer: Viewer | null, meeting: { requesterId: string; inviteeId: string }): boolean =>
  Boolean(viewer?.personId) && (viewer?.personId === meeting.requesterId || viewer?.personId === meeting.inviteeId);
