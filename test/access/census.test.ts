import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/access/index.ts';
import { createInstitution } from '../../src/modules/institutions/index.ts';
import { createTestApp, createTestUser, getCsrf, signIn, type TestContext } from '../support/app.ts';
import { ROUTE_POLICIES, type RoutePolicy } from './route-policy.ts';

let ctx: TestContext;
const visitors = {} as Record<'anonymous' | 'learner', { cookies: string; token: string }>;

beforeAll(async () => {
  ctx = await createTestApp();
  const system = { db: ctx.platform.db, clock: ctx.platform.clock, actor: SYSTEM_ACTOR };
  await createInstitution(system, {
    key: 'alpha',
    name: { en: 'Alpha University' },
    country: 'KE',
    type: 'university',
    membershipStatus: 'member',
  });
  const learner = await createTestUser(ctx.platform);
  visitors.anonymous = await getCsrf(ctx.app);
  visitors.learner = await getCsrf(ctx.app, await signIn(ctx.app, learner.email));
});
afterAll(() => ctx.close());

const key = (method: string, url: string) => `${method} ${url}`;

function request(policy: RoutePolicy, visitor: 'anonymous' | 'learner') {
  const { cookies, token } = visitors[visitor];
  const isApi = policy.url.startsWith('/api/v1');
  if (policy.method === 'GET')
    return ctx.app.inject({ method: 'GET', url: policy.sample, headers: { cookie: cookies } });
  if (isApi) {
    return ctx.app.inject({
      method: policy.method as 'POST',
      url: policy.sample,
      headers: { cookie: cookies, origin: ctx.config.baseUrl, 'content-type': 'application/json' },
      payload: policy.method === 'DELETE' ? undefined : '{}',
    });
  }
  return ctx.app.inject({
    method: 'POST',
    url: policy.sample,
    headers: {
      cookie: cookies,
      origin: ctx.config.baseUrl,
      'content-type': policy.url.startsWith('/api/auth') ? 'application/json' : 'application/x-www-form-urlencoded',
    },
    payload: policy.url.startsWith('/api/auth') ? '{}' : `_csrf=${encodeURIComponent(token)}`,
  });
}

function isSignInRedirect(status: number, location: unknown): boolean {
  return status === 303 && typeof location === 'string' && location.startsWith('/sign-in');
}

describe('the route census', () => {
  it('has an access policy for every registered route and none for a route that is gone', () => {
    const registered = new Set(ctx.app.listRoutes().map((route) => key(route.method, route.url)));
    const declared = new Set(ROUTE_POLICIES.map((policy) => key(policy.method, policy.url)));
    expect([...registered].filter((route) => !declared.has(route))).toEqual([]);
    expect([...declared].filter((route) => !registered.has(route))).toEqual([]);
  });

  it('names, for every route, a per-role test table that exercises it', () => {
    for (const policy of ROUTE_POLICIES) {
      const text = fs.readFileSync(policy.roleTable, 'utf8');
      const literal = policy.url
        .split('/')
        .filter((segment) => segment && !segment.startsWith(':') && segment !== '*')
        .at(-1);
      expect(
        literal === undefined || text.includes(literal),
        `${key(policy.method, policy.url)} in ${policy.roleTable}`,
      ).toBe(true);
    }
  });
});

describe('an anonymous visitor', () => {
  for (const policy of ROUTE_POLICIES) {
    it(`gets the answer the policy gives for ${key(policy.method, policy.url)} (${policy.audience})`, async () => {
      const response = await request(policy, 'anonymous');
      expect(response.statusCode).toBeLessThan(500);
      if (policy.audience === 'public' || policy.audience === 'dev') {
        expect([401, 403]).not.toContain(response.statusCode);
        expect(isSignInRedirect(response.statusCode, response.headers.location)).toBe(false);
      } else if (policy.url.startsWith('/api/')) {
        expect(response.statusCode).toBe(401);
      } else {
        expect(isSignInRedirect(response.statusCode, response.headers.location)).toBe(true);
      }
    });
  }
});

describe('a signed-in learner without any institution role', () => {
  const restricted = ROUTE_POLICIES.filter(
    (policy) =>
      policy.audience === 'manager' ||
      policy.audience === 'secretariat' ||
      policy.audience === 'course-staff' ||
      policy.audience === 'enrolled',
  );
  for (const policy of restricted) {
    it(`is refused ${key(policy.method, policy.url)} (${policy.audience})`, async () => {
      const response = await request(policy, 'learner');
      expect([403, 404]).toContain(response.statusCode);
    });
  }
});
