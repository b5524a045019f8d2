import type { Leaderboard } from '../../shared/api/bingo.ts';
import { useBingoText } from './bingo-i18n.ts';
import { Flag } from './flag.tsx';

/**
 * The ranked players; the viewer's own row is marked, the others named only if
 * they agreed. The live board is everyone's, so it leaves out the names of
 * players who did not agree, mine among them: `me` brings my own.
 */
export function LeaderboardTable({
  board,
  me,
  caption,
  className,
}: {
  board: Leaderboard;
  me?: { id: string; name: string } | null;
  caption: string;
  className?: string;
}) {
  const { tb } = useBingoText();
  if (board.items.length === 0) return <p className="empty-state">{tb('bingo.board.empty')}</p>;
  return (
    <table className={`bingo-board ${className ?? ''}`}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{tb('bingo.board.rank')}</th>
          <th scope="col">{tb('bingo.board.player')}</th>
          <th scope="col">{tb('bingo.board.stamps')}</th>
          <th scope="col">{tb('bingo.board.lines')}</th>
        </tr>
      </thead>
      <tbody>
        {board.items.map((entry) => (
          <tr key={entry.personId} className={entry.personId === me?.id ? 'bingo-board__me' : undefined}>
            <td>{entry.rank}</td>
            <th scope="row">
              <Flag code={entry.country} />
              {entry.personId === me?.id
                ? tb('bingo.board.you', { name: entry.name ?? me.name })
                : (entry.name ?? tb('bingo.board.anonymous'))}
              {entry.completed ? <span className="bingo-badge">{tb('bingo.board.bingo')}</span> : null}
              {entry.eligible ? null : (
                <span className="bingo-badge bingo-badge--muted">{tb('bingo.board.notEligible')}</span>
              )}
            </th>
            <td>{entry.stamps}</td>
            <td>{entry.lines}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
