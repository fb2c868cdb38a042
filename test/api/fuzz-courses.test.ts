import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCourseByKey, getReleaseTree, listTeam } from '../../src/modules/courses/index.ts';
import { listMembershipsOfUser } from '../../src/modules/institutions/index.ts';
import { createTestApp, type TestContext } from '../support/app.ts';
import { requestsFor, type FuzzOperation, type FuzzRequest } from './fuzz-arbitraries.ts';
import { contextOf, createCourseApiWorld, type CourseApiWorld } from './fuzz-courses-world.ts';
import { OWN_ORIGIN } from './support.ts';

/**
 * Every course operation of the OpenAPI document gets hostile requests from a lead instructor,
 * who may change the draft: none may fail on our side, and none may touch a release, the team
 * or the caller's institution roles.
 */
const RUNS_PER_OPERATION = 150;
const COURSE_TAGS = new Set(['Courses', 'MOOChub']);

const OPERATION_IDS = [
  'searchCourses',
  'getCourse',
  'listCourseRuns',
  'createCourse',
  'updateCourse',
  'getCourseDraft',
  'revertCourseDraft',
  'publishCourse',
  'listCourseReleases',
  'createCourseRun',
  'updateCourseRun',
  'createSection',
  'updateSection',
  'deleteSection',
  'moveSection',
  'createUnit',
  'updateUnit',
  'deleteUnit',
  'moveUnit',
  'createBlock',
  'updateBlock',
  'deleteBlock',
  'moveBlock',
  'listMoochubCourses',
];

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

async function readCourseOperations(): Promise<FuzzOperation[]> {
  const document = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, operation]) => operation.tags?.some((tag) => COURSE_TAGS.has(tag)))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
        parameterNames: (operation.parameters ?? []).filter((entry) => entry.in === 'query').map((entry) => entry.name),
        bodyFields: Object.keys(operation.requestBody?.content['application/json']?.schema.properties ?? {}),
      })),
  );
}

/** What no course request may change: the first release, the team and the caller's roles. */
async function snapshotProtectedState() {
  const { db } = ctx.platform;
  const course = (await getCourseByKey(db, world.published.key))!;
  const lead = await contextOf(ctx, world.leadInstructor);
  const team = await listTeam(lead, world.published.key);
  const firstRelease = await getReleaseTree(db, world.published.releaseId);
  return {
    courseUuid: course.uuid,
    owners: course.owners.map((owner) => `${owner.key}:${owner.role}`),
    team: team.map((member) => `${member.userId}:${member.role}`).sort(),
    firstRelease: JSON.stringify(firstRelease),
    memberships: (await listMembershipsOfUser(db, world.leadInstructor.user.id))
      .map((entry) => `${entry.institutionId}:${entry.role}`)
      .sort(),
  };
}

/** Successes, and refusals that only a service or handler gives after the input was accepted. */
function passedValidation(response: LightMyRequestResponse): boolean {
  if (response.statusCode < 300) return true;
  if (![403, 404, 409].includes(response.statusCode)) return false;
  const { code } = response.json() as { code?: string };
  return code !== 'cross_site_write' && code !== 'not_found';
}

/** Whether the answer came from the operation's own route; a mangled path can land elsewhere. */
function reachedRoute(operation: FuzzOperation, response: LightMyRequestResponse): boolean {
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) return true;
  const { instance } = response.json() as { instance?: string };
  const pattern = new RegExp(`^${operation.path.replace(/\{\w+\}/g, '[^/]+')}$`);
  return instance === undefined || pattern.test(instance);
}

/** Whole course proposals, so createCourse is also tried with bodies that pass validation. */
function courseProposals(): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      key: fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/),
      institutionId: fc.constantFrom(world.memberA.id, world.memberB.id, world.applicant.id, 999_999),
      credential: fc.constantFrom<FuzzRequest['credential']>('token', 'session', 'anonymous'),
    })
    .map(({ key, institutionId, credential }) => ({
      credential,
      url: '/api/v1/courses',
      body: JSON.stringify({
        key,
        leadInstitutionId: institutionId,
        metadata: { title: { en: key }, languages: ['en'] },
      }),
      contentType: 'application/json',
      origin: undefined,
    }));
}

function generatorFor(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
  const hostile = requestsFor(operation, validPathValues);
  return operation.operationId === 'createCourse' ? fc.oneof(hostile, courseProposals()) : hostile;
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
  const { key, sectionKey, unitKey, blockKey, runCode } = world.published;
  validPathValues = [key, world.unpublishedKey, sectionKey, unitKey, blockKey, runCode];
  operations = await readCourseOperations();
});
afterAll(() => ctx.close());

describe('fuzzing every course operation', () => {
  it('covers every course operation the document lists', () => {
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
        // A path such as /courses/%2e%2e/sections is normalised onto another address entirely;
        // failures there belong to that address, not to this operation.
        if (response.statusCode >= 500 && reachedRoute(operation, response)) {
          throw new Error(`${operation.method} ${request.url} answered ${response.statusCode}: ${response.body}`);
        }
        if (passedValidation(response)) reached += 1;
      }),
      { numRuns: RUNS_PER_OPERATION },
    );
    expect(await snapshotProtectedState()).toEqual(before);
    // The generators must also reach the services, not only the validators.
    expect(reached).toBeGreaterThanOrEqual(RUNS_PER_OPERATION / 100);
  });
});
