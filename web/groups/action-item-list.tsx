import { Link } from 'wouter';
import type { ActionItem } from '../../shared/api/building.ts';
import type { Language } from '../../shared/domain.ts';
import { intlLocale } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';

/** A calendar date (YYYY-MM-DD) as the reader writes dates; it is a day, not an instant, so no zone applies. */
export function formatDay(date: string, language: Language): string {
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

export interface ActionItemControls {
  busy: boolean;
  toggle(item: ActionItem): void;
  remove(item: ActionItem): void;
}

/** Action items with owner, due date and state; with `controls`, buttons to close, reopen or remove each. */
export function ActionItemList({
  items,
  controls,
  showMeeting = false,
}: {
  items: ActionItem[];
  controls?: ActionItemControls | undefined;
  showMeeting?: boolean;
}) {
  const { t, text, language } = useI18n();
  return (
    <ul className="action-items">
      {items.map((item) => {
        const name = text(item.text) ?? '';
        return (
          <li key={item.id} className={`action-item${item.status === 'done' ? ' action-item--done' : ''}`}>
            <p className="action-item__text">
              <LocalizedText text={item.text} />{' '}
              {item.status === 'done' ? <span className="badge badge--done">{t('meetings.done')}</span> : null}
              {item.overdue ? <span className="badge badge--overdue">{t('meetings.overdue')}</span> : null}
              {item.illustrative ? <span className="badge badge--fictional">{t('meetings.illustrative')}</span> : null}
            </p>
            <p className="action-item__meta">
              <span>
                {item.owner ? (
                  t('meetings.owner', { name: item.owner.name })
                ) : (
                  <span className="muted">{t('meetings.noOwner')}</span>
                )}
              </span>
              {item.dueOn ? (
                <span>
                  {' · '}
                  <time dateTime={item.dueOn}>{t('meetings.due', { date: formatDay(item.dueOn, language) })}</time>
                </span>
              ) : null}
              {showMeeting && item.meeting ? (
                <span>
                  {' · '}
                  <Link href={`/meetings/${item.meeting.id}`}>
                    {t('meetings.openItems.from', { meeting: text(item.meeting.title) ?? '' })}
                  </Link>
                </span>
              ) : null}
            </p>
            {controls ? (
              <p className="action-item__controls">
                <button
                  type="button"
                  className="button button--quiet button--small"
                  disabled={controls.busy}
                  onClick={() => controls.toggle(item)}
                  aria-label={
                    item.status === 'open' ? t('meetings.markDoneNamed', { name }) : t('meetings.reopenNamed', { name })
                  }
                >
                  {item.status === 'open' ? t('meetings.markDone') : t('meetings.reopen')}
                </button>
                <button
                  type="button"
                  className="button button--quiet button--small"
                  disabled={controls.busy}
                  onClick={() => controls.remove(item)}
                  aria-label={t('meetings.removeNamed', { name })}
                >
                  {t('meetings.remove')}
                </button>
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
