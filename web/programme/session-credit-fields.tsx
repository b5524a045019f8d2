import { type ReactNode, useId, useState } from 'react';
import type { OrganizationRef, OrganizationSummary, PersonSummary } from '../../shared/api/directory.ts';
import { SPEAKER_PARTS, type SpeakerPart } from '../../shared/domain.ts';
import { apiPath, type List, useApi } from '../api.ts';
import { SelectField } from '../forms/form-fields.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { SessionForm } from './session-form.ts';

/** A list with remove buttons and, below it, a search box whose matches can be added. */
function PickerFrame({
  legend,
  error,
  children,
  search,
}: {
  legend: string;
  error?: string | undefined;
  children: ReactNode;
  search: ReactNode;
}) {
  const id = useId();
  return (
    <fieldset
      className={`edit-form__group${error ? ' form-field--invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {children}
      {search}
      {error ? (
        <p className="form-field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function SearchBox<T extends { name: string }>({
  label,
  path,
  exclude,
  keyOf,
  onPick,
}: {
  label: string;
  path: string;
  exclude: (item: T) => boolean;
  keyOf: (item: T) => string;
  onPick(item: T): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [query, setQuery] = useState('');
  const wanted = query.trim();
  const results = useApi<List<T>>(wanted.length >= 2 ? apiPath(path, { q: wanted }) : null, { keepPrevious: true });
  const matches = wanted.length >= 2 ? (results.data?.items ?? []).filter((item) => !exclude(item)).slice(0, 8) : [];
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        autoComplete="off"
      />
      {wanted.length >= 2 && results.data ? (
        matches.length > 0 ? (
          <ul className="picker__matches">
            {matches.map((item) => (
              <li key={keyOf(item)}>
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => {
                    onPick(item);
                    setQuery('');
                  }}
                >
                  {t('editing.picker.add', { name: item.name })}
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

export function SpeakersField({
  value,
  onChange,
  error,
}: {
  value: SessionForm['speakers'];
  onChange(value: SessionForm['speakers']): void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <PickerFrame
      legend={t('editing.session.speakers')}
      error={error}
      search={
        <SearchBox<PersonSummary>
          label={t('editing.picker.searchPerson')}
          path="/api/people"
          exclude={(person) => value.some((speaker) => speaker.person.id === person.id)}
          keyOf={(person) => person.id}
          onPick={(person) =>
            onChange([
              ...value,
              {
                person: { id: person.id, name: person.name, country: person.country, fictional: person.fictional },
                part: 'speaker',
              },
            ])
          }
        />
      }
    >
      {value.length === 0 ? (
        <p className="form-field__hint">{t('editing.picker.none')}</p>
      ) : (
        <ul className="picker__chosen">
          {value.map((speaker) => (
            <li key={speaker.person.id}>
              <SelectField
                name={`part-${speaker.person.id}`}
                label={t('editing.field.part', { name: speaker.person.name })}
                value={speaker.part}
                onChange={(part) =>
                  onChange(
                    value.map((other) =>
                      other.person.id === speaker.person.id ? { ...other, part: part as SpeakerPart } : other,
                    ),
                  )
                }
                options={SPEAKER_PARTS.map((part) => ({ value: part, label: t(`part.${part}`) }))}
              />
              <button
                type="button"
                className="button button--quiet"
                onClick={() => onChange(value.filter((other) => other.person.id !== speaker.person.id))}
              >
                {t('editing.picker.remove', { name: speaker.person.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </PickerFrame>
  );
}

export function OrganizationsField({
  legend,
  value,
  onChange,
  error,
}: {
  legend: string;
  value: OrganizationRef[];
  onChange(value: OrganizationRef[]): void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <PickerFrame
      legend={legend}
      error={error}
      search={
        <SearchBox<OrganizationSummary>
          label={t('editing.picker.searchOrganization', { list: legend })}
          path="/api/organizations"
          exclude={(organization) => value.some((chosen) => chosen.slug === organization.slug)}
          keyOf={(organization) => organization.slug}
          onPick={(organization) => {
            const { peopleCount, membersCount, status, country, website, memberOf, ...ref } = organization;
            onChange([...value, ref]);
          }}
        />
      }
    >
      {value.length === 0 ? (
        <p className="form-field__hint">{t('editing.picker.none')}</p>
      ) : (
        <ul className="picker__chosen">
          {value.map((organization) => (
            <li key={organization.slug}>
              <span>{organization.name}</span>{' '}
              <button
                type="button"
                className="button button--quiet"
                onClick={() => onChange(value.filter((other) => other.slug !== organization.slug))}
              >
                {t('editing.picker.remove', { name: organization.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </PickerFrame>
  );
}
