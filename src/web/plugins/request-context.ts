import type { FastifyInstance, FastifyRequest } from 'fastify';
import { enterRequestScope, type RequestScope } from '../../platform/context/index.ts';
import { DEFAULT_LOCALE, isSupportedLocale, negotiateLocale, type Locale } from '../../platform/i18n/index.ts';
import { authenticateApiToken, findSessionUserId, getActorProfile } from '../../modules/identity/index.ts';
import { listActorMemberships } from '../../modules/institutions/index.ts';
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
  if (!profile || profile.suspended) return null;
  return {
    profile,
    actor: { userId, isSecretariat: profile.platformRole === 'secretariat', memberships, via },
  };
}

export async function registerRequestContext(app: FastifyInstance): Promise<void> {
  app.decorateRequest('locale', DEFAULT_LOCALE);
  // Reference-type decorators must start empty; every request gets its own value first thing.
  app.decorateRequest('t', null as unknown as T);
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request, reply) => {
    request.t = getTranslator(DEFAULT_LOCALE);
    const scope: RequestScope = { requestId: request.id, ip: request.ip };
    enterRequestScope(scope);
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/assets/') || request.url.startsWith('/health/')) return;
    request.viewer = await resolveViewer(app, request);
    request.locale = chooseLocale(request, request.viewer);
    request.t = getTranslator(request.locale);
    scope.locale = request.locale;
  });
}
