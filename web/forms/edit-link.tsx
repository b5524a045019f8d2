import { Link } from 'wouter';
import { isAdmin, mayCreatePerson, mayEditOrganization, mayEditPerson } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import './forms.css';

function EditLink({ href, name }: { href: string; name: string }) {
  const { t } = useI18n();
  return (
    <Link href={href} className="button button--quiet edit-link" aria-label={t('editing.editNamed', { name })}>
      <PencilIcon />
      {t('editing.edit')}
    </Link>
  );
}

/** Shown only to those who may edit the organisation (admins; its manager and partner contact). */
export function EditOrganizationLink({ organization }: { organization: { slug: string; name: string } }) {
  const { me } = useMe();
  if (!mayEditOrganization(me, organization.slug)) return null;
  return <EditLink href={`/organizations/${encodeURIComponent(organization.slug)}/edit`} name={organization.name} />;
}

/** Shown only to those who may edit the person (admins; the person; managers of their organisations). */
export function EditPersonLink({
  person,
}: {
  person: { id: string; name: string; affiliations: { organization: { slug: string } }[] };
}) {
  const { me } = useMe();
  if (!mayEditPerson(me, person)) return null;
  return <EditLink href={`/people/${encodeURIComponent(person.id)}/edit`} name={person.name} />;
}

const ADDING = {
  organization: { href: '/organizations/new', label: 'editing.organization.add', allowed: isAdmin },
  person: { href: '/people/new', label: 'editing.person.add', allowed: mayCreatePerson },
  event: { href: '/events/new', label: 'editing.event.add', allowed: isAdmin },
} as const;

/** On a list (organisations, people, events): the button to the form that adds one, for those who may. */
export function AddLink({ what }: { what: keyof typeof ADDING }) {
  const { t } = useI18n();
  const { me } = useMe();
  const { href, label, allowed } = ADDING[what];
  if (!allowed(me)) return null;
  return (
    <p className="actions">
      <Link href={href} className="button">
        <PlusIcon />
        {t(label)}
      </Link>
    </p>
  );
}

/** On an event page, beside "New session": where admins add and change venues and their stages. */
export function VenuesLink() {
  const { t } = useI18n();
  const { me } = useMe();
  if (!isAdmin(me)) return null;
  return (
    <Link href="/venues" className="button button--quiet">
      {t('editing.venue.manage')}
    </Link>
  );
}

function PlusIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6V5Z" />
    </svg>
  );
}

function PencilIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M4 17.25V20h2.75l8.1-8.1-2.75-2.75L4 17.25Zm12.95-7.7 1.8-1.8a1 1 0 0 0 0-1.41l-1.09-1.09a1 1 0 0 0-1.41 0l-1.8 1.8 2.5 2.5Z"
      />
    </svg>
  );
}
