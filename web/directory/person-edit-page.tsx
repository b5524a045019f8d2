import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { PersonDetail } from '../../shared/api/directory.ts';
import type { ContactField, NewPerson, PersonChanges, PersonRecord } from '../../shared/api/editing.ts';
import { CONTACT_VISIBILITIES, type ContactVisibility } from '../../shared/domain.ts';
import { isAdmin, mayCreatePerson } from '../accounts/permissions.ts';
import type { Me } from '../accounts/use-me.ts';
import { apiWrite } from '../api.ts';
import { CannotEdit, FormActions, OnlyFor, SaveProblems } from '../forms/edit-states.tsx';
import {
  BilingualTextAreas,
  type BoundField,
  CountryField,
  fieldsOf,
  SelectField,
  TextField,
} from '../forms/form-fields.tsx';
import { useSave } from '../forms/use-save.ts';
import { useRecord } from '../forms/write.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { AffiliationFields, AffiliationsEditor, useOrganizationChoices } from './affiliations-editor.tsx';
import '../forms/forms.css';

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
  /** A new person only: the organisation they join, and their role there. */
  organization: string;
  roleEn: string;
  roleEs: string;
}

const blankForm = (organization: string): PersonForm => ({
  name: '',
  country: '',
  bioEn: '',
  bioEs: '',
  email: '',
  emailVisibility: 'private',
  phone: '',
  phoneVisibility: 'private',
  website: '',
  websiteVisibility: 'private',
  organization,
  roleEn: '',
  roleEs: '',
});

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
  organization: '',
  roleEn: '',
  roleEs: '',
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
    'affiliation.organization': 'organization',
    'affiliation.role': 'roleEn',
    'affiliation.role.en': 'roleEn',
    'affiliation.role.es': 'roleEs',
  };
  if (simple[field]) return simple[field];
  const contact = CONTACTS.find((c) => field.startsWith(`contact.${c.field}`));
  if (!contact) return undefined;
  return field.endsWith('.visibility') ? contact.visibility : contact.value;
}

const orNull = (text: string) => text.trim() || null;

/** Everything the form holds, as POST /api/people takes it. */
function bodyOf(form: PersonForm): NewPerson {
  const contact: NonNullable<NewPerson['contact']> = {};
  for (const { field, value, visibility } of CONTACTS) {
    contact[field] = { value: orNull(form[value]), visibility: form[visibility] as ContactVisibility };
  }
  const role = { en: orNull(form.roleEn), es: orNull(form.roleEs) };
  return {
    name: form.name.trim(),
    country: orNull(form.country),
    bio: { en: orNull(form.bioEn), es: orNull(form.bioEs) },
    contact,
    ...(form.organization ? { affiliation: { organization: form.organization, role } } : {}),
  };
}

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
  return (
    <>
      <PersonEditForm key={record.data.version} person={record.data} onReload={() => void record.reload()} />
      <AffiliationsEditor key={record.data.id} person={record.data} />
    </>
  );
}

/** /people/new — admins, and managers (whose new person joins their organisation). */
export function NewPersonPage() {
  const { t } = useI18n();
  usePageTitle(t('editing.person.titleNew'));
  return (
    <OnlyFor allowed={mayCreatePerson}>
      {(me) => <PersonEditForm person={undefined} me={me} onReload={() => {}} />}
    </OnlyFor>
  );
}

/** Changes a person's details, or adds a person when `person` is undefined. */
function PersonEditForm({ person, me, onReload }: { person: PersonRecord | undefined; me?: Me; onReload(): void }) {
  const { t, language } = useI18n();
  const [, navigate] = useLocation();
  const ownOrganization = me && !isAdmin(me) ? (me.organization?.slug ?? '') : '';
  const [initial] = useState(() => (person ? formOf(person) : blankForm(ownOrganization)));
  const [form, setForm] = useState(initial);
  const { state, save, fieldErrors } = useSave(fieldOfApi);
  const pageHref = person ? `/people/${encodeURIComponent(person.id)}` : '/people';
  const heading = person ? t('editing.person.title', { name: person.name }) : t('editing.person.titleNew');
  const visibilityOptions = CONTACT_VISIBILITIES.map((visibility) => ({
    value: visibility,
    label: t(`editing.visibility.${visibility}`),
  }));

  const field = fieldsOf(form, setForm, fieldErrors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!person) {
      const created = await save(() => apiWrite<PersonDetail>('POST', '/api/people', language, bodyOf(form)));
      if (created) navigate(`/people/${encodeURIComponent(created.id)}`);
      return;
    }
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
          <Link href={pageHref}>{person ? person.name : t('people.title')}</Link>
        </p>
        <h1>{heading}</h1>
      </header>
      <SaveProblems state={state} onReload={onReload} />
      <form className="edit-form" onSubmit={submit} noValidate>
        <TextField label={t('editing.field.name')} autoComplete="name" required {...field('name')} />
        <CountryField {...field('country')} />
        {person ? null : (
          <NewAffiliationFields
            organization={field('organization')}
            roleEn={field('roleEn')}
            roleEs={field('roleEs')}
          />
        )}
        <BilingualTextAreas
          en={field('bioEn')}
          es={field('bioEs')}
          labels={{ en: t('editing.field.bioEn'), es: t('editing.field.bioEs') }}
        />
        <fieldset className="edit-form__group">
          <legend>{t('editing.person.contact')}</legend>
          <p className="form-field__hint">{t('editing.person.contactIntro')}</p>
          {CONTACTS.map(({ field: contact, value, visibility }) => (
            <div className="contact-row" key={contact}>
              <TextField
                type={contact === 'email' ? 'email' : contact === 'phone' ? 'tel' : 'url'}
                label={t(`editing.field.${contact}`)}
                hint={contact === 'website' ? t('editing.field.websiteHint') : undefined}
                autoComplete={contact === 'email' ? 'email' : contact === 'phone' ? 'tel' : 'url'}
                {...field(value)}
              />
              <SelectField
                label={t(`editing.visibility.of.${contact}`)}
                options={visibilityOptions}
                {...field(visibility)}
              />
            </div>
          ))}
        </fieldset>
        <FormActions saving={state.kind === 'saving'} cancelHref={pageHref} creating={!person} />
      </form>
    </div>
  );
}

/** A new person's organisation: any, or none, for admins; a manager's own, always. */
function NewAffiliationFields(fields: { organization: BoundField; roleEn: BoundField; roleEs: BoundField }) {
  const { t } = useI18n();
  const { admin, options } = useOrganizationChoices([], t('editing.affiliations.noOrganization'));
  return (
    <fieldset className="edit-form__group">
      <legend>{t('editing.affiliations.title')}</legend>
      {admin ? null : <p className="form-field__hint">{t('editing.affiliations.ownOnly')}</p>}
      <AffiliationFields {...fields} options={options} locked={!admin} />
    </fieldset>
  );
}
