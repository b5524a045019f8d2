import { useState } from 'react';
import { apiWrite } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { mayEditPerson } from './permissions.ts';
import { describeProblem } from './problems.ts';
import { useMe } from './use-me.ts';

/**
 * "Invite to sign in" on a person's page, for admins and the managers of the
 * person's organisation: gives them an account if they have none and mails
 * them a link that signs them in once (POST /api/people/:id/invitation);
 * sending again replaces the link, and it can be withdrawn.
 */
export function InvitationPanel({
  person,
}: {
  person: { id: string; name: string; affiliations: { organization: { slug: string } }[] };
}) {
  const { t, language } = useI18n();
  const { me } = useMe();
  const [status, setStatus] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  if (!me || me.person?.id === person.id || !mayEditPerson(me, person)) return null;
  const path = `/api/people/${encodeURIComponent(person.id)}/invitation`;

  async function act(method: 'POST' | 'DELETE') {
    setBusy(true);
    setProblem(null);
    try {
      if (method === 'POST') {
        const invitation = await apiWrite<{ email: string }>('POST', path, language);
        setStatus(t('accounts.invite.sent', { name: person.name, email: invitation.email }));
        setSent(true);
      } else {
        await apiWrite('DELETE', path, language);
        setStatus(t('accounts.invite.withdrawn', { name: person.name }));
        setSent(false);
      }
    } catch (error) {
      setProblem(describeProblem(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="invitation-panel" aria-label={t('accounts.invite.heading')}>
      <button type="button" className="button button--quiet" disabled={busy} onClick={() => act('POST')}>
        {sent ? t('accounts.invite.resend') : t('accounts.invite.send')}
      </button>
      {sent ? (
        <button type="button" className="button button--quiet" disabled={busy} onClick={() => act('DELETE')}>
          {t('accounts.invite.withdraw')}
        </button>
      ) : null}
      <p role="status" className="muted">
        {status}
      </p>
      {problem ? (
        <p role="alert" className="field__error">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
