import type { z } from 'zod';
import type { MessageKey } from '../../messages/index.ts';
import type { FieldErrors } from '../../views/forms.tsx';

export * from '../../views/forms.tsx';

/** Maps zod issues to one message per field; the schema's messages are message keys. */
export function collectFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_');
    errors[field] ??= issue.message as MessageKey;
  }
  return errors;
}

/** Reads a form field as a trimmed string, whatever the body looks like. */
export function readField(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** Passwords keep their spaces: they are part of the secret. */
export function readPassword(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}
