import { STAGE_QUESTIONS } from '../../shared/api/audience.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { PollResults } from './poll-results.tsx';
import { useRoom } from './use-room.ts';
import './audience.css';

/**
 * /events/:slug/sessions/:id/stage — for the room's projector: the top
 * questions and the poll whose results are shown, in large type, light on
 * dark, updated live without a reload. No controls: moderators work from
 * their phones (the room page).
 */
export function StagePage({ slug, sessionId }: { slug: string; sessionId: string }) {
  const { t, text } = useI18n();
  const room = useRoom(slug, sessionId);
  const session = room.questions?.session;
  usePageTitle(session ? t('audience.stage.pageTitle', { title: text(session.title) }) : undefined);
  if (room.error && !room.questions) return <ErrorState error={room.error} onRetry={room.reload} asPage />;
  if (!room.questions || !session) return <Loading />;
  const top = room.questions.items.filter((q) => q.status === 'approved' && !q.answered).slice(0, STAGE_QUESTIONS);
  const poll = room.polls?.find((p) => p.resultsShown) ?? room.polls?.find((p) => p.status === 'open');
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="stage" data-live={room.live} tabIndex={0} aria-labelledby="stage-title">
      <header className="stage__header">
        <h1 id="stage-title">{text(session.title)}</h1>
        <p>{t('audience.stage.howToAsk')}</p>
      </header>
      <div className={`stage__panels${poll ? ' stage__panels--two' : ''}`}>
        <section aria-labelledby="stage-questions">
          <h2 id="stage-questions">{t('audience.stage.questions')}</h2>
          {top.length === 0 ? (
            <p>{t('audience.stage.noQuestions')}</p>
          ) : (
            <ol className="stage__questions" data-testid="stage-questions">
              {top.map((question) => (
                <li key={question.id} className={question.pinned ? 'stage__question--pinned' : undefined}>
                  <p className="stage__text">{question.text}</p>
                  <p className="stage__meta">
                    <span className="stage__votes">{t('audience.stage.votes', { votes: question.votes })}</span>
                    {' · '}
                    {question.author?.name ?? t('audience.questions.anonymousAuthor')}
                    {question.pinned ? ` · ${t('audience.questions.pinned')}` : ''}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </section>
        {poll ? (
          <section aria-labelledby="stage-poll" data-testid="stage-poll">
            <h2 id="stage-poll">{text(poll.question)}</h2>
            {poll.resultsShown ? (
              <PollResults poll={poll} large />
            ) : (
              <p>{t('audience.stage.pollOpen', { voters: poll.voters })}</p>
            )}
          </section>
        ) : null}
      </div>
    </section>
  );
}
