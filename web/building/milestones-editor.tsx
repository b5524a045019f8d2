import { type Dispatch, type FormEvent, type SetStateAction, useId, useState } from 'react';
import type { BuildingProgrammeDetail, Milestone, MilestoneChanges, NewMilestone } from '../../shared/api/building.ts';
import type { EventSummary, SessionList } from '../../shared/api/programme.ts';
import { apiWrite, type List, useApi } from '../api.ts';
import { SaveProblems } from '../forms/edit-states.tsx';
import { fieldsOf, InputField, SelectField, TextField } from '../forms/form-fields.tsx';
import { useSave } from '../forms/use-save.ts';
import { formatDateTime } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { featuredEvent } from '../programme/featured-event.ts';
import { formatDay } from './format.ts';

interface MilestoneForm {
  titleEn: string;
  titleEs: string;
  plannedOn: string;
  doneOn: string;
  /** Shown from 1; the API counts from 0. */
  order: string;
  session: string;
  article: string;
}

const blankMilestone: MilestoneForm = {
  titleEn: '',
  titleEs: '',
  plannedOn: '',
  doneOn: '',
  order: '',
  session: '',
  article: '',
};

const formOf = (milestone: Milestone): MilestoneForm => ({
  titleEn: milestone.title.en ?? '',
  titleEs: milestone.title.es ?? '',
  plannedOn: milestone.plannedOn ?? '',
  doneOn: milestone.doneOn ?? '',
  order: String(milestone.position + 1),
  session: milestone.session?.id ?? '',
  article: milestone.article?.slug ?? '',
});

const FIELD_OF_API: Record<string, keyof MilestoneForm> = {
  title: 'titleEn',
  'title.en': 'titleEn',
  'title.es': 'titleEs',
  plannedOn: 'plannedOn',
  doneOn: 'doneOn',
  position: 'order',
  session: 'session',
  article: 'article',
};

const orNull = (text: string) => text.trim() || null;

/** A position from the "order" box: 1 is first. Anything not a whole number from 1 is left for the API to refuse. */
function positionOf(order: string): number | undefined {
  if (order.trim() === '') return undefined;
  const number = Number(order);
  return Number.isInteger(number) ? number - 1 : Number.NaN;
}

function bodyOf(form: MilestoneForm): NewMilestone {
  const position = positionOf(form.order);
  return {
    title: { en: form.titleEn.trim(), es: orNull(form.titleEs) },
    plannedOn: orNull(form.plannedOn),
    doneOn: orNull(form.doneOn),
    ...(position === undefined ? {} : { position }),
    session: orNull(form.session),
    article: orNull(form.article),
  };
}

/** Only what changed, with the milestone's version as read. */
function changesOf(before: MilestoneForm, after: MilestoneForm, version: number): MilestoneChanges | null {
  const changes: MilestoneChanges = { version };
  const changed = (key: keyof MilestoneForm) => before[key].trim() !== after[key].trim();
  if (changed('titleEn') || changed('titleEs')) {
    changes.title = {
      ...(changed('titleEn') ? { en: after.titleEn.trim() } : {}),
      ...(changed('titleEs') ? { es: orNull(after.titleEs) } : {}),
    };
  }
  if (changed('plannedOn')) changes.plannedOn = orNull(after.plannedOn);
  if (changed('doneOn')) changes.doneOn = orNull(after.doneOn);
  if (changed('order')) {
    const position = positionOf(after.order);
    if (position !== undefined) changes.position = position;
  }
  if (changed('session')) changes.session = orNull(after.session);
  if (changed('article')) changes.article = orNull(after.article);
  return Object.keys(changes).length > 1 ? changes : null;
}

/** The sessions a milestone may point to: those of the event the network puts forward (the demo trip). */
function useSessionOptions(current: Milestone['session'][]) {
  const { t, text, language } = useI18n();
  const events = useApi<List<EventSummary>>('/api/events');
  const event = events.data ? featuredEvent(events.data.items)?.event : undefined;
  const sessions = useApi<SessionList>(event ? `/api/events/${encodeURIComponent(event.slug)}/sessions` : null);
  const zone = sessions.data?.event.timeZone ?? event?.timeZone ?? 'UTC';
  const options = [
    { value: '', label: t('building.edit.noSession') },
    ...(sessions.data?.items ?? []).map((session) => ({
      value: session.id,
      label: `${formatDateTime(session.startsAt, language, zone)} · ${text(session.title)}`,
    })),
  ];
  // A session of another event, already linked, stays choosable.
  for (const session of current) {
    if (session && !options.some((option) => option.value === session.id)) {
      options.push({ value: session.id, label: text(session.title) });
    }
  }
  return options;
}

/**
 * The steps of a programme: each one opens into its own small form, saved on
 * its own against the milestone's version; a new one is added below.
 */
export function MilestonesEditor({
  programme,
  onSaved,
  onReload,
}: {
  programme: BuildingProgrammeDetail;
  onSaved(answer: BuildingProgrammeDetail): void;
  onReload(): void;
}) {
  const { t } = useI18n();
  const [done, setDone] = useState<string | null>(null);
  const sessionOptions = useSessionOptions(programme.milestones.map((milestone) => milestone.session));

  function saved(answer: BuildingProgrammeDetail, announce: string) {
    onSaved(answer);
    setDone(announce);
  }

  return (
    <section className="edit-page edit-form__group building-edit__section" aria-labelledby="milestones-heading">
      <h2 id="milestones-heading">{t('building.milestones')}</h2>
      {programme.milestones.length === 0 ? (
        <p className="form-field__hint">{t('building.edit.noMilestones')}</p>
      ) : (
        <ol className="building-edit__milestones">
          {programme.milestones.map((milestone) => (
            // Keyed by version: a saved or reloaded milestone starts its form afresh.
            <MilestoneItem
              key={`${milestone.id}-${milestone.version}`}
              milestone={milestone}
              sessionOptions={sessionOptions}
              onSaved={saved}
              onReload={onReload}
            />
          ))}
        </ol>
      )}
      <div role="status" className="affiliations__status">
        {done ? <p>{done}</p> : null}
      </div>
      <AddMilestone programme={programme} sessionOptions={sessionOptions} onSaved={saved} />
    </section>
  );
}

type SessionOptions = { value: string; label: string }[];

/** The fields of one milestone, shared by the add form and each milestone's own. */
function MilestoneFields({
  form,
  setForm,
  errors,
  sessionOptions,
}: {
  form: MilestoneForm;
  setForm: Dispatch<SetStateAction<MilestoneForm>>;
  errors: Record<string, string>;
  sessionOptions: SessionOptions;
}) {
  const { t } = useI18n();
  const field = fieldsOf(form, setForm, errors);
  return (
    <>
      <TextField label={t('building.edit.titleEn')} lang="en" required {...field('titleEn')} />
      <TextField label={t('building.edit.titleEs')} lang="es" {...field('titleEs')} />
      <div className="building-edit__dates">
        <InputField type="date" label={t('building.edit.plannedOn')} {...field('plannedOn')} />
        <InputField
          type="date"
          label={t('building.edit.doneOn')}
          hint={t('building.edit.doneOnHint')}
          {...field('doneOn')}
        />
      </div>
      <InputField
        type="number"
        label={t('building.edit.order')}
        hint={t('building.edit.orderHint')}
        {...field('order')}
      />
      <SelectField label={t('building.edit.session')} options={sessionOptions} {...field('session')} />
      <TextField label={t('building.edit.article')} hint={t('building.edit.articleHint')} {...field('article')} />
    </>
  );
}

function MilestoneItem({
  milestone,
  sessionOptions,
  onSaved,
  onReload,
}: {
  milestone: Milestone;
  sessionOptions: SessionOptions;
  onSaved(answer: BuildingProgrammeDetail, announce: string): void;
  onReload(): void;
}) {
  const { t, text, language } = useI18n();
  const id = useId();
  const initial = formOf(milestone);
  const [form, setForm] = useState(initial);
  const [open, setOpen] = useState(false);
  const { state, save, fieldErrors } = useSave((field) => FIELD_OF_API[field]);
  const title = text(milestone.title);
  const path = `/api/building-milestones/${encodeURIComponent(milestone.id)}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const changes = changesOf(initial, form, milestone.version);
    if (!changes) {
      setOpen(false);
      return;
    }
    const answer = await save(() => apiWrite<BuildingProgrammeDetail>('PATCH', path, language, changes));
    if (answer) onSaved(answer, t('building.edit.milestoneSaved', { title: form.titleEn.trim() || title }));
  }

  async function remove() {
    const answer = await save(() => apiWrite<BuildingProgrammeDetail>('DELETE', path, language));
    if (answer) onSaved(answer, t('building.edit.milestoneRemoved', { title }));
  }

  return (
    <li className={`building-edit__milestone${milestone.doneOn ? ' building-edit__milestone--done' : ''}`}>
      <div className="building-edit__milestone-head">
        <p>
          <strong>{title}</strong>
          <br />
          <span className="muted">
            {milestone.doneOn
              ? t('building.doneOn', { date: formatDay(milestone.doneOn, language) })
              : milestone.plannedOn
                ? t('building.planned', { date: formatDay(milestone.plannedOn, language) })
                : t('building.pending')}
          </span>
        </p>
        <button
          type="button"
          className="button button--quiet"
          aria-expanded={open}
          aria-controls={id}
          aria-label={t('editing.editNamed', { name: title })}
          onClick={() => setOpen(!open)}
        >
          {t('editing.edit')}
        </button>
      </div>
      <div id={id} hidden={!open && state.kind === 'editing'}>
        <SaveProblems state={state} onReload={onReload} />
        <form className="edit-form" onSubmit={submit} noValidate aria-label={t('editing.editNamed', { name: title })}>
          <MilestoneFields form={form} setForm={setForm} errors={fieldErrors} sessionOptions={sessionOptions} />
          <div className="actions">
            <button type="submit" className="button" disabled={state.kind === 'saving'}>
              {state.kind === 'saving' ? t('editing.saving') : t('building.edit.saveMilestone')}
            </button>
            <button
              type="button"
              className="button button--quiet building-edit__danger"
              disabled={state.kind === 'saving'}
              aria-label={t('editing.picker.remove', { name: title })}
              onClick={() => void remove()}
            >
              {t('editing.remove')}
            </button>
          </div>
        </form>
      </div>
    </li>
  );
}

function AddMilestone({
  programme,
  sessionOptions,
  onSaved,
}: {
  programme: BuildingProgrammeDetail;
  sessionOptions: SessionOptions;
  onSaved(answer: BuildingProgrammeDetail, announce: string): void;
}) {
  const { t, language } = useI18n();
  const id = useId();
  const [form, setForm] = useState(blankMilestone);
  const { state, save, fieldErrors, reset } = useSave((field) => FIELD_OF_API[field]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const answer = await save(() =>
      apiWrite<BuildingProgrammeDetail>(
        'POST',
        `/api/building-programmes/${encodeURIComponent(programme.slug)}/milestones`,
        language,
        bodyOf(form),
      ),
    );
    if (!answer) return;
    onSaved(answer, t('building.edit.milestoneAdded', { title: form.titleEn.trim() }));
    setForm(blankMilestone);
  }

  return (
    <form className="affiliations__add" onSubmit={submit} aria-labelledby={`${id}-heading`} noValidate>
      <h3 id={`${id}-heading`}>{t('building.edit.addMilestone')}</h3>
      <SaveProblems state={state} onReload={reset} />
      <MilestoneFields form={form} setForm={setForm} errors={fieldErrors} sessionOptions={sessionOptions} />
      <div className="actions">
        <button type="submit" className="button" disabled={state.kind === 'saving'}>
          {t('building.edit.addMilestoneButton')}
        </button>
      </div>
    </form>
  );
}
