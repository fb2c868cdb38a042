import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutboxEvents } from '../../src/platform/outbox/index.ts';
import { listTeam } from '../../src/modules/courses/index.ts';
import { createGradesPageWorld, type GradesPageWorld, type Role } from '../../src/web/pages/grades/test-world.ts';
import { requestsFor, type FuzzOperation, type FuzzRequest } from './fuzz-arbitraries.ts';
import { fuzzOperation, readOperationsTagged } from './fuzz-harness.ts';

/**
 * Every grade operation gets hostile requests: getProgress from an enrolled learner, the others
 * from a teaching assistant (who may override). None may fail on our side; none may change the
 * course team, and no pass may be announced twice.
 */
const RUNS_PER_OPERATION = 150;
const OPERATION_IDS = ['getProgress', 'getGradebook', 'exportGradebook', 'overrideGrade'];
const CALLER: Record<string, Role> = {
  getProgress: 'enrolled',
  getGradebook: 'assistant',
  exportGradebook: 'assistant',
  overrideGrade: 'assistant',
};

let w: GradesPageWorld;
let operations: FuzzOperation[];
let validPathValues: string[];

/** What no grade request may change: the team, and the one-event-per-pass rule. */
async function snapshotProtectedState() {
  const { db } = w.ctx.platform;
  const team = await listTeam(w.world.cast.leadInstructor.ctx, w.world.key);
  const events = await listOutboxEvents(db, { topic: 'course.passed' });
  return {
    team: team.map((member) => `${member.userId}:${member.role}`).sort(),
    duplicatePasses: events.length - new Set(events.map((event) => event.dedupeKey)).size,
  };
}

/** Overrides that pass validation, so the service is exercised and not only the validator. */
function plausibleOverrides(): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      enrollment: fc.constantFrom(w.enrolled.learner.enrollment.uuid, w.otherLearner.learner.enrollment.uuid),
      grade: fc.option(fc.double({ min: -0.5, max: 1.5, noNaN: true }), { nil: null }),
      reason: fc.string({ minLength: 0, maxLength: 600 }),
    })
    .map(({ enrollment, grade, reason }) => ({
      credential: 'token' as const,
      url: `/api/v1/courses/${w.world.key}/runs/SP/grades/${enrollment}/override`,
      body: JSON.stringify({ grade, reason }),
      contentType: 'application/json',
      origin: undefined,
    }));
}

/** Gradebook queries made of the declared parameters with values of every shape. */
function plausibleQueries(): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      q: fc.option(fc.constantFrom('amina', 'CHEN', '%', '_', '\\', 'نور', ''), { nil: undefined }),
      status: fc.option(fc.constantFrom('passed', 'not_passed', 'x'), { nil: undefined }),
      assignmentType: fc.option(fc.constantFrom('Exam', 'homework', 'Lab', ''), { nil: undefined }),
      page: fc.option(fc.constantFrom('1', '2', '0', '99999', '1e3'), { nil: undefined }),
      pageSize: fc.option(fc.constantFrom('1', '50', '200', '201'), { nil: undefined }),
    })
    .map((query) => {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, value);
      return {
        credential: 'token' as const,
        url: `/api/v1/courses/${w.world.key}/runs/SP/gradebook?${params.toString()}`,
        body: undefined,
        contentType: undefined,
        origin: undefined,
      };
    });
}

function generatorFor(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
  const hostile = requestsFor(operation, validPathValues);
  if (operation.operationId === 'overrideGrade') return fc.oneof(hostile, plausibleOverrides());
  if (operation.operationId === 'getGradebook') return fc.oneof(hostile, plausibleQueries());
  return hostile;
}

beforeAll(async () => {
  w = await createGradesPageWorld();
  validPathValues = [
    w.world.key,
    'SP',
    w.enrolled.learner.enrollment.uuid,
    w.otherLearner.learner.enrollment.uuid,
    w.world.cast.learner.user.id,
  ];
  operations = await readOperationsTagged(w.ctx.app, ['Grades']);
});
afterAll(() => w.ctx.close());

describe('fuzzing every grade operation', () => {
  it('covers every grade operation the document lists', () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual([...OPERATION_IDS].sort());
  });

  it.each(OPERATION_IDS)('never fails with a 5xx nor touches protected state: %s', async (operationId) => {
    const operation = operations.find((entry) => entry.operationId === operationId)!;
    const before = await snapshotProtectedState();
    const role = CALLER[operationId]!;
    const { apiToken, cookies } = w.visitors[role];
    const reached = await fuzzOperation({
      app: w.ctx.app,
      operation,
      requests: generatorFor(operation),
      callers: { [role]: { token: apiToken, cookie: cookies } },
      numRuns: RUNS_PER_OPERATION,
      onlyOwnRouteFailures: true,
    });
    expect(await snapshotProtectedState()).toEqual(before);
    expect(reached).toBeGreaterThanOrEqual(RUNS_PER_OPERATION / 100);
  });
});
