import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { SYSTEM_ACTOR, type ServiceContext } from '../../platform/access/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { listOutboxEvents } from '../../platform/outbox/index.ts';
import {
  addBlock,
  addSection,
  addUnit,
  createRun,
  getReleaseTree,
  publishCourse,
  type BlockInput,
  type GradingPolicy,
  type QuizBlock,
} from '../courses/index.ts';
import { createCourseTestHelpers, type CourseTestHelpers } from '../courses/test-helpers.ts';
import type { Institution } from '../institutions/index.ts';
import { computeCourseGrade, listGradedQuizzes, overrideGrade, recomputeRunGrades } from './api-grading.ts';
import { markAttempt, startQuizAttempt, submitQuizAttempt } from './api-quizzes.ts';
import { toGradeInputs, type StoredQuizScore } from './course-grade.ts';
import { enrollInRunForTest } from './grades-test-fixtures.ts';
import { selectCourseGrade, selectQuizScores } from './grades-store.ts';
import { asmAttempt, type StoredAnswers } from './schema.ts';

/*
 * Random quizzes, policies, attempt sequences and overrides go through the real submission and
 * override services; afterwards, marking every stored raw answer again and recomputing from the
 * best scores must reproduce every stored quiz score and course grade exactly, and a recompute of
 * the run must find nothing to change.
 */

type QuestionSpec =
  | { kind: 'single_choice'; points: number; correct: 'a' | 'b' }
  | { kind: 'multiple_choice'; points: number; correct: string[] }
  | { kind: 'numeric'; points: number; answer: number; tolerance: number }
  | { kind: 'short_text'; points: number; accepted: string };
type QuizSpec = { mode: 'graded' | 'practice'; type: string; questions: QuestionSpec[] };
type AnswerSeed = { skip: boolean; choice: number; pick: boolean[]; number: number; text: number };
type LearnerSpec = {
  attempts: Array<{ quiz: number; answers: AnswerSeed[] }>;
  override: number | null;
  overrideAt: number;
};

const points = fc.constantFrom(0, 0.5, 1, 2, 3);
const question: fc.Arbitrary<QuestionSpec> = fc.oneof(
  fc.record({
    kind: fc.constant('single_choice' as const),
    points,
    correct: fc.constantFrom('a' as const, 'b' as const),
  }),
  fc.record({
    kind: fc.constant('multiple_choice' as const),
    points,
    correct: fc.subarray(['a', 'b', 'c'], { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('numeric' as const),
    points,
    answer: fc.integer({ min: -3, max: 3 }),
    tolerance: fc.constantFrom(0, 0.5),
  }),
  fc.record({ kind: fc.constant('short_text' as const), points, accepted: fc.constantFrom('Nairobi', 'Lagos') }),
);
const quiz: fc.Arbitrary<QuizSpec> = fc.record({
  mode: fc.constantFrom('graded' as const, 'graded' as const, 'practice' as const),
  type: fc.constantFrom('Homework', 'Exam', 'Lab'),
  questions: fc.array(question, { minLength: 1, maxLength: 3 }),
});
const policy: fc.Arbitrary<GradingPolicy> = fc
  .record({
    weights: fc.constantFrom([] as number[], [1], [0.5, 0.5], [0.25, 0.75], [0.2, 0.3, 0.5]),
    drops: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
    passMark: fc.constantFrom(0, 0.3, 0.5, 0.8, 1),
  })
  .map(({ weights, drops, passMark }) => ({
    assignmentTypes: weights.map((weight, index) => ({
      name: ['Homework', 'Exam', 'Lab'][index]!,
      weight,
      dropLowest: drops[index]!,
    })),
    passMark,
  }));
const seed: fc.Arbitrary<AnswerSeed> = fc.record({
  skip: fc.boolean(),
  choice: fc.nat({ max: 1 }),
  pick: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  number: fc.constantFrom(-3, -1, 0, 0.4, 1, 2, 3.5),
  text: fc.nat({ max: 2 }),
});
const learner: fc.Arbitrary<LearnerSpec> = fc.record({
  attempts: fc.array(fc.record({ quiz: fc.nat(), answers: fc.array(seed, { minLength: 3, maxLength: 3 }) }), {
    maxLength: 5,
  }),
  override: fc.option(
    fc.integer({ min: 0, max: 100 }).map((value) => value / 100),
    { nil: null },
  ),
  overrideAt: fc.nat(),
});

function toBlock(spec: QuizSpec, index: number): BlockInput {
  return {
    type: 'quiz',
    title: `Quiz ${index + 1}`,
    mode: spec.mode,
    assignmentType: spec.type,
    attemptsAllowed: null,
    questions: spec.questions.map((entry, position) => {
      const base = { id: `q${position + 1}`, prompt: `Question ${position + 1}`, points: entry.points };
      switch (entry.kind) {
        case 'single_choice':
          return {
            ...base,
            kind: entry.kind,
            choices: ['a', 'b'].map((id) => ({ id, text: id.toUpperCase(), correct: id === entry.correct })),
          };
        case 'multiple_choice':
          return {
            ...base,
            kind: entry.kind,
            choices: ['a', 'b', 'c'].map((id) => ({ id, text: id.toUpperCase(), correct: entry.correct.includes(id) })),
          };
        case 'numeric':
          return { ...base, kind: entry.kind, answer: entry.answer, tolerance: entry.tolerance };
        case 'short_text':
          return { ...base, kind: entry.kind, acceptedAnswers: [entry.accepted] };
      }
    }),
  };
}

function toAnswers(spec: QuizSpec, seeds: AnswerSeed[]): StoredAnswers {
  const answers: StoredAnswers = {};
  spec.questions.forEach((entry, index) => {
    const given = seeds[index]!;
    if (given.skip) return;
    const id = `q${index + 1}`;
    if (entry.kind === 'single_choice') answers[id] = [given.choice === 0 ? 'a' : 'b'];
    else if (entry.kind === 'multiple_choice') {
      const chosen = ['a', 'b', 'c'].filter((_, position) => given.pick[position]);
      if (chosen.length > 0) answers[id] = chosen;
    } else if (entry.kind === 'numeric') answers[id] = given.number;
    else answers[id] = [' nairobi', 'LAGOS ', 'Kampala'][given.text]!;
  });
  return answers;
}

let handle: DatabaseHandle;
let helpers: CourseTestHelpers;
let institution: Institution;
let people: Array<{ ctx: ServiceContext }>;
const seen = { submissions: 0, passes: 0, overrides: 0 };

beforeAll(async () => {
  handle = await createTestDatabase();
  helpers = createCourseTestHelpers(handle.db);
  institution = await helpers.buildInstitution();
  people = [await helpers.buildLearner(), await helpers.buildLearner(), await helpers.buildLearner()];
});
afterAll(() => handle.close());

async function playScenario(quizzes: QuizSpec[], rules: GradingPolicy, learners: LearnerSpec[]): Promise<void> {
  const { course, leadInstructor } = await helpers.buildCourse({ lead: institution });
  const lead = leadInstructor.ctx;
  const section = await addSection(lead, course.key, { title: 'Week 1' });
  const unit = await addUnit(lead, course.key, section.key, { title: 'Quizzes' });
  const blocks = [];
  for (const [index, spec] of quizzes.entries())
    blocks.push(await addBlock(lead, course.key, unit.key, toBlock(spec, index)));
  await publishCourse(lead, course.key, { message: 'Edition' });
  const run = await createRun(lead, course.key, {
    code: 'SP',
    pacing: 'self_paced',
    language: 'en',
    gradingPolicy: rules,
  });

  const enrolled = [];
  for (const [index, spec] of learners.entries()) {
    const person = people[index]!;
    const learnerRun = await enrollInRunForTest(handle.db, person.ctx, course.key, run);
    enrolled.push(learnerRun);
    for (const [position, attempt] of spec.attempts.entries()) {
      if (spec.override !== null && position === spec.overrideAt % (spec.attempts.length + 1)) {
        await overrideGrade(lead, course.key, run.code, learnerRun.enrollment.uuid, {
          grade: spec.override,
          reason: 'Property test',
        });
      }
      const target = attempt.quiz % blocks.length;
      const blockKey = blocks[target]!.key;
      const started = await startQuizAttempt(person.ctx, course.key, run.code, blockKey);
      await submitQuizAttempt(person.ctx, course.key, run.code, blockKey, started.attempt.uuid, {
        answers: toAnswers(quizzes[target]!, attempt.answers),
      });
      seen.submissions += 1;
    }
    if (spec.override !== null && spec.overrideAt % (spec.attempts.length + 1) === spec.attempts.length) {
      await overrideGrade(lead, course.key, run.code, learnerRun.enrollment.uuid, {
        grade: spec.override,
        reason: 'Property test',
      });
    }
  }

  const tree = await getReleaseTree(handle.db, run.releaseId);
  const quizBlocks = new Map(
    tree.sections
      .flatMap((s) => s.units)
      .flatMap((u) => u.blocks)
      .map((entry) => [entry.entityId, entry.block as QuizBlock]),
  );
  const events = await listOutboxEvents(handle.db, { topic: 'course.passed' });
  for (const [index, learnerRun] of enrolled.entries()) {
    const spec = learners[index]!;
    const attempts = await handle.db
      .select()
      .from(asmAttempt)
      .where(and(eq(asmAttempt.enrollmentId, learnerRun.enrollment.id), eq(asmAttempt.status, 'submitted')));
    const best = new Map<number, StoredQuizScore>();
    for (const attempt of attempts) {
      const marked = markAttempt(quizBlocks.get(attempt.blockEntityId)!, attempt.answers!);
      expect(marked.score).toBe(attempt.score);
      const previous = best.get(attempt.blockEntityId);
      if (!previous || marked.score > previous.score) {
        best.set(attempt.blockEntityId, { blockEntityId: attempt.blockEntityId, ...marked });
      }
    }
    const stored = await selectQuizScores(handle.db, learnerRun.enrollment.id);
    expect([...stored.entries()].map(([id, s]) => [id, s.score]).sort()).toEqual(
      [...best.entries()].map(([id, s]) => [id, s.score]).sort(),
    );
    const expected = computeCourseGrade(rules, toGradeInputs(listGradedQuizzes(tree), best));
    const row = await selectCourseGrade(handle.db, learnerRun.enrollment.id);
    const gradedSubmission = attempts.some((attempt) => quizBlocks.get(attempt.blockEntityId)!.mode === 'graded');
    if (!row) {
      expect(gradedSubmission || spec.override !== null).toBe(false);
      continue;
    }
    expect(row.computed).toBe(expected.grade);
    expect(row.breakdown).toEqual(expected.breakdown);
    expect(row.override).toBe(spec.override);
    expect(row.passed).toBe(row.passedAt !== null);
    if ((row.override ?? row.computed) >= rules.passMark) expect(row.passed).toBe(true);
    const mine = events.filter((event) => event.payload.enrollmentUuid === learnerRun.enrollment.uuid);
    expect(mine).toHaveLength(row.passed ? 1 : 0);
    if (row.passed) seen.passes += 1;
    if (row.override !== null) seen.overrides += 1;
  }
  const system = { db: handle.db, clock: helpers.clock, actor: SYSTEM_ACTOR };
  expect(await recomputeRunGrades(system, run.id)).toMatchObject({ changed: 0, newlyPassed: 0 });
}

describe('stored grades', () => {
  it('are reproduced exactly from the raw answers, whatever the quizzes, attempts and overrides', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(quiz, { minLength: 1, maxLength: 4 }),
        policy,
        fc.array(learner, { minLength: 1, maxLength: 3 }),
        playScenario,
      ),
      { numRuns: 12 },
    );
    // The scenarios must exercise what the property is about, not pass vacuously.
    expect(seen.submissions).toBeGreaterThan(12);
    expect(seen.passes).toBeGreaterThan(0);
    expect(seen.overrides).toBeGreaterThan(0);
  }, 240_000);
});
