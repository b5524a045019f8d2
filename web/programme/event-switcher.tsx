import { useId } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { type CurrentEvent, chooseEvent } from './current-event.ts';

/**
 * Which event the tabs open on, named, never by slug; switching is
 * remembered. `onChoose` lets a page of one event follow the switch.
 */
export function EventSwitcher({ current, onChoose }: { current: CurrentEvent; onChoose?: (slug: string) => void }) {
  const { t, text } = useI18n();
  const id = useId();
  if (!current.event || current.events.length < 2) return null;
  return (
    <div className="field event-switcher">
      <label htmlFor={id}>{t('currentEvent.label')}</label>
      <select
        id={id}
        value={current.event.slug}
        onChange={(e) => {
          chooseEvent(e.target.value);
          onChoose?.(e.target.value);
        }}
      >
        {current.events.map((event) => (
          <option key={event.slug} value={event.slug}>
            {current.mine.has(event.slug) ? t('currentEvent.attending', { event: text(event.name) }) : text(event.name)}
          </option>
        ))}
      </select>
    </div>
  );
}
