import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import type { ActionItem, MeetingDetail, Minutes } from '../../shared/api/building.ts';
import type { PersonSummary } from '../../shared/api/directory.ts';
import { apiWrite, type List, useApi } from '../api.ts';
import { SaveProblems } from '../editing/edit-states.tsx';
import { SelectField, TextAreaField, TextField } from '../editing/form-fields.tsx';
import { useSave } from '../editing/use-save.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { ActionItemList } from './action-item-list.tsx';
import { MinutesText, minutesHtml } from './minutes-text.tsx';
import '../editing/editing.css';
import './meetings.css';

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

// --- Editing ------------------------------------------------------------------

function MeetingEditor({
  meeting,
  onWritten,
  onReload,
}: {
  meeting: MeetingDetail;
  onWritten(meeting: MeetingDetail): void;
  onReload(): void;
}) {
  const { t } = useI18n();
  return (
    <section className="meeting-editor" aria-labelledby="meeting-editor">
      <h2 id="meeting-editor">{t('meetings.edit.heading')}</h2>
      <MinutesForm meeting={meeting} internal={false} onWritten={onWritten} onReload={onReload} />
      <MinutesForm meeting={meeting} internal onWritten={onWritten} onReload={onReload} />
      <AddTextForm
        kind="agenda"
        legend={t('meetings.edit.addAgendaItem')}
        labels={{ en: t('meetings.edit.titleEn'), es: t('meetings.edit.titleEs') }}
        path={`/api/sessions/${meeting.session.id}/agenda-items`}
        body={(en, es) => ({ title: { en, es } })}
        onWritten={onWritten}
        onReload={onReload}
      />
      <AddTextForm
        kind="decision"
        legend={t('meetings.edit.addDecision')}
        labels={{ en: t('meetings.edit.textEn'), es: t('meetings.edit.textEs') }}
        path={`/api/sessions/${meeting.session.id}/decisions`}
        body={(en, es) => ({ text: { en, es } })}
        onWritten={onWritten}
        onReload={onReload}
      />
      <ActionItemForm meeting={meeting} onWritten={onWritten} onReload={onReload} />
    </section>
  );
}

function MinutesForm({
  meeting,
  internal,
  onWritten,
  onReload,
}: {
  meeting: MeetingDetail;
  internal: boolean;
  onWritten(meeting: MeetingDetail): void;
  onReload(): void;
}) {
  const { t, language } = useI18n();
  const part = meeting.minutes.find((m) => m.internal === internal);
  const [form, setForm] = useState({ en: part?.body.en ?? '', es: part?.body.es ?? '' });
  const [saved, setSaved] = useState(false);
  const { state, save, fieldErrors } = useSave((field) => (field.startsWith('body.') ? field.slice(5) : undefined));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const answer = await save(() =>
      apiWrite<MeetingDetail>('PUT', `/api/sessions/${meeting.session.id}/minutes`, language, {
        internal,
        body: { en: minutesHtml(form.en), es: minutesHtml(form.es) },
        ...(part ? { version: part.version } : {}),
      }),
    );
    if (answer) {
      setSaved(true);
      onWritten(answer);
    }
  };
  const legend = internal ? t('meetings.edit.minutesInternal') : t('meetings.edit.minutesPublic');
  return (
    <form onSubmit={submit} aria-label={legend}>
      <fieldset>
        <legend>{legend}</legend>
        <SaveProblems state={state} onReload={onReload} />
        <div className="meeting-editor__pair">
          <TextAreaField
            name={`minutes-${internal ? 'internal' : 'public'}-en`}
            label={t('meetings.edit.minutesEn')}
            hint={t('meetings.edit.minutesHint')}
            lang="en"
            rows={6}
            value={form.en}
            onChange={(en) => setForm((f) => ({ ...f, en }))}
            error={fieldErrors.en}
          />
          <TextAreaField
            name={`minutes-${internal ? 'internal' : 'public'}-es`}
            label={t('meetings.edit.minutesEs')}
            hint={t('meetings.edit.minutesHint')}
            lang="es"
            rows={6}
            value={form.es}
            onChange={(es) => setForm((f) => ({ ...f, es }))}
            error={fieldErrors.es}
          />
        </div>
        <p className="meeting-editor__actions">
          <button type="submit" className="button" disabled={state.kind === 'saving'}>
            {state.kind === 'saving' ? t('editing.saving') : t('meetings.edit.saveMinutes')}
          </button>{' '}
          {saved ? (
            <span className="meeting-editor__saved" role="status">
              {t('meetings.edit.saved')}
            </span>
          ) : null}
        </p>
      </fieldset>
    </form>
  );
}

function AddTextForm({
  kind,
  legend,
  labels,
  path,
  body,
  onWritten,
  onReload,
}: {
  kind: string;
  legend: string;
  labels: { en: string; es: string };
  path: string;
  body(en: string, es: string | null): object;
  onWritten(meeting: MeetingDetail): void;
  onReload(): void;
}) {
  const { t, language } = useI18n();
  const [form, setForm] = useState({ en: '', es: '' });
  const { state, save, fieldErrors } = useSave((field) => field.split('.').at(-1));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await save(() => apiWrite<MeetingDetail>('POST', path, language, body(form.en, form.es || null)));
    if (answer) {
      setForm({ en: '', es: '' });
      onWritten(answer);
    }
  };
  return (
    <form onSubmit={submit} aria-label={legend}>
      <fieldset>
        <legend>{legend}</legend>
        <SaveProblems state={state} onReload={onReload} />
        <div className="meeting-editor__pair">
          <TextField
            name={`${kind}-en`}
            label={labels.en}
            lang="en"
            required
            value={form.en}
            onChange={(en) => setForm((f) => ({ ...f, en }))}
            error={fieldErrors.en}
          />
          <TextField
            name={`${kind}-es`}
            label={labels.es}
            lang="es"
            value={form.es}
            onChange={(es) => setForm((f) => ({ ...f, es }))}
            error={fieldErrors.es}
          />
        </div>
        <p className="meeting-editor__actions">
          <button type="submit" className="button" disabled={state.kind === 'saving'}>
            {t('meetings.edit.add')}
          </button>
        </p>
      </fieldset>
    </form>
  );
}

function ActionItemForm({
  meeting,
  onWritten,
  onReload,
}: {
  meeting: MeetingDetail;
  onWritten(meeting: MeetingDetail): void;
  onReload(): void;
}) {
  const { t, language } = useI18n();
  const { data: people } = useApi<List<PersonSummary>>('/api/people');
  const empty = { en: '', es: '', owner: '', dueOn: '' };
  const [form, setForm] = useState(empty);
  const { state, save, fieldErrors } = useSave((field) => (field.startsWith('text.') ? field.slice(5) : field));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await save(() =>
      apiWrite<MeetingDetail>('POST', `/api/sessions/${meeting.session.id}/action-items`, language, {
        text: { en: form.en, es: form.es || null },
        owner: form.owner || null,
        dueOn: form.dueOn || null,
      }),
    );
    if (answer) {
      setForm(empty);
      onWritten(answer);
    }
  };
  const owners = [
    { value: '', label: t('meetings.edit.noOwner') },
    ...(people?.items ?? [])
      .map((p) => ({ value: p.id, label: p.name }))
      .sort((a, b) => a.label.localeCompare(b.label, language)),
  ];
  return (
    <form onSubmit={submit} aria-label={t('meetings.edit.addActionItem')}>
      <fieldset>
        <legend>{t('meetings.edit.addActionItem')}</legend>
        <SaveProblems state={state} onReload={onReload} />
        <div className="meeting-editor__pair">
          <TextField
            name="action-en"
            label={t('meetings.edit.textEn')}
            lang="en"
            required
            value={form.en}
            onChange={(en) => setForm((f) => ({ ...f, en }))}
            error={fieldErrors.en}
          />
          <TextField
            name="action-es"
            label={t('meetings.edit.textEs')}
            lang="es"
            value={form.es}
            onChange={(es) => setForm((f) => ({ ...f, es }))}
            error={fieldErrors.es}
          />
          <SelectField
            name="owner"
            label={t('meetings.edit.owner')}
            options={owners}
            value={form.owner}
            onChange={(owner) => setForm((f) => ({ ...f, owner }))}
            error={fieldErrors.owner}
          />
          <DateField
            label={t('meetings.edit.dueOn')}
            value={form.dueOn}
            onChange={(dueOn) => setForm((f) => ({ ...f, dueOn }))}
            error={fieldErrors.dueOn}
          />
        </div>
        <p className="meeting-editor__actions">
          <button type="submit" className="button" disabled={state.kind === 'saving'}>
            {t('meetings.edit.add')}
          </button>
        </p>
      </fieldset>
    </form>
  );
}

function DateField(props: { label: string; value: string; onChange(value: string): void; error: string | undefined }) {
  return (
    <div className={`form-field${props.error ? ' form-field--invalid' : ''}`}>
      <label htmlFor="action-due">{props.label}</label>
      <input
        id="action-due"
        name="dueOn"
        type="date"
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? 'action-due-error' : undefined}
      />
      {props.error ? (
        <p className="form-field__error" id="action-due-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
