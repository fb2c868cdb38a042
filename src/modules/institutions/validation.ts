import { z } from 'zod';
import { invalid } from '../../platform/errors/index.ts';
import { isCountryCode } from '../../platform/i18n/index.ts';
import { INSTITUTION_ROLES, INSTITUTION_TYPES, MEMBERSHIP_STATUSES, type LocalizedText } from './schema.ts';

/** Paths the web layer already uses under /institutions/ cannot become institution keys. */
const RESERVED_KEYS = new Set(['new', 'manage']);

const optionalText = (max: number) => z.string().trim().max(max).optional();

function compactText(text: Record<string, string | undefined>): LocalizedText {
  const entries = Object.entries(text).filter((entry): entry is [string, string] => !!entry[1]);
  return Object.fromEntries(entries);
}

/** English is required for names (it is the fallback everywhere); other languages may be blank. */
const localizedText = (max: number, englishRequired: boolean) =>
  z
    .object({
      en: englishRequired ? z.string().trim().min(1, 'needs an English text').max(max) : optionalText(max),
      'zh-Hans': optionalText(max),
      ar: optionalText(max),
    })
    .transform(compactText);

const httpsUrl = z
  .string()
  .trim()
  .max(500)
  .refine((value) => {
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an https:// address');

const optionalUrl = z.union([z.literal('').transform(() => null), httpsUrl, z.null()]).optional();

export const institutionKeySchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2–63 lowercase letters, digits or hyphens')
  .refine((key) => !RESERVED_KEYS.has(key), 'is reserved');

export const profileChangesSchema = z.object({
  name: localizedText(200, true).optional(),
  shortName: z.string().trim().min(1).max(40).optional(),
  city: z.string().trim().max(100).optional(),
  website: optionalUrl,
  logoUrl: optionalUrl,
  description: localizedText(2000, false).optional(),
});

export const newInstitutionSchema = profileChangesSchema.extend({
  key: institutionKeySchema,
  name: localizedText(200, true),
  country: z.string().trim().toUpperCase().refine(isCountryCode, 'must be an ISO 3166-1 country code'),
  type: z.enum(INSTITUTION_TYPES),
  membershipStatus: z.enum(MEMBERSHIP_STATUSES).optional(),
  joinedOn: z.iso.date().nullable().optional(),
});

export const invitationSchema = z.object({
  email: z.email().trim().toLowerCase().max(254),
  role: z.enum(INSTITUTION_ROLES),
});

export type ProfileChanges = z.input<typeof profileChangesSchema>;
export type NewInstitution = z.input<typeof newInstitutionSchema>;
export type NewInvitation = z.input<typeof invitationSchema>;

/** Parses service input, turning every problem into one `invalid` error that names the fields. */
export function parseInput<Output>(schema: z.ZodType<Output>, input: unknown, code: string): Output {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'input',
    message: issue.message,
  }));
  throw invalid(code, fields.map((entry) => `${entry.field}: ${entry.message}`).join('; '), { fields });
}
