import type { FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import { COUNTRY_CODES, SUPPORTED_LOCALES } from '../../platform/i18n/index.ts';
import type { MessageKey, T } from '../messages/index.ts';

/** Field name → message key of what is wrong with it. */
export type FieldErrors = Partial<Record<string, MessageKey>>;

/** Native names, so a reader finds their language whatever language the page is in. */
export const LANGUAGE_NAMES: Record<(typeof SUPPORTED_LOCALES)[number], string> = {
  en: 'English',
  'zh-Hans': '简体中文',
  ar: 'العربية',
};

export function CsrfField({ reply }: { reply: FastifyReply }) {
  return <input type="hidden" name="_csrf" value={reply.generateCsrf()} />;
}

/**
 * The problems of a form: the form-wide one (key `_`) as its own alert, then every field's
 * problem, each linking to its field.
 */
export function ErrorSummary({ t, errors, fields }: { t: T; errors: FieldErrors; fields: Record<string, string> }) {
  const { _: general, ...fieldErrors } = errors;
  const entries = Object.entries(fieldErrors).filter((entry): entry is [string, MessageKey] => !!entry[1]);
  return (
    <>
      {general && (
        <Alert kind="error">
          <p>{t.t(general)}</p>
        </Alert>
      )}
      {entries.length > 0 && (
        <div class="alert alert-error" role="alert">
          <p>{t.t('form.errorSummary')}</p>
          <ul>
            {entries.map(([field, key]) => (
              <li>{fields[field] ? <a href={`#${fields[field]}`}>{t.t(key)}</a> : t.t(key)}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

export function Alert({ kind, children }: { kind: 'error' | 'success' | 'info'; children: ComponentChildren }) {
  const className = kind === 'info' ? 'alert' : `alert alert-${kind}`;
  return (
    <div class={className} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

type FieldProps = {
  t: T;
  id: string;
  name: string;
  label: string;
  error?: MessageKey | undefined;
  hint?: string;
  required?: boolean;
  /** For text in a language other than the page's, such as a name in Arabic on an English page. */
  lang?: string;
  dir?: 'rtl' | 'ltr';
};

/** A labelled control with its hint and error wired up through aria-describedby. */
function FieldShell({ t, id, label, error, hint, required, children }: FieldProps & { children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>
        {label}
        {required && <span class="hint"> ({t.t('form.required')})</span>}
      </label>
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children}
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {t.t(error)}
        </span>
      )}
    </div>
  );
}

function describedBy(id: string, error: unknown, hint: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function TextField(
  props: FieldProps & {
    value?: string;
    type?: 'text' | 'email' | 'password' | 'number' | 'url';
    autocomplete?: string;
    maxLength?: number;
    min?: number;
    max?: number;
    readOnly?: boolean;
  },
) {
  const { id, name, error, hint, required, value, type = 'text', autocomplete, maxLength, min, max } = props;
  return (
    <FieldShell {...props}>
      <input
        id={id}
        name={name}
        type={type}
        value={type === 'password' ? '' : (value ?? '')}
        autocomplete={autocomplete}
        required={required}
        maxLength={maxLength}
        min={min}
        max={max}
        readOnly={props.readOnly}
        lang={props.lang}
        dir={props.dir}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, error, hint)}
      />
    </FieldShell>
  );
}

export function TextAreaField(props: FieldProps & { value?: string; maxLength?: number; rows?: number }) {
  const { id, name, error, hint, value, maxLength } = props;
  return (
    <FieldShell {...props}>
      <textarea
        id={id}
        name={name}
        maxLength={maxLength}
        rows={props.rows}
        lang={props.lang}
        dir={props.dir}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, error, hint)}
      >
        {value ?? ''}
      </textarea>
    </FieldShell>
  );
}

export function CountryField(props: FieldProps & { value?: string | null; emptyLabel: string }) {
  const { t, id, name, error, hint, value, emptyLabel } = props;
  const countries = COUNTRY_CODES.map((code) => ({ code, label: t.countryName(code) })).sort((a, b) =>
    a.label.localeCompare(b.label, t.locale),
  );
  return (
    <FieldShell {...props}>
      <select
        id={id}
        name={name}
        autocomplete="country"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, error, hint)}
      >
        <option value="">{emptyLabel}</option>
        {countries.map((country) => (
          <option value={country.code} selected={country.code === value}>
            {country.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function LocaleField(props: FieldProps & { value?: string | null }) {
  const { id, name, error, hint, value } = props;
  return (
    <FieldShell {...props}>
      <select
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, error, hint)}
      >
        {SUPPORTED_LOCALES.map((locale) => (
          <option value={locale} lang={locale} selected={locale === value}>
            {LANGUAGE_NAMES[locale]}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function SelectField(
  props: FieldProps & { value?: string; options: Array<{ value: string; label: string }>; empty?: string },
) {
  const { id, name, error, hint, required, value } = props;
  return (
    <FieldShell {...props}>
      <select
        id={id}
        name={name}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, error, hint)}
      >
        {props.empty !== undefined && <option value="">{props.empty}</option>}
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
