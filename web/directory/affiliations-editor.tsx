import { type FormEvent, useId, useState } from 'react';
import { Link } from 'wouter';
import type { OrganizationRef, OrganizationSummary, PersonDetail } from '../../shared/api/directory.ts';
import type { NewAffiliation, PersonRecord } from '../../shared/api/editing.ts';
import { isAdmin, mayManageAffiliation } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { apiWrite, type List, useApi } from '../api.ts';
import { SaveProblems } from '../forms/edit-states.tsx';
import { type BoundField, fieldsOf, SelectField, TextField } from '../forms/form-fields.tsx';
import { useSave } from '../forms/use-save.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

type Affiliations = PersonRecord['affiliations'];

const FIELD_OF_API: Record<string, string> = {
  organization: 'organization',
  role: 'roleEn',
  'role.en': 'roleEn',
  'role.es': 'roleEs',
};

/**
 * The organisations a person belongs to, changed one at a time: each remove
 * and add is saved at once (POST and DELETE /api/people/:id/affiliations).
 * Admins manage every affiliation; a manager only their own organisation's.
 */
export function AffiliationsEditor({ person }: { person: Pick<PersonRecord, 'id' | 'name' | 'affiliations'> }) {
  const { t, text, language } = useI18n();
  const { me } = useMe();
  const id = useId();
  const [affiliations, setAffiliations] = useState<Affiliations>(person.affiliations);
  const [done, setDone] = useState<string | null>(null);
  const { state, save, fieldErrors, reset } = useSave((field) => FIELD_OF_API[field]);
  const base = `/api/people/${encodeURIComponent(person.id)}/affiliations`;

  async function change(send: () => Promise<PersonDetail>, announce: string) {
    setDone(null);
    const answer = await save(send);
    if (!answer) return false;
    setAffiliations(answer.affiliations);
    setDone(announce);
    return true;
  }

  const remove = (organization: OrganizationRef) =>
    change(
      () => apiWrite<PersonDetail>('DELETE', `${base}/${encodeURIComponent(organization.slug)}`, language),
      t('editing.affiliations.removed', { name: person.name, organization: organization.name }),
    );

  const adding = isAdmin(me) || (me?.role === 'manager' && me.organization !== null);
  return (
    <section className="edit-form__group affiliations" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('editing.affiliations.title')}</h2>
      <SaveProblems state={state} onReload={reset} />
      {affiliations.length === 0 ? (
        <p className="form-field__hint">{t('editing.affiliations.none', { name: person.name })}</p>
      ) : (
        <ul className="affiliations__list">
          {affiliations.map(({ organization, role }) => (
            <li key={organization.slug}>
              <span>
                <Link href={`/organizations/${encodeURIComponent(organization.slug)}`}>{organization.name}</Link>
                {text(role) ? <span className="affiliations__role"> — {text(role)}</span> : null}
              </span>
              {mayManageAffiliation(me, organization.slug) ? (
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={state.kind === 'saving'}
                  aria-label={t('editing.picker.remove', { name: organization.name })}
                  onClick={() => void remove(organization)}
                >
                  {t('editing.remove')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <div role="status" className="affiliations__status">
        {done ? <p>{done}</p> : null}
      </div>
      {adding ? (
        <AddAffiliation
          taken={affiliations.map((affiliation) => affiliation.organization.slug)}
          saving={state.kind === 'saving'}
          fieldErrors={fieldErrors}
          onAdd={(body, organizationName) =>
            change(
              () => apiWrite<PersonDetail>('POST', base, language, body),
              t('editing.affiliations.added', { name: person.name, organization: organizationName }),
            )
          }
        />
      ) : null}
    </section>
  );
}

/**
 * The organisations a person may be added to, by this account: any for
 * admins (after an empty choice), a manager's own only; never one the person
 * is already in.
 */
export function useOrganizationChoices(taken: string[], emptyLabel: string) {
  const { me } = useMe();
  const admin = isAdmin(me);
  const all = useApi<List<OrganizationSummary>>(admin ? '/api/organizations' : null);
  const open = (admin ? (all.data?.items ?? []) : me?.organization ? [me.organization] : []).filter(
    (organization) => !taken.includes(organization.slug),
  );
  const options = open.map((organization) => ({ value: organization.slug, label: organization.name }));
  return { admin, options: admin ? [{ value: '', label: emptyLabel }, ...options] : options };
}

/** An organisation and the role there, in both languages. A manager's choice is fixed to their own organisation. */
export function AffiliationFields({
  organization,
  roleEn,
  roleEs,
  options,
  locked,
}: {
  organization: BoundField;
  roleEn: BoundField;
  roleEs: BoundField;
  options: { value: string; label: string }[];
  locked: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <SelectField
        label={t('editing.affiliations.organization')}
        options={options}
        disabled={locked}
        {...organization}
      />
      <TextField label={t('editing.affiliations.roleEn')} lang="en" {...roleEn} />
      <TextField label={t('editing.affiliations.roleEs')} lang="es" {...roleEs} />
    </>
  );
}

const blankAffiliation = { organization: '', roleEn: '', roleEs: '' };

/** The "add affiliation" row, saved on its own. */
function AddAffiliation({
  taken,
  saving,
  fieldErrors,
  onAdd,
}: {
  taken: string[];
  saving: boolean;
  fieldErrors: Record<string, string>;
  onAdd(body: NewAffiliation, organizationName: string): Promise<boolean>;
}) {
  const { t } = useI18n();
  const id = useId();
  const { admin, options } = useOrganizationChoices(taken, t('editing.affiliations.choose'));
  const [form, setForm] = useState(blankAffiliation);
  const field = fieldsOf(form, setForm, fieldErrors);
  // A manager has one choice, already made.
  const organization = {
    ...field('organization'),
    value: form.organization || (admin ? '' : (options[0]?.value ?? '')),
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const name = options.find((option) => option.value === organization.value)?.label ?? organization.value;
    const role = { en: form.roleEn.trim() || null, es: form.roleEs.trim() || null };
    if (await onAdd({ organization: organization.value, role }, name)) setForm(blankAffiliation);
  }

  if (!admin && options.length === 0) return null;
  return (
    <form className="affiliations__add" onSubmit={submit} aria-labelledby={`${id}-heading`} noValidate>
      <h3 id={`${id}-heading`}>{t('editing.affiliations.add')}</h3>
      <AffiliationFields
        organization={organization}
        roleEn={field('roleEn')}
        roleEs={field('roleEs')}
        options={options}
        locked={!admin}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={saving || !organization.value}>
          {t('editing.affiliations.addButton')}
        </button>
      </div>
    </form>
  );
}
