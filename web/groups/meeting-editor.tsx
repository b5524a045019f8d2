import { type FormEvent, useState } from 'react';
import type { MeetingDetail } from '../../shared/api/building.ts';
import type { PersonSummary } from '../../shared/api/directory.ts';
import { apiWrite, type List, useApi } from '../api.ts';
import { SaveProblems } from '../forms/edit-states.tsx';
import { InputField, SelectField, TextAreaField, TextField } from '../forms/form-fields.tsx';
import { useSave } from '../forms/use-save.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { minutesHtml } from './minutes-text.tsx';
import '../forms/forms.css';
import './meetings.css';

// --- Editing ------------------------------------------------------------------

export function MeetingEditor({
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
          <InputField
            type="date"
            name="dueOn"
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
