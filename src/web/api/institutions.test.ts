import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import {
  asSession,
  asToken,
  callApi,
  createApiWorld,
  expectProblem,
  type ApiWorld,
  type Caller,
} from '../../../test/api/support.ts';

let ctx: TestContext;
let world: ApiWorld;
beforeAll(async () => {
  ctx = await createTestApp();
  world = await createApiWorld(ctx);
});
afterAll(() => ctx.close());

const INSTITUTION_KEYS = [
  'city',
  'country',
  'description',
  'displayName',
  'id',
  'joinedOn',
  'key',
  'logoUrl',
  'membershipStatus',
  'name',
  'region',
  'shortName',
  'type',
  'uuid',
  'website',
].sort();

const get = (credential: { token: string } | null, url: string, headers: Record<string, string> = {}) =>
  callApi(ctx, credential, { method: 'GET', url, headers });

describe('GET /api/v1/institutions', () => {
  it('lists public members to anyone, with facet counts and no internal fields', async () => {
    const response = await get(null, '/api/v1/institutions?pageSize=100');
    expect(response.statusCode).toBe(200);
    const page = response.json();
    const keys = page.items.map((item: { key: string }) => item.key);
    expect(keys).toEqual(expect.arrayContaining([world.memberA.key, world.memberB.key]));
    expect(keys).not.toContain(world.applicant.key);
    expect(Object.keys(page.items[0]).sort()).toEqual(INSTITUTION_KEYS);
    expect(page).toMatchObject({ page: 1, pageSize: 100 });
    expect(page.regionCounts.africa).toBeGreaterThanOrEqual(2);
    expect(response.headers['cache-control']).toBeUndefined();
  });

  it('does not show applicants even to the secretariat, and marks signed-in answers uncached', async () => {
    const response = await get(asToken(world.secretariat), '/api/v1/institutions?pageSize=100');
    const keys = response.json().items.map((item: { key: string }) => item.key);
    expect(keys).not.toContain(world.applicant.key);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('filters by country, region, type and words in the name', async () => {
    const response = await get(null, '/api/v1/institutions?country=ke&region=africa&type=university&q=Nairobi');
    const page = response.json();
    expect(page.items.map((item: { key: string }) => item.key)).toEqual([world.memberA.key]);
    expect(page.total).toBe(1);
  });

  it('names institutions in the language of the request', async () => {
    const response = await get(null, `/api/v1/institutions?q=Nairobi`, { 'accept-language': 'zh-CN' });
    expect(response.json().items[0].displayName).toBe('Nairobi Open University（中文）');
  });

  it('explains invalid filters and paging in a 400 problem', async () => {
    for (const query of ['page=0', 'pageSize=1000', 'page=two', 'region=mars', 'country=XX', 'type=castle']) {
      const problem = expectProblem(await get(null, `/api/v1/institutions?${query}`), 400);
      expect((problem.errors as unknown[]).length).toBeGreaterThan(0);
    }
  });

  it('rejects unknown query parameters', async () => {
    const problem = expectProblem(await get(null, '/api/v1/institutions?visibility=all'), 400);
    expect(problem.detail).toContain('visibility');
  });
});

describe('GET /api/v1/institutions/:key', () => {
  it('shows a member institution to anyone', async () => {
    const response = await get(null, `/api/v1/institutions/${world.memberA.key}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ key: world.memberA.key, country: 'KE', region: 'africa' });
    expect(Object.keys(response.json()).sort()).toEqual(INSTITUTION_KEYS);
  });

  it('answers 404 for an unknown key and 400 for a malformed one', async () => {
    expectProblem(await get(null, '/api/v1/institutions/no-such-place'), 404);
    expectProblem(await get(null, '/api/v1/institutions/Not_A_Key'), 400);
  });

  type Credential = () => { token: string } | null;
  it.each<[string, Credential, number]>([
    ['anonymous callers', () => null, 404],
    ['a learner', () => asToken(world.learner), 404],
    ['the admin of another institution', () => asToken(world.adminA), 404],
    ['its own admin', () => asToken(world.applicantAdmin), 200],
    ['the secretariat', () => asToken(world.secretariat), 200],
  ])('shows an applicant institution to %s with status %i', async (_who, credential, status) => {
    const response = await get(credential(), `/api/v1/institutions/${world.applicant.key}`);
    expect(response.statusCode).toBe(status);
  });
});

describe('GET /api/v1/institutions/:key/members', () => {
  const members = (caller: Caller | null, key: string) =>
    get(caller ? asToken(caller) : null, `/api/v1/institutions/${key}/members`);

  it('lists the people of an institution to its admin', async () => {
    const response = await members(world.adminA, world.memberA.key);
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([
      { userId: world.adminA.user.id, name: world.adminA.user.name, email: world.adminA.user.email, roles: ['admin'] },
    ]);
  });

  it('lists them to the secretariat, also through a browser session', async () => {
    const response = await callApi(ctx, asSession(world.secretariat), {
      method: 'GET',
      url: `/api/v1/institutions/${world.memberB.key}/members`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toHaveLength(1);
  });

  it('asks anonymous callers to sign in', async () => {
    expectProblem(await members(null, world.memberA.key), 401);
  });

  it('forbids learners and the admins of other institutions', async () => {
    expectProblem(await members(world.learner, world.memberA.key), 403);
    expectProblem(await members(world.adminB, world.memberA.key), 403);
  });

  it('hides applicants from outsiders and answers 404 for unknown or 400 for malformed keys', async () => {
    expectProblem(await members(world.adminA, world.applicant.key), 404);
    expect((await members(world.applicantAdmin, world.applicant.key)).statusCode).toBe(200);
    expectProblem(await members(world.secretariat, 'no-such-place'), 404);
    expectProblem(await members(world.secretariat, '-bad-'), 400);
  });
});
