import { z } from 'zod';
import { isCountryCode, isSupportedLocale } from '../../../platform/i18n/index.ts';

/* Messages are message keys; forms.tsx turns them into translated text. */

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'auth.error.email')
  .pipe(z.email('auth.error.email'));

export const newPasswordSchema = z.string().min(10, 'auth.error.passwordShort').max(128, 'auth.error.passwordLong');

export const enteredPasswordSchema = z
  .string()
  .min(1, 'auth.error.passwordRequired')
  .max(128, 'auth.error.passwordRequired');

export function nameSchema(message: string) {
  return z.string().trim().min(1, message).max(100, message);
}

/** An empty choice means "not given". */
export function countrySchema(message: string) {
  return z
    .string()
    .refine((value) => value === '' || isCountryCode(value), message)
    .transform((value) => (value === '' ? null : value));
}

export function localeSchema(message: string) {
  return z.string().refine(isSupportedLocale, message);
}
