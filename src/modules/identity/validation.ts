import { z } from 'zod';
import { invalid } from '../../platform/errors/index.ts';
import { SUPPORTED_LOCALES, isCountryCode } from '../../platform/i18n/index.ts';

/** The only profile fields a person may change about themselves; anything else is refused. */
const profileChangesSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
  country: z.string().refine(isCountryCode, 'must be an ISO 3166-1 country code').nullable().optional(),
  locale: z.enum(SUPPORTED_LOCALES).nullable().optional(),
  bio: z.string().max(1000, 'must be at most 1000 characters').nullable().optional(),
});

export type ProfileChanges = { name?: string; country?: string | null; locale?: string | null; bio?: string | null };

/** Services validate again what routes validated: a new caller cannot skip the rules. */
export function parseProfileChanges(changes: unknown): ProfileChanges {
  const parsed = profileChangesSchema.safeParse(changes);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
    throw invalid('profile.invalid', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
  }
  return parsed.data;
}
