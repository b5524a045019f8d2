import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { OrganizationSummary } from '../../shared/api/directory.ts';
import type { EventChanges } from '../../shared/api/editing.ts';
import type { EventDetail } from '../../shared/api/programme.ts';
import { useMe } from '../accounts/use-me.ts';
import { apiWrite, type List, useApi } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { useCountryOptions } from './country-options.ts';
import { CannotEdit, FormActions, SaveProblems } from './edit-states.tsx';
import { SelectField, TextAreaField, TextField } from './form-fields.tsx';
import { isAdmin } from './permissions.ts';
import { InputField } from './session-edit-page.tsx';
import { useSave } from './use-save.ts';
import { useRecord } from './write.ts';
import './editing.css';

interface EventForm {
  nameEn: string;
  nameEs: string;
  hostOrganization: string;
  city: string;
  country: string;
  timeZone: string;
  startsOn: string;
  endsOn: string;
  website: string;
  descriptionEn: string;
  descriptionEs: string;
}

const formOf = (event: EventDetail): EventForm => ({
  nameEn: event.name.en ?? '',
  nameEs: event.name.es ?? '',
  hostOrganization: event.hostOrganization?.slug ?? '',
  city: event.city,
  country: event.country?.code ?? '',
  timeZone: event.timeZone,
  startsOn: event.startsOn,
  endsOn: event.endsOn,
  website: event.website ?? '',
  descriptionEn: event.description.en ?? '',
  descriptionEs: event.description.es ?? '',
});

const FIELD_OF_API: Record<string, keyof EventForm> = {
  name: 'nameEn',
  'name.en': 'nameEn',
  'name.es': 'nameEs',
  hostOrganization: 'hostOrganization',
  city: 'city',
  country: 'country',
  timeZone: 'timeZone',
  startsOn: 'startsOn',
  endsOn: 'endsOn',
  website: 'website',
  description: 'descriptionEn',
  'description.en': 'descriptionEn',
  'description.es': 'descriptionEs',
};

const orNull = (text: string) => text.trim() || null;

/** Only what changed goes to the server, with the version the form was filled from. */
function changesOf(before: EventForm, after: EventForm, version: number): EventChanges | null {
  const changes: EventChanges = { version };
  const changed = (key: keyof EventForm) => before[key].trim() !== after[key].trim();
  // The English name is required, so a change of names always carries it.
  if (changed('nameEn') || changed('nameEs')) {
    changes.name = { en: after.nameEn.trim(), ...(changed('nameEs') ? { es: orNull(after.nameEs) } : {}) };
  }
  if (changed('hostOrganization')) changes.hostOrganization = orNull(after.hostOrganization);
  if (changed('city')) changes.city = after.city.trim();
  if (changed('country')) changes.country = orNull(after.country);
  if (changed('timeZone')) changes.timeZone = after.timeZone.trim();
  if (changed('startsOn')) changes.startsOn = after.startsOn;
  if (changed('endsOn')) changes.endsOn = after.endsOn;
  if (changed('website')) changes.website = orNull(after.website);
  if (changed('descriptionEn') || changed('descriptionEs')) {
    changes.description = {
      ...(changed('descriptionEn') ? { en: orNull(after.descriptionEn) } : {}),
      ...(changed('descriptionEs') ? { es: orNull(after.descriptionEs) } : {}),
    };
  }
  return Object.keys(changes).length > 1 ? changes : null;
}

/** /events/:slug/edit — admins only. */
export function EventEditPage({ slug }: { slug: string }) {
  const { t, text } = useI18n();
  const { me } = useMe();
  const record = useRecord<EventDetail>(`/api/events/${encodeURIComponent(slug)}`);
  usePageTitle(record.data ? t('editing.organization.title', { name: text(record.data.name) }) : t('editing.edit'));

  if (me === null) return <CannotEdit reason="sign-in" />;
  if (record.error) return <ErrorState error={record.error} onRetry={() => void record.reload()} asPage />;
  if (me === undefined || !record.data) return <Loading />;
  if (!isAdmin(me)) return <CannotEdit reason="not-allowed" />;
  // Keyed by version: loading the latest version after a conflict starts the form afresh from it.
  return <EventEditForm key={record.data.version} event={record.data} onReload={() => void record.reload()} />;
}

function EventEditForm({ event, onReload }: { event: EventDetail; onReload(): void }) {
  const { t, text, language } = useI18n();
  const [, navigate] = useLocation();
  const initial = formOf(event);
  const [form, setForm] = useState(initial);
  const { state, save, fieldErrors } = useSave((field) => FIELD_OF_API[field]);
  const countryOptions = useCountryOptions(t('editing.field.noCountry'));
  const organizations = useApi<List<OrganizationSummary>>('/api/organizations');
  const pageHref = `/events/${encodeURIComponent(event.slug)}`;
  const name = text(event.name);

  const set = (key: keyof EventForm) => (value: string) => setForm((current) => ({ ...current, [key]: value }));

  async function submit(submitted: FormEvent) {
    submitted.preventDefault();
    const changes = changesOf(initial, form, event.version);
    if (!changes) {
      navigate(pageHref);
      return;
    }
    const saved = await save(() =>
      apiWrite<EventDetail>('PATCH', `/api/events/${encodeURIComponent(event.slug)}`, language, changes),
    );
    if (saved) navigate(pageHref);
  }

  const hostOptions = [
    { value: '', label: t('editing.field.noHost') },
    ...(organizations.data?.items ?? []).map((candidate) => ({ value: candidate.slug, label: candidate.name })),
  ];
  // The current host stays choosable while the list loads.
  if (form.hostOrganization && !hostOptions.some((option) => option.value === form.hostOrganization)) {
    hostOptions.push({ value: form.hostOrganization, label: event.hostOrganization?.name ?? form.hostOrganization });
  }

  return (
    <div className="edit-page">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={pageHref}>{name}</Link>
        </p>
        <h1>{t('editing.organization.title', { name })}</h1>
      </header>
      <SaveProblems state={state} onReload={onReload} />
      <form className="edit-form" onSubmit={submit} noValidate>
        <TextField
          name="nameEn"
          label={t('editing.field.nameEn')}
          value={form.nameEn}
          onChange={set('nameEn')}
          error={fieldErrors.nameEn}
          lang="en"
          required
        />
        <TextField
          name="nameEs"
          label={t('editing.field.nameEs')}
          value={form.nameEs}
          onChange={set('nameEs')}
          error={fieldErrors.nameEs}
          lang="es"
        />
        <SelectField
          name="hostOrganization"
          label={t('editing.field.hostOrganization')}
          value={form.hostOrganization}
          onChange={set('hostOrganization')}
          options={hostOptions}
          error={fieldErrors.hostOrganization}
        />
        <fieldset className="edit-form__group">
          <legend>{t('editing.session.where')}</legend>
          <TextField
            name="city"
            label={t('editing.field.city')}
            value={form.city}
            onChange={set('city')}
            error={fieldErrors.city}
            required
          />
          <SelectField
            name="country"
            label={t('editing.field.country')}
            value={form.country}
            onChange={set('country')}
            options={countryOptions}
            error={fieldErrors.country}
          />
        </fieldset>
        <fieldset className="edit-form__group">
          <legend>{t('editing.session.when')}</legend>
          <TextField
            name="timeZone"
            label={t('editing.field.timeZone')}
            hint={t('editing.field.timeZoneHint')}
            value={form.timeZone}
            onChange={set('timeZone')}
            error={fieldErrors.timeZone}
            required
          />
          <InputField
            name="startsOn"
            type="date"
            label={t('editing.field.startsOn')}
            value={form.startsOn}
            onChange={set('startsOn')}
            error={fieldErrors.startsOn}
          />
          <InputField
            name="endsOn"
            type="date"
            label={t('editing.field.endsOn')}
            value={form.endsOn}
            onChange={set('endsOn')}
            error={fieldErrors.endsOn}
          />
        </fieldset>
        <TextField
          name="website"
          type="url"
          label={t('editing.field.website')}
          hint={t('editing.field.websiteHint')}
          value={form.website}
          onChange={set('website')}
          error={fieldErrors.website}
        />
        <TextAreaField
          name="descriptionEn"
          label={t('editing.field.descriptionEn')}
          value={form.descriptionEn}
          onChange={set('descriptionEn')}
          error={fieldErrors.descriptionEn}
          lang="en"
        />
        <TextAreaField
          name="descriptionEs"
          label={t('editing.field.descriptionEs')}
          value={form.descriptionEs}
          onChange={set('descriptionEs')}
          error={fieldErrors.descriptionEs}
          lang="es"
        />
        <FormActions saving={state.kind === 'saving'} cancelHref={pageHref} />
      </form>
    </div>
  );
}
