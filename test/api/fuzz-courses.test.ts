import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCourseByKey, getReleaseTree, listTeam } from '../../src/modules/courses/index.ts';
import { listMembershipsOfUser } from '../../src/modules/institutions/index.ts';
import { createTestApp, type TestContext } from '../support/app.ts';
import { requestsFor, type FuzzOperation, type FuzzRequest } from './fuzz-arbitraries.ts';
import { contextOf, createCourseApiWorld, type CourseApiWorld } from './fuzz-courses-world.ts';
import { fuzzOperation, readOperationsTagged } from './fuzz-harness.ts';

/**
 * Every course operation of the OpenAPI document gets hostile requests from a lead instructor,
 * who may change the draft: none may fail on our side, and none may touch a release, the team
 * or the caller's institution roles.
 */
const RUNS_PER_OPERATION = 150;
const COURSE_TAGS = ['Courses', 'MOOChub'];

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

let ctx: TestContext;
let world: CourseApiWorld;
let validPathValues: string[];
let operations: FuzzOperation[];

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

beforeAll(async () => {
  ctx = await createTestApp();
  world = await createCourseApiWorld(ctx);
  const { key, sectionKey, unitKey, blockKey, runCode } = world.published;
  validPathValues = [key, world.unpublishedKey, sectionKey, unitKey, blockKey, runCode];
  operations = await readOperationsTagged(ctx.app, COURSE_TAGS);
});
afterAll(() => ctx.close());

describe('fuzzing every course operation', () => {
  it('covers every course operation the document lists', () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual([...OPERATION_IDS].sort());
  });

  it.each(OPERATION_IDS)('never fails with a 5xx nor changes protected state: %s', async (operationId) => {
    const operation = operations.find((entry) => entry.operationId === operationId)!;
    const before = await snapshotProtectedState();
    const reached = await fuzzOperation({
      app: ctx.app,
      operation,
      requests: generatorFor(operation),
      callers: { lead: world.leadInstructor },
      numRuns: RUNS_PER_OPERATION,
      // A path such as /courses/%2e%2e/sections is normalised onto another address entirely;
      // failures there belong to that address, not to this operation.
      onlyOwnRouteFailures: true,
    });
    expect(await snapshotProtectedState()).toEqual(before);
    // The generators must also reach the services, not only the validators.
    expect(reached).toBeGreaterThanOrEqual(RUNS_PER_OPERATION / 100);
  });
});
