import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { NewVenue, VenueChanges } from '../../shared/api/editing.ts';
import type { VenueDetail } from '../../shared/api/programme.ts';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { ApiError, apiWrite, type List } from '../api.ts';
import { CannotEdit, FormActions, OnlyFor, SaveProblems } from '../forms/edit-states.tsx';
import {
  BilingualTextAreas,
  CountryField,
  fieldsOf,
  SlugField,
  TextField,
  useSuggestedSlug,
  WebAddressField,
} from '../forms/form-fields.tsx';
import { useSave } from '../forms/use-save.ts';
import { useRecord } from '../forms/write.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, ErrorState, Loading } from '../ui/status.tsx';
import '../forms/forms.css';

interface VenueForm {
  name: string;
  address: string;
  city: string;
  country: string;
  mapUrl: string;
  descriptionEn: string;
  descriptionEs: string;
  stages: string[];
}

const blankForm: VenueForm = {
  name: '',
  address: '',
  city: '',
  country: '',
  mapUrl: '',
  descriptionEn: '',
  descriptionEs: '',
  stages: [],
};

const formOf = (venue: VenueDetail): VenueForm => ({
  name: venue.name,
  address: venue.address ?? '',
  city: venue.city ?? '',
  country: venue.country?.code ?? '',
  mapUrl: venue.mapUrl ?? '',
  descriptionEn: venue.description.en ?? '',
  descriptionEs: venue.description.es ?? '',
  stages: venue.stages,
});

const FIELD_OF_API: Record<string, string> = {
  slug: 'slug',
  name: 'name',
  address: 'address',
  city: 'city',
  country: 'country',
  mapUrl: 'mapUrl',
  description: 'descriptionEn',
  'description.en': 'descriptionEn',
  'description.es': 'descriptionEs',
};
/** A stage's problem (`stages.2`) goes next to the list of stages. */
const fieldOf = (apiField: string) => (apiField.startsWith('stages') ? 'stages' : FIELD_OF_API[apiField]);

const orNull = (text: string) => text.trim() || null;
const stagesOf = (form: VenueForm) => form.stages.map((stage) => stage.trim()).filter(Boolean);

/** Everything the form holds, as POST /api/venues takes it. */
function bodyOf(slug: string, form: VenueForm): NewVenue {
  return {
    slug: slug.trim(),
    name: form.name.trim(),
    address: orNull(form.address),
    city: orNull(form.city),
    country: orNull(form.country),
    mapUrl: orNull(form.mapUrl),
    description: { en: orNull(form.descriptionEn), es: orNull(form.descriptionEs) },
    stages: stagesOf(form),
  };
}

/** Only what changed goes to the server, with the version the form was filled from. */
function changesOf(before: VenueForm, after: VenueForm, version: number): VenueChanges | null {
  const { slug: _before, ...was } = bodyOf('', before);
  const { slug: _after, ...now } = bodyOf('', after);
  const changes: Record<string, unknown> = { version };
  for (const key of Object.keys(now) as (keyof typeof now)[]) {
    if (key === 'description') continue;
    if (JSON.stringify(was[key] ?? null) !== JSON.stringify(now[key] ?? null)) changes[key] = now[key];
  }
  const description = {
    ...(was.description?.en !== now.description?.en ? { en: now.description?.en ?? null } : {}),
    ...(was.description?.es !== now.description?.es ? { es: now.description?.es ?? null } : {}),
  };
  if (Object.keys(description).length > 0) changes.description = description;
  return Object.keys(changes).length > 1 ? (changes as VenueChanges) : null;
}

const editHref = (slug: string) => `/venues/${encodeURIComponent(slug)}/edit`;

/** /venues — the venues sessions can take place in, for admins to add and change. */
export function VenuesPage() {
  const { t, language } = useI18n();
  const { me } = useMe();
  const venues = useRecord<List<VenueDetail>>('/api/venues');
  usePageTitle(t('editing.venue.listTitle'));
  if (me === null) return <CannotEdit reason="sign-in" />;
  if (me !== undefined && !isAdmin(me)) return <CannotEdit reason="not-allowed" />;
  if (venues.error) return <ErrorState error={venues.error} onRetry={() => void venues.reload()} asPage />;
  if (me === undefined || !venues.data) return <Loading />;
  return (
    <div className="edit-page">
      <header className="page-header">
        <h1>{t('editing.venue.listTitle')}</h1>
        <p className="lead">{t('editing.venue.listIntro')}</p>
        <p className="actions">
          <Link href="/venues/new" className="button">
            {t('editing.venue.add')}
          </Link>
        </p>
      </header>
      {venues.data.items.length === 0 ? (
        <EmptyState>{t('editing.venue.none')}</EmptyState>
      ) : (
        <ul className="venue-list">
          {venues.data.items.map((venue) => (
            <li key={venue.slug} className="venue-list__item">
              <div>
                <h2 className="venue-list__name">{venue.name}</h2>
                <p className="form-field__hint">
                  {[venue.city, venue.country?.name[language]].filter(Boolean).join(', ')}
                  {venue.stages.length > 0
                    ? ` · ${t('editing.venue.stagesCount', { count: venue.stages.length })}`
                    : ''}
                </p>
              </div>
              <Link
                href={editHref(venue.slug)}
                className="button button--quiet"
                aria-label={t('editing.editNamed', { name: venue.name })}
              >
                {t('editing.edit')}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** /venues/:slug/edit — admins only. Venues are read from the list: there is no single-venue read. */
export function VenueEditPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { me } = useMe();
  const record = useRecord<List<VenueDetail>>('/api/venues');
  const venue = record.data?.items.find((candidate) => candidate.slug === slug);
  usePageTitle(venue ? t('editing.venue.title', { name: venue.name }) : t('editing.edit'));

  if (me === null) return <CannotEdit reason="sign-in" />;
  if (record.error) return <ErrorState error={record.error} onRetry={() => void record.reload()} asPage />;
  if (me === undefined || !record.data) return <Loading />;
  if (!isAdmin(me)) return <CannotEdit reason="not-allowed" />;
  if (!venue) return <ErrorState error={new ApiError(404, 'not_found', t('editing.venue.unknown', { slug }))} asPage />;
  // Keyed by version: loading the latest version after a conflict starts the form afresh from it.
  return <VenueEditForm key={venue.version} venue={venue} onReload={() => void record.reload()} />;
}

/** /venues/new — admins only. */
export function NewVenuePage() {
  const { t } = useI18n();
  usePageTitle(t('editing.venue.titleNew'));
  return <OnlyFor allowed={isAdmin}>{() => <VenueEditForm venue={undefined} onReload={() => {}} />}</OnlyFor>;
}

/** Changes a venue and its stages, or adds one when `venue` is undefined. */
function VenueEditForm({ venue, onReload }: { venue: VenueDetail | undefined; onReload(): void }) {
  const { t, language } = useI18n();
  const [, navigate] = useLocation();
  const [initial] = useState(() => (venue ? formOf(venue) : blankForm));
  const [form, setForm] = useState(initial);
  const slug = useSuggestedSlug(form.name);
  const { state, save, fieldErrors } = useSave(fieldOf);
  const heading = venue ? t('editing.venue.title', { name: venue.name }) : t('editing.venue.titleNew');

  const field = fieldsOf(form, setForm, fieldErrors);

  async function submit(submitted: FormEvent) {
    submitted.preventDefault();
    if (!venue) {
      const created = await save(() =>
        apiWrite<VenueDetail>('POST', '/api/venues', language, bodyOf(slug.value, form)),
      );
      if (created) navigate('/venues');
      return;
    }
    const changes = changesOf(initial, form, venue.version);
    if (!changes) {
      navigate('/venues');
      return;
    }
    const saved = await save(() =>
      apiWrite<VenueDetail>('PATCH', `/api/venues/${encodeURIComponent(venue.slug)}`, language, changes),
    );
    if (saved) navigate('/venues');
  }

  return (
    <div className="edit-page">
      <header className="page-header">
        <p className="eyebrow">
          <Link href="/venues">{t('editing.venue.listTitle')}</Link>
        </p>
        <h1>{heading}</h1>
      </header>
      <SaveProblems state={state} onReload={onReload} />
      <form className="edit-form" onSubmit={submit} noValidate>
        <TextField label={t('editing.field.name')} required {...field('name')} />
        {venue ? null : (
          <SlugField slug={slug} path="/venues/" hint={t('editing.venue.slugHint')} error={fieldErrors.slug} />
        )}
        <fieldset className="edit-form__group">
          <legend>{t('editing.session.where')}</legend>
          <TextField label={t('editing.field.address')} {...field('address')} />
          <TextField label={t('editing.field.city')} {...field('city')} />
          <CountryField {...field('country')} />
          <WebAddressField label={t('editing.field.mapUrl')} {...field('mapUrl')} />
        </fieldset>
        <StagesField
          value={form.stages}
          onChange={(stages) => setForm((current) => ({ ...current, stages }))}
          error={fieldErrors.stages}
        />
        <BilingualTextAreas en={field('descriptionEn')} es={field('descriptionEs')} />
        <FormActions saving={state.kind === 'saving'} cancelHref="/venues" creating={!venue} />
      </form>
    </div>
  );
}

/** The stages of a venue: one box each, removable, and a button for one more. */
function StagesField({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange(value: string[]): void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <fieldset
      className={`edit-form__group${error ? ' form-field--invalid' : ''}`}
      aria-describedby={error ? 'stages-error' : undefined}
    >
      <legend>{t('editing.venue.stages')}</legend>
      <p className="form-field__hint">{t('editing.venue.stagesHint')}</p>
      {value.length === 0 ? <p className="form-field__hint">{t('editing.picker.none')}</p> : null}
      {value.map((stage, index) => (
        // Stages have no id of their own until saved; their place in the list is their identity here.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div className="stage-row" key={index}>
          <TextField
            name={`stage-${index}`}
            label={t('editing.venue.stageName', { number: index + 1 })}
            value={stage}
            onChange={(name) => onChange(value.map((other, at) => (at === index ? name : other)))}
          />
          <button
            type="button"
            className="button button--quiet"
            aria-label={t('editing.picker.remove', {
              name: stage.trim() || t('editing.venue.stageName', { number: index + 1 }),
            })}
            onClick={() => onChange(value.filter((_, at) => at !== index))}
          >
            {t('editing.remove')}
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="button button--quiet" onClick={() => onChange([...value, ''])}>
          {t('editing.venue.addStage')}
        </button>
      </div>
      {error ? (
        <p className="form-field__error" id="stages-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
