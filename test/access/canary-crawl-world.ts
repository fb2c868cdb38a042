import { randomBytes } from 'node:crypto';
import { buildFullQuiz, WRONG_ANSWERS } from '../../src/modules/assessment/quiz-test-fixtures.ts';
import { getPublishedTree, type BlockInput } from '../../src/modules/courses/index.ts';
import { createApiToken } from '../../src/modules/identity/index.ts';
import { createQuizHttpWorld, type QuizHttpWorld } from '../../src/web/pages/quiz/test-world.ts';
import type { TestContext } from '../support/app.ts';

/*
 * The world of the canary crawl: one course with a quiz per withheld reveal policy, each with a
 * question of every kind whose every accepted answer, feedback and explanation carries a marker
 * of its own, and a learner who has submitted one attempt at each quiz and has a second open.
 */

export const POLICIES = ['after_due', 'never'] as const;
export type Policy = (typeof POLICIES)[number];

/** What stands in for the marker in the shared quiz fixture until each field gets its own. */
const PLACEHOLDER = 'CANARYPLACEHOLDER';

/** Where each marker was planted, keyed by the marker: "after_due questions.0.explanation". */
export type CanaryLedger = Map<string, string>;

/** Numbers no page has a reason to show, one per quiz: the numeric questions' right answers. */
const NUMERIC_ANSWERS: Record<Policy, number> = { after_due: 61842.317, never: 62953.428 };

/**
 * A quiz from the shared fixture with a new marker in each string that carried its canary, so
 * a leak names the very field it came from. Markers are letters and digits only: Markdown
 * leaves them as they are.
 */
function buildCanaryQuiz(policy: Policy, ledger: CanaryLedger): BlockInput {
  const quiz = buildFullQuiz({
    title: `Quiz ${policy}`,
    canary: PLACEHOLDER,
    numericAnswer: NUMERIC_ANSWERS[policy],
    reveal: policy,
    dueAfterDays: 7,
    attemptsAllowed: 3,
  });
  return plant(quiz, policy, ledger) as BlockInput;
}

function plant(value: unknown, path: string, ledger: CanaryLedger): unknown {
  if (typeof value === 'string') {
    if (!value.includes(PLACEHOLDER)) return value;
    const marker = `CANARY${randomBytes(6).toString('hex').toUpperCase()}`;
    ledger.set(marker, path);
    return value.replaceAll(PLACEHOLDER, marker);
  }
  if (Array.isArray(value)) return value.map((item, index) => plant(item, `${path}.${index}`, ledger));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, plant(inner, `${path}.${key}`, ledger)]),
    );
  }
  return value;
}

/** The forms a number takes on a page or in JSON, in each language the interface speaks. */
function listNumberForms(value: number): string[] {
  return [String(value), ...['en', 'zh-Hans', 'ar'].map((locale) => value.toLocaleString(locale))];
}

export type CanaryCrawlWorld = Awaited<ReturnType<typeof createCanaryCrawlWorld>>;

export async function createCanaryCrawlWorld(ctx: TestContext) {
  const ledger: CanaryLedger = new Map();
  const quizzes = Object.fromEntries(POLICIES.map((policy) => [policy, buildCanaryQuiz(policy, ledger)])) as Record<
    Policy,
    BlockInput
  >;
  const http: QuizHttpWorld<Policy> = await createQuizHttpWorld<Policy>(ctx, quizzes);
  const { world, learner } = http;
  await world.enroll(learner, world.runs.scheduled);
  const session = { ...learner.ctx, actor: { ...learner.ctx.actor!, via: 'session' as const } };
  const token = (await createApiToken(session, { name: 'canary crawler' })).token;
  const tree = (await getPublishedTree(ctx.platform.db, world.key))!;

  const markers = new Map(ledger);
  for (const policy of POLICIES) {
    for (const form of listNumberForms(NUMERIC_ANSWERS[policy])) markers.set(form, `${policy} numeric answer`);
  }

  async function callApi(method: 'POST' | 'PUT', url: string, payload: unknown): Promise<Record<string, unknown>> {
    const response = await ctx.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  }

  /** Per quiz: one attempt submitted with wrong answers, then a second one left open with a saved draft. */
  const attempts = {} as Record<Policy, { submitted: string; open: string }>;
  for (const policy of POLICIES) {
    const base = `/api/v1/courses/${world.key}/runs/SP/quizzes/${world.blocks[policy].key}/attempts`;
    const first = String((await callApi('POST', base, {})).id);
    await callApi('POST', `${base}/${first}/submission`, { answers: WRONG_ANSWERS, idempotencyKey: `${policy}-1` });
    const second = String((await callApi('POST', base, {})).id);
    await callApi('PUT', `${base}/${second}/answers`, { answers: WRONG_ANSWERS });
    attempts[policy] = { submitted: first, open: second };
  }

  return {
    http,
    world,
    learner: { cookie: learner.visitor.cookie, token },
    staffCookie: http.staff.cookie,
    quizzes,
    attempts,
    sectionKeys: tree.sections.map((section) => section.key),
    /** Every marker and number form that must not reach the learner, with where it was planted. */
    markers,
    ledger,
  };
}
