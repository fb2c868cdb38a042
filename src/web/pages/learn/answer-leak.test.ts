import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, signIn, type TestContext } from '../../../../test/support/app.ts';
import {
  getCourseByKey,
  getReleaseTree,
  listCourseRuns,
  type CourseRun,
  type QuizBlock,
  type TreeUnit,
} from '../../../modules/courses/index.ts';
import { enrollForTest } from '../../../modules/enrollment/test-helpers.ts';
import { DEMO_COURSES } from '../../../server/demo-courses/index.ts';
import { seedDemoIfEmpty } from '../../../server/demo.ts';

/*
 * Every quiz of the demo courses, in every kind of question, rendered in its unit page and
 * returned by getUnit: nothing that gives an answer away may be in either, however it is spelt.
 */

let ctx: TestContext;
let cookie: string;
const visits: Array<{ run: CourseRun; courseKey: string; unit: TreeUnit; quizzes: QuizBlock[] }> = [];

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Text that only the answer side of a quiz holds: feedback and explanations. */
function listHiddenTexts(quiz: QuizBlock): string[] {
  return quiz.questions
    .flatMap((question) => [
      question.explanation,
      ...('choices' in question ? question.choices.map((choice) => choice.feedback) : []),
    ])
    .filter((text) => text.trim().length > 0);
}

/** Text a quiz card never shows: the questions themselves and their accepted answers. */
function listQuestionTexts(quiz: QuizBlock): string[] {
  return quiz.questions.flatMap((question) => [
    question.prompt,
    ...('choices' in question ? question.choices.map((choice) => choice.text) : []),
    ...(question.kind === 'short_text' ? question.acceptedAnswers : []),
    ...(question.kind === 'numeric' && String(question.answer).length >= 3 ? [String(question.answer)] : []),
  ]);
}

beforeAll(async () => {
  ctx = await createTestApp();
  const { db, clock } = ctx.platform;
  await seedDemoIfEmpty(ctx.platform);
  const learner = await createTestUser(ctx.platform);
  cookie = await signIn(ctx.app, learner.email);
  let latestStart = clock.now().getTime();
  for (const demo of DEMO_COURSES) {
    const course = (await getCourseByKey(db, demo.key))!;
    for (const run of await listCourseRuns(db, course.id)) {
      await enrollForTest(db, run, learner.id);
      latestStart = Math.max(latestStart, run.startsAt?.getTime() ?? 0);
      const tree = await getReleaseTree(db, run.releaseId);
      for (const unit of tree.sections.flatMap((section) => section.units)) {
        const quizzes = unit.blocks.flatMap((entry) => (entry.block.type === 'quiz' ? [entry.block] : []));
        if (quizzes.length > 0) visits.push({ run, courseKey: demo.key, unit, quizzes });
      }
    }
  }
  // Every run open (or over, which is just as readable): the units render as learners get them.
  (clock as unknown as { advance(ms: number): void }).advance(latestStart - clock.now().getTime() + 86_400_000);
});
afterAll(() => ctx.close());

describe('quiz answers in unit pages and getUnit', () => {
  it('covers every kind of question of the demo courses', () => {
    const kinds = new Set(
      visits.flatMap((visit) => visit.quizzes.flatMap((quiz) => quiz.questions.map((q) => q.kind))),
    );
    expect([...kinds].sort()).toEqual(['multiple_choice', 'numeric', 'short_text', 'single_choice']);
  });

  it('never shows feedback, explanations, correct flags or accepted answers', async () => {
    for (const { run, courseKey, unit, quizzes } of visits) {
      const where = `${courseKey}/${run.code}/${unit.key}`;
      const page = await ctx.app.inject({
        url: `/learn/${courseKey}/${run.code}/units/${unit.key}`,
        headers: { cookie },
      });
      expect(page.statusCode, where).toBe(200);
      const api = await ctx.app.inject({
        url: `/api/v1/courses/${courseKey}/runs/${run.code}/units/${unit.key}`,
        headers: { cookie },
      });
      expect(api.statusCode, where).toBe(200);
      const cards = page.body.match(/<section class="block block-quiz"[\s\S]*?<\/section>/g) ?? [];
      const blocks = (api.json() as { blocks: Array<Record<string, unknown>> }).blocks.filter((b) => b.type === 'quiz');
      expect(cards, where).toHaveLength(quizzes.length);
      expect(blocks, where).toHaveLength(quizzes.length);
      for (const block of blocks) {
        expect(Object.keys(block).sort(), where).toEqual(
          [
            'assignmentType',
            'attemptsAllowed',
            'completion',
            'key',
            'mode',
            'points',
            'questionCount',
            'title',
            'type',
            'uuid',
          ].sort(),
        );
      }
      for (const quiz of quizzes) {
        for (const text of listHiddenTexts(quiz)) {
          expect(page.body, where).not.toContain(escapeHtml(text));
          expect(page.body, where).not.toContain(text);
          expect(api.body, where).not.toContain(JSON.stringify(text).slice(1, -1));
        }
        for (const text of listQuestionTexts(quiz)) {
          for (const card of cards) expect(card, where).not.toContain(escapeHtml(text));
          expect(JSON.stringify(blocks), where).not.toContain(JSON.stringify(text).slice(1, -1));
        }
      }
      expect(api.body, where).not.toMatch(
        /"(correct|acceptedAnswers|answer|tolerance|feedback|explanation|questions)"/,
      );
      expect(page.body, where).not.toMatch(/\bcorrect\b/i);
    }
  });
});
