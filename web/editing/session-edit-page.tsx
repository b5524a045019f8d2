import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { OrganizationRef, OrganizationSummary, PersonRef, PersonSummary } from '../../shared/api/directory.ts';
import type { NewSession, SessionChanges } from '../../shared/api/editing.ts';
import type { EventDetail, EventSummary, Session, VenueDetail } from '../../shared/api/programme.ts';
import {
  SESSION_KINDS,
  SESSION_STATUSES,
  SESSION_VISIBILITIES,
  SPEAKER_PARTS,
  type SpeakerPart,
} from '../../shared/domain.ts';
import { localDate, zonedTimeToInstant } from '../../shared/time.ts';
import { useMe } from '../accounts/use-me.ts';
import { ApiError, apiPath, apiWrite, type List, useApi } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { CannotEdit, FormActions, SaveProblems } from './edit-states.tsx';
import { fieldsOf, SelectField, TextAreaField, TextField } from './form-fields.tsx';
import { isAdmin } from './permissions.ts';
import { useSave } from './use-save.ts';
import { useRecord } from './write.ts';
import './editing.css';
import './session-edit.css';

type Credit = 'hosts' | 'presenters' | 'partners';
const CREDITS: readonly Credit[] = ['hosts', 'presenters', 'partners'];

interface SessionForm {
  kind: Session['kind'];
  titleEn: string;
  titleEs: string;
  descriptionEn: string;
  descriptionEs: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  venue: string;
  stage: string;
  capacity: string;
  visibility: Session['visibility'];
  status: Session['status'];
  topics: string;
  speakers: { person: PersonRef; part: SpeakerPart }[];
  hosts: OrganizationRef[];
  presenters: OrganizationRef[];
  partners: OrganizationRef[];
}

/** The wall-clock time (HH:MM) of an instant in a zone. */
function localTime(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(instant),
  );
}

const formOf = (session: Session, timeZone: string): SessionForm => ({
  kind: session.kind,
  titleEn: session.title.en ?? '',
  titleEs: session.title.es ?? '',
  descriptionEn: session.description.en ?? '',
  descriptionEs: session.description.es ?? '',
  startDate: localDate(session.startsAt, timeZone),
  startTime: localTime(session.startsAt, timeZone),
  endDate: localDate(session.endsAt, timeZone),
  endTime: localTime(session.endsAt, timeZone),
  venue: session.venue?.slug ?? '',
  stage: session.stage ?? '',
  capacity: session.capacity === null ? '' : String(session.capacity),
  visibility: session.visibility,
  status: session.status,
  topics: session.topics.map((topic) => topic.slug).join(', '),
  speakers: session.speakers.map(({ person, part }) => ({ person, part })),
  hosts: session.hosts,
  presenters: session.presenters,
  partners: session.partners,
});

const blankForm = (event: EventDetail): SessionForm => ({
  kind: 'panel',
  titleEn: '',
  titleEs: '',
  descriptionEn: '',
  descriptionEs: '',
  startDate: event.startsOn,
  startTime: '10:00',
  endDate: event.startsOn,
  endTime: '11:00',
  venue: '',
  stage: '',
  capacity: '',
  visibility: 'public',
  status: 'scheduled',
  topics: '',
  speakers: [],
  hosts: [],
  presenters: [],
  partners: [],
});

const FIELD_OF_API: Record<string, keyof SessionForm> = {
  kind: 'kind',
  title: 'titleEn',
  'title.en': 'titleEn',
  'title.es': 'titleEs',
  description: 'descriptionEn',
  'description.en': 'descriptionEn',
  'description.es': 'descriptionEs',
  startsAt: 'startTime',
  endsAt: 'endTime',
  venue: 'venue',
  stage: 'stage',
  capacity: 'capacity',
  visibility: 'visibility',
  status: 'status',
  topics: 'topics',
  speakers: 'speakers',
  hosts: 'hosts',
  presenters: 'presenters',
  partners: 'partners',
};
const fieldOf = (apiField: string) => FIELD_OF_API[apiField] ?? FIELD_OF_API[apiField.split(/[./]/)[0] ?? ''];

const orNull = (text: string) => text.trim() || null;
const topicsOf = (text: string) =>
  text
    .split(',')
    .map((topic) => topic.trim())
    .filter(Boolean);
/** An unreadable number goes to the server as is, for it to say what is wrong. */
function capacityOf(text: string): number | null {
  const given = text.trim();
  if (!given) return null;
  const number = Number(given);
  return Number.isNaN(number) ? (given as unknown as number) : number;
}

/** Everything the form holds, as POST /api/events/:slug/sessions takes it. */
function bodyOf(form: SessionForm, timeZone: string): NewSession {
  return {
    kind: form.kind,
    title: { en: form.titleEn.trim(), es: orNull(form.titleEs) },
    description: { en: orNull(form.descriptionEn), es: orNull(form.descriptionEs) },
    startsAt: zonedTimeToInstant(form.startDate, form.startTime, timeZone).toISOString(),
    endsAt: zonedTimeToInstant(form.endDate, form.endTime, timeZone).toISOString(),
    venue: orNull(form.venue),
    stage: form.venue ? orNull(form.stage) : null,
    capacity: capacityOf(form.capacity),
    visibility: form.visibility,
    status: form.status,
    topics: topicsOf(form.topics),
    speakers: form.speakers.map(({ person, part }) => ({ person: person.id, part })),
    hosts: form.hosts.map((organization) => organization.slug),
    presenters: form.presenters.map((organization) => organization.slug),
    partners: form.partners.map((organization) => organization.slug),
  } as NewSession;
}

/** Only what changed goes to the server, with the version the form was filled from. */
function changesOf(before: NewSession, after: NewSession, version: number): SessionChanges | null {
  const changes: Record<string, unknown> = { version };
  for (const key of Object.keys(after) as (keyof NewSession)[]) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) changes[key] = after[key];
  }
  return Object.keys(changes).length > 1 ? (changes as SessionChanges) : null;
}

const programmeHref = (eventSlug: string, sessionId: string) =>
  `/events/${encodeURIComponent(eventSlug)}?session=${encodeURIComponent(sessionId)}`;

/** /sessions/:id/edit — the event comes from `?event=<slug>`, or is found by the session's day. */
export function SessionEditPage({ id }: { id: string }) {
  const { t, text } = useI18n();
  const { me } = useMe();
  const eventSlug = new URLSearchParams(useSearch()).get('event');
  const record = useRecord<Session>(`/api/sessions/${encodeURIComponent(id)}`);
  const events = useApi<List<EventSummary>>(eventSlug ? null : '/api/events');
  const found =
    eventSlug ??
    (record.data
      ? events.data?.items.find(
          (event) =>
            record.data &&
            localDate(record.data.startsAt, event.timeZone) === record.data.day &&
            event.startsOn <= record.data.day &&
            record.data.day <= event.endsOn,
        )?.slug
      : undefined);
  // Only the event's zone, name and days are read from it: the page's memory of it will do.
  const event = useApi<EventDetail>(found ? `/api/events/${encodeURIComponent(found)}` : null);
  usePageTitle(record.data ? t('editing.session.titleEdit', { title: text(record.data.title) }) : t('editing.edit'));

  if (me === null) return <CannotEdit reason="sign-in" />;
  if (record.error) return <ErrorState error={record.error} onRetry={() => void record.reload()} asPage />;
  if (me !== undefined && !isAdmin(me)) return <CannotEdit reason="not-allowed" />;
  if (events.data && record.data && !found) {
    return <ErrorState error={new ApiError(404, 'not_found', t('editing.session.eventUnknown'))} asPage />;
  }
  if (event.error) return <ErrorState error={event.error} onRetry={event.reload} asPage />;
  if (me === undefined || !record.data || !found || !event.data || event.data.slug !== found) return <Loading />;
  return (
    <SessionEditForm
      key={record.data.version}
      event={event.data}
      session={record.data}
      onReload={() => void record.reload()}
    />
  );
}

/** /events/:slug/sessions/new */
export function NewSessionPage({ eventSlug }: { eventSlug: string }) {
  const { t } = useI18n();
  const { me } = useMe();
  const event = useRecord<EventDetail>(`/api/events/${encodeURIComponent(eventSlug)}`);
  usePageTitle(t('editing.session.titleNew'));
  if (me === null) return <CannotEdit reason="sign-in" />;
  if (event.error) return <ErrorState error={event.error} onRetry={() => void event.reload()} asPage />;
  if (me !== undefined && !isAdmin(me)) return <CannotEdit reason="not-allowed" />;
  if (me === undefined || !event.data) return <Loading />;
  return <SessionEditForm event={event.data} session={undefined} onReload={() => void event.reload()} />;
}

function SessionEditForm({
  event,
  session,
  onReload,
}: {
  event: EventDetail;
  session: Session | undefined;
  onReload(): void;
}) {
  const { t, text, language } = useI18n();
  const [, navigate] = useLocation();
  const zone = event.timeZone;
  const [initial] = useState(() => (session ? formOf(session, zone) : blankForm(event)));
  const [form, setForm] = useState(initial);
  const { state, save, fieldErrors } = useSave(fieldOf);
  const venues = useApi<List<VenueDetail>>('/api/venues');
  const eventHref = `/events/${encodeURIComponent(event.slug)}`;
  const cancelHref = session ? programmeHref(event.slug, session.id) : eventHref;
  const eventName = text(event.name);
  const heading = session
    ? t('editing.session.titleEdit', { title: text(session.title) })
    : t('editing.session.titleNew');

  const set =
    <K extends keyof SessionForm>(key: K) =>
    (value: SessionForm[K]) =>
      setForm((current) => ({ ...current, [key]: value }));
  const field = fieldsOf(form, setForm, fieldErrors);

  async function submit(submitted: FormEvent) {
    submitted.preventDefault();
    const body = bodyOf(form, zone);
    if (!session) {
      const created = await save(() =>
        apiWrite<Session>('POST', `/api/events/${encodeURIComponent(event.slug)}/sessions`, language, body),
      );
      if (created) navigate(programmeHref(event.slug, created.id));
      return;
    }
    const changes = changesOf(bodyOf(initial, zone), body, session.version);
    if (!changes) {
      navigate(cancelHref);
      return;
    }
    const saved = await save(() =>
      apiWrite<Session>('PATCH', `/api/sessions/${encodeURIComponent(session.id)}`, language, changes),
    );
    if (saved) navigate(programmeHref(event.slug, saved.id));
  }

  const venue = venues.data?.items.find((candidate) => candidate.slug === form.venue);
  const venueOptions = [
    { value: '', label: t('editing.field.noVenue') },
    ...(venues.data?.items ?? []).map((candidate) => ({ value: candidate.slug, label: candidate.name })),
  ];
  if (form.venue && !venueOptions.some((option) => option.value === form.venue)) {
    venueOptions.push({ value: form.venue, label: session?.venue?.name ?? form.venue });
  }
  const stageOptions = [
    { value: '', label: t('editing.field.noStage') },
    ...(venue?.stages ?? []).map((stage) => ({ value: stage, label: stage })),
  ];
  if (form.stage && !stageOptions.some((option) => option.value === form.stage)) {
    stageOptions.push({ value: form.stage, label: form.stage });
  }

  return (
    <div className="edit-page">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={eventHref}>{eventName}</Link>
        </p>
        <h1>{heading}</h1>
      </header>
      <SaveProblems state={state} onReload={onReload} />
      <form className="edit-form" onSubmit={submit} noValidate>
        <SelectField
          name="kind"
          label={t('editing.field.kind')}
          value={form.kind}
          onChange={(value) => set('kind')(value as SessionForm['kind'])}
          options={SESSION_KINDS.map((kind) => ({ value: kind, label: t(`kind.session.${kind}`) }))}
          error={fieldErrors.kind}
        />
        <TextField {...field('titleEn')} label={t('editing.field.titleEn')} lang="en" required />
        <TextField {...field('titleEs')} label={t('editing.field.titleEs')} lang="es" />
        <fieldset className="edit-form__group edit-form__when">
          <legend>{t('editing.session.when')}</legend>
          <p className="form-field__hint">{t('editing.session.zoneHint', { zone })}</p>
          <InputField {...field('startDate')} type="date" label={t('editing.field.startDate')} />
          <InputField {...field('startTime')} type="time" label={t('editing.field.startTime')} />
          <InputField {...field('endDate')} type="date" label={t('editing.field.endDate')} />
          <InputField {...field('endTime')} type="time" label={t('editing.field.endTime')} />
        </fieldset>
        <fieldset className="edit-form__group">
          <legend>{t('editing.session.where')}</legend>
          <SelectField
            name="venue"
            label={t('editing.field.venue')}
            value={form.venue}
            onChange={(value) => setForm((current) => ({ ...current, venue: value, stage: '' }))}
            options={venueOptions}
            error={fieldErrors.venue}
          />
          <SelectField
            {...field('stage')}
            label={t('editing.field.stage')}
            options={stageOptions}
            disabled={!form.venue}
          />
          <InputField
            {...field('capacity')}
            type="number"
            label={t('editing.field.capacity')}
            hint={t('editing.field.capacityHint')}
          />
        </fieldset>
        <SelectField
          name="visibility"
          label={t('editing.field.visibility')}
          value={form.visibility}
          onChange={(value) => set('visibility')(value as SessionForm['visibility'])}
          options={SESSION_VISIBILITIES.map((visibility) => ({
            value: visibility,
            label: t(`visibility.${visibility}`),
          }))}
          error={fieldErrors.visibility}
        />
        <SelectField
          name="status"
          label={t('editing.field.status')}
          value={form.status}
          onChange={(value) => set('status')(value as SessionForm['status'])}
          options={SESSION_STATUSES.map((status) => ({ value: status, label: t(`editing.session.status.${status}`) }))}
          error={fieldErrors.status}
        />
        <TextAreaField {...field('descriptionEn')} label={t('editing.field.descriptionEn')} lang="en" />
        <TextAreaField {...field('descriptionEs')} label={t('editing.field.descriptionEs')} lang="es" />
        <SpeakersField value={form.speakers} onChange={set('speakers')} error={fieldErrors.speakers} />
        {CREDITS.map((credit) => (
          <OrganizationsField
            key={credit}
            legend={t(`editing.session.${credit}`)}
            value={form[credit]}
            onChange={set(credit)}
            error={fieldErrors[credit]}
          />
        ))}
        <TextField {...field('topics')} label={t('editing.field.topics')} hint={t('editing.field.topicsHint')} />
        <FormActions saving={state.kind === 'saving'} cancelHref={cancelHref} />
      </form>
    </div>
  );
}

/** A date, time or number input with its label, hint and the server's message. */
export function InputField(props: {
  name: string;
  type: 'date' | 'time' | 'number';
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onChange(value: string): void;
}) {
  const id = useId();
  const describedBy =
    [props.hint ? `${id}-hint` : null, props.error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-field${props.error ? ' form-field--invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <p className="form-field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        min={props.type === 'number' ? 1 : undefined}
        inputMode={props.type === 'number' ? 'numeric' : undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
      />
      {props.error ? (
        <p className="form-field__error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** A list with remove buttons and, below it, a search box whose matches can be added. */
function PickerFrame({
  legend,
  error,
  children,
  search,
}: {
  legend: string;
  error?: string | undefined;
  children: ReactNode;
  search: ReactNode;
}) {
  const id = useId();
  return (
    <fieldset
      className={`edit-form__group${error ? ' form-field--invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {children}
      {search}
      {error ? (
        <p className="form-field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function SearchBox<T extends { name: string }>({
  label,
  path,
  exclude,
  keyOf,
  onPick,
}: {
  label: string;
  path: string;
  exclude: (item: T) => boolean;
  keyOf: (item: T) => string;
  onPick(item: T): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [query, setQuery] = useState('');
  const wanted = query.trim();
  const results = useApi<List<T>>(wanted.length >= 2 ? apiPath(path, { q: wanted }) : null, { keepPrevious: true });
  const matches = wanted.length >= 2 ? (results.data?.items ?? []).filter((item) => !exclude(item)).slice(0, 8) : [];
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        autoComplete="off"
      />
      {wanted.length >= 2 && results.data ? (
        matches.length > 0 ? (
          <ul className="picker__matches">
            {matches.map((item) => (
              <li key={keyOf(item)}>
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => {
                    onPick(item);
                    setQuery('');
                  }}
                >
                  {t('editing.picker.add', { name: item.name })}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="form-field__hint">{t('editing.picker.noMatches')}</p>
        )
      ) : null}
    </div>
  );
}

function SpeakersField({
  value,
  onChange,
  error,
}: {
  value: SessionForm['speakers'];
  onChange(value: SessionForm['speakers']): void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <PickerFrame
      legend={t('editing.session.speakers')}
      error={error}
      search={
        <SearchBox<PersonSummary>
          label={t('editing.picker.searchPerson')}
          path="/api/people"
          exclude={(person) => value.some((speaker) => speaker.person.id === person.id)}
          keyOf={(person) => person.id}
          onPick={(person) =>
            onChange([
              ...value,
              {
                person: { id: person.id, name: person.name, country: person.country, fictional: person.fictional },
                part: 'speaker',
              },
            ])
          }
        />
      }
    >
      {value.length === 0 ? (
        <p className="form-field__hint">{t('editing.picker.none')}</p>
      ) : (
        <ul className="picker__chosen">
          {value.map((speaker) => (
            <li key={speaker.person.id}>
              <SelectField
                name={`part-${speaker.person.id}`}
                label={t('editing.field.part', { name: speaker.person.name })}
                value={speaker.part}
                onChange={(part) =>
                  onChange(
                    value.map((other) =>
                      other.person.id === speaker.person.id ? { ...other, part: part as SpeakerPart } : other,
                    ),
                  )
                }
                options={SPEAKER_PARTS.map((part) => ({ value: part, label: t(`part.${part}`) }))}
              />
              <button
                type="button"
                className="button button--quiet"
                onClick={() => onChange(value.filter((other) => other.person.id !== speaker.person.id))}
              >
                {t('editing.picker.remove', { name: speaker.person.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </PickerFrame>
  );
}

function OrganizationsField({
  legend,
  value,
  onChange,
  error,
}: {
  legend: string;
  value: OrganizationRef[];
  onChange(value: OrganizationRef[]): void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <PickerFrame
      legend={legend}
      error={error}
      search={
        <SearchBox<OrganizationSummary>
          label={t('editing.picker.searchOrganization', { list: legend })}
          path="/api/organizations"
          exclude={(organization) => value.some((chosen) => chosen.slug === organization.slug)}
          keyOf={(organization) => organization.slug}
          onPick={(organization) => {
            const { peopleCount, membersCount, status, country, website, memberOf, ...ref } = organization;
            onChange([...value, ref]);
          }}
        />
      }
    >
      {value.length === 0 ? (
        <p className="form-field__hint">{t('editing.picker.none')}</p>
      ) : (
        <ul className="picker__chosen">
          {value.map((organization) => (
            <li key={organization.slug}>
              <span>{organization.name}</span>{' '}
              <button
                type="button"
                className="button button--quiet"
                onClick={() => onChange(value.filter((other) => other.slug !== organization.slug))}
              >
                {t('editing.picker.remove', { name: organization.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </PickerFrame>
  );
}
