import { isDomainError } from '../../../platform/errors/index.ts';
import type { MessageKey } from '../../messages/index.ts';
import type { FieldErrors } from '../../views/forms.tsx';
import { explainRefusal, noticeOf } from './notices.ts';

/** One form field as text: the first value when a field was sent twice, '' when absent. */
export function readField(body: unknown, name: string): string {
  const value =
    body && typeof body === 'object' && Object.hasOwn(body, name) ? (body as Record<string, unknown>)[name] : '';
  if (typeof value === 'string') return value;
  return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
}

/** A field the service may leave to its default: absent rather than empty. */
export function optionalField(body: unknown, name: string): string | undefined {
  const value = readField(body, name).trim();
  return value === '' ? undefined : value;
}

/** The languages a post may be marked with in the forms and the list filter. */
export const POST_LANGUAGES = ['en', 'zh-Hans', 'ar', 'fr', 'es', 'pt', 'ru', 'sw', 'th', 'it', 'de'] as const;

/** A language to preselect: the one asked for when it is on the list, else the page's. */
export function pickLanguage(wanted: string | null | undefined, pageLocale: string): string {
  return wanted && (POST_LANGUAGES as readonly string[]).includes(wanted) ? wanted : pageLocale;
}

const FIELD_MESSAGES: Record<string, MessageKey> = {
  title: 'forum.field.title.invalid',
  body: 'forum.field.body.invalid',
  topic: 'forum.field.topic.invalid',
  kind: 'forum.field.kind.invalid',
  language: 'forum.field.language.invalid',
  hours: 'forum.field.hours.invalid',
  muteHours: 'forum.field.hours.invalid',
  reason: 'forum.field.reason.invalid',
};

/** The name a service gives a field, as the form names it. */
const FORM_NAMES: Record<string, string> = { muteHours: 'hours' };

/**
 * A refused post or standing change as the problems of its form: each field the service named,
 * or one problem for the whole form (`_`). Null for errors that are not the sender's to fix.
 */
export function formErrorsOf(error: unknown): FieldErrors | null {
  if (!isDomainError(error)) return null;
  if (error.code === 'forum.too_many_links') return { body: 'forum.field.body.tooManyLinks' };
  if (error.kind === 'invalid' && Array.isArray(error.details.fields)) {
    const errors: FieldErrors = {};
    for (const entry of error.details.fields as Array<{ field?: unknown }>) {
      const field = typeof entry.field === 'string' ? entry.field : '';
      const key = FIELD_MESSAGES[field];
      if (key) errors[FORM_NAMES[field] ?? field] = key;
      else errors._ = 'forum.error.invalid';
    }
    return errors;
  }
  const code = explainRefusal(error);
  return code ? { _: noticeOf('error', code).key } : null;
}
