import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { OrganizationDetail, OrganizationSummary } from '../../shared/api/directory.ts';
import type { OrganizationChanges } from '../../shared/api/editing.ts';
import { ORGANIZATION_KINDS, ORGANIZATION_STATUSES } from '../../shared/domain.ts';
import { useMe } from '../accounts/use-me.ts';
import { apiWrite, type List, useApi } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { useCountryOptions } from './country-options.ts';
import { CannotEdit, FormActions, SaveProblems } from './edit-states.tsx';
import { SelectField, TextAreaField, TextField } from './form-fields.tsx';
import { mayChangeStanding, mayEditOrganization } from './permissions.ts';
import { useSave } from './use-save.ts';
import { useRecord } from './write.ts';
import './editing.css';

interface OrganizationForm {
  name: string;
  acronym: string;
  kind: OrganizationDetail['kind'];
  status: OrganizationDetail['status'];
  country: string;
  website: string;
  memberOf: string;
  descriptionEn: string;
  descriptionEs: string;
}

const formOf = (organization: OrganizationDetail): OrganizationForm => ({
  name: organization.name,
  acronym: organization.acronym ?? '',
  kind: organization.kind,
  status: organization.status,
  country: organization.country?.code ?? '',
  website: organization.website ?? '',
  memberOf: organization.memberOf?.slug ?? '',
  descriptionEn: organization.description.en ?? '',
  descriptionEs: organization.description.es ?? '',
});

/** The API's names for the form's fields, for the messages it sends back. */
const FIELD_OF_API: Record<string, keyof OrganizationForm> = {
  name: 'name',
  acronym: 'acronym',
  kind: 'kind',
  status: 'status',
  country: 'country',
  website: 'website',
  memberOf: 'memberOf',
  description: 'descriptionEn',
  'description.en': 'descriptionEn',
  'description.es': 'descriptionEs',
};

const orNull = (text: string) => text.trim() || null;

/** Only what changed goes to the server, with the version the form was filled from. */
function changesOf(before: OrganizationForm, after: OrganizationForm, version: number): OrganizationChanges | null {
  const changes: OrganizationChanges = { version };
  const changed = (key: keyof OrganizationForm) => before[key].trim() !== after[key].trim();
  if (changed('name')) changes.name = after.name.trim();
  if (changed('acronym')) changes.acronym = orNull(after.acronym);
  if (changed('kind')) changes.kind = after.kind;
  if (changed('status')) changes.status = after.status;
  if (changed('country')) changes.country = orNull(after.country);
  if (changed('website')) changes.website = orNull(after.website);
  if (changed('memberOf')) changes.memberOf = orNull(after.memberOf);
  if (changed('descriptionEn') || changed('descriptionEs')) {
    changes.description = {
      ...(changed('descriptionEn') ? { en: orNull(after.descriptionEn) } : {}),
      ...(changed('descriptionEs') ? { es: orNull(after.descriptionEs) } : {}),
    };
  }
  return Object.keys(changes).length > 1 ? changes : null;
}

export function OrganizationEditPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { me } = useMe();
  const record = useRecord<OrganizationDetail>(`/api/organizations/${encodeURIComponent(slug)}`);
  usePageTitle(record.data ? t('editing.organization.title', { name: record.data.name }) : t('editing.edit'));

  if (me === null) return <CannotEdit reason="sign-in" />;
  if (record.error) return <ErrorState error={record.error} onRetry={() => void record.reload()} asPage />;
  if (me === undefined || !record.data) return <Loading />;
  if (!mayEditOrganization(me, slug)) return <CannotEdit reason="not-allowed" />;
  // Keyed by version: loading the latest version after a conflict starts the form afresh from it.
  return (
    <OrganizationEditForm
      key={record.data.version}
      organization={record.data}
      standingEditable={mayChangeStanding(me)}
      onReload={() => void record.reload()}
    />
  );
}

function OrganizationEditForm({
  organization,
  standingEditable,
  onReload,
}: {
  organization: OrganizationDetail;
  standingEditable: boolean;
  onReload(): void;
}) {
  const { t, language } = useI18n();
  const [, navigate] = useLocation();
  const initial = formOf(organization);
  const [form, setForm] = useState(initial);
  const { state, save, fieldErrors } = useSave((field) => FIELD_OF_API[field]);
  const countryOptions = useCountryOptions(t('editing.field.noCountry'));
  const organizations = useApi<List<OrganizationSummary>>('/api/organizations');
  const pageHref = `/organizations/${encodeURIComponent(organization.slug)}`;

  const set =
    <K extends keyof OrganizationForm>(key: K) =>
    (value: string) =>
      setForm((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const changes = changesOf(initial, form, organization.version);
    if (!changes) {
      navigate(pageHref);
      return;
    }
    const saved = await save(() =>
      apiWrite<OrganizationDetail>(
        'PATCH',
        `/api/organizations/${encodeURIComponent(organization.slug)}`,
        language,
        changes,
      ),
    );
    if (saved) navigate(pageHref);
  }

  const parentOptions = [
    { value: '', label: t('editing.field.noParent') },
    ...(organizations.data?.items ?? [])
      .filter((candidate) => candidate.slug !== organization.slug)
      .map((candidate) => ({ value: candidate.slug, label: candidate.name })),
  ];
  // The current parent stays choosable while the list loads.
  if (form.memberOf && !parentOptions.some((option) => option.value === form.memberOf)) {
    parentOptions.push({ value: form.memberOf, label: organization.memberOf?.name ?? form.memberOf });
  }

  return (
    <div className="edit-page">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={pageHref}>{organization.name}</Link>
        </p>
        <h1>{t('editing.organization.title', { name: organization.name })}</h1>
      </header>
      <SaveProblems state={state} onReload={onReload} />
      <form className="edit-form" onSubmit={submit} noValidate>
        <TextField
          name="name"
          label={t('editing.field.name')}
          value={form.name}
          onChange={set('name')}
          error={fieldErrors.name}
          required
        />
        <TextField
          name="acronym"
          label={t('editing.field.acronym')}
          value={form.acronym}
          onChange={set('acronym')}
          error={fieldErrors.acronym}
        />
        <fieldset className="edit-form__group">
          <legend>{t('editing.organization.standing')}</legend>
          {standingEditable ? null : <p className="form-field__hint">{t('editing.organization.standingAdminOnly')}</p>}
          <SelectField
            name="kind"
            label={t('editing.field.kind')}
            value={form.kind}
            onChange={set('kind')}
            options={ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: t(`kind.organization.${kind}`) }))}
            disabled={!standingEditable}
            error={fieldErrors.kind}
          />
          <SelectField
            name="status"
            label={t('editing.field.status')}
            value={form.status}
            onChange={set('status')}
            options={ORGANIZATION_STATUSES.map((status) => ({
              value: status,
              label: t(`status.organization.${status}`),
            }))}
            disabled={!standingEditable}
            error={fieldErrors.status}
          />
          <SelectField
            name="memberOf"
            label={t('editing.field.memberOf')}
            value={form.memberOf}
            onChange={set('memberOf')}
            options={parentOptions}
            disabled={!standingEditable}
            error={fieldErrors.memberOf}
          />
        </fieldset>
        <SelectField
          name="country"
          label={t('editing.field.country')}
          value={form.country}
          onChange={set('country')}
          options={countryOptions}
          error={fieldErrors.country}
        />
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
