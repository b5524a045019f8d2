import { useState } from 'react';
import { Link } from 'wouter';
import type { PersonDetail } from '../../shared/api/directory.ts';
import { useMe } from '../accounts/use-me.ts';
import { useApi } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import './profiles.css';

const DISMISSED = 'encuentro.profile-prompt.dismissed';

/** Whether a profile says too little for people met at an event to recognise its owner. */
export const isThin = (person: PersonDetail) => !person.photo || (!person.bio.en && !person.bio.es);

/** A gentle, dismissable nudge while my profile has no photo or no bio. */
export function ProfilePrompt() {
  const { t } = useI18n();
  const { me } = useMe();
  const [dismissed, setDismissed] = useState(() => {
    try {
      return localStorage.getItem(DISMISSED) === '1';
    } catch {
      return false;
    }
  });
  const person = useApi<PersonDetail>(me?.person && !dismissed ? `/api/people/${me.person.id}` : null);
  if (dismissed || !person.data || !isThin(person.data)) return null;
  const dismiss = () => {
    try {
      localStorage.setItem(DISMISSED, '1');
    } catch {
      // Private browsing: hidden for this page only.
    }
    setDismissed(true);
  };
  return (
    <aside className="profile-prompt" aria-label={t('profiles.prompt.label')}>
      <p>{t('profiles.prompt.text')}</p>
      <Link href="/me/profile" className="button">
        {t('profiles.prompt.complete')}
      </Link>
      <button type="button" className="button button--quiet" onClick={dismiss}>
        {t('profiles.prompt.dismiss')}
      </button>
    </aside>
  );
}
