import { type FormEvent, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { EventDetail, EventSummary, Session, VenueDetail } from '../../shared/api/programme.ts';
import { SESSION_KINDS, SESSION_STATUSES, SESSION_VISIBILITIES } from '../../shared/domain.ts';
import { localDate } from '../../shared/time.ts';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { ApiError, apiWrite, type List, useApi } from '../api.ts';
import { CannotEdit, FormActions, SaveProblems } from '../forms/edit-states.tsx';
import { fieldsOf, InputField, SelectField, TextAreaField, TextField } from '../forms/form-fields.tsx';
import { useSave } from '../forms/use-save.ts';
import { useRecord } from '../forms/write.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { OrganizationsField, SpeakersField } from './session-credit-fields.tsx';
import { blankForm, bodyOf, CREDITS, changesOf, fieldOf, formOf, type SessionForm } from './session-form.ts';
import '../forms/forms.css';
import './session-edit.css';
import { timeZoneLabel } from '../i18n/time-zone-label.ts';

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
          <p className="form-field__hint">{t('editing.session.zoneHint', { zone: timeZoneLabel(t, zone) })}</p>
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
