import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getQuizForLearner, startQuizAttempt } from '../../src/modules/assessment/index.ts';
import { buildFullQuiz, rightAnswers } from '../../src/modules/assessment/quiz-test-fixtures.ts';
import { getReleaseTree } from '../../src/modules/courses/index.ts';
import { createApiToken } from '../../src/modules/identity/index.ts';
import { createQuizHttpWorld, type QuizHttpWorld } from '../../src/web/pages/quiz/test-world.ts';
import { createTestApp, type TestContext } from '../support/app.ts';
import { requestsFor, type FuzzOperation, type FuzzRequest } from './fuzz-arbitraries.ts';
import { fuzzOperation, readOperationsTagged } from './fuzz-harness.ts';

/**
 * Every quiz operation gets hostile requests from an enrolled learner: none may fail on our
 * side, and none may touch another learner's attempts or the release the quizzes come from.
 */
const RUNS_PER_OPERATION = 150;
const OPERATION_IDS = ['startQuizAttempt', 'getQuizAttempt', 'saveQuizAnswers', 'submitQuizAttempt'];

let ctx: TestContext;
let http: QuizHttpWorld<'quiz' | 'open'>;
let token: string;
let validPathValues: string[];
let quizKeys: string[];
let attemptIds: string[];
let operations: FuzzOperation[];

/** What no request of the fuzzing learner may change: the other learner's quiz and the release. */
async function snapshotProtectedState() {
  const { world, other } = http;
  const view = await getQuizForLearner(other.ctx, world.key, 'SP', world.blocks.quiz.key);
  const release = await getReleaseTree(ctx.platform.db, world.runs.selfPaced.releaseId);
  return { other: JSON.stringify(view), release: JSON.stringify(release) };
}

/** Well-addressed requests with plausible bodies too, so submissions and saves reach the services. */
function plausibleRequests(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
  const answers = fc.oneof(
    fc.constant(rightAnswers()),
    fc.record({
      single: fc.array(fc.constantFrom('a', 'b', 'c', 'zz'), { maxLength: 2 }),
      number: fc.oneof(fc.double(), fc.integer()),
      text: fc.string({ maxLength: 30 }),
    }),
  );
  return fc
    .record({
      answers,
      key: fc.option(fc.uuid().map(String), { nil: undefined }),
      values: fc.record({
        quiz: fc.constantFrom(...quizKeys),
        attempt: fc.constantFrom(...attemptIds),
      }),
      credential: fc.constantFrom<FuzzRequest['credential']>('token', 'session'),
    })
    .map(({ answers: body, key, values, credential }) => ({
      credential,
      url: operation.path
        .replace('{courseKey}', http.world.key)
        .replace('{runCode}', 'SP')
        .replace('{blockKey}', values.quiz)
        .replace('{attemptId}', values.attempt),
      body: JSON.stringify({ answers: body, ...(key ? { idempotencyKey: key } : {}) }),
      contentType: 'application/json',
      origin: undefined,
    }));
}

function generatorFor(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
  const hostile = requestsFor(operation, validPathValues);
  return fc.oneof(hostile, plausibleRequests(operation));
}

beforeAll(async () => {
  ctx = await createTestApp();
  http = await createQuizHttpWorld(ctx, {
    quiz: buildFullQuiz({ attemptsAllowed: null }),
    open: buildFullQuiz({ title: 'Open', attemptsAllowed: null, shuffle: true }),
  });
  const { world, learner, other } = http;
  const session = { ...learner.ctx, actor: { ...learner.ctx.actor!, via: 'session' as const } };
  token = (await createApiToken(session, { name: 'fuzz' })).token;
  const mine = await startQuizAttempt(learner.ctx, world.key, 'SP', world.blocks.quiz.key);
  const theirs = await startQuizAttempt(other.ctx, world.key, 'SP', world.blocks.quiz.key);
  quizKeys = [world.blocks.quiz.key, world.blocks.open.key];
  attemptIds = [mine.attempt.uuid, theirs.attempt.uuid];
  validPathValues = [
    world.key,
    'SP',
    'S1',
    world.blocks.quiz.key,
    world.blocks.open.key,
    world.text.key,
    mine.attempt.uuid,
    theirs.attempt.uuid,
  ];
  operations = await readOperationsTagged(ctx.app, ['Quizzes']);
});
afterAll(() => ctx.close());

describe('fuzzing every quiz operation', () => {
  it('covers every quiz operation the document lists', () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual([...OPERATION_IDS].sort());
  });

  it.each(OPERATION_IDS)('never fails with a 5xx nor touches protected state: %s', async (operationId) => {
    const operation = operations.find((entry) => entry.operationId === operationId)!;
    const before = await snapshotProtectedState();
    const reached = await fuzzOperation({
      app: ctx.app,
      operation,
      requests: generatorFor(operation),
      callers: { learner: { token, cookie: http.learner.visitor.cookie } },
      numRuns: RUNS_PER_OPERATION,
      onlyOwnRouteFailures: false,
    });
    expect(await snapshotProtectedState()).toEqual(before);
    expect(reached).toBeGreaterThanOrEqual(RUNS_PER_OPERATION / 100);
  });
});
