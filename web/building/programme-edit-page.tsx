import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import {
  BUILDING_PROGRAMME_STATUSES,
  type BuildingProgrammeChanges,
  type BuildingProgrammeDetail,
  type BuildingProgrammeStatus,
  type NewBuildingProgramme,
} from '../../shared/api/building.ts';
import type { OrganizationSummary } from '../../shared/api/directory.ts';
import { isAdmin } from '../accounts/permissions.ts';
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
} from '../forms/form-fields.tsx';
import { useSave } from '../forms/use-save.ts';
import { useRecord } from '../forms/write.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { MilestonesEditor } from './milestones-editor.tsx';
import { PromotersEditor } from './promoters-editor.tsx';
import '../forms/forms.css';
import './building.css';

interface ProgrammeForm {
  country: string;
  workingName: string;
  organization: string;
  status: BuildingProgrammeStatus;
  summaryEn: string;
  summaryEs: string;
}

const blankForm: ProgrammeForm = {
  country: '',
  workingName: '',
  organization: '',
  status: 'planned',
  summaryEn: '',
  summaryEs: '',
};

const formOf = (programme: BuildingProgrammeDetail): ProgrammeForm => ({
  country: programme.country.code,
  workingName: programme.workingName,
  organization: programme.organization?.slug ?? '',
  status: programme.status,
  summaryEn: programme.summary.en ?? '',
  summaryEs: programme.summary.es ?? '',
});

/** The API's names for the form's fields, for the messages it sends back. */
const FIELD_OF_API: Record<string, keyof ProgrammeForm | 'slug'> = {
  slug: 'slug',
  country: 'country',
  workingName: 'workingName',
  organization: 'organization',
  status: 'status',
  summary: 'summaryEn',
  'summary.en': 'summaryEn',
  'summary.es': 'summaryEs',
};

const orNull = (text: string) => text.trim() || null;

/** The English summary cannot be emptied once written (the API takes a text or nothing); the Spanish one can. */
function summaryOf(form: ProgrammeForm, only?: { en: boolean; es: boolean }) {
  const en = form.summaryEn.trim();
  return {
    ...((only?.en ?? en !== '') ? { en } : {}),
    ...((only?.es ?? true) ? { es: orNull(form.summaryEs) } : {}),
  };
}

/** Everything the form holds, as POST /api/building-programmes takes it. */
function bodyOf(slug: string, form: ProgrammeForm): NewBuildingProgramme {
  return {
    slug: slug.trim(),
    country: form.country,
    workingName: form.workingName.trim(),
    organization: orNull(form.organization),
    status: form.status,
    summary: summaryOf(form),
  };
}

/** Only what changed goes to the server, with the version the form was filled from. */
function changesOf(before: ProgrammeForm, after: ProgrammeForm, version: number): BuildingProgrammeChanges | null {
  const changes: BuildingProgrammeChanges = { version };
  const changed = (key: keyof ProgrammeForm) => before[key].trim() !== after[key].trim();
  if (changed('country')) changes.country = after.country;
  if (changed('workingName')) changes.workingName = after.workingName.trim();
  if (changed('organization')) changes.organization = orNull(after.organization);
  if (changed('status')) changes.status = after.status;
  if (changed('summaryEn') || changed('summaryEs')) {
    changes.summary = summaryOf(after, { en: changed('summaryEn'), es: changed('summaryEs') });
  }
  return Object.keys(changes).length > 1 ? changes : null;
}

export const programmeHref = (slug: string) => `/building-programmes/${encodeURIComponent(slug)}`;

/** /building-programmes/new — the network's staff start a programme for a country. */
export function NewBuildingProgrammePage() {
  const { t } = useI18n();
  usePageTitle(t('building.edit.titleNew'));
  return <OnlyFor allowed={isAdmin}>{() => <ProgrammeFields programme={undefined} onReload={() => {}} />}</OnlyFor>;
}

/**
 * /building-programmes/:slug/edit — admins: the programme itself, then its
 * promoters and milestones, each saved on its own and shown as the API
 * answers, then its removal.
 */
export function BuildingProgrammeEditPage({ slug }: { slug: string }) {
  const { t, language } = useI18n();
  const { me } = useMe();
  const record = useRecord<BuildingProgrammeDetail>(`/api/building-programmes/${encodeURIComponent(slug)}`);
  // The answer to the latest promoter or milestone write, until the programme is read again.
  const [answered, setAnswered] = useState<BuildingProgrammeDetail | undefined>(undefined);
  const programme = answered ?? record.data;
  const country = programme?.country.name[language];
  usePageTitle(country ? t('building.edit.title', { country }) : t('editing.edit'));

  if (me === null) return <CannotEdit reason="sign-in" />;
  if (record.error) return <ErrorState error={record.error} onRetry={() => void record.reload()} asPage />;
  if (me === undefined || !programme) return <Loading />;
  if (!isAdmin(me)) return <CannotEdit reason="not-allowed" />;

  const reload = () => {
    setAnswered(undefined);
    void record.reload();
  };
  return (
    <>
      {/* Keyed by version: loading the latest version after a conflict starts the form afresh from it. */}
      <ProgrammeFields key={programme.version} programme={programme} onReload={reload} />
      <PromotersEditor programme={programme} onSaved={setAnswered} onReload={reload} />
      <MilestonesEditor programme={programme} onSaved={setAnswered} onReload={reload} />
      <ProgrammeRemoval programme={programme} onReload={reload} />
    </>
  );
}

/** Changes a programme, or starts one when `programme` is undefined. */
function ProgrammeFields({
  programme,
  onReload,
}: {
  programme: BuildingProgrammeDetail | undefined;
  onReload(): void;
}) {
  const { t, language } = useI18n();
  const [, navigate] = useLocation();
  const initial = programme ? formOf(programme) : blankForm;
  const [form, setForm] = useState(initial);
  const slug = useSuggestedSlug(form.workingName);
  const { state, save, fieldErrors } = useSave((field) => FIELD_OF_API[field]);
  const organizations = useApi<List<OrganizationSummary>>('/api/organizations');
  const pageHref = programme ? programmeHref(programme.slug) : '/building-programmes';
  const country = programme?.country.name[language];
  const heading = country ? t('building.edit.title', { country }) : t('building.edit.titleNew');
  const field = fieldsOf(form, setForm, fieldErrors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!programme) {
      const created = await save(() =>
        apiWrite<BuildingProgrammeDetail>('POST', '/api/building-programmes', language, bodyOf(slug.value, form)),
      );
      if (created) navigate(`${programmeHref(created.slug)}/edit`);
      return;
    }
    const changes = changesOf(initial, form, programme.version);
    if (!changes) {
      navigate(pageHref);
      return;
    }
    const saved = await save(() =>
      apiWrite<BuildingProgrammeDetail>('PATCH', `/api${programmeHref(programme.slug)}`, language, changes),
    );
    if (saved) navigate(pageHref);
  }

  const organizationOptions = [
    { value: '', label: t('building.edit.noOrganization') },
    ...(organizations.data?.items ?? []).map((candidate) => ({ value: candidate.slug, label: candidate.name })),
  ];
  // The current association stays choosable while the list loads.
  if (form.organization && !organizationOptions.some((option) => option.value === form.organization)) {
    organizationOptions.push({ value: form.organization, label: programme?.organization?.name ?? form.organization });
  }

  return (
    <div className="edit-page">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={pageHref}>{country ?? t('building.title')}</Link>
        </p>
        <h1>{heading}</h1>
      </header>
      <SaveProblems state={state} onReload={onReload} />
      <form className="edit-form" onSubmit={submit} noValidate aria-label={heading}>
        <CountryField {...field('country')} />
        <TextField
          label={t('building.edit.workingName')}
          hint={t('building.edit.workingNameHint')}
          required
          {...field('workingName')}
        />
        {programme ? null : <SlugField slug={slug} path="/building-programmes/" error={fieldErrors.slug} />}
        <SelectField
          label={t('building.edit.organization')}
          hint={t('building.edit.organizationHint')}
          options={organizationOptions}
          {...field('organization')}
        />
        <SelectField
          label={t('building.edit.status')}
          options={BUILDING_PROGRAMME_STATUSES.map((status) => ({
            value: status,
            label: t(`building.status.${status}`),
          }))}
          {...field('status')}
        />
        <BilingualTextAreas
          en={field('summaryEn')}
          es={field('summaryEs')}
          labels={{ en: t('building.edit.summaryEn'), es: t('building.edit.summaryEs') }}
        />
        <FormActions saving={state.kind === 'saving'} cancelHref={pageHref} creating={!programme} />
      </form>
    </div>
  );
}

/** Removing a programme asks once more, and takes the version read so a changed programme is not lost unseen. */
function ProgrammeRemoval({ programme, onReload }: { programme: BuildingProgrammeDetail; onReload(): void }) {
  const { t, language } = useI18n();
  const [, navigate] = useLocation();
  const [confirming, setConfirming] = useState(false);
  const { state, save } = useSave(() => undefined);
  const country = programme.country.name[language];

  async function remove() {
    const removed = await save(() =>
      apiWrite<BuildingProgrammeDetail>(
        'DELETE',
        `/api/building-programmes/${encodeURIComponent(programme.slug)}?version=${programme.version}`,
        language,
      ),
    );
    if (removed) navigate('/building-programmes');
  }

  return (
    <section className="edit-page building-edit__section" aria-labelledby="programme-removal">
      <h2 id="programme-removal">{t('building.edit.removeHeading')}</h2>
      <SaveProblems state={state} onReload={onReload} />
      {confirming ? (
        <div className="building-edit__confirm">
          <p>{t('building.edit.removeConfirm', { country })}</p>
          <div className="actions">
            <button
              type="button"
              className="button building-edit__danger"
              disabled={state.kind === 'saving'}
              onClick={() => void remove()}
            >
              {t('building.edit.removeYes')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setConfirming(false)}>
              {t('building.edit.removeNo')}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="button button--quiet building-edit__danger"
          onClick={() => setConfirming(true)}
        >
          {t('building.edit.remove', { country })}
        </button>
      )}
    </section>
  );
}
