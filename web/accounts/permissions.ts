import type { Me } from './use-me.ts';

/*
 * Whether to offer an "Edit" link. These mirror the server's rules
 * (server/accounts/policy.ts) only to decide what to show: the server checks
 * every write again, whatever the page offered.
 */

export const isAdmin = (me: Me | null | undefined): boolean => me?.role === 'admin';

/** Admins; the manager or partner contact of that organisation. */
export function mayEditOrganization(me: Me | null | undefined, organizationSlug: string): boolean {
  if (!me) return false;
  if (me.role === 'admin') return true;
  return (me.role === 'manager' || me.role === 'partner') && me.organization?.slug === organizationSlug;
}

/** Kind, status and parent: the network's staff only. */
export const mayChangeStanding = isAdmin;

/** Admins; the person themself; the manager of an organisation the person belongs to. */
export function mayEditPerson(
  me: Me | null | undefined,
  person: { id: string; affiliations: { organization: { slug: string } }[] },
): boolean {
  if (!me) return false;
  if (me.role === 'admin' || me.person?.id === person.id) return true;
  return (
    me.role === 'manager' &&
    person.affiliations.some((affiliation) => affiliation.organization.slug === me.organization?.slug)
  );
}

/** Admins add anyone; a manager adds people to their own organisation. */
export const mayCreatePerson = (me: Me | null | undefined): boolean => me?.role === 'admin' || me?.role === 'manager';

/** Who is in an organisation: admins for any; its manager for their own (partner contacts keep their page only). */
export function mayManageAffiliation(me: Me | null | undefined, organizationSlug: string): boolean {
  if (!me) return false;
  if (me.role === 'admin') return true;
  return me.role === 'manager' && me.organization?.slug === organizationSlug;
}
