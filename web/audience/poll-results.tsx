import type { PublicPoll } from '../../shared/api/audience.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

/** A poll's results as horizontal bars, each with its count and share written out (not told by the bar alone). */
export function PollResults({ poll, large = false }: { poll: PublicPoll; large?: boolean }) {
  const { t, text } = useI18n();
  const total = poll.options.reduce((sum, option) => sum + (option.votes ?? 0), 0);
  const most = Math.max(1, ...poll.options.map((option) => option.votes ?? 0));
  return (
    <ul className={`poll-results${large ? ' poll-results--large' : ''}`} data-testid="poll-results">
      {poll.options.map((option) => {
        const votes = option.votes ?? 0;
        const share = total === 0 ? 0 : Math.round((votes / total) * 100);
        return (
          <li key={option.id} className="poll-results__row">
            <span className="poll-results__label">{text(option.label)}</span>
            <span className="poll-results__track" aria-hidden="true">
              <span className="poll-results__bar" style={{ width: `${(votes / most) * 100}%` }} />
            </span>
            <span className="poll-results__count" data-testid="poll-count">
              {t('audience.poll.count', { votes, share })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
