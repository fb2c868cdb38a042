import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashAnswers } from '../../../modules/assessment/index.ts';
import { rightAnswers, WRONG_ANSWERS } from '../../../modules/assessment/quiz-test-fixtures.ts';
import { createTestApp, type TestContext } from '../../../../test/support/app.ts';
import { createQuizHttpWorld, type QuizHttpWorld } from '../../pages/quiz/test-world.ts';

let ctx: TestContext;
let http: QuizHttpWorld;
let base: string;

beforeAll(async () => {
  ctx = await createTestApp();
  http = await createQuizHttpWorld(ctx);
  base = `/api/v1/courses/${http.world.key}/runs/SP/quizzes/${http.world.blocks.quiz.key}/attempts`;
});
afterAll(() => ctx.close());

function call(
  cookie: string | null,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return ctx.app.inject({
    method,
    url,
    headers: { ...(cookie ? { cookie, origin: ctx.config.baseUrl } : {}), ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function startAs(cookie: string): Promise<string> {
  const response = await call(cookie, 'POST', base);
  expect([200, 201]).toContain(response.statusCode);
  return (response.json() as { id: string }).id;
}

describe('the quiz operations, per role', () => {
  it('answers anonymous callers 401, strangers and staff 403, unknown runs 404', async () => {
    const attemptId = await startAs(http.learner.visitor.cookie);
    const urls: Array<['GET' | 'POST' | 'PUT', string, unknown]> = [
      ['POST', base, undefined],
      ['GET', `${base}/${attemptId}`, undefined],
      ['PUT', `${base}/${attemptId}/answers`, { answers: {} }],
      ['POST', `${base}/${attemptId}/submission`, { answers: {} }],
    ];
    for (const [method, url, payload] of urls) {
      expect((await call(null, method, url, payload)).statusCode).toBe(401);
      expect((await call(http.stranger.cookie, method, url, payload)).json()).toMatchObject({
        status: 403,
        code: 'enrollment.required',
      });
      expect((await call(http.staff.cookie, method, url, payload)).statusCode).toBe(403);
      expect(
        (await call(http.learner.visitor.cookie, method, url.replace('/runs/SP/', '/runs/NOPE/'), payload)).statusCode,
      ).toBe(404);
    }
  });

  it('lets the enrolled learner start, read, save and submit, and hides the attempt from others', async () => {
    const person = await http.buildLearner();
    const cookie = person.visitor.cookie;
    const started = await call(cookie, 'POST', base);
    expect(started.statusCode).toBe(201);
    const attemptId = (started.json() as { id: string }).id;
    expect((await call(cookie, 'POST', base)).statusCode).toBe(200);
    expect((await call(cookie, 'GET', `${base}/${attemptId}`)).json()).toMatchObject({
      id: attemptId,
      status: 'in_progress',
      reveal: { revealed: false, policy: 'immediately' },
    });
    const saved = await call(cookie, 'PUT', `${base}/${attemptId}/answers`, { answers: { single: ['a'] } });
    expect(saved.json()).toMatchObject({ answers: { single: ['a'] } });
    expect((await call(http.other.visitor.cookie, 'GET', `${base}/${attemptId}`)).statusCode).toBe(404);
    expect(
      (await call(http.other.visitor.cookie, 'PUT', `${base}/${attemptId}/answers`, { answers: {} })).statusCode,
    ).toBe(404);
    const submitted = await call(
      cookie,
      'POST',
      `${base}/${attemptId}/submission`,
      { answers: rightAnswers() },
      {
        'idempotency-key': 'k-1',
      },
    );
    expect(submitted.statusCode).toBe(201);
    expect(submitted.json()).toMatchObject({
      receipt: { submissionId: attemptId, attemptNumber: 1, answersSha256: hashAnswers(rightAnswers()) },
      attempt: { status: 'submitted', score: 10, maxScore: 10, percent: 100, reveal: { revealed: true } },
    });
  });
});

describe('submitting through the API', () => {
  it('returns the same receipt with 200 for a retry with the same Idempotency-Key', async () => {
    const person = await http.buildLearner();
    const attemptId = await startAs(person.visitor.cookie);
    const url = `${base}/${attemptId}/submission`;
    const first = await call(
      person.visitor.cookie,
      'POST',
      url,
      { answers: WRONG_ANSWERS },
      { 'idempotency-key': 'abc' },
    );
    const again = await call(person.visitor.cookie, 'POST', url, { answers: {}, idempotencyKey: 'abc' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().receipt).toEqual(first.json().receipt);
    const other = await call(person.visitor.cookie, 'POST', url, { answers: {} }, { 'idempotency-key': 'xyz' });
    expect(other.json()).toMatchObject({ status: 409, code: 'quiz.already_submitted' });
    const mismatch = await call(
      person.visitor.cookie,
      'POST',
      url,
      { answers: {}, idempotencyKey: 'b' },
      {
        'idempotency-key': 'a',
      },
    );
    expect(mismatch.statusCode).toBe(400);
  });

  it('grades one submission when fifty arrive at once, with one key or with many', async () => {
    for (const sameKey of [true, false]) {
      const person = await http.buildLearner();
      const attemptId = await startAs(person.visitor.cookie);
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          call(
            person.visitor.cookie,
            'POST',
            `${base}/${attemptId}/submission`,
            { answers: rightAnswers() },
            {
              'idempotency-key': sameKey ? 'one-key' : `key-${index}`,
            },
          ),
        ),
      );
      const statuses = responses.map((response) => response.statusCode);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      if (sameKey) {
        expect(statuses.filter((status) => status === 200)).toHaveLength(49);
        expect(new Set(responses.map((response) => JSON.stringify(response.json().receipt))).size).toBe(1);
      } else {
        expect(statuses.filter((status) => status === 409)).toHaveLength(49);
      }
    }
  });

  it('starts one attempt when fifty starts arrive at once', async () => {
    const person = await http.buildLearner();
    const responses = await Promise.all(Array.from({ length: 50 }, () => call(person.visitor.cookie, 'POST', base)));
    expect(new Set(responses.map((response) => response.json().id)).size).toBe(1);
    expect(responses.filter((response) => response.statusCode === 201)).toHaveLength(1);
  });

  it('answers invalid answers with 400 naming the question', async () => {
    const person = await http.buildLearner();
    const attemptId = await startAs(person.visitor.cookie);
    const response = await call(person.visitor.cookie, 'POST', `${base}/${attemptId}/submission`, {
      answers: { single: ['zz'] },
    });
    expect(response.json()).toMatchObject({ status: 400, code: 'quiz.invalid_answer' });
    expect(response.json().detail).toContain('"single"');
    const typed = await call(person.visitor.cookie, 'PUT', `${base}/${attemptId}/answers`, { answers: { number: {} } });
    expect(typed.statusCode).toBe(400);
    expect(typed.json().detail).toContain('number');
  });
});
