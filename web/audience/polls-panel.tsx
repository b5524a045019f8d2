import { type FormEvent, useId, useState } from 'react';
import { POLL_MAX_OPTIONS, type Poll, type PollKind, type PollRequest } from '../../shared/api/audience.ts';
import { apiWrite, WriteError } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { PollResults } from './poll-results.tsx';
import type { Room } from './use-room.ts';

/** The session's polls: vote from the phone; moderators open, close and show results. */
export function PollsPanel({ room }: { room: Room }) {
  const { t } = useI18n();
  const rights = room.questions?.rights;
  if (!room.polls || !rights) return null;
  if (room.polls.length === 0 && !rights.moderate) return null;
  return (
    <section className="room__panel" aria-labelledby="room-polls">
      <h2 id="room-polls">{t('audience.polls.title')}</h2>
      {room.polls.length === 0 ? <p className="empty-state">{t('audience.polls.none')}</p> : null}
      {room.polls.map((poll) => (
        <PollCard key={poll.id} poll={poll} room={room} />
      ))}
      {rights.moderate && room.questions ? <NewPollForm sessionId={room.questions.session.id} room={room} /> : null}
    </section>
  );
}

function PollCard({ poll, room }: { poll: Poll; room: Room }) {
  const { t, text, language } = useI18n();
  const rights = room.questions?.rights;
  const [choice, setChoice] = useState<string[]>(poll.myChoice);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const titleId = useId();
  const write = async (method: 'POST' | 'PATCH', path: string, body: object) => {
    setProblem(null);
    try {
      const answer = await apiWrite<Poll>(method, path, language, body);
      room.putPoll(answer);
      return answer;
    } catch (error) {
      setProblem(error instanceof WriteError ? error.message : String(error));
      if (error instanceof WriteError && error.status === 409) room.reload();
      return undefined;
    }
  };
  const vote = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (await write('POST', `/api/polls/${poll.id}/votes`, { options: choice })) setSaved(true);
  };
  const change = (body: object) => void write('PATCH', `/api/polls/${poll.id}`, { version: poll.version, ...body });
  const open = poll.status === 'open';
  const canVote = open && rights?.ask;
  const results = poll.options.every((option) => option.votes !== null);
  return (
    <article className="room-poll" aria-labelledby={titleId} data-testid="room-poll">
      <h3 id={titleId}>{text(poll.question)}</h3>
      <p className="room__hint">
        {t(open ? 'audience.polls.open' : 'audience.polls.closed')} ·{' '}
        {t('audience.polls.voters', { voters: poll.voters })}
        {poll.kind === 'multiple' ? ` · ${t('audience.polls.multiple')}` : ''}
      </p>
      {canVote ? (
        <form onSubmit={vote} className="room-poll__form">
          <fieldset>
            <legend className="visually-hidden">{text(poll.question)}</legend>
            {poll.options.map((option) => (
              <label key={option.id} className="room-poll__option">
                <input
                  type={poll.kind === 'single' ? 'radio' : 'checkbox'}
                  name={`poll-${poll.id}`}
                  checked={choice.includes(option.id)}
                  onChange={(e) =>
                    setChoice((current) =>
                      poll.kind === 'single'
                        ? [option.id]
                        : e.target.checked
                          ? [...current, option.id]
                          : current.filter((id) => id !== option.id),
                    )
                  }
                />
                {text(option.label)}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button" disabled={choice.length === 0}>
            {poll.myChoice.length > 0 ? t('audience.polls.change') : t('audience.polls.vote')}
          </button>
          <p className="room__notice" aria-live="polite">
            {saved ? t('audience.polls.saved') : ''}
          </p>
        </form>
      ) : null}
      {results ? <PollResults poll={poll} /> : null}
      {rights?.moderate ? (
        <div className="room-question__moderation">
          <button
            type="button"
            className="button button--quiet"
            onClick={() => change({ status: open ? 'closed' : 'open' })}
          >
            {open ? t('audience.polls.close') : t('audience.polls.reopen')}
          </button>
          <button
            type="button"
            className="button button--quiet"
            aria-pressed={poll.resultsShown}
            onClick={() => change({ resultsShown: !poll.resultsShown })}
          >
            {poll.resultsShown ? t('audience.polls.hideResults') : t('audience.polls.showResults')}
          </button>
        </div>
      ) : null}
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </article>
  );
}

const emptyOption = () => ({ en: '', es: '' });

function NewPollForm({ sessionId, room }: { sessionId: string; room: Room }) {
  const { t, language } = useI18n();
  const [kind, setKind] = useState<PollKind>('single');
  const [question, setQuestion] = useState({ en: '', es: '' });
  const [options, setOptions] = useState([emptyOption(), emptyOption()]);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const body: PollRequest = {
      kind,
      question: { en: question.en, ...(question.es.trim() ? { es: question.es } : {}) },
      options: options.map((o) => ({ en: o.en, ...(o.es.trim() ? { es: o.es } : {}) })),
    };
    try {
      await apiWrite<Poll>('POST', `/api/sessions/${sessionId}/polls`, language, body);
      setQuestion({ en: '', es: '' });
      setOptions([emptyOption(), emptyOption()]);
      room.reload();
    } catch (error) {
      setProblem(error instanceof WriteError ? error.message : String(error));
    }
  };
  return (
    <details className="room-poll room-poll--new">
      <summary>{t('audience.polls.new')}</summary>
      <form onSubmit={submit} noValidate>
        <fieldset className="room__kind">
          <legend>{t('audience.polls.kind')}</legend>
          {(['single', 'multiple'] as const).map((value) => (
            <label key={value} className="room__check">
              <input type="radio" name={`${id}-kind`} checked={kind === value} onChange={() => setKind(value)} />
              {t(`audience.polls.kind.${value}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-q-en`}>{t('audience.polls.questionEn')}</label>
          <input
            id={`${id}-q-en`}
            type="text"
            value={question.en}
            maxLength={200}
            onChange={(e) => setQuestion({ ...question, en: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-q-es`}>{t('audience.polls.questionEs')}</label>
          <input
            id={`${id}-q-es`}
            type="text"
            lang="es"
            value={question.es}
            maxLength={200}
            onChange={(e) => setQuestion({ ...question, es: e.target.value })}
          />
        </div>
        {options.map((option, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: options are edited in place, by position
          <fieldset key={i} className="room__option">
            <legend>{t('audience.polls.option', { n: i + 1 })}</legend>
            <div className="field">
              <label htmlFor={`${id}-o${i}-en`}>{t('audience.polls.optionEn')}</label>
              <input
                id={`${id}-o${i}-en`}
                type="text"
                value={option.en}
                maxLength={100}
                onChange={(e) => setOptions(options.map((o, j) => (j === i ? { ...o, en: e.target.value } : o)))}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-o${i}-es`}>{t('audience.polls.optionEs')}</label>
              <input
                id={`${id}-o${i}-es`}
                type="text"
                lang="es"
                value={option.es}
                maxLength={100}
                onChange={(e) => setOptions(options.map((o, j) => (j === i ? { ...o, es: e.target.value } : o)))}
              />
            </div>
          </fieldset>
        ))}
        <div className="room-question__moderation">
          {options.length < POLL_MAX_OPTIONS ? (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setOptions([...options, emptyOption()])}
            >
              {t('audience.polls.addOption')}
            </button>
          ) : null}
          {options.length > 2 ? (
            <button type="button" className="button button--quiet" onClick={() => setOptions(options.slice(0, -1))}>
              {t('audience.polls.removeOption')}
            </button>
          ) : null}
          <button type="submit" className="button">
            {t('audience.polls.openPoll')}
          </button>
        </div>
        {problem ? (
          <p className="field__error" role="alert">
            {problem}
          </p>
        ) : null}
      </form>
    </details>
  );
}
