import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { OrganizationSummary } from '../../shared/api/directory.ts';
import type { EventChanges, NewEvent } from '../../shared/api/editing.ts';
import type { EventDetail } from '../../shared/api/programme.ts';
import type { Translate } from '../../shared/i18n/index.ts';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { apiWrite, type List, useApi } from '../api.ts';
import { CannotEdit, FormActions, OnlyFor, SaveProblems } from '../forms/edit-states.tsx';
import {
  BilingualTextAreas,
  CountryField,
  fieldsOf,
  InputField,
  SelectField,
  SlugField,
  TextField,
  useSuggestedSlug,
  WebAddressField,
} from '../forms/form-fields.tsx';
import { useSave } from '../forms/use-save.ts';
import { useRecord } from '../forms/write.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { timeZoneLabel } from '../i18n/time-zone-label.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import '../forms/forms.css';

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

const blankForm: EventForm = {
  nameEn: '',
  nameEs: '',
  hostOrganization: '',
  city: '',
  country: '',
  timeZone: '',
  startsOn: '',
  endsOn: '',
  website: '',
  descriptionEn: '',
  descriptionEs: '',
};

const FIELD_OF_API: Record<string, keyof EventForm | 'slug'> = {
  slug: 'slug',
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

/** Everything the form holds, as POST /api/events takes it. */
function bodyOf(slug: string, form: EventForm): NewEvent {
  return {
    slug: slug.trim(),
    name: { en: form.nameEn.trim(), es: orNull(form.nameEs) },
    city: form.city.trim(),
    timeZone: form.timeZone.trim(),
    startsOn: form.startsOn,
    endsOn: form.endsOn,
    hostOrganization: orNull(form.hostOrganization),
    country: orNull(form.country),
    website: orNull(form.website),
    description: { en: orNull(form.descriptionEn), es: orNull(form.descriptionEs) },
  };
}

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
  usePageTitle(record.data ? t('editing.event.title', { name: text(record.data.name) }) : t('editing.edit'));

  if (me === null) return <CannotEdit reason="sign-in" />;
  if (record.error) return <ErrorState error={record.error} onRetry={() => void record.reload()} asPage />;
  if (me === undefined || !record.data) return <Loading />;
  if (!isAdmin(me)) return <CannotEdit reason="not-allowed" />;
  // Keyed by version: loading the latest version after a conflict starts the form afresh from it.
  return <EventEditForm key={record.data.version} event={record.data} onReload={() => void record.reload()} />;
}

/** /events/new — admins only. */
export function NewEventPage() {
  const { t } = useI18n();
  usePageTitle(t('editing.event.titleNew'));
  return <OnlyFor allowed={isAdmin}>{() => <EventEditForm event={undefined} onReload={() => {}} />}</OnlyFor>;
}

/** Changes an event, or adds one when `event` is undefined. */
function EventEditForm({ event, onReload }: { event: EventDetail | undefined; onReload(): void }) {
  const { t, text, language } = useI18n();
  const [, navigate] = useLocation();
  const initial = event ? formOf(event) : blankForm;
  const [form, setForm] = useState(initial);
  const [zoneSearch, setZoneSearch] = useState('');
  const zones = timeZoneOptions(t, form.timeZone, zoneSearch);
  const slug = useSuggestedSlug(form.nameEn);
  const { state, save, fieldErrors } = useSave((field) => FIELD_OF_API[field]);
  const organizations = useApi<List<OrganizationSummary>>('/api/organizations');
  const pageHref = event ? `/events/${encodeURIComponent(event.slug)}` : '/events';
  const name = event ? text(event.name) : t('editing.event.titleNew');
  const heading = event ? t('editing.event.title', { name }) : name;

  const field = fieldsOf(form, setForm, fieldErrors);

  async function submit(submitted: FormEvent) {
    submitted.preventDefault();
    if (!event) {
      const created = await save(() =>
        apiWrite<EventDetail>('POST', '/api/events', language, bodyOf(slug.value, form)),
      );
      if (created) navigate(`/events/${encodeURIComponent(created.slug)}`);
      return;
    }
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
    hostOptions.push({ value: form.hostOrganization, label: event?.hostOrganization?.name ?? form.hostOrganization });
  }

  return (
    <div className="edit-page">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={pageHref}>{event ? name : t('events.title')}</Link>
        </p>
        <h1>{heading}</h1>
      </header>
      <SaveProblems state={state} onReload={onReload} />
      <form className="edit-form" onSubmit={submit} noValidate>
        <TextField label={t('editing.field.nameEn')} lang="en" required {...field('nameEn')} />
        <TextField label={t('editing.field.nameEs')} lang="es" {...field('nameEs')} />
        {event ? null : <SlugField slug={slug} path="/events/" error={fieldErrors.slug} />}
        <SelectField label={t('editing.field.hostOrganization')} options={hostOptions} {...field('hostOrganization')} />
        <fieldset className="edit-form__group">
          <legend>{t('editing.session.where')}</legend>
          <TextField label={t('editing.field.city')} required {...field('city')} />
          <CountryField {...field('country')} />
        </fieldset>
        <fieldset className="edit-form__group">
          <legend>{t('editing.session.when')}</legend>
          <TextField
            name="timeZoneSearch"
            label={t('editing.field.timeZoneSearch')}
            hint={zoneSearch ? t('editing.field.timeZoneMatches', { count: zones.matches }) : undefined}
            value={zoneSearch}
            onChange={setZoneSearch}
          />
          <SelectField label={t('editing.field.timeZone')} options={zones.options} {...field('timeZone')} />
          <InputField type="date" label={t('editing.field.startsOn')} {...field('startsOn')} />
          <InputField type="date" label={t('editing.field.endsOn')} {...field('endsOn')} />
        </fieldset>
        <WebAddressField {...field('website')} />
        <BilingualTextAreas en={field('descriptionEn')} es={field('descriptionEs')} />
        <FormActions saving={state.kind === 'saving'} cancelHref={pageHref} creating={!event} />
      </form>
    </div>
  );
}

const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace('\u2212', '-')
    .toLowerCase();

/**
 * Every zone the browser knows, as people say them ("Mexico City time (UTC−6)"), narrowed to those whose
 * label or name holds what was typed (none matching: all of them), the current one always kept.
 */
function timeZoneOptions(t: Translate, current: string, search: string) {
  const zones = Intl.supportedValuesOf('timeZone');
  const all = [...new Set([...zones, ...(current ? [current] : [])])]
    .map((zone) => ({ value: zone, label: timeZoneLabel(t, zone) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const wanted = folded(search.trim());
  const found = wanted
    ? all.filter((o) => o.value === current || folded(`${o.label} ${o.value}`).includes(wanted))
    : all;
  const matches = wanted
    ? found.filter((o) => o.value !== current || folded(`${o.label} ${o.value}`).includes(wanted)).length
    : all.length;
  const options = matches > 0 ? found : all;
  return { matches, options: [{ value: '', label: t('editing.field.timeZoneChoose') }, ...options] };
}
