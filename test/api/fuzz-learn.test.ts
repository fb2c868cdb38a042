import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET } from '../../src/modules/courseware/courseware-test-fixtures.ts';
import { summarizeProgress } from '../../src/modules/courseware/index.ts';
import { getReleaseTree } from '../../src/modules/courses/index.ts';
import { requireLearnerRun } from '../../src/modules/enrollment/index.ts';
import { createLearnWorld, type LearnWorld } from '../../src/web/pages/learn/test-world.ts';
import { requestsFor, type FuzzOperation, type FuzzRequest } from './fuzz-arbitraries.ts';
import { fuzzOperation, readOperationsTagged } from './fuzz-harness.ts';
import { createTokenFor } from './support.ts';

/**
 * Every courseware operation gets hostile requests from an enrolled learner: none may fail on
 * our side, none may change the release or another learner's progress, and no answer to a quiz
 * may ever appear in a response.
 */
const RUNS_PER_OPERATION = 150;
const OPERATION_IDS = ['getCourseOutline', 'getUnit', 'reportBlockProgress'];
const SECRETS = [SECRET.feedback, SECRET.explanation, SECRET.accepted, String(SECRET.numeric)];

let http: LearnWorld;
let token: string;
let operations: FuzzOperation[];
let validPathValues: string[];

/** What no request of the learner may change: the release, and another learner's progress. */
async function snapshotProtectedState() {
  const { db } = http.ctx.platform;
  const other = await requireLearnerRun(http.people.otherRun.ctx, http.world.key, 'LATER');
  return {
    release: JSON.stringify(await getReleaseTree(db, http.world.runs.selfPaced.releaseId)),
    other: await summarizeProgress(db, other),
  };
}

/** Well-formed reports on real blocks, so the service is exercised and not only the validator. */
function plausibleReports(): fc.Arbitrary<FuzzRequest> {
  // Mostly valid: a report holds up to a dozen numbers, and with every one drawn from [-10, 200]
  // (fast-check favours the bounds) only about one report in eight passed validation.
  const second = fc.oneof(
    { arbitrary: fc.double({ min: 0, max: 200, noNaN: true }), weight: 9 },
    { arbitrary: fc.double({ min: -10, max: 200, noNaN: true }), weight: 1 },
  );
  return fc
    .record({
      block: fc.constantFrom(...Object.values(http.world.blocks).map((block) => block.key)),
      run: fc.constantFrom('SP', 'LATER', 'PAST'),
      ranges: fc.option(fc.array(fc.tuple(second, second), { maxLength: 5 }), { nil: undefined }),
      positionSeconds: fc.option(second, { nil: undefined }),
      durationSeconds: fc.option(second, { nil: undefined }),
      complete: fc.option(fc.constant(true as const), { nil: undefined }),
    })
    .map(({ block, run, ...body }) => ({
      credential: 'token' as const,
      url: `/api/v1/courses/${http.world.key}/runs/${run}/blocks/${block}/progress`,
      body: JSON.stringify(body),
      contentType: 'application/json',
      origin: undefined,
    }));
}

function generatorFor(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
  const hostile = requestsFor(operation, validPathValues);
  return operation.operationId === 'reportBlockProgress' ? fc.oneof(hostile, plausibleReports()) : hostile;
}

beforeAll(async () => {
  http = await createLearnWorld();
  token = await createTokenFor(http.ctx, http.people.learner.user as Parameters<typeof createTokenFor>[1]);
  const { units, blocks } = http.world;
  validPathValues = [
    http.world.key,
    'SP',
    'PAST',
    ...Object.values(units).map((unit) => unit.key),
    ...Object.values(blocks).map((block) => block.key),
  ];
  operations = await readOperationsTagged(http.ctx.app, ['Courseware']);
});
afterAll(() => http.close());

describe('fuzzing every courseware operation', () => {
  it('covers every courseware operation the document lists', () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual([...OPERATION_IDS].sort());
  });

  it.each(OPERATION_IDS)('never fails with a 5xx, leaks an answer or touches protected state: %s', async (id) => {
    const operation = operations.find((entry) => entry.operationId === id)!;
    const before = await snapshotProtectedState();
    const reached = await fuzzOperation({
      app: http.ctx.app,
      operation,
      requests: generatorFor(operation),
      callers: { learner: { token, cookie: http.sessions.learner.cookies } },
      numRuns: RUNS_PER_OPERATION,
      onlyOwnRouteFailures: true,
      inspect: (response) => {
        for (const secret of SECRETS) expect(response.body).not.toContain(secret);
      },
    });
    expect(await snapshotProtectedState()).toEqual(before);
    expect(reached).toBeGreaterThanOrEqual(RUNS_PER_OPERATION / 100);
  });
});
