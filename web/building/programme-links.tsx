import { Link } from 'wouter';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import '../forms/forms.css';

/*
 * The way into the programme forms, shown to the network's staff only: the
 * server refuses anyone else's write whatever the page offers.
 */

/** On the overview: start a programme for another country. */
export function AddProgrammeLink() {
  const { t } = useI18n();
  const { me } = useMe();
  if (!isAdmin(me)) return null;
  return (
    <p className="actions">
      <Link href="/building-programmes/new" className="button">
        {t('building.add')}
      </Link>
    </p>
  );
}

/** On a timeline: change the programme, its promoters and its milestones. */
export function EditProgrammeLink({ slug, country }: { slug: string; country: string }) {
  const { t } = useI18n();
  const { me } = useMe();
  if (!isAdmin(me)) return null;
  return (
    <Link
      href={`/building-programmes/${encodeURIComponent(slug)}/edit`}
      className="button button--quiet edit-link"
      aria-label={t('building.editNamed', { country })}
    >
      {t('editing.edit')}
    </Link>
  );
}
