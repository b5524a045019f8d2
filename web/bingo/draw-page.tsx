import { Link } from 'wouter';
import type { BingoDraw, BingoGame } from '../../shared/api/bingo.ts';
import { useApi } from '../api.ts';
import { useLive } from '../live/use-live.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { bingoBase, useBingoText } from './bingo-i18n.ts';
import './bingo.css';

/** /events/:slug/bingo/draw — the published draw: the frozen list, the hash, the seed once revealed, the winners. */
export function BingoDrawPage({ slug }: { slug: string }) {
  const { tb, text } = useBingoText();
  const game = useApi<BingoGame>(bingoBase(slug));
  const draw = useApi<BingoDraw>(`${bingoBase(slug)}/draw`);
  useLive(slug, { draw: () => draw.reload(), resync: () => draw.reload() });
  usePageTitle(tb('bingo.draw.title'));

  if (game.error) return <ErrorState error={game.error} onRetry={game.reload} asPage />;
  if (draw.error) return <ErrorState error={draw.error} onRetry={draw.reload} asPage />;
  if (!game.data || !draw.data) return <Loading />;
  const d = draw.data;
  const names = new Map(d.eligible.map((p) => [p.personId, p.name]));
  const prizeNames = new Map(d.prizes.map((p) => [p.prizeId, text(p.description)]));
  return (
    <article className="bingo">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={`/events/${slug}/bingo`}>{text(game.data.title)}</Link>
        </p>
        <h1>{tb('bingo.draw.title')}</h1>
        <p className="page-header__subtitle" data-testid="draw-state">
          {tb(`bingo.draw.state.${d.state}`)}
        </p>
      </header>

      {d.state === 'none' ? null : (
        <>
          <section className="bingo-section" aria-labelledby="draw-commit">
            <h2 id="draw-commit">{tb('bingo.draw.commitment')}</h2>
            <dl className="bingo-facts">
              <dt>{tb('bingo.draw.hash')}</dt>
              <dd>
                <code className="bingo-code">{d.seedHash}</code>
              </dd>
              <dt>{tb('bingo.draw.seed')}</dt>
              <dd>{d.seed ? <code className="bingo-code">{d.seed}</code> : tb('bingo.draw.seedSecret')}</dd>
              <dt>{tb('bingo.draw.algorithm')}</dt>
              <dd>
                <code>{d.algorithm}</code>
              </dd>
            </dl>
          </section>

          {d.state === 'revealed' ? (
            <section className="bingo-section" aria-labelledby="draw-winners">
              <h2 id="draw-winners">{tb('bingo.draw.winners')}</h2>
              <ol className="bingo-winners">
                {d.winners.map((w) => (
                  <li key={w.personId}>
                    <strong>{w.name}</strong> — {prizeNames.get(w.prizeId)}{' '}
                    <span className="bingo-muted">{tb('bingo.draw.rank', { rank: w.rank })}</span>
                  </li>
                ))}
              </ol>
              {d.skips.length ? (
                <>
                  <h3>{tb('bingo.draw.skips')}</h3>
                  <ul>
                    {d.skips.map((s) => (
                      <li key={s.personId}>
                        {s.name} — {s.reason}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
          ) : null}

          <section className="bingo-section" aria-labelledby="draw-eligible">
            <h2 id="draw-eligible">{tb('bingo.draw.eligible', { count: d.eligible.length })}</h2>
            <ol className="bingo-eligible">
              {d.eligible.map((p) => (
                <li key={p.personId}>
                  {names.get(p.personId)} <code className="bingo-muted">{p.personId}</code>
                </li>
              ))}
            </ol>
          </section>
        </>
      )}

      <VerifyHowTo slug={slug} />
    </article>
  );
}

/** How anyone recomputes the winners; shown on the public page and to staff. */
export function VerifyHowTo({ slug }: { slug: string }) {
  const { tb } = useBingoText();
  const url = `${window.location.origin}/api/events/${slug}/bingo/draw`;
  return (
    <section className="bingo-section" aria-labelledby="draw-verify">
      <h2 id="draw-verify">{tb('bingo.draw.howTo')}</h2>
      <ol>
        <li>{tb('bingo.draw.step1')}</li>
        <li>{tb('bingo.draw.step2')}</li>
        <li>{tb('bingo.draw.step3')}</li>
        <li>{tb('bingo.draw.step4')}</li>
      </ol>
      <p>{tb('bingo.draw.command')}</p>
      <pre className="bingo-code" data-testid="verify-command">{`npx encuentro draw verify ${url}`}</pre>
    </section>
  );
}
