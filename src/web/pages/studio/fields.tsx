import type { ComponentChildren } from 'preact';
import type { MessageKey, T } from '../../messages/index.ts';

/** Languages offered as checkboxes; any other BCP 47 tag can still be typed in. */
export const COMMON_LANGUAGES = ['en', 'zh-Hans', 'ar', 'fr', 'es', 'pt', 'ru', 'sw', 'hi', 'de', 'it', 'ja'] as const;

/** A language's name in the reader's language, with its tag as a fallback. */
export function languageName(t: T, tag: string): string {
  try {
    return new Intl.DisplayNames([t.locale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Right-to-left scripts, so text typed in them is shown the right way round. */
export function directionOf(tag: string): 'rtl' | 'ltr' {
  return /^(ar|fa|he|ur|ps|dv|yi)(-|$)/.test(tag) ? 'rtl' : 'ltr';
}

export type Choice = { value: string; label: string; lang?: string };

/** A group of checkboxes as one question: a fieldset whose legend names it. */
export function CheckboxGroup(props: {
  t: T;
  id: string;
  name: string;
  legend: string;
  choices: Choice[];
  checked: readonly string[];
  error?: MessageKey | undefined;
  hint?: string;
  disabled?: boolean;
}) {
  const { t, id, name, legend, choices, checked, error, hint } = props;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class="field checkbox-group" id={id} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {t.t(error)}
        </span>
      )}
      {choices.map((choice, index) => (
        <label class="checkbox" for={`${id}-${index}`}>
          <input
            type="checkbox"
            id={`${id}-${index}`}
            name={name}
            value={choice.value}
            checked={checked.includes(choice.value)}
            disabled={props.disabled}
          />{' '}
          <span lang={choice.lang}>{choice.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** A date picker; dates are calendar days at UTC, so every reader sees the same day. */
export function DateField(props: { t: T; id: string; name: string; label: string; value: string; error?: MessageKey }) {
  const { t, id, name, label, value, error } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="date"
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {t.t(error)}
        </span>
      )}
    </div>
  );
}

/** A small form that is only a button, such as "remove" beside a row. */
export function ButtonForm(props: {
  action: string;
  csrf: string;
  label: string;
  danger?: boolean;
  hidden?: Record<string, string>;
  children?: ComponentChildren;
}) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <input type="hidden" name="_csrf" value={props.csrf} />
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {props.children}
      <button type="submit" class={props.danger ? 'button-small button-danger' : 'button-small'}>
        {props.label}
      </button>
    </form>
  );
}

/** Calendar days (UTC) in the reader's locale; "—" for none. */
export function formatDay(t: T, date: Date | null): string {
  return date ? t.formatDate(date, { dateStyle: 'medium', timeZone: 'UTC' }) : '—';
}

/** A Date as the value of a date input. */
export function toDateInput(date: Date | null): string {
  return date ? date.toISOString().slice(0, 10) : '';
}
