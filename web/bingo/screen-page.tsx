import { useEffect, useState } from 'react';
import type { BingoGame, BingoScreen, Leaderboard } from '../../shared/api/bingo.ts';
import { useApi } from '../api.ts';
import { useLive } from '../live/use-live.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { bingoBase, useBingoText } from './bingo-i18n.ts';
import { Flag } from './flag.tsx';
import { LeaderboardTable } from './leaderboard.tsx';
import './bingo.css';

/**
 * /events/:slug/bingo/screen — for the venue's projector: large type, dark
 * and high-contrast, updated live without a reload.
 */
export function BingoScreenPage({ slug }: { slug: string }) {
  const { tb, text, language } = useBingoText();
  const game = useApi<BingoGame>(bingoBase(slug));
  const initial = useApi<BingoScreen>(`${bingoBase(slug)}/screen`);
  const [screen, setScreen] = useState<BingoScreen | undefined>(undefined);
  usePageTitle(game.data ? tb('bingo.screen.pageTitle', { title: text(game.data.title) }) : undefined);
  useEffect(() => setScreen(initial.data), [initial.data]);
  const { status } = useLive(slug, {
    screen: (data) => setScreen(data as BingoScreen),
    leaderboard: (data) =>
      setScreen((current) => (current ? { ...current, leaderboard: data as Leaderboard } : current)),
    draw: () => game.reload(),
  });

  if (game.error) return <ErrorState error={game.error} onRetry={game.reload} asPage />;
  if (!game.data || !screen) return <Loading />;
  const time = new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: game.data.event.timeZone,
  });
  return (
    // Scrolls on a small screen: focusable, so the keyboard can scroll it too.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="bingo-screen" data-live={status} tabIndex={0} aria-labelledby="screen-title">
      <header className="bingo-screen__header">
        <h1 id="screen-title">{text(game.data.title)}</h1>
        <p>
          {text(game.data.event.name)} · {tb(`bingo.status.${game.data.status}`)} ·{' '}
          {tb('bingo.screen.players', { players: screen.leaderboard.players, completed: screen.leaderboard.completed })}
        </p>
      </header>
      {screen.winners.length ? (
        <section className="bingo-screen__winners" aria-labelledby="screen-winners">
          <h2 id="screen-winners">{tb('bingo.screen.winners')}</h2>
          <ol data-testid="screen-winners">
            {screen.winners.map((winner) => (
              <li key={winner.rank}>
                <Flag code={winner.country} />
                {tb('bingo.screen.winner', {
                  name: winner.name ?? tb('bingo.board.anonymous'),
                  prize: text(winner.prize),
                })}
              </li>
            ))}
          </ol>
        </section>
      ) : screen.completions.length ? (
        <section className="bingo-screen__celebration" aria-labelledby="screen-completions" aria-live="polite">
          <h2 id="screen-completions">{tb('bingo.screen.completions')}</h2>
          <ul data-testid="screen-completions">
            {screen.completions.map((done, index) => (
              <li
                key={`${done.at}-${done.name}`}
                className={
                  index === 0 ? 'bingo-screen__completion bingo-screen__completion--newest' : 'bingo-screen__completion'
                }
              >
                <Flag code={done.country} />
                {tb('bingo.screen.completed', { name: done.name ?? tb('bingo.board.anonymous') })}{' '}
                <time dateTime={done.at}>{time.format(new Date(done.at))}</time>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="bingo-screen__panels">
        <section aria-labelledby="screen-board">
          <h2 id="screen-board">{tb('bingo.board.title')}</h2>
          <LeaderboardTable
            board={screen.leaderboard}
            caption={tb('bingo.board.caption', { players: screen.leaderboard.players })}
            className="bingo-board--screen"
          />
        </section>
        <section aria-labelledby="screen-latest">
          <h2 id="screen-latest">{tb('bingo.screen.latest')}</h2>
          {screen.latest.length ? (
            <ul className="bingo-screen__latest" data-testid="screen-latest">
              {screen.latest.map((stamp) => (
                <li key={`${stamp.at}-${stamp.name}-${text(stamp.cell)}`}>
                  <Flag code={stamp.country} />
                  {tb('bingo.screen.stamp', {
                    name: stamp.name ?? tb('bingo.board.anonymous'),
                    cell: text(stamp.cell),
                  })}{' '}
                  <time dateTime={stamp.at}>{time.format(new Date(stamp.at))}</time>
                </li>
              ))}
            </ul>
          ) : (
            <p>{tb('bingo.screen.noStamps')}</p>
          )}
        </section>
        <section aria-labelledby="screen-missing">
          <h2 id="screen-missing">{tb('bingo.screen.missing')}</h2>
          {screen.missing.length ? (
            <ul className="bingo-screen__missing" data-testid="screen-missing">
              {screen.missing.map((country) => (
                <li key={country.code}>
                  <Flag code={country.code} />
                  {text(country.name)}
                </li>
              ))}
            </ul>
          ) : (
            <p>{tb('bingo.screen.allFound')}</p>
          )}
        </section>
      </div>
    </section>
  );
}
