import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRun, getCourseByKey, listCourseRuns, listTeam } from '../../src/modules/courses/index.ts';
import { countActiveLearners, listRunLearners } from '../../src/modules/enrollment/index.ts';
import { listMembershipsOfUser } from '../../src/modules/institutions/index.ts';
import { createTestApp, type TestContext } from '../support/app.ts';
import { requestsFor, type FuzzOperation, type FuzzRequest } from './fuzz-arbitraries.ts';
import { contextOf, createCourseApiWorld, type CourseApiWorld } from './fuzz-courses-world.ts';
import { OWN_ORIGIN } from './support.ts';

/**
 * Every enrollment operation gets hostile requests from a lead instructor, who may enroll and
 * bulk-enroll: none may fail on our side, none may touch the course, its runs, its team or the
 * caller's roles, and every run's seat counter must still match its active enrollments.
 */
const RUNS_PER_OPERATION = 150;
const OPERATION_IDS = ['enrollInRun', 'unenrollFromRun', 'listMyEnrollments', 'bulkEnrollInRun'];

type OpenApiOperation = {
  operationId: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
};

let ctx: TestContext;
let world: CourseApiWorld;
let validPathValues: string[];
let operations: FuzzOperation[];
const LIMITED_RUN = 'fuzz-limited';

async function readEnrollmentOperations(): Promise<FuzzOperation[]> {
  const document = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, operation]) => operation.tags?.includes('Enrollment'))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
        parameterNames: (operation.parameters ?? []).filter((entry) => entry.in === 'query').map((entry) => entry.name),
        bodyFields: Object.keys(operation.requestBody?.content['application/json']?.schema.properties ?? {}),
      })),
  );
}

async function snapshotProtectedState() {
  const { db } = ctx.platform;
  const course = (await getCourseByKey(db, world.published.key))!;
  const lead = await contextOf(ctx, world.leadInstructor);
  return {
    course: `${course.uuid}:${course.latestReleaseId}`,
    runs: JSON.stringify(await listCourseRuns(db, course.id)),
    team: (await listTeam(lead, world.published.key)).map((member) => `${member.userId}:${member.role}`).sort(),
    memberships: (await listMembershipsOfUser(db, world.leadInstructor.user.id))
      .map((entry) => `${entry.institutionId}:${entry.role}`)
      .sort(),
  };
}

/** The seat counter of each run equals its active enrollments, and never passes the capacity. */
async function expectSeatsInStep(): Promise<void> {
  const { db } = ctx.platform;
  const course = (await getCourseByKey(db, world.published.key))!;
  const lead = await contextOf(ctx, world.leadInstructor);
  for (const run of await listCourseRuns(db, course.id)) {
    const { counts } = await listRunLearners(lead, course.key, run.code);
    expect((await countActiveLearners(db, [run.id])).get(run.id), run.code).toBe(counts.active);
    if (run.capacity !== null) expect(counts.active).toBeLessThanOrEqual(run.capacity);
  }
}

function passedValidation(response: LightMyRequestResponse): boolean {
  if (response.statusCode < 300) return true;
  if (![403, 404, 409].includes(response.statusCode)) return false;
  const { code } = response.json() as { code?: string };
  return code !== 'cross_site_write' && code !== 'not_found';
}

function reachedRoute(operation: FuzzOperation, response: LightMyRequestResponse): boolean {
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) return true;
  const { instance } = response.json() as { instance?: string };
  const pattern = new RegExp(`^${operation.path.replace(/\{\w+\}/g, '[^/]+')}$`);
  return instance === undefined || pattern.test(instance);
}

/** Lists of addresses that pass validation: known accounts, strangers, junk and repeats. */
function bulkProposals(): fc.Arbitrary<FuzzRequest> {
  const known = [world.learner, world.author, world.adminB, world.secretariat].map((caller) => caller.user.email);
  const address = fc.oneof(
    fc.constantFrom(...known),
    fc.constantFrom(...known).map((email) => ` ${email.toUpperCase()} `),
    fc.emailAddress(),
    fc.string({ maxLength: 40 }),
  );
  return fc
    .record({
      emails: fc.array(address, { minLength: 1, maxLength: 30 }),
      code: fc.constantFrom(world.published.runCode, LIMITED_RUN, 'no-such-run'),
      credential: fc.constantFrom<FuzzRequest['credential']>('token', 'session', 'anonymous'),
    })
    .map(({ emails, code, credential }) => ({
      credential,
      url: `/api/v1/courses/${world.published.key}/runs/${code}/enrollments`,
      body: JSON.stringify({ emails }),
      contentType: 'application/json',
      origin: undefined,
    }));
}

function generatorFor(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
  const hostile = requestsFor(operation, validPathValues);
  return operation.operationId === 'bulkEnrollInRun' ? fc.oneof(hostile, bulkProposals()) : hostile;
}

function headersFor(request: FuzzRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  if (request.credential === 'token') headers.authorization = `Bearer ${world.leadInstructor.token}`;
  if (request.credential === 'session') {
    headers.cookie = world.leadInstructor.cookie;
    headers.origin = request.origin ?? OWN_ORIGIN;
  } else if (request.origin) headers.origin = request.origin;
  if (request.body !== undefined && request.contentType) headers['content-type'] = request.contentType;
  return headers;
}

beforeAll(async () => {
  ctx = await createTestApp();
  world = await createCourseApiWorld(ctx);
  const lead = await contextOf(ctx, world.leadInstructor);
  await createRun(lead, world.published.key, { code: LIMITED_RUN, pacing: 'self_paced', language: 'en', capacity: 2 });
  const { key, runCode } = world.published;
  validPathValues = [key, world.unpublishedKey, runCode, LIMITED_RUN];
  operations = await readEnrollmentOperations();
});
afterAll(() => ctx.close());

describe('fuzzing every enrollment operation', () => {
  it('covers every enrollment operation the document lists', () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual([...OPERATION_IDS].sort());
  });

  it.each(OPERATION_IDS)('never fails with a 5xx nor changes protected state: %s', async (operationId) => {
    const operation = operations.find((entry) => entry.operationId === operationId)!;
    const before = await snapshotProtectedState();
    let reached = 0;
    await fc.assert(
      fc.asyncProperty(generatorFor(operation), async (request) => {
        const response = await ctx.app.inject({
          method: operation.method as 'GET',
          url: request.url,
          headers: headersFor(request),
          ...(request.body === undefined ? {} : { payload: request.body }),
        });
        if (response.statusCode >= 500 && reachedRoute(operation, response)) {
          throw new Error(`${operation.method} ${request.url} answered ${response.statusCode}: ${response.body}`);
        }
        if (passedValidation(response)) reached += 1;
      }),
      { numRuns: RUNS_PER_OPERATION },
    );
    expect(await snapshotProtectedState()).toEqual(before);
    await expectSeatsInStep();
    expect(reached).toBeGreaterThanOrEqual(RUNS_PER_OPERATION / 100);
  });
});
