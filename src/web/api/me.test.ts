import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import {
  asSession,
  asToken,
  callApi,
  createApiWorld,
  createTokenFor,
  expectProblem,
  type ApiWorld,
} from '../../../test/api/support.ts';

let ctx: TestContext;
let world: ApiWorld;
beforeAll(async () => {
  ctx = await createTestApp();
  world = await createApiWorld(ctx);
});
afterAll(() => ctx.close());

const PROFILE_KEYS = [
  'bio',
  'country',
  'email',
  'emailVerified',
  'id',
  'locale',
  'memberships',
  'name',
  'platformRole',
].sort();

describe('GET /api/v1/me', () => {
  it('asks anonymous callers to sign in with a 401 problem', async () => {
    const problem = expectProblem(await callApi(ctx, null, { method: 'GET', url: '/api/v1/me' }), 401);
    expect(problem.code).toBe('unauthenticated');
  });

  it('shows a learner exactly the allowlisted profile fields, uncached', async () => {
    const response = await callApi(ctx, asToken(world.learner), { method: 'GET', url: '/api/v1/me' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const profile = response.json();
    expect(Object.keys(profile).sort()).toEqual(PROFILE_KEYS);
    expect(profile).toMatchObject({ id: world.learner.user.id, platformRole: null, memberships: [] });
  });

  it('lists an institution admin’s role with the institution key', async () => {
    const response = await callApi(ctx, asSession(world.adminA), { method: 'GET', url: '/api/v1/me' });
    expect(response.json().memberships).toEqual([
      { institutionKey: world.memberA.key, institutionId: world.memberA.id, role: 'admin' },
    ]);
  });

  it('tells the secretariat its platform role', async () => {
    const response = await callApi(ctx, asToken(world.secretariat), { method: 'GET', url: '/api/v1/me' });
    expect(response.json().platformRole).toBe('secretariat');
  });

  it('refuses an unknown token and never falls back to the session cookie', async () => {
    const response = await callApi(ctx, null, {
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: 'Bearer orb_not-a-real-token', cookie: world.learner.cookie },
    });
    expectProblem(response, 401);
  });
});

describe('PATCH /api/v1/me', () => {
  it('changes the declared fields and normalises the country code', async () => {
    const response = await callApi(ctx, asToken(world.learner), {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { name: '  Lina Mwangi ', country: 'ke', locale: 'zh-Hans', bio: 'Learns\nweekly.' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: 'Lina Mwangi',
      country: 'KE',
      locale: 'zh-Hans',
      bio: 'Learns\nweekly.',
    });
    const again = await callApi(ctx, asToken(world.learner), { method: 'GET', url: '/api/v1/me' });
    expect(again.json()).toMatchObject({ name: 'Lina Mwangi', country: 'KE' });
  });

  it('clears country, language and bio with null', async () => {
    const response = await callApi(ctx, asToken(world.learner), {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { country: null, locale: null, bio: null },
    });
    expect(response.json()).toMatchObject({ country: null, locale: null, bio: null });
  });

  it('explains each invalid field in a 400 problem', async () => {
    const response = await callApi(ctx, asToken(world.learner), {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { country: 'XX', locale: 'fr', bio: 'x'.repeat(1001), name: 'a\u0000b' },
    });
    const problem = expectProblem(response, 400);
    const fields = (problem.errors as Array<{ field: string; message: string }>).map((entry) => entry.field);
    expect(fields).toEqual(expect.arrayContaining(['body.country', 'body.locale', 'body.bio', 'body.name']));
    expect(problem.detail).toContain('ISO 3166-1');
  });

  it('refuses an empty change', async () => {
    const problem = expectProblem(
      await callApi(ctx, asToken(world.learner), { method: 'PATCH', url: '/api/v1/me', payload: {} }),
      400,
    );
    expect(problem.detail).toContain('send at least one of name, country, locale, bio');
  });

  it('rejects unknown fields such as platformRole instead of ignoring them', async () => {
    const response = await callApi(ctx, asToken(world.learner), {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { name: 'Mallory', platformRole: 'secretariat' },
    });
    const problem = expectProblem(response, 400);
    expect(problem.detail).toContain('platformRole');
    const profile = (await callApi(ctx, asToken(world.learner), { method: 'GET', url: '/api/v1/me' })).json();
    expect(profile).toMatchObject({ name: 'Lina Mwangi', platformRole: null });
  });

  it('requires a signed-in person', async () => {
    expectProblem(await callApi(ctx, null, { method: 'PATCH', url: '/api/v1/me', payload: { name: 'Nobody' } }), 401);
  });

  it('accepts only JSON bodies', async () => {
    const response = await callApi(ctx, asToken(world.learner), {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: 'name=Form',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(expectProblem(response, 415).detail).toBe('Send the request body as application/json.');
    const text = await callApi(ctx, asToken(world.learner), {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: '{"name":"Plain"}',
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(text, 415);
  });
});

describe('cross-site protection of session writes', () => {
  const change = { method: 'PATCH' as const, url: '/api/v1/me', payload: { bio: 'Changed' } };

  it('refuses a session write from another origin', async () => {
    const response = await callApi(ctx, asSession(world.adminB), {
      ...change,
      headers: { origin: 'https://evil.example' },
    });
    expect(expectProblem(response, 403).code).toBe('cross_site_write');
  });

  it('refuses a session write the browser marks as cross-site', async () => {
    const response = await callApi(ctx, asSession(world.adminB), {
      ...change,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expectProblem(response, 403);
  });

  it('accepts a session write from our own pages', async () => {
    const response = await callApi(ctx, asSession(world.adminB), {
      ...change,
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(response.statusCode).toBe(200);
  });

  it('lets Bearer requests through whatever their origin, since tokens are not ambient', async () => {
    const response = await callApi(ctx, asToken(world.adminB), {
      ...change,
      headers: { origin: 'https://script.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(response.statusCode).toBe(200);
  });
});

describe('personal API tokens', () => {
  it('lists the caller’s active tokens without their secrets', async () => {
    const response = await callApi(ctx, asToken(world.adminA), { method: 'GET', url: '/api/v1/me/tokens' });
    expect(response.statusCode).toBe(200);
    const [token] = response.json().items;
    expect(Object.keys(token).sort()).toEqual(['createdAt', 'expiresAt', 'lastUsedAt', 'name', 'prefix', 'uuid']);
    expect(world.adminA.token.startsWith(token.prefix)).toBe(true);
  });

  it('creates a token from a browser session and shows its secret once', async () => {
    const response = await callApi(ctx, asSession(world.adminA), {
      method: 'POST',
      url: '/api/v1/me/tokens',
      payload: { name: 'Export script', expiresInDays: 30 },
    });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created.token).toMatch(/^orb_/);
    expect(created.expiresAt).not.toBeNull();
    const me = await callApi(ctx, { token: created.token }, { method: 'GET', url: '/api/v1/me' });
    expect(me.json().id).toBe(world.adminA.user.id);
    const list = await callApi(ctx, asSession(world.adminA), { method: 'GET', url: '/api/v1/me/tokens' });
    expect(list.json().items.map((item: { uuid: string }) => item.uuid)).toContain(created.uuid);
    expect(JSON.stringify(list.json())).not.toContain(created.token);
  });

  it('does not let a token create further tokens', async () => {
    const response = await callApi(ctx, asToken(world.adminA), {
      method: 'POST',
      url: '/api/v1/me/tokens',
      payload: { name: 'Minted by a token' },
    });
    expect(expectProblem(response, 403).code).toBe('api_token.session_required');
  });

  it('validates the new token’s name and lifetime and rejects unknown fields', async () => {
    const session = asSession(world.adminA);
    const post = (payload: unknown) => callApi(ctx, session, { method: 'POST', url: '/api/v1/me/tokens', payload });
    expectProblem(await post({ name: '   ' }), 400);
    expectProblem(await post({ name: 'x', expiresInDays: 0 }), 400);
    expectProblem(await post({ name: 'x', expiresInDays: 'soon' }), 400);
    expect(expectProblem(await post({ name: 'x', scopes: ['admin'] }), 400).detail).toContain('scopes');
  });

  it('requires a signed-in person to create or list tokens', async () => {
    expectProblem(await callApi(ctx, null, { method: 'GET', url: '/api/v1/me/tokens' }), 401);
    expectProblem(await callApi(ctx, null, { method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'x' } }), 401);
  });

  it('refuses a token creation another site forges with the session cookie', async () => {
    const response = await callApi(ctx, asSession(world.adminA), {
      method: 'POST',
      url: '/api/v1/me/tokens',
      payload: { name: 'Forged' },
      headers: { origin: 'https://evil.example' },
    });
    expectProblem(response, 403);
  });

  it('revokes a token with a token, after which it stops working', async () => {
    const spare = await createTokenFor(ctx, world.adminB.user, 'spare');
    const list = await callApi(ctx, { token: spare }, { method: 'GET', url: '/api/v1/me/tokens' });
    const uuid = list.json().items.find((item: { name: string }) => item.name === 'spare').uuid;
    const response = await callApi(ctx, asToken(world.adminB), { method: 'DELETE', url: `/api/v1/me/tokens/${uuid}` });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expectProblem(await callApi(ctx, { token: spare }, { method: 'GET', url: '/api/v1/me' }), 401);
  });

  it('cannot revoke someone else’s token, and says only that it was not found', async () => {
    const list = await callApi(ctx, asToken(world.secretariat), { method: 'GET', url: '/api/v1/me/tokens' });
    const uuid = list.json().items[0].uuid;
    const response = await callApi(ctx, asToken(world.learner), { method: 'DELETE', url: `/api/v1/me/tokens/${uuid}` });
    expectProblem(response, 404);
    expect((await callApi(ctx, asToken(world.secretariat), { method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
  });

  it('answers 400 for a malformed token id and 401 for anonymous revocation', async () => {
    expectProblem(
      await callApi(ctx, asToken(world.learner), { method: 'DELETE', url: '/api/v1/me/tokens/not-a-uuid' }),
      400,
    );
    expectProblem(
      await callApi(ctx, null, { method: 'DELETE', url: '/api/v1/me/tokens/00000000-0000-4000-8000-000000000000' }),
      401,
    );
  });
});
