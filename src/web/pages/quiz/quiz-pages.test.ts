import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFullQuiz } from '../../../modules/assessment/quiz-test-fixtures.ts';
import { createTestApp, type TestContext } from '../../../../test/support/app.ts';
import { createQuizHttpWorld, postForm, readHidden, type QuizHttpWorld } from './test-world.ts';

type Name = 'quiz' | 'once';
let ctx: TestContext;
let http: QuizHttpWorld<Name>;
let page: string;

beforeAll(async () => {
  ctx = await createTestApp();
  http = await createQuizHttpWorld<Name>(ctx, {
    quiz: buildFullQuiz({ attemptsAllowed: null }),
    once: buildFullQuiz({ title: 'Only once', attemptsAllowed: 1 }),
  });
  page = `/learn/${http.world.key}/SP/quizzes/${http.world.blocks.quiz.key}`;
});
afterAll(() => ctx.close());

const get = (cookie: string | null, url: string) =>
  ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

const FILLED = {
  'answers.single': 'b',
  'answers.multi': ['a', 'c'],
  'answers.number': '48213,977',
  'answers.text': 'secret-word',
};

async function startAndRead(cookie: string, url = page) {
  const started = await postForm(ctx, cookie, `${url}/start`, {});
  expect(started.statusCode).toBe(303);
  const html = (await get(cookie, url)).body;
  return { html, attemptId: readHidden(html, 'attemptId'), idempotencyKey: readHidden(html, 'idempotencyKey') };
}

describe('the quiz pages, per role', () => {
  it('sends anonymous visitors to sign in and refuses strangers and staff', async () => {
    const { attemptId } = await startAndRead(http.learner.visitor.cookie);
    const attemptPage = `${page}/attempts/${attemptId}`;
    for (const url of [page, attemptPage]) {
      const anonymous = await get(null, url);
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toMatch(/^\/sign-in\?next=/);
      expect((await get(http.stranger.cookie, url)).statusCode).toBe(403);
      expect((await get(http.staff.cookie, url)).statusCode).toBe(403);
    }
    expect((await get(http.other.visitor.cookie, attemptPage)).statusCode).toBe(404);
    for (const action of ['start', 'save', 'submit']) {
      expect((await postForm(ctx, http.stranger.cookie, `${page}/${action}`, { attemptId })).statusCode).toBe(403);
      expect((await postForm(ctx, http.staff.cookie, `${page}/${action}`, { attemptId })).statusCode).toBe(403);
    }
    const unknown = `/learn/${http.world.key}/SP/quizzes/${http.world.text.key}`;
    expect((await get(http.learner.visitor.cookie, unknown)).statusCode).toBe(404);
  });
});

describe('taking a quiz without JavaScript', () => {
  it('shows the intro with the facts and a start button', async () => {
    const person = await http.buildLearner();
    const response = await get(person.visitor.cookie, page);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h1>Check your understanding</h1>');
    expect(response.body).toContain('4 questions');
    expect(response.body).toContain('10 points in all');
    expect(response.body).toContain('0 used, no limit');
    expect(response.body).toContain('No due date');
    expect(response.body).toContain('Start attempt 1');
    expect(response.body).not.toMatch(/<script(?![^>]*src=)/);
  });

  it('starts, saves, refuses a bad number, submits and shows the result with a receipt', async () => {
    const person = await http.buildLearner();
    const cookie = person.visitor.cookie;
    const { html, attemptId, idempotencyKey } = await startAndRead(cookie);
    expect(html).toContain('data-island="quiz-autosave"');
    expect(html).toContain(`/attempts/${attemptId}/answers`);
    const saved = await postForm(ctx, cookie, `${page}/save`, {
      attemptId,
      'answers.single': 'a',
      'answers.text': 'x',
    });
    expect(saved.statusCode).toBe(303);
    const afterSave = (await get(cookie, `${page}?notice=saved`)).body;
    expect(afterSave).toContain('Your answers are saved.');
    expect(afterSave).toMatch(/value="a" id="question-single-answer" checked/);
    const bad = await postForm(ctx, cookie, `${page}/submit`, {
      attemptId,
      idempotencyKey,
      ...FILLED,
      'answers.number': 'many',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Question 3: enter a number, such as 3.14.');
    expect(bad.body).toContain('value="many"');
    const submitted = await postForm(ctx, cookie, `${page}/submit`, { attemptId, idempotencyKey, ...FILLED });
    expect(submitted.statusCode).toBe(303);
    expect(submitted.headers.location).toBe(`${page}/attempts/${attemptId}`);
    const result = await get(cookie, submitted.headers.location as string);
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('10 of 10 points (100%)');
    expect(result.body).toContain(attemptId);
    expect(result.body).toMatch(/<code class="quiz-hash">[0-9a-f]{64}<\/code>/);
  });

  it('shows the same result, not an error, when a form is sent twice', async () => {
    const person = await http.buildLearner();
    const cookie = person.visitor.cookie;
    const { attemptId, idempotencyKey } = await startAndRead(cookie);
    const first = await postForm(ctx, cookie, `${page}/submit`, { attemptId, idempotencyKey, ...FILLED });
    const again = await postForm(ctx, cookie, `${page}/submit`, { attemptId, idempotencyKey, ...FILLED });
    const otherTab = await postForm(ctx, cookie, `${page}/submit`, { attemptId, idempotencyKey: 'another', ...FILLED });
    for (const response of [first, again, otherTab]) {
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`${page}/attempts/${attemptId}`);
    }
    const saveLate = await postForm(ctx, cookie, `${page}/save`, { attemptId });
    expect(saveLate.statusCode).toBe(303);
  });

  it('returns to the quiz page when no attempt is left', async () => {
    const person = await http.buildLearner();
    const cookie = person.visitor.cookie;
    const once = `/learn/${http.world.key}/SP/quizzes/${http.world.blocks.once.key}`;
    const { attemptId, idempotencyKey } = await startAndRead(cookie, once);
    await postForm(ctx, cookie, `${once}/submit`, { attemptId, idempotencyKey });
    const refused = await postForm(ctx, cookie, `${once}/start`, {});
    expect(refused.statusCode).toBe(303);
    expect(refused.headers.location).toBe(once);
    const html = (await get(cookie, once)).body;
    expect(html).toContain('You have used every attempt this quiz allows.');
    expect(html).toContain('See attempt 1');
  });

  it('weighs at most 60 KB compressed on a first visit', async () => {
    const person = await http.buildLearner();
    await startAndRead(person.visitor.cookie);
    const html = (await get(person.visitor.cookie, page)).body;
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
    let total = zlib.brotliCompressSync(Buffer.from(html)).length;
    for (const asset of assets) {
      const response = await ctx.app.inject({ method: 'GET', url: asset, headers: { 'accept-encoding': 'br' } });
      expect(response.statusCode).toBe(200);
      total += response.rawPayload.length;
    }
    expect(assets.length).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(60 * 1024);
  });
});
