import { type FormEvent, useId, useState } from 'react';
import { Link } from 'wouter';
import type { BuildingProgrammeDetail, NewPromoter, Promoter } from '../../shared/api/building.ts';
import type { OrganizationSummary, PersonSummary } from '../../shared/api/directory.ts';
import { apiPath, apiWrite, type List, useApi } from '../api.ts';
import { SaveProblems } from '../forms/edit-states.tsx';
import { fieldsOf, SelectField, TextField } from '../forms/form-fields.tsx';
import { useSave } from '../forms/use-save.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LocalizedText } from '../i18n/localized-text.tsx';

const FIELD_OF_API: Record<string, string> = {
  person: 'person',
  organization: 'organization',
  role: 'roleEn',
  'role.en': 'roleEn',
  'role.es': 'roleEs',
};

/**
 * The people who push a programme forward, with the company they come from
 * and their part in it: each add and remove is saved at once and the list
 * shown is the API's answer.
 */
export function PromotersEditor({
  programme,
  onSaved,
  onReload,
}: {
  programme: BuildingProgrammeDetail;
  onSaved(answer: BuildingProgrammeDetail): void;
  onReload(): void;
}) {
  const { t, language } = useI18n();
  const { state, save, fieldErrors } = useSave((field) => FIELD_OF_API[field]);
  const [done, setDone] = useState<string | null>(null);

  async function change(send: () => Promise<BuildingProgrammeDetail>, announce: string) {
    setDone(null);
    const answer = await save(send);
    if (!answer) return false;
    onSaved(answer);
    setDone(announce);
    return true;
  }

  const remove = (promoter: Promoter) =>
    change(
      () =>
        apiWrite<BuildingProgrammeDetail>(
          'DELETE',
          `/api/building-promoters/${encodeURIComponent(promoter.id)}`,
          language,
        ),
      t('building.edit.promoterRemoved', { name: promoter.person.name }),
    );

  return (
    <section className="edit-page edit-form__group building-edit__section" aria-labelledby="promoters-heading">
      <h2 id="promoters-heading">{t('building.promoters')}</h2>
      <SaveProblems state={state} onReload={onReload} />
      {programme.promoters.length === 0 ? (
        <p className="form-field__hint">{t('building.edit.noPromoters')}</p>
      ) : (
        <ul className="affiliations__list">
          {programme.promoters.map((promoter) => (
            <li key={promoter.id}>
              <span>
                <Link href={`/people/${encodeURIComponent(promoter.person.id)}`}>{promoter.person.name}</Link>
                {promoter.organization ? (
                  <span className="affiliations__role"> · {promoter.organization.name}</span>
                ) : null}
                {promoter.role.en || promoter.role.es ? (
                  <span className="affiliations__role">
                    {' · '}
                    <LocalizedText text={promoter.role} />
                  </span>
                ) : null}
              </span>
              <button
                type="button"
                className="button button--quiet"
                disabled={state.kind === 'saving'}
                aria-label={t('editing.picker.remove', { name: promoter.person.name })}
                onClick={() => void remove(promoter)}
              >
                {t('editing.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div role="status" className="affiliations__status">
        {done ? <p>{done}</p> : null}
      </div>
      <AddPromoter
        taken={programme.promoters.map((promoter) => promoter.person.id)}
        saving={state.kind === 'saving'}
        fieldErrors={fieldErrors}
        onAdd={(body, name) =>
          change(
            () =>
              apiWrite<BuildingProgrammeDetail>(
                'POST',
                `/api/building-programmes/${encodeURIComponent(programme.slug)}/promoters`,
                language,
                body,
              ),
            t('building.edit.promoterAdded', { name }),
          )
        }
      />
    </section>
  );
}

const blankPromoter = { organization: '', roleEn: '', roleEs: '' };

/** Finds a person by name, then their company (suggested from where they work) and their role in both languages. */
function AddPromoter({
  taken,
  saving,
  fieldErrors,
  onAdd,
}: {
  taken: string[];
  saving: boolean;
  fieldErrors: Record<string, string>;
  onAdd(body: NewPromoter, name: string): Promise<boolean>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [person, setPerson] = useState<PersonSummary | null>(null);
  const [form, setForm] = useState(blankPromoter);
  const field = fieldsOf(form, setForm, fieldErrors);
  const organizations = useApi<List<OrganizationSummary>>('/api/organizations');
  const options = [
    { value: '', label: t('building.edit.noCompany') },
    ...(organizations.data?.items ?? []).map((organization) => ({
      value: organization.slug,
      label: organization.name,
    })),
  ];

  function pick(chosen: PersonSummary) {
    setPerson(chosen);
    const workplace = chosen.affiliations[0]?.organization.slug;
    if (workplace) setForm((current) => ({ ...current, organization: workplace }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!person) return;
    const role = {
      ...(form.roleEn.trim() ? { en: form.roleEn.trim() } : {}),
      es: form.roleEs.trim() || null,
    };
    const body: NewPromoter = { person: person.id, organization: form.organization || null, role };
    if (await onAdd(body, person.name)) {
      setPerson(null);
      setForm(blankPromoter);
    }
  }

  return (
    <form className="affiliations__add" onSubmit={submit} aria-labelledby={`${id}-heading`} noValidate>
      <h3 id={`${id}-heading`}>{t('building.edit.addPromoter')}</h3>
      {person ? (
        <div className="building-edit__chosen">
          <p>
            <strong>{person.name}</strong>
          </p>
          <button type="button" className="button button--quiet" onClick={() => setPerson(null)}>
            {t('building.edit.otherPerson')}
          </button>
        </div>
      ) : (
        <PersonSearch exclude={taken} onPick={pick} error={fieldErrors.person} />
      )}
      {person && fieldErrors.person ? <p className="form-field__error">{fieldErrors.person}</p> : null}
      <SelectField label={t('building.edit.company')} options={options} {...field('organization')} />
      <TextField label={t('building.edit.roleEn')} lang="en" {...field('roleEn')} />
      <TextField label={t('building.edit.roleEs')} lang="es" {...field('roleEs')} />
      <div className="actions">
        <button type="submit" className="button" disabled={saving || !person}>
          {t('building.edit.addPromoterButton')}
        </button>
      </div>
    </form>
  );
}

/** A search box over the directory's people (GET /api/people?q=); a match is chosen with its button. */
function PersonSearch({
  exclude,
  onPick,
  error,
}: {
  exclude: string[];
  onPick(person: PersonSummary): void;
  error: string | undefined;
}) {
  const { t } = useI18n();
  const id = useId();
  const [query, setQuery] = useState('');
  const wanted = query.trim();
  const results = useApi<List<PersonSummary>>(wanted.length >= 2 ? apiPath('/api/people', { q: wanted }) : null, {
    keepPrevious: true,
  });
  const matches =
    wanted.length >= 2 ? (results.data?.items ?? []).filter((person) => !exclude.includes(person.id)).slice(0, 8) : [];
  return (
    <div className={`form-field${error ? ' form-field--invalid' : ''}`}>
      <label htmlFor={id}>{t('building.edit.findPerson')}</label>
      <input
        id={id}
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p className="form-field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {wanted.length >= 2 && results.data ? (
        matches.length > 0 ? (
          <ul className="picker__matches">
            {matches.map((person) => (
              <li key={person.id}>
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => {
                    onPick(person);
                    setQuery('');
                  }}
                >
                  {t('building.edit.choosePerson', { name: person.name })}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="form-field__hint">{t('editing.picker.noMatches')}</p>
        )
      ) : null}
    </div>
  );
}
