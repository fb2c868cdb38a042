import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFullQuiz, DAY_MS, WRONG_ANSWERS } from '../../../modules/assessment/quiz-test-fixtures.ts';
import { createTestApp, type TestContext } from '../../../../test/support/app.ts';
import { advanceClock, createQuizHttpWorld, postForm, readHidden, type QuizHttpWorld } from './test-world.ts';

/*
 * The canary test: every accepted answer, feedback, explanation and numeric answer of every
 * question kind carries a unique marker. Until the reveal policy allows it, no page, API answer
 * or error the learner can fetch may contain a marker or a "correct" flag; afterwards they must
 * appear where the marking is shown.
 */

const POLICIES = ['immediately', 'after_due', 'never'] as const;
type Policy = (typeof POLICIES)[number];

const canaries = Object.fromEntries(
  POLICIES.map((policy, index) => [
    policy,
    { text: `CANARY${randomBytes(6).toString('hex')}`, number: 48213.977 + (index + 1) * 1111 },
  ]),
) as Record<Policy, { text: string; number: number }>;

let ctx: TestContext;
let http: QuizHttpWorld<Policy>;

beforeAll(async () => {
  ctx = await createTestApp();
  const quizzes = Object.fromEntries(
    POLICIES.map((policy) => [
      policy,
      buildFullQuiz({
        title: `Quiz ${policy}`,
        canary: canaries[policy].text,
        numericAnswer: canaries[policy].number,
        reveal: policy,
        dueAfterDays: policy === 'immediately' ? null : 7,
      }),
    ]),
  ) as Record<Policy, ReturnType<typeof buildFullQuiz>>;
  http = await createQuizHttpWorld<Policy>(ctx, quizzes);
});
afterAll(() => ctx.close());

type Fetched = { label: string; body: string; json: boolean };

function markersOf(policy: Policy): string[] {
  const { text, number } = canaries[policy];
  return [text, String(number), number.toLocaleString('en')];
}

function leaks(policy: Policy, fetched: readonly Fetched[]): string[] {
  return fetched.flatMap(({ label, body, json }) => [
    ...markersOf(policy)
      .filter((marker) => body.includes(marker))
      .map((marker) => `${label}: ${marker}`),
    ...(json && body.includes('"correct"') ? [`${label}: "correct"`] : []),
  ]);
}

async function capture(label: string, response: Promise<LightMyRequestResponse>): Promise<Fetched> {
  const answer = await response;
  expect(answer.statusCode, label).toBeLessThan(500);
  const json = String(answer.headers['content-type']).includes('json');
  return { label: `${label} (${answer.statusCode})`, body: answer.body, json };
}

/** Everything a learner can fetch about one quiz and attempt, pages, API and errors alike. */
async function fetchEverything(cookie: string, policy: Policy, attemptId: string): Promise<Fetched[]> {
  const { key, blocks, unit } = http.world;
  const page = `/learn/${key}/SP/quizzes/${blocks[policy].key}`;
  const api = `/api/v1/courses/${key}/runs/SP/quizzes/${blocks[policy].key}/attempts`;
  const get = (url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });
  const send = (method: 'POST' | 'PUT', url: string, payload: unknown, headers: Record<string, string> = {}) =>
    ctx.app.inject({
      method,
      url,
      headers: { cookie, origin: ctx.config.baseUrl, ...headers },
      payload: payload as object,
    });
  return Promise.all([
    capture('quiz page', get(page)),
    capture('attempt page', get(`${page}/attempts/${attemptId}`)),
    capture('unit page', get(`/learn/${key}/SP/units/${unit.key}`)),
    capture('outline page', get(`/learn/${key}/SP`)),
    capture('unit API', get(`/api/v1/courses/${key}/runs/SP/units/${unit.key}`)),
    capture('outline API', get(`/api/v1/courses/${key}/runs/SP/outline`)),
    capture('getQuizAttempt', get(`${api}/${attemptId}`)),
    capture('startQuizAttempt', send('POST', api, {})),
    capture('saveQuizAnswers error', send('PUT', `${api}/${attemptId}/answers`, { answers: { single: ['zz'] } })),
    capture('submit error', send('POST', `${api}/${attemptId}/submission`, { answers: { number: 'x' } })),
    capture('statements', get('/api/v1/me/statements')),
    capture('learning data API', get('/api/v1/me/learning-data')),
    capture('learning data download', get('/account/learning-data.json')),
  ]);
}

async function startOnPage(cookie: string, policy: Policy): Promise<{ attemptId: string; idempotencyKey: string }> {
  const page = `/learn/${http.world.key}/SP/quizzes/${http.world.blocks[policy].key}`;
  expect((await postForm(ctx, cookie, `${page}/start`, {})).statusCode).toBe(303);
  const html = (await ctx.app.inject({ method: 'GET', url: page, headers: { cookie } })).body;
  return { attemptId: readHidden(html, 'attemptId'), idempotencyKey: readHidden(html, 'idempotencyKey') };
}

async function submitOnPage(cookie: string, policy: Policy, attemptId: string, idempotencyKey: string) {
  const page = `/learn/${http.world.key}/SP/quizzes/${http.world.blocks[policy].key}`;
  const refused = await postForm(ctx, cookie, `${page}/submit`, { attemptId, idempotencyKey, 'answers.number': '?' });
  expect(refused.statusCode).toBe(400);
  expect(leaks(policy, [{ label: 'refused form', body: refused.body, json: false }])).toEqual([]);
  const submitted = await postForm(ctx, cookie, `${page}/submit`, {
    attemptId,
    idempotencyKey,
    'answers.single': (WRONG_ANSWERS.single as string[])[0]!,
    'answers.multi': WRONG_ANSWERS.multi as string[],
    'answers.number': String(WRONG_ANSWERS.number),
    'answers.text': String(WRONG_ANSWERS.text),
  });
  expect(submitted.statusCode).toBe(303);
}

describe('the canary test', () => {
  const learners = {} as Record<Policy, { cookie: string; attemptId: string }>;

  it('shows nothing of the answer key while attempts are open, under every policy', async () => {
    for (const policy of POLICIES) {
      const person = await http.buildLearner();
      const cookie = person.visitor.cookie;
      const intro = await capture(
        'quiz intro',
        ctx.app.inject({
          method: 'GET',
          url: `/learn/${http.world.key}/SP/quizzes/${http.world.blocks[policy].key}`,
          headers: { cookie },
        }),
      );
      const { attemptId, idempotencyKey } = await startOnPage(cookie, policy);
      expect(leaks(policy, [intro, ...(await fetchEverything(cookie, policy, attemptId))])).toEqual([]);
      await submitOnPage(cookie, policy, attemptId, idempotencyKey);
      learners[policy] = { cookie, attemptId };
    }
  });

  it('after submitting, reveals the marking under immediately only', async () => {
    for (const policy of POLICIES) {
      const { cookie, attemptId } = learners[policy];
      const fetched = await fetchEverything(cookie, policy, attemptId);
      const found = leaks(policy, fetched);
      if (policy === 'immediately') {
        const attemptPage = fetched.find((entry) => entry.label.startsWith('attempt page'))!.body;
        const attemptJson = fetched.find((entry) => entry.label.startsWith('getQuizAttempt'))!.body;
        expect(attemptPage).toContain(`Explanation single ${canaries[policy].text}`);
        expect(attemptPage).toContain(`Feedback a ${canaries[policy].text}`);
        expect(attemptPage).toContain(`${canaries[policy].text}-word`);
        expect(attemptPage).toContain(String(canaries[policy].number));
        expect(attemptJson).toContain(`other ${canaries[policy].text}`);
        expect(attemptJson).toContain('"correct":false');
        // Only the attempt itself carries the marking, and the learner's data export its flags.
        expect(new Set(found.map((entry) => entry.split(' (')[0]))).toEqual(
          new Set(['attempt page', 'getQuizAttempt', 'learning data API', 'learning data download']),
        );
      } else {
        expect(found).toEqual([]);
      }
    }
  });

  it('reveals the marking under after_due once the due date has passed, and never under never', async () => {
    advanceClock(ctx.platform.clock, 7 * DAY_MS + 1000);
    const afterDue = await fetchEverything(learners.after_due.cookie, 'after_due', learners.after_due.attemptId);
    const attemptPage = afterDue.find((entry) => entry.label.startsWith('attempt page'))!.body;
    expect(attemptPage).toContain(`Explanation text ${canaries.after_due.text}`);
    expect(afterDue.find((entry) => entry.label.startsWith('getQuizAttempt'))!.body).toContain('"correct"');
    const never = await fetchEverything(learners.never.cookie, 'never', learners.never.attemptId);
    expect(leaks('never', never)).toEqual([]);
  });
});
