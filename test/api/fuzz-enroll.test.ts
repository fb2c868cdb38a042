import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRun, getCourseByKey, listCourseRuns, listTeam } from '../../src/modules/courses/index.ts';
import { countActiveLearners, listRunLearners } from '../../src/modules/enrollment/index.ts';
import { listMembershipsOfUser } from '../../src/modules/institutions/index.ts';
import { createTestApp, type TestContext } from '../support/app.ts';
import { requestsFor, type FuzzOperation, type FuzzRequest } from './fuzz-arbitraries.ts';
import { contextOf, createCourseApiWorld, type CourseApiWorld } from './fuzz-courses-world.ts';
import { fuzzOperation, readOperationsTagged } from './fuzz-harness.ts';

/**
 * Every enrollment operation gets hostile requests from a lead instructor, who may enroll and
 * bulk-enroll: none may fail on our side, none may touch the course, its runs, its team or the
 * caller's roles, and every run's seat counter must still match its active enrollments.
 */
const RUNS_PER_OPERATION = 150;
const OPERATION_IDS = ['enrollInRun', 'unenrollFromRun', 'listMyEnrollments', 'bulkEnrollInRun'];

let ctx: TestContext;
let world: CourseApiWorld;
let validPathValues: string[];
let operations: FuzzOperation[];
const LIMITED_RUN = 'fuzz-limited';

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

beforeAll(async () => {
  ctx = await createTestApp();
  world = await createCourseApiWorld(ctx);
  const lead = await contextOf(ctx, world.leadInstructor);
  await createRun(lead, world.published.key, { code: LIMITED_RUN, pacing: 'self_paced', language: 'en', capacity: 2 });
  const { key, runCode } = world.published;
  validPathValues = [key, world.unpublishedKey, runCode, LIMITED_RUN];
  operations = await readOperationsTagged(ctx.app, ['Enrollment']);
});
afterAll(() => ctx.close());

describe('fuzzing every enrollment operation', () => {
  it('covers every enrollment operation the document lists', () => {
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
      onlyOwnRouteFailures: true,
    });
    expect(await snapshotProtectedState()).toEqual(before);
    await expectSeatsInStep();
    expect(reached).toBeGreaterThanOrEqual(RUNS_PER_OPERATION / 100);
  });
});
