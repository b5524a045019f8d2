import { type Dispatch, type ReactNode, type SetStateAction, useId, useState } from 'react';
import { slugify } from '../../shared/text.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useCountryOptions } from './country-options.ts';

/*
 * Form controls with their label, an optional hint and the server's message
 * for the field, tied together for assistive technology (aria-describedby,
 * aria-invalid). The message is the API's own, in the reader's language.
 */

interface FieldFrame {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** Written in this language (the English or Spanish version of a text). */
  lang?: string | undefined;
}

function Frame({ id, label, hint, error, children }: FieldFrame & { id: string; children: ReactNode }) {
  return (
    <div className={`form-field${error ? ' form-field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="form-field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="form-field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

const describedBy = (id: string, { hint, error }: FieldFrame) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

export function TextField(
  props: FieldFrame & {
    value: string;
    onChange(value: string): void;
    type?: 'text' | 'email' | 'tel' | 'url';
    autoComplete?: string;
    required?: boolean;
    name: string;
  },
) {
  const id = useId();
  return (
    <Frame id={id} {...props}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        autoComplete={props.autoComplete ?? 'off'}
        required={props.required}
        lang={props.lang}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props)}
      />
    </Frame>
  );
}

export function TextAreaField(
  props: FieldFrame & { value: string; onChange(value: string): void; name: string; rows?: number },
) {
  const id = useId();
  return (
    <Frame id={id} {...props}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        lang={props.lang}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props)}
      />
    </Frame>
  );
}

export function SelectField(
  props: FieldFrame & {
    value: string;
    onChange(value: string): void;
    options: { value: string; label: string }[];
    name: string;
    disabled?: boolean;
  },
) {
  const id = useId();
  return (
    <Frame id={id} {...props}>
      <select
        id={id}
        name={props.name}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/**
 * The address of a new record (its slug): suggested from its name as the
 * name is typed, until someone writes one of their own.
 */
export function useSuggestedSlug(source: string) {
  const [typed, setTyped] = useState<string | null>(null);
  return { value: typed ?? slugify(source), set: (value: string) => setTyped(value) };
}

/** The slug of a new record; the hint shows the address it will have under `path`, unless another is given. */
export function SlugField({
  slug,
  path,
  hint,
  error,
}: {
  slug: ReturnType<typeof useSuggestedSlug>;
  path: string;
  hint?: string;
  error: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <TextField
      name="slug"
      label={t('editing.field.slug')}
      hint={hint ?? t('editing.field.slugHint', { path: `${path}${slug.value || '…'}` })}
      value={slug.value}
      onChange={slug.set}
      error={error}
      required
    />
  );
}

/** What every text field of a form repeats: its name, its value, how it changes, and the server's message for it. */
export interface BoundField {
  name: string;
  value: string;
  onChange(value: string): void;
  error: string | undefined;
}

/**
 * Binds a form's state to its fields: `field('city')` gives a field its
 * name, value, change handler and error, so a form lists only what differs
 * (label, hint, type).
 */
export function fieldsOf<F extends object>(
  form: F,
  setForm: Dispatch<SetStateAction<F>>,
  errors: Record<string, string>,
) {
  return (name: keyof F & string): BoundField => ({
    name,
    value: String(form[name] ?? ''),
    onChange: (value: string) => setForm((current) => ({ ...current, [name]: value })),
    error: errors[name],
  });
}

/** A country chosen from the list, in the reader's language, or none. */
export function CountryField(props: BoundField) {
  const { t } = useI18n();
  const options = useCountryOptions(t('editing.field.noCountry'));
  return <SelectField label={t('editing.field.country')} options={options} {...props} />;
}

/** A web address: the full address, with its scheme. */
export function WebAddressField(props: BoundField & { label?: string }) {
  const { t } = useI18n();
  return <TextField type="url" label={t('editing.field.website')} hint={t('editing.field.websiteHint')} {...props} />;
}

/** A text in English and in Spanish, each box marked with its language (descriptions, bios). */
export function BilingualTextAreas({
  en,
  es,
  labels,
}: {
  en: BoundField;
  es: BoundField;
  labels?: { en: string; es: string };
}) {
  const { t } = useI18n();
  const label = labels ?? { en: t('editing.field.descriptionEn'), es: t('editing.field.descriptionEs') };
  return (
    <>
      <TextAreaField label={label.en} lang="en" {...en} />
      <TextAreaField label={label.es} lang="es" {...es} />
    </>
  );
}

/** A date, time or number input with its label, hint and the server's message. */
export function InputField(props: {
  name: string;
  type: 'date' | 'time' | 'number';
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onChange(value: string): void;
}) {
  const id = useId();
  const describedBy =
    [props.hint ? `${id}-hint` : null, props.error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-field${props.error ? ' form-field--invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <p className="form-field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        min={props.type === 'number' ? 1 : undefined}
        inputMode={props.type === 'number' ? 'numeric' : undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
      />
      {props.error ? (
        <p className="form-field__error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
