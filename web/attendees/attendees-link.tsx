import { Link } from 'wouter';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

/** "Attendees", among the event's staff links: the list, its import and the role flags (admins). */
export function AttendeesLink({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { me } = useMe();
  if (!isAdmin(me)) return null;
  return (
    <Link className="button button--quiet" href={`/events/${encodeURIComponent(slug)}/attendees`}>
      {t('attendees.link')}
    </Link>
  );
}
