import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { SYSTEM_ACTOR, type Actor } from '../../src/platform/access/index.ts';
import { createApiToken, type UserProfile } from '../../src/modules/identity/index.ts';
import { addMember, createInstitution, type Institution } from '../../src/modules/institutions/index.ts';
import { createTestUser, signIn, type TestContext } from '../support/app.ts';

export const OWN_ORIGIN = 'http://localhost:3000';

/** One person of the cast, with both ways of calling the API. */
export type Caller = { user: UserProfile; token: string; cookie: string };

/**
 * The people every API test speaks as: a learner, the admins of two member institutions, the
 * secretariat, plus an applicant institution that only its own people and the secretariat see.
 */
export type ApiWorld = {
  memberA: Institution;
  memberB: Institution;
  applicant: Institution;
  learner: Caller;
  adminA: Caller;
  adminB: Caller;
  applicantAdmin: Caller;
  secretariat: Caller;
};

function sessionActor(user: UserProfile): Actor {
  return { userId: user.id, isSecretariat: user.platformRole === 'secretariat', memberships: [], via: 'session' };
}

export async function createTokenFor(ctx: TestContext, user: UserProfile, name = 'test token'): Promise<string> {
  const { db, clock } = ctx.platform;
  const { token } = await createApiToken({ db, clock, actor: sessionActor(user) }, { name });
  return token;
}

async function createCaller(ctx: TestContext, options: { secretariat?: boolean; name?: string } = {}): Promise<Caller> {
  const user = await createTestUser(ctx.platform, options);
  return { user, token: await createTokenFor(ctx, user), cookie: await signIn(ctx.app, user.email) };
}

let counter = 0;

async function createMemberInstitution(ctx: TestContext, status: 'member' | 'applicant', name: string) {
  counter += 1;
  const system = { db: ctx.platform.db, clock: ctx.platform.clock, actor: SYSTEM_ACTOR };
  return createInstitution(system, {
    key: `${status}-${counter}-${Date.now().toString(36)}`,
    name: { en: name, 'zh-Hans': `${name}（中文）` },
    country: status === 'member' ? 'KE' : 'TH',
    type: 'university',
    membershipStatus: status,
  });
}

async function makeAdmin(ctx: TestContext, institution: Institution, caller: Caller): Promise<void> {
  const system = { db: ctx.platform.db, clock: ctx.platform.clock, actor: SYSTEM_ACTOR };
  await addMember(system, { institutionId: institution.id, userId: caller.user.id, role: 'admin' });
}

export async function createApiWorld(ctx: TestContext): Promise<ApiWorld> {
  const memberA = await createMemberInstitution(ctx, 'member', 'Nairobi Open University');
  const memberB = await createMemberInstitution(ctx, 'member', 'Politecnico di Milano Online');
  const applicant = await createMemberInstitution(ctx, 'applicant', 'Thai Open Campus');
  const world: ApiWorld = {
    memberA,
    memberB,
    applicant,
    learner: await createCaller(ctx, { name: 'Lina Learner' }),
    adminA: await createCaller(ctx, { name: 'Amani Admin' }),
    adminB: await createCaller(ctx, { name: 'Bruno Admin' }),
    applicantAdmin: await createCaller(ctx, { name: 'Chai Admin' }),
    secretariat: await createCaller(ctx, { secretariat: true, name: 'Sam Secretariat' }),
  };
  await makeAdmin(ctx, memberA, world.adminA);
  await makeAdmin(ctx, memberB, world.adminB);
  await makeAdmin(ctx, applicant, world.applicantAdmin);
  return world;
}

type Credential = { token: string } | { cookie: string } | null;

/** Sends a JSON request as the given caller: Bearer token, browser session (from our origin) or nobody. */
export function callApi(
  ctx: TestContext,
  credential: Credential,
  request: { method: InjectOptions['method']; url: string; payload?: unknown; headers?: Record<string, string> },
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...request.headers };
  if (credential && 'token' in credential) headers.authorization = `Bearer ${credential.token}`;
  if (credential && 'cookie' in credential) {
    headers.cookie = credential.cookie;
    headers.origin ??= OWN_ORIGIN;
  }
  return ctx.app.inject({
    method: request.method,
    url: request.url,
    headers,
    ...(request.payload === undefined ? {} : { payload: request.payload as InjectOptions['payload'] }),
  });
}

export const asToken = (caller: Caller) => ({ token: caller.token });
export const asSession = (caller: Caller) => ({ cookie: caller.cookie });

export function expectProblem(response: LightMyRequestResponse, status: number): Record<string, unknown> {
  if (response.statusCode !== status) {
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body.slice(0, 500)}`);
  }
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected a problem document, got ${String(response.headers['content-type'])}`);
  }
  const problem = response.json() as Record<string, unknown>;
  if (problem.status !== status || typeof problem.detail !== 'string' || problem.detail.length === 0) {
    throw new Error(`problem document lacks a status or a detail: ${response.body}`);
  }
  return problem;
}
