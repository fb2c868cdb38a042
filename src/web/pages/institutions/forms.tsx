import type { FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { MessageKey, T } from '../../messages/index.ts';
import type { FieldErrors } from './shared.ts';

export function CsrfField({ reply }: { reply: FastifyReply }) {
  return <input type="hidden" name="_csrf" value={reply.generateCsrf()} />;
}

/** Lists every problem at the top, each linking to its field. */
export function ErrorSummary({ t, errors, ids }: { t: T; errors: FieldErrors; ids: Record<string, string> }) {
  const entries = Object.entries(errors).filter((entry): entry is [string, MessageKey] => !!entry[1]);
  if (entries.length === 0) return null;
  return (
    <div class="alert alert-error" role="alert" tabIndex={-1}>
      <p>{t.t('form.errorSummary')}</p>
      <ul>
        {entries.map(([field, key]) => (
          <li>{ids[field] ? <a href={`#${ids[field]}`}>{t.t(key)}</a> : t.t(key)}</li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({ kind, children }: { kind: 'error' | 'success'; children: ComponentChildren }) {
  return (
    <div class={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

type FieldProps = {
  t: T;
  id: string;
  name: string;
  label: string;
  value?: string;
  error?: MessageKey | undefined;
  hint?: string;
  required?: boolean;
  lang?: string;
  dir?: 'rtl' | 'ltr';
};

function Shell({ t, id, label, error, hint, required, children }: FieldProps & { children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>
        {label}
        {required && <span class="hint"> ({t.t('form.required')})</span>}
      </label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {t.t(error)}
        </p>
      )}
    </div>
  );
}

function describedBy(props: FieldProps): string | undefined {
  const ids = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function TextField(props: FieldProps & { type?: 'text' | 'email' | 'url'; maxLength?: number }) {
  return (
    <Shell {...props}>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        maxLength={props.maxLength}
        lang={props.lang}
        dir={props.dir}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </Shell>
  );
}

export function TextArea(props: FieldProps) {
  return (
    <Shell {...props}>
      <textarea
        id={props.id}
        name={props.name}
        rows={3}
        lang={props.lang}
        dir={props.dir}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.value ?? ''}
      </textarea>
    </Shell>
  );
}

export function SelectField(props: FieldProps & { options: Array<{ value: string; label: string }>; empty?: string }) {
  return (
    <Shell {...props}>
      <select
        id={props.id}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.empty !== undefined && <option value="">{props.empty}</option>}
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}
