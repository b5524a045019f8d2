import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { WorkingGroupChanges } from '../../shared/api/editing.ts';
import type { WorkingGroupDetail } from '../../shared/api/groups.ts';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { apiWrite } from '../api.ts';
import { CannotEdit, FormActions, SaveProblems } from '../forms/edit-states.tsx';
import { fieldsOf, TextAreaField, TextField } from '../forms/form-fields.tsx';
import { useSave } from '../forms/use-save.ts';
import { useRecord } from '../forms/write.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import '../forms/forms.css';

interface WorkingGroupForm {
  nameEn: string;
  nameEs: string;
  descriptionEn: string;
  descriptionEs: string;
}

const formOf = (group: WorkingGroupDetail): WorkingGroupForm => ({
  nameEn: group.name.en ?? '',
  nameEs: group.name.es ?? '',
  descriptionEn: group.description.en ?? '',
  descriptionEs: group.description.es ?? '',
});

const FIELD_OF_API: Record<string, keyof WorkingGroupForm> = {
  name: 'nameEn',
  'name.en': 'nameEn',
  'name.es': 'nameEs',
  description: 'descriptionEn',
  'description.en': 'descriptionEn',
  'description.es': 'descriptionEs',
};

const orNull = (text: string) => text.trim() || null;

/** Only what changed goes to the server, with the version the form was filled from. */
function changesOf(before: WorkingGroupForm, after: WorkingGroupForm, version: number): WorkingGroupChanges | null {
  const changes: WorkingGroupChanges = { version };
  const changed = (key: keyof WorkingGroupForm) => before[key].trim() !== after[key].trim();
  // The English name is required, so a change of names always carries it.
  if (changed('nameEn') || changed('nameEs')) {
    changes.name = { en: after.nameEn.trim(), ...(changed('nameEs') ? { es: orNull(after.nameEs) } : {}) };
  }
  if (changed('descriptionEn') || changed('descriptionEs')) {
    changes.description = {
      ...(changed('descriptionEn') ? { en: orNull(after.descriptionEn) } : {}),
      ...(changed('descriptionEs') ? { es: orNull(after.descriptionEs) } : {}),
    };
  }
  return Object.keys(changes).length > 1 ? changes : null;
}

/** /working-groups/:slug/edit — admins only. */
export function WorkingGroupEditPage({ slug }: { slug: string }) {
  const { t, text } = useI18n();
  const { me } = useMe();
  const record = useRecord<WorkingGroupDetail>(`/api/working-groups/${encodeURIComponent(slug)}`);
  usePageTitle(record.data ? t('editing.organization.title', { name: text(record.data.name) }) : t('editing.edit'));

  if (me === null) return <CannotEdit reason="sign-in" />;
  if (record.error) return <ErrorState error={record.error} onRetry={() => void record.reload()} asPage />;
  if (me === undefined || !record.data) return <Loading />;
  if (!isAdmin(me)) return <CannotEdit reason="not-allowed" />;
  // Keyed by version: loading the latest version after a conflict starts the form afresh from it.
  return <WorkingGroupEditForm key={record.data.version} group={record.data} onReload={() => void record.reload()} />;
}

function WorkingGroupEditForm({ group, onReload }: { group: WorkingGroupDetail; onReload(): void }) {
  const { t, text, language } = useI18n();
  const [, navigate] = useLocation();
  const initial = formOf(group);
  const [form, setForm] = useState(initial);
  const { state, save, fieldErrors } = useSave((field) => FIELD_OF_API[field]);
  const pageHref = `/working-groups/${encodeURIComponent(group.slug)}`;
  const name = text(group.name);

  const field = fieldsOf(form, setForm, fieldErrors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const changes = changesOf(initial, form, group.version);
    if (!changes) {
      navigate(pageHref);
      return;
    }
    const saved = await save(() =>
      apiWrite<WorkingGroupDetail>('PATCH', `/api/working-groups/${encodeURIComponent(group.slug)}`, language, changes),
    );
    if (saved) navigate(pageHref);
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
        <TextField {...field('nameEn')} label={t('editing.field.nameEn')} lang="en" required />
        <TextField {...field('nameEs')} label={t('editing.field.nameEs')} lang="es" />
        <TextAreaField {...field('descriptionEn')} label={t('editing.field.descriptionEn')} lang="en" />
        <TextAreaField {...field('descriptionEs')} label={t('editing.field.descriptionEs')} lang="es" />
        <FormActions saving={state.kind === 'saving'} cancelHref={pageHref} />
      </form>
    </div>
  );
}
