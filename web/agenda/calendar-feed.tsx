import { useState } from 'react';
import type { CalendarFeed, CalendarFeedState } from '../../shared/api/agenda.ts';
import { apiWrite, useApi } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { CalendarIcon } from '../ui/icons.tsx';
import { useAgendaText } from './text.ts';

/**
 * My personal calendar feed: make a secret address (shown once), copy it or
 * open it in a calendar app, or stop it. Making a new one stops the old one.
 */
export function CalendarFeedSection() {
  const say = useAgendaText();
  const { language, dates } = useI18n();
  const state = useApi<CalendarFeedState>('/api/me/calendar-token');
  const [feed, setFeed] = useState<CalendarFeed | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');

  const active = feed !== null || (state.data?.active ?? false);

  async function create() {
    setBusy(true);
    setProblem('');
    try {
      const made = await apiWrite<CalendarFeed>('POST', '/api/me/calendar-token', language);
      setFeed(made);
      setStatus(say('agenda.feed.created'));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    setBusy(true);
    setProblem('');
    try {
      await apiWrite<CalendarFeedState>('DELETE', '/api/me/calendar-token', language);
      setFeed(null);
      state.reload();
      setStatus(say('agenda.feed.revoked'));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!feed) return;
    try {
      await navigator.clipboard.writeText(feed.url);
      setStatus(say('agenda.feed.copied'));
    } catch {
      setStatus(say('agenda.feed.copyByHand'));
    }
  }

  return (
    <section className="trip-section calendar-feed" aria-labelledby="calendar-feed-heading">
      <h2 id="calendar-feed-heading">
        <CalendarIcon />
        {say('agenda.feed.heading')}
      </h2>
      <p className="muted">{say('agenda.feed.intro')}</p>
      {feed ? (
        <div className="calendar-feed__link">
          <label htmlFor="calendar-feed-url">{say('agenda.feed.urlLabel')}</label>
          <input id="calendar-feed-url" type="text" readOnly value={feed.url} onFocus={(e) => e.target.select()} />
          <p className="muted">{say('agenda.feed.shownOnce')}</p>
          <p className="actions">
            <button type="button" className="button" onClick={copy}>
              {say('agenda.feed.copy')}
            </button>
            <a className="button button--quiet" href={feed.webcalUrl}>
              {say('agenda.feed.subscribe')}
            </a>
          </p>
        </div>
      ) : active && state.data?.createdAt ? (
        <p>
          {say('agenda.feed.activeSince', {
            date: dates(Intl.DateTimeFormat().resolvedOptions().timeZone).dateTime(state.data.createdAt),
          })}
        </p>
      ) : null}
      <p className="actions">
        <button type="button" className={active ? 'button button--quiet' : 'button'} onClick={create} disabled={busy}>
          {active ? say('agenda.feed.replace') : say('agenda.feed.create')}
        </button>
        {active ? (
          <button type="button" className="button button--quiet" onClick={revoke} disabled={busy}>
            {say('agenda.feed.revoke')}
          </button>
        ) : null}
      </p>
      <p role="status" className="calendar-feed__status">
        {status}
      </p>
      {problem ? (
        <p role="alert" className="form-problem">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
