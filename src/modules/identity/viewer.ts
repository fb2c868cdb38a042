import type { Database } from '../../platform/db/index.ts';
import type { Auth } from './auth.ts';
import { profileCache, sessionCache, sessionKeyOf, userKeyOf } from './caches.ts';
import type { UserProfile } from './model.ts';
import { getUserProfile } from './service.ts';
import { freezeDeep } from '../../platform/cache/index.ts';

/**
 * The account a request's session cookie belongs to, or null. Better Auth checks the cookie's
 * signature, the session row and its expiry; its answer is then kept under a hash of the exact
 * cookie for the hot-path TTL, never beyond the session's own expiry. `headers` is built only
 * when Better Auth is asked.
 */
export async function findSessionUserId(
  auth: Auth,
  db: Database,
  cookieHeader: string | undefined,
  headers: () => Headers,
): Promise<string | null> {
  const key = sessionKeyOf(db, cookieHeader);
  if (!key) return null;
  const session = await sessionCache.getOrLoad(key, async () => {
    const found = await auth.api.getSession({ headers: headers() });
    if (!found) return null;
    const { id, userId, expiresAt } = found.session;
    return { sessionId: id, userId, expiresAt: new Date(expiresAt).getTime() };
  });
  return session?.userId ?? null;
}

/**
 * What `findSessionUserId` would answer, when the cache already knows it: undefined when it does
 * not (a first request, an expired entry), and Better Auth must then be asked.
 */
export function peekSessionUserId(db: Database, cookieHeader: string | undefined): string | null | undefined {
  const key = sessionKeyOf(db, cookieHeader);
  if (!key) return null;
  const kept = sessionCache.peek(key);
  return kept.found ? (kept.value?.userId ?? null) : undefined;
}

/** The cached actor profile when there is one; undefined when it must be loaded. */
export function peekActorProfile(db: Database, userId: string): UserProfile | undefined {
  const kept = profileCache.peek(userKeyOf(db, userId));
  return kept.found && kept.value ? kept.value : undefined;
}

/**
 * The profile an actor is built from on every request, from the per-process cache that every
 * profile, role and suspension change invalidates. Shared between requests, hence frozen; use
 * `getUserProfile` inside transactions and wherever the row must be read now.
 */
export async function getActorProfile(db: Database, userId: string): Promise<UserProfile | null> {
  return profileCache.getOrLoad(userKeyOf(db, userId), async () => {
    const profile = await getUserProfile(db, userId);
    return profile ? freezeDeep(profile) : null;
  });
}
