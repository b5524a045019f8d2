import { useEffect, useId, useState } from 'react';
import { useMe } from '../accounts/use-me.ts';
import { apiWrite, useApi } from '../api.ts';
import { formatDateTime } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { Loading } from '../ui/status.tsx';
import { type PushState, pushState, turnOffPush, turnOnPush } from './push.ts';
import { markAnnouncementRead, useInbox } from './use-inbox.ts';
import './announcements.css';

const LEAD_CHOICES = [5, 10, 15, 30, 60] as const;

/** /inbox — the announcements sent to me, my reminders' lead time, and notifications on this phone. */
export function InboxPage() {
  const { t, language } = useI18n();
  const { me } = useMe();
  usePageTitle(t('announce.inbox.title'));
  const inbox = useInbox(Boolean(me?.person));
  if (me === undefined) return <Loading />;
  if (!me) {
    return (
      <div>
        <h1>{t('announce.inbox.title')}</h1>
        <p className="empty-state">{t('announce.inbox.signIn')}</p>
      </div>
    );
  }
  return (
    <div className="inbox">
      <header className="page-header">
        <h1>{t('announce.inbox.title')}</h1>
        <p className="lead">{t('announce.inbox.intro')}</p>
      </header>
      <PushControl />
      <ReminderControl />
      <section aria-labelledby="inbox-heading">
        <h2 id="inbox-heading">{t('announce.inbox.messages')}</h2>
        {!inbox ? (
          <Loading />
        ) : inbox.items.length === 0 ? (
          <p className="empty-state">{t('announce.inbox.empty')}</p>
        ) : (
          <ul className="inbox-list">
            {inbox.items.map((item) => (
              <li key={item.id} className={`inbox-item${item.readAt ? '' : ' inbox-item--unread'}`}>
                <h2>{item.title[language]}</h2>
                <p className="eyebrow">
                  {item.eventName} ·{' '}
                  <time dateTime={item.sentAt}>
                    {formatDateTime(item.sentAt, language, Intl.DateTimeFormat().resolvedOptions().timeZone)}
                  </time>
                </p>
                <p>{item.body[language]}</p>
                {item.readAt ? null : (
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() => void markAnnouncementRead(item.id, language)}
                  >
                    {t('announce.inbox.markRead')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** Notifications on this phone: asked for only when the delegate taps, never on load. */
function PushControl() {
  const { t, language } = useI18n();
  const [state, setState] = useState<PushState | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void pushState().then(setState);
  }, []);
  if (!state || state === 'unsupported') return null;
  const act = async (action: () => Promise<PushState>) => {
    setBusy(true);
    try {
      setState(await action());
    } catch {
      setState(await pushState());
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="notice" aria-live="polite">
      <p>{t(`announce.push.${state}`)}</p>
      {state === 'off' ? (
        <button type="button" className="button" disabled={busy} onClick={() => void act(() => turnOnPush(language))}>
          {t('announce.push.turnOn')}
        </button>
      ) : state === 'on' ? (
        <button
          type="button"
          className="button button--quiet"
          disabled={busy}
          onClick={() => void act(() => turnOffPush(language))}
        >
          {t('announce.push.turnOff')}
        </button>
      ) : null}
    </section>
  );
}

function ReminderControl() {
  const { t, language } = useI18n();
  const id = useId();
  const settings = useApi<{ leadMinutes: number }>('/api/me/reminders');
  const [saved, setSaved] = useState<number | null>(null);
  const lead = saved ?? settings.data?.leadMinutes;
  if (lead === undefined) return null;
  return (
    <div className="field">
      <label htmlFor={id}>{t('announce.reminders.label')}</label>
      <select
        id={id}
        value={lead}
        onChange={(e) => {
          const leadMinutes = Number(e.target.value);
          setSaved(leadMinutes);
          void apiWrite('PUT', '/api/me/reminders', language, { leadMinutes });
        }}
      >
        {[...new Set([...LEAD_CHOICES, lead])]
          .sort((a, b) => a - b)
          .map((minutes) => (
            <option key={minutes} value={minutes}>
              {t('announce.reminders.minutes', { minutes })}
            </option>
          ))}
      </select>
    </div>
  );
}
