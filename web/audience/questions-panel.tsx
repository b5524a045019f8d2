import { type FormEvent, useId, useState } from 'react';
import type { Question, QuestionModeration } from '../../shared/api/audience.ts';
import { QUESTION_MAX_LENGTH } from '../../shared/api/audience.ts';
import { apiWrite, WriteError } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Room } from './use-room.ts';

/** Ask, upvote, and — for moderators — approve, hide, pin and mark answered. */
export function QuestionsPanel({ room }: { room: Room }) {
  const { t, language } = useI18n();
  const list = room.questions;
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const textId = useId();
  const problemId = useId();
  if (!list) return null;

  const ask = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    setProblem(null);
    try {
      const asked = await apiWrite<Question>('POST', `/api/sessions/${list.session.id}/questions`, language, {
        text,
        anonymous,
      });
      room.putQuestion(asked);
      setText('');
      setNotice(asked.status === 'pending' ? t('audience.questions.waiting') : t('audience.questions.sent'));
    } catch (error) {
      setProblem(error instanceof WriteError ? error.message : String(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="room__panel" aria-labelledby="room-questions">
      <h2 id="room-questions">{t('audience.questions.title')}</h2>
      {list.rights.ask ? (
        <form className="room__ask" onSubmit={ask} noValidate>
          <div className="field">
            <label htmlFor={textId}>{t('audience.questions.label')}</label>
            <textarea
              id={textId}
              value={text}
              onChange={(e) => setText(e.target.value)}
              maxLength={QUESTION_MAX_LENGTH}
              rows={3}
              required
              aria-describedby={problem ? problemId : undefined}
              aria-invalid={problem ? true : undefined}
            />
            {problem ? (
              <p id={problemId} className="field__error" role="alert">
                {problem}
              </p>
            ) : null}
          </div>
          <label className="room__check">
            <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
            {t('audience.questions.anonymous')}
          </label>
          <p className="room__hint">
            {list.questionsNeedApproval ? t('audience.questions.needApproval') : t('audience.questions.noApproval')}
          </p>
          <button type="submit" className="button" disabled={sending || text.trim().length < 3}>
            {t('audience.questions.ask')}
          </button>
          <p className="room__notice" aria-live="polite">
            {notice}
          </p>
        </form>
      ) : (
        <p className="room__hint">{t('audience.questions.whoMayAsk')}</p>
      )}
      {list.items.length === 0 ? (
        <p className="empty-state">{t('audience.questions.none')}</p>
      ) : (
        <ol className="room__questions" data-testid="room-questions">
          {list.items.map((question) => (
            <QuestionItem key={question.id} question={question} room={room} />
          ))}
        </ol>
      )}
    </section>
  );
}

function QuestionItem({ question, room }: { question: Question; room: Room }) {
  const { t, language } = useI18n();
  const rights = room.questions?.rights;
  const [problem, setProblem] = useState<string | null>(null);
  const write = async (method: 'POST' | 'PATCH', path: string, body: object) => {
    setProblem(null);
    try {
      room.putQuestion(await apiWrite<Question>(method, path, language, body));
    } catch (error) {
      setProblem(error instanceof WriteError ? error.message : String(error));
      if (error instanceof WriteError && error.status === 409) room.reload();
    }
  };
  const moderate = (change: Omit<QuestionModeration, 'version'>) =>
    write('PATCH', `/api/questions/${question.id}`, { version: question.version, ...change });
  const canVote = rights?.ask && !question.mine && question.status === 'approved';
  const who = question.author?.name ?? t('audience.questions.anonymousAuthor');
  return (
    <li className={`room-question room-question--${question.status}`} data-testid="room-question">
      <div className="room-question__main">
        <p className="room-question__text">{question.text}</p>
        <p className="room-question__meta">
          {who}
          {question.askedBy && question.anonymous
            ? ` · ${t('audience.questions.askedBy', { name: question.askedBy.name })}`
            : ''}
          {question.pinned ? <span className="badge">{t('audience.questions.pinned')}</span> : null}
          {question.answered ? <span className="badge">{t('audience.questions.answered')}</span> : null}
          {question.status !== 'approved' ? (
            <span className="badge badge--restricted">{t(`audience.questions.status.${question.status}`)}</span>
          ) : null}
        </p>
      </div>
      {canVote ? (
        <button
          type="button"
          className={`room-vote${question.voted ? ' room-vote--on' : ''}`}
          aria-pressed={question.voted}
          onClick={() => void write('POST', `/api/questions/${question.id}/votes`, { voted: !question.voted })}
        >
          <span aria-hidden="true">▲</span>
          <span className="visually-hidden">{t('audience.questions.upvote')} </span>
          <span data-testid="question-votes">{question.votes}</span>
        </button>
      ) : (
        <p className="room-vote room-vote--static">
          <span aria-hidden="true">▲</span>
          <span data-testid="question-votes" aria-hidden="true">
            {question.votes}
          </span>
          <span className="visually-hidden">{t('audience.questions.votes', { votes: question.votes })}</span>
        </p>
      )}
      {rights?.moderate ? (
        <div className="room-question__moderation">
          {question.status !== 'approved' ? (
            <button type="button" className="button" onClick={() => void moderate({ status: 'approved' })}>
              {t('audience.questions.approve')}
            </button>
          ) : null}
          {question.status !== 'hidden' ? (
            <button type="button" className="button button--quiet" onClick={() => void moderate({ status: 'hidden' })}>
              {t('audience.questions.hide')}
            </button>
          ) : null}
          <button
            type="button"
            className="button button--quiet"
            onClick={() => void moderate({ pinned: !question.pinned })}
          >
            {question.pinned ? t('audience.questions.unpin') : t('audience.questions.pin')}
          </button>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => void moderate({ answered: !question.answered })}
          >
            {question.answered ? t('audience.questions.unanswer') : t('audience.questions.markAnswered')}
          </button>
        </div>
      ) : null}
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </li>
  );
}
