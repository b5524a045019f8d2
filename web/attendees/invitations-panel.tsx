import { useEffect, useState } from 'react';
import type { Attendee } from '../../shared/api/attendees.ts';
import { apiWrite, type WriteError } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

/** How often the list is read again while invitations wait in the outbox. */
const PROGRESS_EVERY_MS = 2000;

type Batch = 'new' | 'again';

/**
 * Staff: invite the attendees shown who have not joined yet — those never
 * invited, or again those who were — in one tap after a confirmation, then
 * watch the mails leave (POST /api/events/:slug/invitations; the outbox
 * sends them, and each attendee's `invitationMail` says how far it got).
 */
export function InvitationsPanel({
  slug,
  shown,
  filtered,
  onChanged,
}: {
  slug: string;
  /** The attendees the filters leave: the invitations go to these. */
  shown: Attendee[];
  filtered: boolean;
  onChanged(): void;
}) {
  const { t, language } = useI18n();
  const [asking, setAsking] = useState<Batch>();
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<string>();
  const [problem, setProblem] = useState<string>();

  const neverInvited = shown.filter((a) => a.status === 'not_invited');
  const notJoined = shown.filter((a) => a.status === 'invited');
  const mailed = shown.filter((a) => a.status !== 'joined' && a.invitationMail !== null);
  const waiting = mailed.filter((a) => a.invitationMail === 'waiting').length;
  const sent = mailed.filter((a) => a.invitationMail === 'sent').length;
  const failed = mailed.filter((a) => a.invitationMail === 'failed');

  // While mails wait in the outbox, read the list again until they are out.
  useEffect(() => {
    if (waiting === 0) return;
    const timer = setInterval(onChanged, PROGRESS_EVERY_MS);
    return () => clearInterval(timer);
  }, [waiting, onChanged]);

  const batch = asking === 'again' ? notJoined : neverInvited;
  const send = async () => {
    setSending(true);
    setProblem(undefined);
    setResult(undefined);
    try {
      const answer = await apiWrite<{ invited: number; skipped: number }>(
        'POST',
        `/api/events/${encodeURIComponent(slug)}/invitations`,
        language,
        { personIds: batch.map((a) => a.personId) },
      );
      setResult(t('attendees.invite.queued', { invited: answer.invited, skipped: answer.skipped }));
      setAsking(undefined);
      onChanged();
    } catch (error) {
      setProblem((error as WriteError).message);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="attendee-invitations" aria-labelledby="attendee-invitations-heading">
      <h2 id="attendee-invitations-heading">{t('attendees.invite.heading')}</h2>
      <p>{t(filtered ? 'attendees.invite.hintFiltered' : 'attendees.invite.hint')}</p>
      {asking ? (
        <div className="attendee-invitations__confirm">
          <p>
            <strong>{t('attendees.invite.confirm', { count: batch.length })}</strong>
          </p>
          <p className="actions">
            <button type="button" className="button" disabled={sending} onClick={() => void send()}>
              {sending ? t('attendees.invite.sending') : t('attendees.invite.send', { count: batch.length })}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setAsking(undefined)}>
              {t('attendees.invite.cancel')}
            </button>
          </p>
        </div>
      ) : (
        <p className="actions">
          <button
            type="button"
            className="button"
            disabled={neverInvited.length === 0}
            onClick={() => setAsking('new')}
          >
            {t('attendees.invite.new', { count: neverInvited.length })}
          </button>
          <button
            type="button"
            className="button button--quiet"
            disabled={notJoined.length === 0}
            onClick={() => setAsking('again')}
          >
            {t('attendees.invite.again', { count: notJoined.length })}
          </button>
        </p>
      )}
      <p role="status" className="attendee-invitations__progress">
        {result ? `${result} ` : ''}
        {waiting > 0
          ? t('attendees.invite.progress', { sent, total: sent + waiting + failed.length })
          : sent > 0 && result
            ? t('attendees.invite.done', { sent })
            : ''}
      </p>
      {failed.length > 0 ? (
        <p className="form-field__error">
          {t('attendees.invite.failed', {
            count: failed.length,
            names: failed
              .slice(0, 5)
              .map((a) => a.name)
              .join(', '),
          })}
        </p>
      ) : null}
      {problem ? (
        <p className="form-field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
