import { useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { BingoCard, BingoDraw, BingoGame, BingoSuggestions, Leaderboard } from '../../shared/api/bingo.ts';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { apiWrite, useApi } from '../api.ts';
import { useLive } from '../live/use-live.ts';
import { refreshNotifications } from '../rsvp/use-notifications.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { bingoBase, useBingoText } from './bingo-i18n.ts';
import { Flag } from './flag.tsx';
import { LeaderboardTable } from './leaderboard.tsx';
import './bingo.css';

interface StampNotice {
  stamps: { position: number; cellId: string; by: { id: string; name: string }; at: string }[];
  lines: number;
  completedAt: string | null;
  total: number;
}

/** /events/:slug/bingo — my card, stamped live as I connect with people, and who to meet next. */
export function BingoPage({ slug }: { slug: string }) {
  const { tb, text, locale, language } = useBingoText();
  const { me } = useMe();
  const game = useApi<BingoGame>(bingoBase(slug));
  const playing = Boolean(me?.person);
  const cardApi = useApi<BingoCard>(playing ? `${bingoBase(slug)}/card` : null);
  const boardApi = useApi<Leaderboard>(`${bingoBase(slug)}/leaderboard`);
  const suggestions = useApi<BingoSuggestions>(playing ? `${bingoBase(slug)}/suggestions` : null);
  const draw = useApi<BingoDraw>(playing && game.data?.draw === 'revealed' ? `${bingoBase(slug)}/draw` : null);
  const [card, setCard] = useState<BingoCard | undefined>(undefined);
  const [board, setBoard] = useState<Leaderboard | undefined>(undefined);
  const [fresh, setFresh] = useState<Set<number>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  usePageTitle(game.data ? text(game.data.title) : tb('bingo.title'));

  useEffect(() => setCard(cardApi.data), [cardApi.data]);
  useEffect(() => setBoard(boardApi.data), [boardApi.data]);

  const onStamp = useCallback(
    (data: unknown) => {
      const notice = data as StampNotice;
      setCard((current) => {
        if (!current) return current;
        const cells = current.cells.map((cell, position) => {
          const stamp = notice.stamps.find((s) => s.position === position);
          return stamp ? { ...cell, stamp: { by: stamp.by, at: stamp.at } } : cell;
        });
        return { ...current, cells, lines: notice.lines, completedAt: notice.completedAt, stamps: notice.total };
      });
      setFresh(new Set(notice.stamps.map((s) => s.position)));
      setAnnouncement(
        tb('bingo.card.stampedBy', { count: notice.stamps.length, name: notice.stamps[0]?.by.name ?? '' }),
      );
      suggestions.reload();
    },
    [tb, suggestions.reload],
  );

  const { status } = useLive(slug, {
    card: (data) => setCard(data as BingoCard),
    stamp: onStamp,
    leaderboard: (data) => setBoard(data as Leaderboard),
    draw: () => game.reload(),
    bingo_won: () => {
      game.reload();
      draw.reload();
      void refreshNotifications(language);
    },
  });

  const showName = async (show: boolean) => {
    setCard(await apiWrite<BingoCard>('PATCH', `${bingoBase(slug)}/card`, language, { showName: show }));
  };

  if (game.error) return <ErrorState error={game.error} onRetry={game.reload} asPage />;
  if (!game.data) return <Loading />;
  const g = game.data;
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: g.event.timeZone });
  const dates = when.formatRange(new Date(g.startsAt), new Date(g.endsAt));
  const mine = me?.person ? draw.data?.winners.find((w) => w.personId === me.person?.id) : undefined;
  const prizeWon = mine ? draw.data?.prizes.find((p) => p.prizeId === mine.prizeId) : undefined;

  return (
    <article className="bingo">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={`/events/${slug}`}>{text(g.event.name)}</Link>
        </p>
        <h1>{text(g.title)}</h1>
        <p className="page-header__subtitle">
          {tb(`bingo.status.${g.status}`)} · <time dateTime={g.startsAt}>{dates}</time>
        </p>
        <p className="bingo-actions">
          <Link className="button" href={`/connect/${slug}`}>
            {tb('bingo.connect')}
          </Link>
          <Link className="button button--quiet" href={`/events/${slug}/bingo/screen`}>
            {tb('bingo.screenLink')}
          </Link>
          {g.draw !== 'none' ? (
            <Link className="button button--quiet" href={`/events/${slug}/bingo/draw`}>
              {tb('bingo.drawLink')}
            </Link>
          ) : null}
          {isAdmin(me) ? (
            <Link className="button button--quiet" href={`/events/${slug}/bingo/admin`}>
              {tb('bingo.adminLink')}
            </Link>
          ) : null}
        </p>
      </header>

      {mine ? (
        <p className="notice bingo-won" role="status" data-testid="bingo-won">
          {tb('bingo.card.won', { prize: text(prizeWon?.description) })}
        </p>
      ) : null}

      <div className="bingo-layout">
        <section aria-labelledby="bingo-card-title" className="bingo-section">
          <h2 id="bingo-card-title">{tb('bingo.card.title')}</h2>
          {me === null ? (
            <p className="notice">
              <Link href="/sign-in">{tb('bingo.card.signIn')}</Link>
            </p>
          ) : me && !me.person ? (
            <p className="notice">{tb('bingo.card.noPerson')}</p>
          ) : cardApi.error ? (
            <ErrorState error={cardApi.error} onRetry={cardApi.reload} />
          ) : card ? (
            <>
              <CardGrid card={card} fresh={fresh} />
              <ShowNameChoice card={card} onChange={showName} />
            </>
          ) : (
            <Loading />
          )}
          <p className="visually-hidden" aria-live="polite" data-testid="bingo-announcement">
            {announcement}
          </p>
          <p className="bingo-live" data-live={status}>
            {tb(`bingo.live.${status}`)}
          </p>
        </section>

        {playing ? (
          <section aria-labelledby="bingo-next-title" className="bingo-section">
            <h2 id="bingo-next-title">{tb('bingo.next.title')}</h2>
            {suggestions.data?.items.length ? (
              <ul className="bingo-suggestions">
                {suggestions.data.items.slice(0, 8).map((s) => (
                  <li key={`${s.person.id}-${s.cell.id}`}>
                    <Link href={`/people/${s.person.id}`}>{s.person.name}</Link>{' '}
                    <span className="bingo-muted">
                      {tb('bingo.next.for', { cell: text(s.cell.label) })}
                      {s.sharedTopics.length
                        ? ` · ${tb('bingo.next.shared', { topics: s.sharedTopics.map((topic) => text(topic.name)).join(', ') })}`
                        : ''}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty-state">{tb('bingo.next.none')}</p>
            )}
          </section>
        ) : null}

        <section aria-labelledby="bingo-board-title" className="bingo-section">
          <h2 id="bingo-board-title">{tb('bingo.board.title')}</h2>
          {board ? (
            <LeaderboardTable
              board={topAndMe(board, me?.person?.id ?? null)}
              me={me?.person ?? null}
              caption={tb('bingo.board.caption', { players: board.players })}
            />
          ) : (
            <Loading />
          )}
        </section>

        <section aria-labelledby="bingo-rules-title" className="bingo-section">
          <h2 id="bingo-rules-title">{tb('bingo.rules.title')}</h2>
          <ul>
            <li>{tb('bingo.rules.stamp')}</li>
            <li>{tb(g.winRule === 'line' ? 'bingo.rules.line' : 'bingo.rules.full')}</li>
            <li>{tb('bingo.rules.staff')}</li>
            <li>{tb('bingo.rules.draw')}</li>
          </ul>
          <h3>{tb('bingo.prizes.title')}</h3>
          {g.prizes.length ? (
            <ul>
              {g.prizes.map((prize) => (
                <li key={prize.id}>
                  {text(prize.description)}
                  {prize.quantity > 1 ? ` ×${prize.quantity}` : ''}
                  {prize.partner ? (
                    <span className="bingo-muted">
                      {' '}
                      — {tb('bingo.prizes.from')}{' '}
                      <Link href={`/organizations/${prize.partner.slug}`}>{prize.partner.name}</Link>
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty-state">{tb('bingo.prizes.none')}</p>
          )}
        </section>
      </div>
    </article>
  );
}

/** Whether the big screen may name me in this game: off until I say so. */
function ShowNameChoice({ card, onChange }: { card: BingoCard; onChange: (show: boolean) => Promise<void> }) {
  const { tb } = useBingoText();
  // Shown as chosen at once; put back if the server refuses.
  const [chosen, setChosen] = useState(card.showName);
  const [error, setError] = useState('');
  useEffect(() => setChosen(card.showName), [card.showName]);
  return (
    <div className="bingo-consent">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={chosen}
          aria-describedby="bingo-consent-hint"
          onChange={async (event) => {
            const show = event.currentTarget.checked;
            setChosen(show);
            setError('');
            try {
              await onChange(show);
            } catch (failed) {
              setChosen(!show);
              setError(failed instanceof Error ? failed.message : String(failed));
            }
          }}
        />{' '}
        {tb('bingo.card.showName')}
      </label>
      <p id="bingo-consent-hint" className="form-field__hint">
        {tb('bingo.card.showNameHint')}
      </p>
      {error ? (
        <p className="form-field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The first ten, and my own row wherever it is. */
function topAndMe(board: Leaderboard, me: string | null): Leaderboard {
  const top = board.items.slice(0, 10);
  const mine = board.items.find((entry) => entry.personId === me);
  return { ...board, items: mine && !top.includes(mine) ? [...top, mine] : top };
}

function CardGrid({ card, fresh }: { card: BingoCard; fresh: Set<number> }) {
  const { tb, text } = useBingoText();
  return (
    <div>
      <p className="bingo-score" data-testid="bingo-score">
        {tb('bingo.card.score', { stamps: card.stamps, lines: card.lines })}
        {card.completedAt ? <strong className="bingo-badge"> {tb('bingo.card.complete')}</strong> : null}
      </p>
      <ol
        className="bingo-grid"
        style={{ gridTemplateColumns: `repeat(${card.gridSize}, minmax(0, 1fr))` }}
        aria-label={tb('bingo.card.gridLabel', { size: card.gridSize })}
      >
        {card.cells.map((cell, position) => {
          const label = cell.free ? tb('bingo.card.free') : text(cell.cell?.label);
          const className = [
            'bingo-cell',
            cell.free ? 'bingo-cell--free' : '',
            cell.stamp ? 'bingo-cell--stamped' : '',
            fresh.has(position) ? 'bingo-cell--fresh' : '',
          ].join(' ');
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a card's squares never move
            <li key={position} className={className} data-stamped={cell.stamp ? 'true' : 'false'}>
              <span className="bingo-cell__flag">
                {cell.free ? <span aria-hidden="true">★</span> : <Flag code={cell.cell?.country?.code} />}
              </span>
              <span className="bingo-cell__label">{label}</span>
              {cell.stamp ? (
                <span className="bingo-cell__by">{tb('bingo.card.by', { name: cell.stamp.by.name })}</span>
              ) : cell.free ? null : (
                <span className="visually-hidden">{tb('bingo.card.open')}</span>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
