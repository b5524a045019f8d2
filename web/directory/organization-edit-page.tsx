import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { OrganizationDetail, OrganizationSummary } from '../../shared/api/directory.ts';
import type { NewOrganization, OrganizationChanges } from '../../shared/api/editing.ts';
import { ORGANIZATION_KINDS, ORGANIZATION_STATUSES } from '../../shared/domain.ts';
import { isAdmin, mayChangeStanding, mayEditOrganization } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { apiWrite, type List, useApi } from '../api.ts';
import { CannotEdit, FormActions, OnlyFor, SaveProblems } from '../forms/edit-states.tsx';
import {
  BilingualTextAreas,
  CountryField,
  fieldsOf,
  SelectField,
  SlugField,
  TextField,
  useSuggestedSlug,
  WebAddressField,
} from '../forms/form-fields.tsx';
import { useSave } from '../forms/use-save.ts';
import { useRecord } from '../forms/write.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import '../forms/forms.css';

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

const blankForm: OrganizationForm = {
  name: '',
  acronym: '',
  kind: 'association',
  status: 'active',
  country: '',
  website: '',
  memberOf: '',
  descriptionEn: '',
  descriptionEs: '',
};

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
const FIELD_OF_API: Record<string, keyof OrganizationForm | 'slug'> = {
  slug: 'slug',
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

/** Everything the form holds, as POST /api/organizations takes it. */
function bodyOf(slug: string, form: OrganizationForm): NewOrganization {
  return {
    slug: slug.trim(),
    name: form.name.trim(),
    kind: form.kind,
    status: form.status,
    acronym: orNull(form.acronym),
    country: orNull(form.country),
    website: orNull(form.website),
    memberOf: orNull(form.memberOf),
    description: { en: orNull(form.descriptionEn), es: orNull(form.descriptionEs) },
  };
}

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

/** /organizations/new — the network's staff add organisations. */
export function NewOrganizationPage() {
  const { t } = useI18n();
  usePageTitle(t('editing.organization.titleNew'));
  return (
    <OnlyFor allowed={isAdmin}>
      {() => <OrganizationEditForm organization={undefined} standingEditable onReload={() => {}} />}
    </OnlyFor>
  );
}

/** Changes an organisation, or adds one when `organization` is undefined. */
function OrganizationEditForm({
  organization,
  standingEditable,
  onReload,
}: {
  organization: OrganizationDetail | undefined;
  standingEditable: boolean;
  onReload(): void;
}) {
  const { t, language } = useI18n();
  const [, navigate] = useLocation();
  const initial = organization ? formOf(organization) : blankForm;
  const [form, setForm] = useState(initial);
  const slug = useSuggestedSlug(form.acronym || form.name);
  const { state, save, fieldErrors } = useSave((field) => FIELD_OF_API[field]);
  const organizations = useApi<List<OrganizationSummary>>('/api/organizations');
  const pageHref = organization ? `/organizations/${encodeURIComponent(organization.slug)}` : '/organizations';
  const heading = organization
    ? t('editing.organization.title', { name: organization.name })
    : t('editing.organization.titleNew');

  const field = fieldsOf(form, setForm, fieldErrors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!organization) {
      const created = await save(() =>
        apiWrite<OrganizationDetail>('POST', '/api/organizations', language, bodyOf(slug.value, form)),
      );
      if (created) navigate(`/organizations/${encodeURIComponent(created.slug)}`);
      return;
    }
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
      .filter((candidate) => candidate.slug !== organization?.slug)
      .map((candidate) => ({ value: candidate.slug, label: candidate.name })),
  ];
  // The current parent stays choosable while the list loads.
  if (form.memberOf && !parentOptions.some((option) => option.value === form.memberOf)) {
    parentOptions.push({ value: form.memberOf, label: organization?.memberOf?.name ?? form.memberOf });
  }

  return (
    <div className="edit-page">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={pageHref}>{organization ? organization.name : t('directory.title')}</Link>
        </p>
        <h1>{heading}</h1>
      </header>
      <SaveProblems state={state} onReload={onReload} />
      <form className="edit-form" onSubmit={submit} noValidate>
        <TextField label={t('editing.field.name')} required {...field('name')} />
        <TextField label={t('editing.field.acronym')} {...field('acronym')} />
        {organization ? null : <SlugField slug={slug} path="/organizations/" error={fieldErrors.slug} />}
        <fieldset className="edit-form__group">
          <legend>{t('editing.organization.standing')}</legend>
          {standingEditable ? null : <p className="form-field__hint">{t('editing.organization.standingAdminOnly')}</p>}
          <SelectField
            label={t('editing.field.kind')}
            options={ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: t(`kind.organization.${kind}`) }))}
            disabled={!standingEditable}
            {...field('kind')}
          />
          <SelectField
            label={t('editing.field.status')}
            options={ORGANIZATION_STATUSES.map((status) => ({
              value: status,
              label: t(`status.organization.${status}`),
            }))}
            disabled={!standingEditable}
            {...field('status')}
          />
          <SelectField
            label={t('editing.field.memberOf')}
            options={parentOptions}
            disabled={!standingEditable}
            {...field('memberOf')}
          />
        </fieldset>
        <CountryField {...field('country')} />
        <WebAddressField {...field('website')} />
        <BilingualTextAreas en={field('descriptionEn')} es={field('descriptionEs')} />
        <FormActions saving={state.kind === 'saving'} cancelHref={pageHref} creating={!organization} />
      </form>
    </div>
  );
}
