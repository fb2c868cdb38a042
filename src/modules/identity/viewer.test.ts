import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../../platform/access/index.ts';
import { DEFAULT_HOT_PATH_TTL_MS, configureHotPathCaches } from '../../platform/cache/index.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { addMember, createInstitution, removeMember } from '../institutions/index.ts';
import { sessionKeyOf } from './caches.ts';
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  setAccountSuspension,
  setPlatformRole,
  updateCurrentProfile,
  type UserProfile,
} from './index.ts';
import { createTestApp, createTestUser, signIn, type TestContext } from '../../../test/support/app.ts';

const ORIGIN = 'http://localhost:3000';
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());
afterEach(() => configureHotPathCaches({ ttlMs: DEFAULT_HOT_PATH_TTL_MS, now: Date.now }));

function actorOf(user: UserProfile, isSecretariat = false): Actor {
  return { userId: user.id, isSecretariat, memberships: [], via: 'session' };
}

/** The app's clock, which the test application makes a fixed one. */
function platformClock(): Clock & { advance(milliseconds: number): void } {
  return ctx.platform.clock as Clock & { advance(milliseconds: number): void };
}

function contextOf(actor: Actor) {
  return { db: ctx.platform.db, clock: ctx.platform.clock, actor };
}

async function me(headers: Record<string, string>) {
  const response = await ctx.app.inject({ url: '/api/v1/me', headers });
  return { status: response.statusCode, body: response.statusCode === 200 ? response.json() : null };
}

async function callAuth(path: string, cookie: string, payload: object = {}) {
  const response = await ctx.app.inject({
    method: 'POST',
    url: `/api/auth${path}`,
    headers: { cookie, origin: ORIGIN },
    payload,
  });
  expect(response.statusCode).toBe(200);
}

/** Lets a test move the caches' time alone, as another process's view of it would. */
function controlCacheTime() {
  const clock = { now: Date.now() + 60_000 };
  configureHotPathCaches({ ttlMs: 10_000, now: () => clock.now });
  return clock;
}

describe('the session cache of the request context', () => {
  it('answers a session’s later requests without asking Better Auth again', async () => {
    const user = await createTestUser(ctx.platform);
    const cookie = await signIn(ctx.app, user.email);
    const getSession = vi.spyOn(ctx.platform.auth.api, 'getSession');
    try {
      for (let request = 0; request < 3; request += 1) expect((await me({ cookie })).body.id).toBe(user.id);
      expect(getSession).toHaveBeenCalledTimes(1);
    } finally {
      getSession.mockRestore();
    }
  });

  it('ends a session at once on sign-out, and only that session', async () => {
    const user = await createTestUser(ctx.platform);
    const [laptop, phone] = [await signIn(ctx.app, user.email), await signIn(ctx.app, user.email)];
    expect((await me({ cookie: laptop })).status).toBe(200);
    expect((await me({ cookie: phone })).status).toBe(200);
    await callAuth('/sign-out', laptop);
    expect((await me({ cookie: laptop })).status).toBe(401);
    expect((await me({ cookie: phone })).status).toBe(200);
  });

  it('ends the other sessions at once when they are revoked', async () => {
    const user = await createTestUser(ctx.platform);
    const [laptop, phone] = [await signIn(ctx.app, user.email), await signIn(ctx.app, user.email)];
    expect((await me({ cookie: phone })).status).toBe(200);
    await callAuth('/revoke-other-sessions', laptop);
    expect((await me({ cookie: phone })).status).toBe(401);
    expect((await me({ cookie: laptop })).status).toBe(200);
  });

  it('keeps a suspended account out, and its old sessions stay ended after reinstatement', async () => {
    const secretariat = await createTestUser(ctx.platform, { secretariat: true });
    const user = await createTestUser(ctx.platform);
    const cookie = await signIn(ctx.app, user.email);
    expect((await me({ cookie })).status).toBe(200);
    await setAccountSuspension(contextOf(actorOf(secretariat, true)), user.id, true);
    expect((await me({ cookie })).status).toBe(401);
    await setAccountSuspension(contextOf(actorOf(secretariat, true)), user.id, false);
    expect((await me({ cookie })).status).toBe(401);
    expect((await me({ cookie: await signIn(ctx.app, user.email) })).status).toBe(200);
  });

  it('never answers one person’s request with another’s, nor a forged cookie', async () => {
    const [first, second] = [await createTestUser(ctx.platform), await createTestUser(ctx.platform)];
    const cookies = new Map([
      [first.id, await signIn(ctx.app, first.email)],
      [second.id, await signIn(ctx.app, second.email)],
    ]);
    const order = Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? first.id : second.id));
    const answers = await Promise.all(order.map((id) => me({ cookie: cookies.get(id)! })));
    expect(answers.map((answer) => answer.body.id)).toEqual(order);
    const forged = cookies.get(first.id)!.replace(/.(;|$)/, (match) => (match[0] === 'A' ? 'B' : 'A') + match.slice(1));
    expect((await me({ cookie: forged })).status).toBe(401);
  });

  it('lets a session ended by another process last at most the TTL here', async () => {
    const clock = controlCacheTime();
    const user = await createTestUser(ctx.platform);
    const cookie = await signIn(ctx.app, user.email);
    expect((await me({ cookie })).status).toBe(200);
    await ctx.platform.db.execute(sql`delete from idn_session where user_id = ${user.id}`);
    clock.now += 9_999;
    expect((await me({ cookie })).status).toBe(200);
    clock.now += 1;
    expect((await me({ cookie })).status).toBe(401);
  });

  it('keys sessions by the session cookies alone, never by the other cookies', () => {
    const scope = {};
    expect(sessionKeyOf(scope, 'orbis_locale=ar')).toBeNull();
    expect(sessionKeyOf(scope, undefined)).toBeNull();
    const key = sessionKeyOf(scope, 'orbis.session_token=abc.sig; orbis_locale=ar');
    expect(sessionKeyOf(scope, 'orbis_locale=en;orbis.session_token=abc.sig')).toBe(key);
    expect(sessionKeyOf(scope, 'orbis.session_token=abc.sig; orbis.session_token=other.sig')).not.toBe(key);
    expect(sessionKeyOf(scope, ' orbis.session_token =abc.sig')).not.toBeNull();
    expect(sessionKeyOf(scope, 'orbis.session_token=abd.sig')).not.toBe(key);
    expect(sessionKeyOf(scope, '__Secure-orbis.session_token=abc.sig')).not.toBe(key);
    expect(sessionKeyOf({}, 'orbis.session_token=abc.sig')).not.toBe(key);
    expect(key).not.toContain('abc');
  });
});

describe('the profile and role caches of the request context', () => {
  it('show a profile, platform role or institution role change on the next request', async () => {
    const user = await createTestUser(ctx.platform);
    const secretariat = await createTestUser(ctx.platform, { secretariat: true });
    const cookie = await signIn(ctx.app, user.email);
    expect((await me({ cookie })).body).toMatchObject({ locale: null, platformRole: null, memberships: [] });
    await updateCurrentProfile(contextOf(actorOf(user)), { locale: 'ar' });
    expect((await me({ cookie })).body.locale).toBe('ar');
    await setPlatformRole(contextOf(actorOf(secretariat, true)), user.id, 'secretariat');
    expect((await me({ cookie })).body.platformRole).toBe('secretariat');
    const system = contextOf(SYSTEM_ACTOR);
    const institution = await createInstitution(system, {
      key: `cache-${Date.now().toString(36)}`,
      name: { en: 'Cache University' },
      country: 'KE',
      type: 'university',
      membershipStatus: 'member',
    });
    await addMember(system, { institutionId: institution.id, userId: user.id, role: 'instructor' });
    expect((await me({ cookie })).body.memberships).toEqual([
      expect.objectContaining({ institutionId: institution.id, role: 'instructor' }),
    ]);
    await removeMember(system, institution.id, user.id);
    expect((await me({ cookie })).body.memberships).toEqual([]);
  });

  it('show a name changed through Better Auth on the next request', async () => {
    const user = await createTestUser(ctx.platform);
    const cookie = await signIn(ctx.app, user.email);
    expect((await me({ cookie })).body.name).toBe(user.name);
    await callAuth('/update-user', cookie, { name: 'Renamed Person' });
    expect((await me({ cookie })).body.name).toBe('Renamed Person');
  });

  it('let another process’s role change show here within the TTL', async () => {
    const clock = controlCacheTime();
    const user = await createTestUser(ctx.platform);
    const cookie = await signIn(ctx.app, user.email);
    expect((await me({ cookie })).body.platformRole).toBeNull();
    await ctx.platform.db.execute(sql`update idn_user set platform_role = 'secretariat' where id = ${user.id}`);
    expect((await me({ cookie })).body.platformRole).toBeNull();
    clock.now += 10_000;
    expect((await me({ cookie })).body.platformRole).toBe('secretariat');
  });
});

describe('the API token cache', () => {
  it('forgets a revoked token at once and honours an expiry to the millisecond', async () => {
    const user = await createTestUser(ctx.platform);
    const { token, summary } = await createApiToken(contextOf(actorOf(user)), { name: 'script' });
    const bearer = { authorization: `Bearer ${token}` };
    expect((await me(bearer)).status).toBe(200);
    await revokeApiToken(contextOf(actorOf(user)), summary.uuid);
    expect((await me(bearer)).status).toBe(401);

    const expiring = await createApiToken(contextOf(actorOf(user)), { name: 'daily', expiresInDays: 1 });
    const daily = { authorization: `Bearer ${expiring.token}` };
    expect((await me(daily)).status).toBe(200);
    platformClock().advance(86_400_000);
    expect((await me(daily)).status).toBe(401);
  });

  it('moves "last used" at most once per TTL', async () => {
    const clock = controlCacheTime();
    const user = await createTestUser(ctx.platform);
    const { token } = await createApiToken(contextOf(actorOf(user)), { name: 'script' });
    const bearer = { authorization: `Bearer ${token}` };
    const lastUsed = async () => (await listApiTokens(contextOf(actorOf(user))))[0]!.lastUsedAt?.getTime();
    await me(bearer);
    const first = await lastUsed();
    platformClock().advance(60_000);
    await me(bearer);
    expect(await lastUsed()).toBe(first);
    clock.now += 10_000;
    await me(bearer);
    expect(await lastUsed()).toBe(first! + 60_000);
  });
});
