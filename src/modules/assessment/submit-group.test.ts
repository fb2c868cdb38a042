import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { summarizeProgress } from '../courseware/index.ts';
import { listStatementsOfUser } from '../records/index.ts';
import { startQuizAttempt, submitQuizAttempt } from './api-quizzes.ts';
import { buildFullQuiz, createQuizWorld, rightAnswers, WRONG_ANSWERS, type QuizWorld } from './quiz-test-fixtures.ts';
import { asmAttempt, asmCourseGrade } from './schema.ts';
import type { StoredAnswers } from './schema.ts';

// Submissions that arrive together share one transaction (ADR 0026); each must still come out as
// if it had been alone.
let handle: DatabaseHandle;
type Name = 'first' | 'second' | 'practice';
let world: QuizWorld<Name>;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createQuizWorld<Name>(handle.db, {
    quizzes: {
      first: buildFullQuiz({ title: 'First', attemptsAllowed: null }),
      second: buildFullQuiz({ title: 'Second', attemptsAllowed: null }),
      practice: buildFullQuiz({ title: 'Warm-up', mode: 'practice' }),
    },
  });
});
afterAll(() => handle.close());

type Learner = Awaited<ReturnType<QuizWorld<Name>['buildEnrolledLearner']>>;
type Plan = { person: Learner; name: Name; answers: StoredAnswers; key?: string };

async function startAs(person: Learner, name: Name) {
  return (await startQuizAttempt(person.ctx, world.key, 'SP', world.blocks[name].key)).attempt;
}

/** Starts every planned attempt, then submits them all at once. */
async function submitTogether(plans: readonly Plan[]) {
  const attempts = await Promise.all(plans.map((plan) => startAs(plan.person, plan.name)));
  const settled = await Promise.allSettled(
    plans.map((plan, index) =>
      submitQuizAttempt(plan.person.ctx, world.key, 'SP', world.blocks[plan.name].key, attempts[index]!.uuid, {
        answers: plan.answers,
        idempotencyKey: plan.key ?? null,
      }),
    ),
  );
  return { attempts, settled };
}

async function computedGradeOf(person: Learner): Promise<number | undefined> {
  const [grade] = await handle.db
    .select()
    .from(asmCourseGrade)
    .where(eq(asmCourseGrade.enrollmentId, person.learner.enrollment.id));
  return grade?.computed;
}

async function statusOf(uuid: string): Promise<string | undefined> {
  const [row] = await handle.db.select().from(asmAttempt).where(eq(asmAttempt.uuid, uuid));
  return row?.status;
}

describe('submissions arriving together', () => {
  it('stores each learner’s submissions with the grade, completions and statements of one-by-one submission', async () => {
    const patterns: StoredAnswers[][] = [
      [rightAnswers(), rightAnswers()],
      [rightAnswers(), WRONG_ANSWERS],
      [WRONG_ANSWERS, WRONG_ANSWERS],
    ];
    const names: Name[] = ['first', 'second'];
    // The reference: one learner per pattern, submitting one quiz after the other.
    const expected: (number | undefined)[] = [];
    for (const pattern of patterns) {
      const alone = await world.buildEnrolledLearner();
      for (const [index, name] of names.entries()) {
        const attempt = await startAs(alone, name);
        await submitQuizAttempt(alone.ctx, world.key, 'SP', world.blocks[name].key, attempt.uuid, {
          answers: pattern[index],
        });
      }
      expected.push(await computedGradeOf(alone));
    }
    expect(new Set(expected).size).toBe(3);

    const learners = await Promise.all(Array.from({ length: 9 }, () => world.buildEnrolledLearner()));
    const plans = learners.flatMap((person, learnerIndex) => [
      ...names.map((name, index) => ({ person, name, answers: patterns[learnerIndex % 3]![index]!, key: undefined })),
      { person, name: 'practice' as const, answers: rightAnswers() },
    ]);
    const { settled } = await submitTogether(plans);
    expect(settled.every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    for (const [learnerIndex, person] of learners.entries()) {
      expect(await computedGradeOf(person)).toBe(expected[learnerIndex % 3]);
      expect((await summarizeProgress(handle.db, person.learner)).completedBlocks).toBe(3);
      const statements = (await listStatementsOfUser(handle.db, person.user.id)).statements;
      const count = (verb: string) => statements.filter((statement) => statement.verb.display['en-US'] === verb).length;
      expect(count('scored')).toBe(3);
      expect(count('completed')).toBe(3);
      expect(count('answered')).toBe(12);
      expect(new Set(statements.map((statement) => statement.id)).size).toBe(statements.length);
    }
  });

  it('refuses only the submission whose key another attempt holds, and stores the others', async () => {
    const holder = await world.buildEnrolledLearner();
    const used = await startAs(holder, 'first');
    await submitQuizAttempt(holder.ctx, world.key, 'SP', world.blocks.first.key, used.uuid, {
      answers: WRONG_ANSWERS,
      idempotencyKey: 'taken',
    });
    const others = await Promise.all(Array.from({ length: 6 }, () => world.buildEnrolledLearner()));
    const plans: Plan[] = [
      ...others.map((person, index) => ({
        person,
        name: 'first' as const,
        answers: rightAnswers(),
        key: `k-${index}`,
      })),
      { person: holder, name: 'second', answers: rightAnswers(), key: 'taken' },
    ];
    const { attempts, settled } = await submitTogether(plans);
    const refused = settled.at(-1)!;
    expect(refused).toMatchObject({ status: 'rejected', reason: { code: 'quiz.idempotency_key_reused' } });
    expect(await statusOf(attempts.at(-1)!.uuid)).toBe('in_progress');
    for (const [index, outcome] of settled.slice(0, -1).entries()) {
      expect(outcome).toMatchObject({ status: 'fulfilled', value: { replayed: false } });
      expect(await statusOf(attempts[index]!.uuid)).toBe('submitted');
      expect(await computedGradeOf(others[index]!)).toBeGreaterThan(0);
    }
  });

  it('answers a retry in the same instant with the one receipt', async () => {
    const people = await Promise.all(Array.from({ length: 4 }, () => world.buildEnrolledLearner()));
    const attempts = await Promise.all(people.map((person) => startAs(person, 'first')));
    const submit = (index: number) =>
      submitQuizAttempt(people[index]!.ctx, world.key, 'SP', world.blocks.first.key, attempts[index]!.uuid, {
        answers: rightAnswers(),
        idempotencyKey: `retry-${index}`,
      });
    const outcomes = await Promise.all([0, 1, 2, 3, 0, 1, 2, 3].map(submit));
    for (let index = 0; index < 4; index += 1) {
      const [first, second] = [outcomes[index]!, outcomes[index + 4]!];
      expect(first.receipt).toEqual(second.receipt);
      expect([first, second].filter((outcome) => !outcome.replayed)).toHaveLength(1);
      const scored = (await listStatementsOfUser(handle.db, people[index]!.user.id, { verb: 'scored' })).statements;
      expect(scored).toHaveLength(1);
    }
  });
});
