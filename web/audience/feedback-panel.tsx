import { useId, useState } from 'react';
import type { AudienceSettings, SessionFeedback } from '../../shared/api/audience.ts';
import { apiWrite, useApi, WriteError } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

/** One tap to rate a session I was at; staff turn feedback off, share it with the speakers, and read it. */
export function FeedbackPanel({ sessionId }: { sessionId: string }) {
  const { t, language } = useI18n();
  const loaded = useApi<SessionFeedback>(`/api/sessions/${sessionId}/feedback`);
  const [feedback, setFeedback] = useState<SessionFeedback | undefined>();
  const [comment, setComment] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const commentId = useId();
  const current = feedback ?? loaded.data;
  if (!current) return null;
  const isStaff = current.summary?.comments !== null && current.summary !== null;
  if (!current.canRate && !current.mine && !current.summary) return null;

  const send = async (method: 'PUT' | 'PATCH', body: object) => {
    setProblem(null);
    setSaved(false);
    try {
      setFeedback(await apiWrite<SessionFeedback>(method, `/api/sessions/${sessionId}/feedback`, language, body));
      setSaved(method === 'PUT');
    } catch (error) {
      setProblem(error instanceof WriteError ? error.message : String(error));
    }
  };
  const rate = (rating: number) => void send('PUT', { rating, ...(comment?.trim() ? { comment } : {}) });
  const mine = current.mine?.rating ?? 0;
  const text = comment ?? current.mine?.comment ?? '';
  return (
    <section className="room__panel" aria-labelledby="room-feedback">
      <h2 id="room-feedback">{t('audience.feedback.title')}</h2>
      {current.canRate ? (
        <>
          <fieldset className="room-rating">
            <legend>{t('audience.feedback.rate')}</legend>
            {[1, 2, 3, 4, 5].map((rating) => (
              <button
                key={rating}
                type="button"
                className={`room-rating__star${rating <= mine ? ' room-rating__star--on' : ''}`}
                aria-pressed={rating === mine}
                aria-label={t('audience.feedback.stars', { rating })}
                onClick={() => rate(rating)}
              >
                <span aria-hidden="true">★</span>
              </button>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={commentId}>{t('audience.feedback.comment')}</label>
            <textarea
              id={commentId}
              rows={2}
              maxLength={1000}
              value={text}
              onChange={(e) => setComment(e.target.value)}
            />
          </div>
          <button type="button" className="button button--quiet" disabled={mine === 0} onClick={() => rate(mine)}>
            {t('audience.feedback.saveComment')}
          </button>
          <p className="room__notice" aria-live="polite">
            {saved ? t('audience.feedback.thanks') : ''}
          </p>
        </>
      ) : current.open ? null : (
        <p className="room__hint">{t('audience.feedback.closed')}</p>
      )}
      {current.summary ? (
        <div className="room-summary" data-testid="feedback-summary">
          <p>
            {current.summary.average === null
              ? t('audience.feedback.noneYet')
              : t('audience.feedback.average', { average: current.summary.average, count: current.summary.count })}
          </p>
          <ul className="room-summary__ratings">
            {current.summary.ratings.map((count, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one row per rating, 1 to 5
              <li key={i}>{t('audience.feedback.ratingCount', { rating: i + 1, count })}</li>
            ))}
          </ul>
          {current.summary.comments?.length ? (
            <ul className="room-summary__comments">
              {current.summary.comments.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: comments carry no id (nor a name)
                <li key={i}>{c}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {isStaff ? (
        <div className="room-question__moderation">
          <button
            type="button"
            className="button button--quiet"
            aria-pressed={!current.open}
            onClick={() => void send('PATCH', { version: current.version, open: !current.open })}
          >
            {current.open ? t('audience.feedback.turnOff') : t('audience.feedback.turnOn')}
          </button>
          <button
            type="button"
            className="button button--quiet"
            aria-pressed={current.shared}
            onClick={() => void send('PATCH', { version: current.version, shared: !current.shared })}
          >
            {current.shared ? t('audience.feedback.unshare') : t('audience.feedback.share')}
          </button>
        </div>
      ) : null}
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}

/** Staff: whether the event's questions wait for approval. */
export function ApprovalSetting({ slug }: { slug: string }) {
  const { t, language } = useI18n();
  const loaded = useApi<AudienceSettings>(`/api/events/${slug}/audience`);
  const [settings, setSettings] = useState<AudienceSettings | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const current = settings ?? loaded.data;
  if (!current) return null;
  const toggle = async () => {
    try {
      setSettings(
        await apiWrite<AudienceSettings>('PATCH', `/api/events/${slug}/audience`, language, {
          version: current.version,
          questionsNeedApproval: !current.questionsNeedApproval,
        }),
      );
    } catch (error) {
      setProblem(error instanceof WriteError ? error.message : String(error));
    }
  };
  return (
    <p className="room__hint">
      <label className="room__check">
        <input type="checkbox" checked={current.questionsNeedApproval} onChange={() => void toggle()} />
        {t('audience.settings.needApproval')}
      </label>
      {problem ? <span role="alert">{problem}</span> : null}
    </p>
  );
}
