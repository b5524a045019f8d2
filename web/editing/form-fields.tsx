import { type ReactNode, useId } from 'react';

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
