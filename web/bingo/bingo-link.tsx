import { Link } from 'wouter';
import type { BingoGame } from '../../shared/api/bingo.ts';
import { useApi } from '../api.ts';
import { bingoBase, useBingoText } from './bingo-i18n.ts';

/** "Play the connection bingo", on an event that has one. */
export function BingoLink({ slug }: { slug: string }) {
  const { tb } = useBingoText();
  const game = useApi<BingoGame>(bingoBase(slug));
  if (!game.data) return null;
  return (
    <Link className="button button--quiet" href={`/events/${encodeURIComponent(slug)}/bingo`}>
      {tb('bingo.eventLink')}
    </Link>
  );
}
