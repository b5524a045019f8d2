import type { Attendee } from '../../shared/api/attendees.ts';
import type { OrganizationKind } from '../../shared/domain.ts';
import type { AttendeeListRow } from './queries.ts';

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

function organization(slug: string | null, kind: OrganizationKind | null, name: string | null, acronym: string | null) {
  return slug && kind && name ? { slug, kind, name, acronym } : null;
}

/**
 * "Joined" once the person's account has signed in; "invited" once an
 * invitation to this event went out (the attendance's `invited_at`); else
 * "not invited".
 */
export function presentAttendee(row: AttendeeListRow): Attendee {
  const lastSignInAt = iso(row.last_sign_in_at);
  const invitedAt = iso(row.invited_at);
  return {
    personId: row.person_id,
    name: row.name,
    email: row.email,
    organization: organization(row.org_slug, row.org_kind, row.org_name, row.org_acronym),
    country: row.country_code,
    delegation: organization(row.del_slug, row.del_kind, row.del_name, row.del_acronym),
    roles: { staff: row.is_staff, partner: row.is_partner, speaker: row.is_speaker },
    status: lastSignInAt ? 'joined' : invitedAt ? 'invited' : 'not_invited',
    invitedAt,
    invitationMail: row.invitation_mail,
    lastSignInAt,
  };
}

/** A line of the CSV export: the import's columns, then what the list adds. */
export function attendeeCsvLine(attendee: Attendee) {
  const roles = (['staff', 'partner', 'speaker'] as const).filter((role) => attendee.roles[role]);
  return {
    name: attendee.name,
    email: attendee.email ?? '',
    organization: attendee.organization?.slug ?? '',
    country: attendee.country ?? '',
    delegation: attendee.delegation?.slug ?? '',
    role: roles.length > 0 ? roles.join(';') : 'delegate',
    status: attendee.status,
    invited_at: attendee.invitedAt ?? '',
    last_sign_in_at: attendee.lastSignInAt ?? '',
  };
}
