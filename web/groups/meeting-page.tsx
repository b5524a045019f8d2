import { useState } from 'react';
import { Link } from 'wouter';
import type { ActionItem, MeetingDetail, Minutes } from '../../shared/api/building.ts';
import { apiWrite, useApi } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { ActionItemList } from './action-item-list.tsx';
import { MinutesText } from './minutes-text.tsx';
import '../forms/forms.css';
import './meetings.css';
import { MeetingEditor } from './meeting-editor.tsx';

/** /meetings/:sessionId: a working group's meeting with its agenda, minutes, decisions and action items. */
export function MeetingPage({ sessionId }: { sessionId: string }) {
  const { t, text, dates } = useI18n();
  const path = `/api/sessions/${encodeURIComponent(sessionId)}/meeting`;
  const { data: loaded, error, reload } = useApi<MeetingDetail>(path);
  // The answer of a write is the meeting as it now is: shown at once, without another read.
  const [written, setWritten] = useState<MeetingDetail | undefined>(undefined);
  const meeting = written && written.session.id === loaded?.session.id ? written : loaded;
  usePageTitle(meeting ? text(meeting.session.title) : undefined);

  if (error) return <ErrorState error={error} onRetry={reload} asPage />;
  if (!meeting) return <Loading />;

  const zone = dates(meeting.session.event.timeZone);
  const day = zone.dayOf(meeting.session.startsAt);
  const reloadAll = () => {
    setWritten(undefined);
    reload();
  };

  return (
    <article className="detail meeting">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={`/working-groups/${encodeURIComponent(meeting.group.slug)}`}>
            {t('meetings.eyebrow', { group: text(meeting.group.name) ?? '' })}
          </Link>
        </p>
        <LocalizedText text={meeting.session.title} as="h1" />
        <p className="page-header__subtitle">
          <time dateTime={meeting.session.startsAt}>
            {zone.dayHeading(day)}, {zone.timeRange(meeting.session.startsAt, meeting.session.endsAt)}
          </time>
          {' · '}
          <Link href={`/events/${encodeURIComponent(meeting.session.event.slug)}?session=${meeting.session.id}`}>
            <LocalizedText text={meeting.session.event.name} />
          </Link>
        </p>
      </header>

      <section className="meeting-section" aria-labelledby="meeting-agenda">
        <h2 id="meeting-agenda">{t('meetings.agenda')}</h2>
        {meeting.agenda.length === 0 ? (
          <p className="muted">{t('meetings.noAgenda')}</p>
        ) : (
          <ol className="meeting-agenda">
            {meeting.agenda.map((item) => (
              <li key={item.id}>
                <span className="meeting-row">
                  <LocalizedText text={item.title} />
                  {meeting.viewer.mayEdit ? (
                    <RemoveButton
                      name={text(item.title) ?? ''}
                      path={`/api/agenda-items/${item.id}`}
                      onDone={setWritten}
                    />
                  ) : null}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="meeting-section" aria-labelledby="meeting-minutes">
        <h2 id="meeting-minutes">{t('meetings.minutes')}</h2>
        {meeting.minutes.length === 0 ? <p className="muted">{t('meetings.noMinutes')}</p> : null}
        {meeting.minutes.map((part) => (
          <MinutesPart key={part.id} part={part} />
        ))}
      </section>

      <section className="meeting-section" aria-labelledby="meeting-decisions">
        <h2 id="meeting-decisions">{t('meetings.decisions')}</h2>
        {meeting.decisions.length === 0 ? (
          <p className="muted">{t('meetings.noDecisions')}</p>
        ) : (
          <ul className="meeting-decisions">
            {meeting.decisions.map((decision) => (
              <li key={decision.id}>
                <span className="meeting-row">
                  <LocalizedText text={decision.text} />
                  {meeting.viewer.mayEdit ? (
                    <RemoveButton
                      name={text(decision.text) ?? ''}
                      path={`/api/decisions/${decision.id}`}
                      onDone={setWritten}
                    />
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="meeting-section" aria-labelledby="meeting-action-items">
        <h2 id="meeting-action-items">{t('meetings.actionItems')}</h2>
        {meeting.actionItems.length === 0 ? (
          <p className="muted">{t('meetings.noActionItems')}</p>
        ) : (
          <ActionItemsWithControls meeting={meeting} onWritten={setWritten} />
        )}
      </section>

      {meeting.viewer.mayEdit ? <MeetingEditor meeting={meeting} onWritten={setWritten} onReload={reloadAll} /> : null}
    </article>
  );
}

function MinutesPart({ part }: { part: Minutes }) {
  const { t, language } = useI18n();
  const html = part.body[language] ?? part.body[language === 'en' ? 'es' : 'en'];
  const shownIn = part.body[language] ? language : language === 'en' ? 'es' : 'en';
  if (!html) return null;
  return (
    <div className={`minutes-part${part.internal ? ' minutes-part--internal' : ''}`}>
      {part.internal ? (
        <div className="minutes-part__header">
          <span className="badge badge--internal">{t('meetings.internal')}</span>
          <p>{t('meetings.internalHint')}</p>
        </div>
      ) : null}
      <MinutesText html={html} lang={shownIn === language ? undefined : shownIn} />
      {shownIn !== language ? (
        <p className="fallback-note">{shownIn === 'en' ? t('text.onlyInEnglish') : t('text.onlyInSpanish')}</p>
      ) : null}
    </div>
  );
}

function RemoveButton({ name, path, onDone }: { name: string; path: string; onDone(meeting: MeetingDetail): void }) {
  const { t, language } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button button--quiet button--small"
      disabled={busy}
      aria-label={t('meetings.removeNamed', { name })}
      onClick={async () => {
        setBusy(true);
        try {
          onDone(await apiWrite<MeetingDetail>('DELETE', path, language));
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('meetings.remove')}
    </button>
  );
}

function ActionItemsWithControls({
  meeting,
  onWritten,
}: {
  meeting: MeetingDetail;
  onWritten(meeting: MeetingDetail): void;
}) {
  const { language } = useI18n();
  const [busy, setBusy] = useState(false);
  const run = async (send: () => Promise<MeetingDetail>) => {
    setBusy(true);
    try {
      onWritten(await send());
    } finally {
      setBusy(false);
    }
  };
  const controls = meeting.viewer.mayEdit
    ? {
        busy,
        toggle: (item: ActionItem) =>
          run(() =>
            apiWrite<MeetingDetail>('PATCH', `/api/action-items/${item.id}`, language, {
              version: item.version,
              status: item.status === 'open' ? 'done' : 'open',
            }),
          ),
        remove: (item: ActionItem) =>
          run(() => apiWrite<MeetingDetail>('DELETE', `/api/action-items/${item.id}`, language)),
      }
    : undefined;
  return <ActionItemList items={meeting.actionItems} controls={controls} />;
}
