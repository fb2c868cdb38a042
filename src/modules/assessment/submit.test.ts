import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { summarizeProgress } from '../courseware/index.ts';
import { listStatementsOfUser } from '../records/index.ts';
import { getQuizAttempt, getQuizForLearner, hashAnswers, startQuizAttempt, submitQuizAttempt } from './api-quizzes.ts';
import {
  buildFullQuiz,
  CANARY_NUMBER,
  createQuizWorld,
  DAY_MS,
  rightAnswers,
  WRONG_ANSWERS,
  type QuizWorld,
} from './quiz-test-fixtures.ts';
import { asmAttempt, asmCourseGrade, asmQuizScore } from './schema.ts';

let handle: DatabaseHandle;
type Name = 'quiz' | 'practice' | 'afterDue' | 'never' | 'afterDueOpen';
let world: QuizWorld<Name>;
let blocks: QuizWorld<Name>['blocks'];

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createQuizWorld<Name>(handle.db, {
    quizzes: {
      quiz: buildFullQuiz({ attemptsAllowed: null }),
      practice: buildFullQuiz({ title: 'Warm-up', mode: 'practice' }),
      afterDue: buildFullQuiz({ title: 'After due', reveal: 'after_due', dueAfterDays: 7 }),
      never: buildFullQuiz({ title: 'Never', reveal: 'never', dueAfterDays: 7 }),
      afterDueOpen: buildFullQuiz({ title: 'After due, no date', reveal: 'after_due' }),
    },
  });
  blocks = world.blocks;
});
afterAll(() => handle.close());

type Learner = Awaited<ReturnType<QuizWorld<Name>['buildEnrolledLearner']>>;

async function startAs(person: Learner, name: Name = 'quiz') {
  return (await startQuizAttempt(person.ctx, world.key, 'SP', blocks[name].key)).attempt;
}

function submitAs(
  person: Learner,
  attemptUuid: string,
  answers: unknown,
  idempotencyKey?: string,
  name: Name = 'quiz',
) {
  return submitQuizAttempt(person.ctx, world.key, 'SP', blocks[name].key, attemptUuid, { answers, idempotencyKey });
}

describe('submitting an attempt', () => {
  it('marks it, stores answers with their hash, and returns a receipt', async () => {
    const person = await world.buildEnrolledLearner();
    const attempt = await startAs(person);
    const outcome = await submitAs(person, attempt.uuid, rightAnswers(), 'key-1');
    expect(outcome.replayed).toBe(false);
    expect(outcome.receipt).toEqual({
      submissionId: attempt.uuid,
      quizId: blocks.quiz.uuid,
      attemptNumber: 1,
      receivedAt: world.clock.now().toISOString(),
      answersSha256: hashAnswers(rightAnswers()),
    });
    expect(outcome.attempt).toMatchObject({ status: 'submitted', score: 10, maxScore: 10 });
    const [row] = await handle.db.select().from(asmAttempt).where(eq(asmAttempt.uuid, attempt.uuid));
    expect(hashAnswers(row!.answers!)).toBe(row!.answersSha256);
    expect(row!.answersSha256).toBe(outcome.receipt.answersSha256);
    expect(row).toMatchObject({ status: 'submitted', score: 10, maxScore: 10, idempotencyKey: 'key-1' });
  });

  it('replays the same receipt for the same key and writes nothing', async () => {
    const person = await world.buildEnrolledLearner();
    const attempt = await startAs(person);
    const first = await submitAs(person, attempt.uuid, WRONG_ANSWERS, 'same-key');
    const statementsBefore = (await listStatementsOfUser(handle.db, person.user.id)).statements.length;
    world.clock.advance(5000);
    const again = await submitAs(person, attempt.uuid, rightAnswers(), 'same-key');
    expect(again.replayed).toBe(true);
    expect(again.receipt).toEqual(first.receipt);
    expect(again.attempt.score).toBe(0);
    expect((await listStatementsOfUser(handle.db, person.user.id)).statements).toHaveLength(statementsBefore);
  });

  it('refuses a second submission under another key, or without one', async () => {
    const person = await world.buildEnrolledLearner();
    const attempt = await startAs(person);
    await submitAs(person, attempt.uuid, WRONG_ANSWERS, 'first');
    await expect(submitAs(person, attempt.uuid, WRONG_ANSWERS, 'second')).rejects.toMatchObject({
      code: 'quiz.already_submitted',
    });
    await expect(submitAs(person, attempt.uuid, WRONG_ANSWERS)).rejects.toMatchObject({
      code: 'quiz.already_submitted',
    });
  });

  it('refuses a key already used for another attempt', async () => {
    const person = await world.buildEnrolledLearner();
    const attempt = await startAs(person);
    await submitAs(person, attempt.uuid, WRONG_ANSWERS, 'used-once');
    const next = await startAs(person);
    await expect(submitAs(person, next.uuid, WRONG_ANSWERS, 'used-once')).rejects.toMatchObject({
      code: 'quiz.idempotency_key_reused',
    });
    await expect(submitAs(person, next.uuid, WRONG_ANSWERS, 'bad key with spaces')).rejects.toMatchObject({
      code: 'quiz.invalid_idempotency_key',
    });
  });

  it('grades exactly once when fifty submissions race with the same key', async () => {
    const person = await world.buildEnrolledLearner();
    const attempt = await startAs(person);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => submitAs(person, attempt.uuid, rightAnswers(), 'race-key')),
    );
    expect(new Set(outcomes.map((outcome) => JSON.stringify(outcome.receipt))).size).toBe(1);
    expect(outcomes.filter((outcome) => !outcome.replayed)).toHaveLength(1);
    const scored = (await listStatementsOfUser(handle.db, person.user.id, { verb: 'scored' })).statements;
    expect(scored).toHaveLength(1);
  });

  it('grades exactly once when fifty submissions race with different keys', async () => {
    const person = await world.buildEnrolledLearner();
    const attempt = await startAs(person);
    const settled = await Promise.allSettled(
      Array.from({ length: 50 }, (_, index) => submitAs(person, attempt.uuid, rightAnswers(), `race-${index}`)),
    );
    expect(settled.filter((entry) => entry.status === 'fulfilled')).toHaveLength(1);
    const refusals = settled.flatMap((entry) =>
      entry.status === 'rejected' ? [entry.reason as { code: string }] : [],
    );
    expect(new Set(refusals.map((reason) => reason.code))).toEqual(new Set(['quiz.already_submitted']));
    const rows = await handle.db
      .select()
      .from(asmAttempt)
      .where(and(eq(asmAttempt.enrollmentId, person.learner.enrollment.id), eq(asmAttempt.status, 'submitted')));
    expect(rows).toHaveLength(1);
  });

  it('counts every quiz in the course grade when one learner submits several at once', async () => {
    const graded: Name[] = ['quiz', 'afterDue', 'never', 'afterDueOpen'];
    const storedGrade = async (person: Learner) => {
      const [grade] = await handle.db
        .select()
        .from(asmCourseGrade)
        .where(eq(asmCourseGrade.enrollmentId, person.learner.enrollment.id));
      return grade!.computed;
    };
    const oneByOne = await world.buildEnrolledLearner();
    for (const name of graded)
      await submitAs(oneByOne, (await startAs(oneByOne, name)).uuid, rightAnswers(), undefined, name);
    const atOnce = await world.buildEnrolledLearner();
    const started = await Promise.all(graded.map((name) => startAs(atOnce, name)));
    await Promise.all(
      graded.map((name, index) => submitAs(atOnce, started[index]!.uuid, rightAnswers(), undefined, name)),
    );
    expect(await storedGrade(oneByOne)).toBeGreaterThan(0);
    expect(await storedGrade(atOnce)).toBe(await storedGrade(oneByOne));
  });

  it('keeps the best attempt as the quiz score, completes the block and updates the course grade', async () => {
    const person = await world.buildEnrolledLearner();
    const first = await startAs(person);
    await submitAs(person, first.uuid, rightAnswers());
    const second = await startAs(person);
    await submitAs(person, second.uuid, WRONG_ANSWERS);
    const [score] = await handle.db
      .select()
      .from(asmQuizScore)
      .where(eq(asmQuizScore.enrollmentId, person.learner.enrollment.id));
    expect(score).toMatchObject({ score: 10, maxScore: 10, attemptsUsed: 2, blockEntityId: blocks.quiz.entityId });
    const [grade] = await handle.db
      .select()
      .from(asmCourseGrade)
      .where(eq(asmCourseGrade.enrollmentId, person.learner.enrollment.id));
    expect(grade!.computed).toBeGreaterThan(0);
    expect((await summarizeProgress(handle.db, person.learner)).completedBlocks).toBe(1);
    const page = await getQuizForLearner(person.ctx, world.key, 'SP', blocks.quiz.key);
    expect(page.status).toMatchObject({ attemptsUsed: 2, bestScore: 10 });
    expect(page.attempts.map((attempt) => attempt.number)).toEqual([2, 1]);
  });

  it('writes answered, scored and completed statements', async () => {
    const person = await world.buildEnrolledLearner();
    const first = await startAs(person);
    await submitAs(person, first.uuid, rightAnswers());
    const second = await startAs(person);
    await submitAs(person, second.uuid, WRONG_ANSWERS);
    const all = (await listStatementsOfUser(handle.db, person.user.id)).statements;
    const count = (verb: string) => all.filter((statement) => statement.verb.display['en-US'] === verb).length;
    expect(count('answered')).toBe(8);
    expect(count('scored')).toBe(2);
    expect(count('completed')).toBe(2);
    const answered = all.find((statement) => statement.verb.display['en-US'] === 'answered')!;
    expect(answered.object.id).toContain(`${blocks.quiz.uuid}.single`);
    expect(answered.result).toMatchObject({ success: true, response: 'b' });
  });

  it('never counts a practice quiz toward the course grade', async () => {
    const person = await world.buildEnrolledLearner();
    const attempt = await startAs(person, 'practice');
    await submitAs(person, attempt.uuid, rightAnswers(), undefined, 'practice');
    const grades = await handle.db
      .select()
      .from(asmCourseGrade)
      .where(eq(asmCourseGrade.enrollmentId, person.learner.enrollment.id));
    expect(grades.every((grade) => grade.computed === 0)).toBe(true);
  });

  it('refuses invalid answers with a message naming the question, and keeps the attempt open', async () => {
    const person = await world.buildEnrolledLearner();
    const attempt = await startAs(person);
    await expect(submitAs(person, attempt.uuid, { text: ['x'] })).rejects.toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('"text"'),
    });
    const again = await getQuizAttempt(person.ctx, world.key, 'SP', blocks.quiz.key, attempt.uuid);
    expect(again.status).toBe('in_progress');
  });
});

describe('revealing the marking', () => {
  it("shows correctness, answers, feedback and explanations at once under 'immediately'", async () => {
    const person = await world.buildEnrolledLearner();
    const attempt = await startAs(person);
    const { attempt: result } = await submitAs(person, attempt.uuid, { single: ['a'], number: CANARY_NUMBER });
    expect(result.reveal).toEqual({ policy: 'immediately', revealed: true, revealsAt: null });
    expect(result.results).toHaveLength(4);
    expect(result.results![0]).toEqual({
      questionId: 'single',
      points: 0,
      maxPoints: 2,
      correct: false,
      correctAnswer: { kind: 'choices', choiceIds: ['b'] },
      feedback: ['Feedback a secret'],
      explanation: 'Explanation single secret',
    });
    expect(result.results![2]).toMatchObject({
      correct: true,
      correctAnswer: { kind: 'number', value: CANARY_NUMBER },
    });
  });

  it("shows only the score under 'after_due' until the due date, then everything", async () => {
    const person = await world.buildEnrolledLearner();
    const attempt = await startAs(person, 'afterDue');
    const due = new Date(person.learner.enrollment.enrolledAt.getTime() + 7 * DAY_MS);
    // Wrong answers, so that nothing the learner typed carries the answer key.
    const { attempt: result } = await submitAs(person, attempt.uuid, WRONG_ANSWERS, undefined, 'afterDue');
    expect(result).toMatchObject({ score: 0, results: null, reveal: { revealed: false, revealsAt: due } });
    expect(JSON.stringify(result)).not.toContain('secret');
    const later = { ...person.ctx, clock: { now: () => due } };
    const revealed = await getQuizAttempt(later, world.key, 'SP', blocks.afterDue.key, attempt.uuid);
    expect(revealed.results).toHaveLength(4);
    expect(JSON.stringify(revealed)).toContain('secret');
    const page = await getQuizForLearner(later, world.key, 'SP', blocks.afterDue.key);
    expect(page.attempts[0]!.revealed).toBe(true);
  });

  it("never shows the marking under 'never', nor under 'after_due' without a due date", async () => {
    for (const name of ['never', 'afterDueOpen'] as const) {
      const person = await world.buildEnrolledLearner();
      const attempt = await startAs(person, name);
      const { attempt: result } = await submitAs(person, attempt.uuid, WRONG_ANSWERS, undefined, name);
      const farFuture = { ...person.ctx, clock: { now: () => new Date('2999-01-01T00:00:00Z') } };
      const later = await getQuizAttempt(farFuture, world.key, 'SP', blocks[name].key, attempt.uuid);
      for (const view of [result, later]) {
        expect(view.score).toBe(0);
        expect(view.results).toBeNull();
        expect(JSON.stringify(view)).not.toContain('secret');
      }
      const answered = (await listStatementsOfUser(handle.db, person.user.id, { verb: 'answered' })).statements;
      expect(answered.every((statement) => statement.result?.success === undefined)).toBe(true);
    }
  });
});
