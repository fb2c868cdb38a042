import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getQuizForLearner, startQuizAttempt } from '../../src/modules/assessment/index.ts';
import { buildFullQuiz, rightAnswers } from '../../src/modules/assessment/quiz-test-fixtures.ts';
import { getReleaseTree } from '../../src/modules/courses/index.ts';
import { createApiToken } from '../../src/modules/identity/index.ts';
import { createQuizHttpWorld, type QuizHttpWorld } from '../../src/web/pages/quiz/test-world.ts';
import { createTestApp, type TestContext } from '../support/app.ts';
import { requestsFor, type FuzzOperation, type FuzzRequest } from './fuzz-arbitraries.ts';
import { OWN_ORIGIN } from './support.ts';

/**
 * Every quiz operation gets hostile requests from an enrolled learner: none may fail on our
 * side, and none may touch another learner's attempts or the release the quizzes come from.
 */
const RUNS_PER_OPERATION = 150;
const OPERATION_IDS = ['startQuizAttempt', 'getQuizAttempt', 'saveQuizAnswers', 'submitQuizAttempt'];

type OpenApiOperation = {
  operationId: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
};

let ctx: TestContext;
let http: QuizHttpWorld<'quiz' | 'open'>;
let token: string;
let validPathValues: string[];
let quizKeys: string[];
let attemptIds: string[];
let operations: FuzzOperation[];

async function readQuizOperations(): Promise<FuzzOperation[]> {
  const document = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, operation]) => operation.tags?.includes('Quizzes'))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
        parameterNames: (operation.parameters ?? []).filter((entry) => entry.in === 'query').map((entry) => entry.name),
        bodyFields: Object.keys(operation.requestBody?.content['application/json']?.schema.properties ?? {}),
      })),
  );
}

/** What no request of the fuzzing learner may change: the other learner's quiz and the release. */
async function snapshotProtectedState() {
  const { world, other } = http;
  const view = await getQuizForLearner(other.ctx, world.key, 'SP', world.blocks.quiz.key);
  const release = await getReleaseTree(ctx.platform.db, world.runs.selfPaced.releaseId);
  return { other: JSON.stringify(view), release: JSON.stringify(release) };
}

/** Successes, and refusals only a service gives after the input was accepted. */
function passedValidation(response: LightMyRequestResponse): boolean {
  if (response.statusCode < 300) return true;
  if (![403, 404, 409].includes(response.statusCode)) return false;
  const { code } = response.json() as { code?: string };
  return code !== 'cross_site_write' && code !== 'not_found';
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

function headersFor(request: FuzzRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  if (request.credential === 'token') headers.authorization = `Bearer ${token}`;
  if (request.credential === 'session') {
    headers.cookie = http.learner.visitor.cookie;
    headers.origin = request.origin ?? OWN_ORIGIN;
  } else if (request.origin) headers.origin = request.origin;
  if (request.body !== undefined && request.contentType) headers['content-type'] = request.contentType;
  return headers;
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
  operations = await readQuizOperations();
});
afterAll(() => ctx.close());

describe('fuzzing every quiz operation', () => {
  it('covers every quiz operation the document lists', () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual([...OPERATION_IDS].sort());
  });

  it.each(OPERATION_IDS)('never fails with a 5xx nor touches protected state: %s', async (operationId) => {
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
        if (response.statusCode >= 500) {
          throw new Error(`${operation.method} ${request.url} answered ${response.statusCode}: ${response.body}`);
        }
        if (passedValidation(response)) reached += 1;
      }),
      { numRuns: RUNS_PER_OPERATION },
    );
    expect(await snapshotProtectedState()).toEqual(before);
    expect(reached).toBeGreaterThanOrEqual(RUNS_PER_OPERATION / 100);
  });
});
