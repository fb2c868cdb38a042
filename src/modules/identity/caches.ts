import { hash } from 'node:crypto';
import { createHotPathCache, scopeKeyOf } from '../../platform/cache/index.ts';
import type { UserProfile } from './model.ts';

/*
 * Every request turns a session cookie or an API token into an actor: before these caches that
 * was four queries and a Better Auth call. Each cache is per process and keyed by database, so
 * two databases in one process (tests) never share a value. Identity's own writes and Better
 * Auth's session and user hooks invalidate at once, after their change is committed; other
 * processes see a change when the value expires (readHotPathTtl, ADR 0021). Only positive answers are
 * kept: a stranger's guesses cost a lookup each, as before, and cannot push real entries out.
 */

export type CachedSession = { userId: string; sessionId: string; expiresAt: number };
export type CachedApiToken = { userId: string; uuid: string; expiresAt: number | null };

const MAX_ENTRIES = 50_000;

export const sessionCache = createHotPathCache<CachedSession | null>({
  maxEntries: MAX_ENTRIES,
  isStorable: (value) => value !== null,
  expiresAtOf: (value) => value?.expiresAt ?? null,
});

export const apiTokenCache = createHotPathCache<CachedApiToken | null>({
  maxEntries: MAX_ENTRIES,
  isStorable: (value) => value !== null,
  expiresAtOf: (value) => value?.expiresAt ?? null,
});

export const profileCache = createHotPathCache<UserProfile | null>({
  maxEntries: MAX_ENTRIES,
  isStorable: (value) => value !== null,
});

/** Cookie names Better Auth gives the session token (`__Secure-` prefixed over https). */
const SESSION_COOKIE_SUFFIX = 'orbis.session_token';

/**
 * The cache key of a request's session: a hash of every session-token cookie it carries, in
 * order, exactly as sent (other cookies, such as the language, do not matter). Only a value Better Auth accepted is ever stored under it, so a
 * request hits only with the very cookie (token and signature) that was verified; the token
 * itself is not kept in memory. Null when the request carries no session cookie.
 */
export function sessionKeyOf(scope: object, cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  // Every chunk whose name could be read as the session cookie, untouched: whichever one Better
  // Auth picks, the key stands for it (names are trimmed as its parser trims them).
  const pairs = cookieHeader.split(';').filter((pair) => {
    const equals = pair.indexOf('=');
    return equals > 0 && pair.slice(0, equals).trim().endsWith(SESSION_COOKIE_SUFFIX);
  });
  if (pairs.length === 0) return null;
  return `${scopeKeyOf(scope)}|${hash('sha256', pairs.join('\n'), 'base64url')}`;
}

export function userKeyOf(scope: object, userId: string): string {
  return `${scopeKeyOf(scope)}|${userId}`;
}

/** A session Better Auth deleted (sign-out, revocation, expiry clean-up). */
export function forgetSession(sessionId: string): void {
  sessionCache.invalidate((value) => value?.sessionId === sessionId);
}

/** Every session of an account: suspension deletes them all at once. */
export function forgetSessionsOfUser(userId: string): void {
  sessionCache.invalidate((value) => value?.userId === userId);
}

export function forgetApiToken(uuid: string): void {
  apiTokenCache.invalidate((value) => value?.uuid === uuid);
}

export function forgetApiTokensOfUser(userId: string): void {
  apiTokenCache.invalidate((value) => value?.userId === userId);
}

/** Called after every committed change to an account's profile, role or suspension. */
export function forgetUserProfile(userId: string): void {
  profileCache.invalidate((value) => value?.id === userId);
}
