import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { PersonDetail } from '../../shared/api/directory.ts';
import type { ContactField, PersonChanges, PersonRecord } from '../../shared/api/editing.ts';
import { CONTACT_VISIBILITIES, type ContactVisibility } from '../../shared/domain.ts';
import { apiWrite } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { useCountryOptions } from './country-options.ts';
import { CannotEdit, FormActions, SaveProblems } from './edit-states.tsx';
import { SelectField, TextAreaField, TextField } from './form-fields.tsx';
import { useSave } from './use-save.ts';
import { useRecord } from './write.ts';
import './editing.css';

interface PersonForm {
  name: string;
  country: string;
  bioEn: string;
  bioEs: string;
  email: string;
  emailVisibility: ContactVisibility;
  phone: string;
  phoneVisibility: ContactVisibility;
  website: string;
  websiteVisibility: ContactVisibility;
}

const formOf = (person: PersonRecord): PersonForm => ({
  name: person.name,
  country: person.country ?? '',
  bioEn: person.bio.en ?? '',
  bioEs: person.bio.es ?? '',
  email: person.contact.email.value ?? '',
  emailVisibility: person.contact.email.visibility,
  phone: person.contact.phone.value ?? '',
  phoneVisibility: person.contact.phone.visibility,
  website: person.contact.website.value ?? '',
  websiteVisibility: person.contact.website.visibility,
});

const CONTACTS: { field: ContactField; value: 'email' | 'phone' | 'website'; visibility: keyof PersonForm }[] = [
  { field: 'email', value: 'email', visibility: 'emailVisibility' },
  { field: 'phone', value: 'phone', visibility: 'phoneVisibility' },
  { field: 'website', value: 'website', visibility: 'websiteVisibility' },
];

/** The API's names for the form's fields, for the messages it sends back. */
function fieldOfApi(field: string): keyof PersonForm | undefined {
  const simple: Record<string, keyof PersonForm> = {
    name: 'name',
    country: 'country',
    bio: 'bioEn',
    'bio.en': 'bioEn',
    'bio.es': 'bioEs',
  };
  if (simple[field]) return simple[field];
  const contact = CONTACTS.find((c) => field.startsWith(`contact.${c.field}`));
  if (!contact) return undefined;
  return field.endsWith('.visibility') ? contact.visibility : contact.value;
}

const orNull = (text: string) => text.trim() || null;

function changesOf(before: PersonForm, after: PersonForm, version: number): PersonChanges | null {
  const changes: PersonChanges = { version };
  const changed = (key: keyof PersonForm) => before[key].trim() !== after[key].trim();
  if (changed('name')) changes.name = after.name.trim();
  if (changed('country')) changes.country = orNull(after.country);
  if (changed('bioEn') || changed('bioEs')) {
    changes.bio = {
      ...(changed('bioEn') ? { en: orNull(after.bioEn) } : {}),
      ...(changed('bioEs') ? { es: orNull(after.bioEs) } : {}),
    };
  }
  const contact: NonNullable<PersonChanges['contact']> = {};
  for (const { field, value, visibility } of CONTACTS) {
    const entry = {
      ...(changed(value) ? { value: orNull(after[value]) } : {}),
      ...(changed(visibility) ? { visibility: after[visibility] as ContactVisibility } : {}),
    };
    if (Object.keys(entry).length > 0) contact[field] = entry;
  }
  if (Object.keys(contact).length > 0) changes.contact = contact;
  return Object.keys(changes).length > 1 ? changes : null;
}

export function PersonEditPage({ id }: { id: string }) {
  const { t } = useI18n();
  const record = useRecord<PersonRecord>(`/api/people/${encodeURIComponent(id)}/editable`);
  usePageTitle(record.data ? t('editing.person.title', { name: record.data.name }) : t('editing.edit'));

  if (record.error?.status === 401) return <CannotEdit reason="sign-in" />;
  if (record.error?.status === 403) return <CannotEdit reason="not-allowed" />;
  if (record.error) return <ErrorState error={record.error} onRetry={() => void record.reload()} asPage />;
  if (!record.data) return <Loading />;
  return <PersonEditForm key={record.data.version} person={record.data} onReload={() => void record.reload()} />;
}

function PersonEditForm({ person, onReload }: { person: PersonRecord; onReload(): void }) {
  const { t, language } = useI18n();
  const [, navigate] = useLocation();
  const initial = formOf(person);
  const [form, setForm] = useState(initial);
  const { state, save, fieldErrors } = useSave(fieldOfApi);
  const countryOptions = useCountryOptions(t('editing.field.noCountry'));
  const pageHref = `/people/${encodeURIComponent(person.id)}`;
  const visibilityOptions = CONTACT_VISIBILITIES.map((visibility) => ({
    value: visibility,
    label: t(`editing.visibility.${visibility}`),
  }));

  const set =
    <K extends keyof PersonForm>(key: K) =>
    (value: string) =>
      setForm((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const changes = changesOf(initial, form, person.version);
    if (!changes) {
      navigate(pageHref);
      return;
    }
    const saved = await save(() =>
      apiWrite<PersonDetail>('PATCH', `/api/people/${encodeURIComponent(person.id)}`, language, changes),
    );
    if (saved) navigate(pageHref);
  }

  return (
    <div className="edit-page">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={pageHref}>{person.name}</Link>
        </p>
        <h1>{t('editing.person.title', { name: person.name })}</h1>
      </header>
      <SaveProblems state={state} onReload={onReload} />
      <form className="edit-form" onSubmit={submit} noValidate>
        <TextField
          name="name"
          label={t('editing.field.name')}
          value={form.name}
          onChange={set('name')}
          error={fieldErrors.name}
          autoComplete="name"
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
        <TextAreaField
          name="bioEn"
          label={t('editing.field.bioEn')}
          value={form.bioEn}
          onChange={set('bioEn')}
          error={fieldErrors.bioEn}
          lang="en"
        />
        <TextAreaField
          name="bioEs"
          label={t('editing.field.bioEs')}
          value={form.bioEs}
          onChange={set('bioEs')}
          error={fieldErrors.bioEs}
          lang="es"
        />
        <fieldset className="edit-form__group">
          <legend>{t('editing.person.contact')}</legend>
          <p className="form-field__hint">{t('editing.person.contactIntro')}</p>
          {CONTACTS.map(({ field, value, visibility }) => (
            <div className="contact-row" key={field}>
              <TextField
                name={value}
                type={field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'url'}
                label={t(`editing.field.${field}`)}
                hint={field === 'website' ? t('editing.field.websiteHint') : undefined}
                value={form[value]}
                onChange={set(value)}
                error={fieldErrors[value]}
                autoComplete={field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'url'}
              />
              <SelectField
                name={visibility}
                label={t(`editing.visibility.of.${field}`)}
                value={form[visibility]}
                onChange={set(visibility)}
                options={visibilityOptions}
                error={fieldErrors[visibility]}
              />
            </div>
          ))}
        </fieldset>
        <FormActions saving={state.kind === 'saving'} cancelHref={pageHref} />
      </form>
    </div>
  );
}
