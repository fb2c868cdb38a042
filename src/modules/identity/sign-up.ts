import { and, eq, gt } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { forbidden, invalid } from '../../platform/errors/index.ts';
import { isCountryCode, isSupportedLocale } from '../../platform/i18n/index.ts';
import { forgetUserProfile } from './caches.ts';
import { idnUser } from './schema.ts';

export type SignUpPreferences = { country: string | null; locale: string | null };

/** How long after sign-up the system may still fill in the choices made on the form. */
const SIGN_UP_WINDOW_MS = 15 * 60 * 1000;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Stores the country and language chosen on the sign-up form, which Better Auth does not know.
 * Only the system may call it, and only on an account that is brand new and still unverified, so
 * it can never change the profile of an existing person (sign-up answers the same for a taken
 * address, with an id that matches no account). Returns whether an account was updated.
 */
export async function setSignUpPreferences(
  ctx: ServiceContext,
  userId: string,
  preferences: SignUpPreferences,
): Promise<boolean> {
  if (ctx.actor?.via !== 'system') throw forbidden();
  if (preferences.country !== null && !isCountryCode(preferences.country)) {
    throw invalid('user.country_invalid', 'The country is not an ISO 3166 code.');
  }
  if (preferences.locale !== null && !isSupportedLocale(preferences.locale)) {
    throw invalid('user.locale_invalid', 'The language is not supported.');
  }
  if (!UUID_PATTERN.test(userId)) return false;
  const now = ctx.clock.now();
  const updated = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(idnUser)
      .set({ country: preferences.country, locale: preferences.locale, updatedAt: now })
      .where(
        and(
          eq(idnUser.id, userId),
          eq(idnUser.emailVerified, false),
          gt(idnUser.createdAt, new Date(now.getTime() - SIGN_UP_WINDOW_MS)),
        ),
      )
      .returning({ id: idnUser.id });
    if (!row) return false;
    await recordAudit(tx, {
      actorId: null,
      action: 'user.sign_up_preferences_set',
      objectType: 'user',
      objectId: row.id,
      after: { ...preferences },
      at: now,
    });
    return true;
  });
  if (updated) forgetUserProfile(userId);
  return updated;
}
