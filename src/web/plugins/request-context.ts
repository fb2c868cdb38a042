import type { FastifyInstance, FastifyRequest } from 'fastify';
import { enterRequestScope, type RequestScope } from '../../platform/context/index.ts';
import { DEFAULT_LOCALE, isSupportedLocale, negotiateLocale, type Locale } from '../../platform/i18n/index.ts';
import {
  authenticateApiToken,
  findSessionUserId,
  getActorProfile,
  peekActorProfile,
  peekSessionUserId,
  type UserProfile,
} from '../../modules/identity/index.ts';
import { listActorMemberships, peekActorMemberships } from '../../modules/institutions/index.ts';
import type { Membership } from '../../platform/access/index.ts';
import type { Viewer } from '../context.ts';
import { toAuthHeaders } from '../http.ts';
import { getTranslator, type T } from '../messages/index.ts';

export const LOCALE_COOKIE = 'orbis_locale';

/** Locale: the account's preference, then the cookie, then Accept-Language, then English. */
function chooseLocale(request: FastifyRequest, viewer: Viewer | null): Locale {
  const preferred = viewer?.profile.locale;
  if (isSupportedLocale(preferred)) return preferred;
  const fromCookie = request.cookies[LOCALE_COOKIE];
  if (isSupportedLocale(fromCookie)) return fromCookie;
  return negotiateLocale(request.headers['accept-language']) ?? DEFAULT_LOCALE;
}

function hasSessionCookie(request: FastifyRequest): boolean {
  return Object.keys(request.cookies).some((name) => name.endsWith('orbis.session_token'));
}

function buildViewer(
  userId: string,
  profile: UserProfile | null,
  memberships: readonly Membership[],
  via: 'session' | 'token',
): Viewer | null {
  if (!profile || profile.suspended) return null;
  return {
    profile,
    actor: { userId, isSecretariat: profile.platformRole === 'secretariat', memberships, via },
  };
}

/**
 * Who the request acts for. Every answer comes from per-process caches that this process's
 * sign-outs, revocations, suspensions and role changes clear at once; another process's change
 * shows within the hot-path TTL (ADR 0021).
 */
async function resolveViewer(app: FastifyInstance, request: FastifyRequest): Promise<Viewer | null> {
  const { db, auth, clock } = app.platform;
  const authorization = request.headers.authorization;
  let userId: string | null = null;
  let via: 'session' | 'token' = 'session';
  if (authorization?.startsWith('Bearer ')) {
    userId = await authenticateApiToken(db, clock, authorization.slice(7).trim());
    via = 'token';
  } else if (hasSessionCookie(request)) {
    userId = await findSessionUserId(auth, db, request.headers.cookie, () => toAuthHeaders(request));
  }
  if (!userId) return null;
  const [profile, memberships] = await Promise.all([getActorProfile(db, userId), listActorMemberships(db, userId)]);
  return buildViewer(userId, profile, memberships, via);
}

/**
 * The same answer as resolveViewer when the caches hold every part of it (a signed-in person's
 * every request but the first few), without waiting on a promise; undefined when anything must
 * be loaded. API tokens always take the full path, which also checks their expiry.
 */
function peekViewer(app: FastifyInstance, request: FastifyRequest): Viewer | null | undefined {
  if (request.headers.authorization?.startsWith('Bearer ')) return undefined;
  if (!hasSessionCookie(request)) return null;
  const { db } = app.platform;
  const userId = peekSessionUserId(db, request.headers.cookie);
  if (userId === undefined) return undefined;
  if (userId === null) return null;
  const profile = peekActorProfile(db, userId);
  const memberships = peekActorMemberships(db, userId);
  if (!profile || !memberships) return undefined;
  return buildViewer(userId, profile, memberships, 'session');
}

export async function registerRequestContext(app: FastifyInstance): Promise<void> {
  app.decorateRequest('locale', DEFAULT_LOCALE);
  // Reference-type decorators must start empty; every request gets its own value first thing.
  app.decorateRequest('t', null as unknown as T);
  app.decorateRequest('viewer', null);
  const settle = (request: FastifyRequest, scope: RequestScope, viewer: Viewer | null): void => {
    request.viewer = viewer;
    request.locale = chooseLocale(request, viewer);
    request.t = getTranslator(request.locale);
    scope.locale = request.locale;
  };
  // A callback hook: with the viewer in the caches, the request goes on without a promise.
  app.addHook('onRequest', (request, reply, done) => {
    request.t = getTranslator(DEFAULT_LOCALE);
    const scope: RequestScope = { requestId: request.id, ip: request.ip };
    enterRequestScope(scope);
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/assets/') || request.url.startsWith('/health/')) return done();
    const known = peekViewer(app, request);
    if (known !== undefined) {
      settle(request, scope, known);
      return done();
    }
    resolveViewer(app, request).then((viewer) => {
      settle(request, scope, viewer);
      done();
    }, done);
  });
}
