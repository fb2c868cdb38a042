import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { listStatementsOfUser } from '../records/index.ts';
import {
  getQuizAttempt,
  getQuizForLearner,
  listQuizStatuses,
  saveQuizAnswers,
  startQuizAttempt,
} from './api-quizzes.ts';
import { QUESTION_ORDER } from './layout.ts';
import { buildFullQuiz, createQuizWorld, DAY_MS, WRONG_ANSWERS, type QuizWorld } from './quiz-test-fixtures.ts';
import { asmAttempt } from './schema.ts';
import { submitQuizAttempt } from './submit.ts';

let handle: DatabaseHandle;
type Name = 'quiz' | 'weekly' | 'twice' | 'shuffled';
let world: QuizWorld<Name>;
let blocks: QuizWorld<Name>['blocks'];

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createQuizWorld<Name>(handle.db, {
    quizzes: {
      quiz: buildFullQuiz(),
      weekly: buildFullQuiz({ title: 'Weekly', dueAfterDays: 7 }),
      twice: buildFullQuiz({ title: 'Twice', attemptsAllowed: 2 }),
      shuffled: buildFullQuiz({ title: 'Shuffled', shuffle: true, attemptsAllowed: null }),
    },
  });
  blocks = world.blocks;
});
afterAll(() => handle.close());

const seconds = (date: Date, count: number) => new Date(date.getTime() + count * 1000);

function expectCode(promise: Promise<unknown>, code: string) {
  return expect(promise).rejects.toMatchObject({ code });
}

describe('starting an attempt', () => {
  it('opens attempt 1 and records that the learner attempted the quiz', async () => {
    const person = await world.buildEnrolledLearner();
    const { attempt, created } = await startQuizAttempt(person.ctx, world.key, 'SP', blocks.quiz.key);
    expect(created).toBe(true);
    expect(attempt).toMatchObject({ number: 1, status: 'in_progress', score: null, results: null, receipt: null });
    expect(attempt.questions.map((question) => question.id)).toEqual(['single', 'multi', 'number', 'text']);
    const { statements } = await listStatementsOfUser(handle.db, person.user.id, { verb: 'attempted' });
    expect(statements).toHaveLength(1);
    expect(statements[0]!.context.registration).toBe(person.learner.enrollment.uuid);
  });

  it('returns the open attempt again instead of opening a second', async () => {
    const person = await world.buildEnrolledLearner();
    const first = await startQuizAttempt(person.ctx, world.key, 'SP', blocks.quiz.key);
    const second = await startQuizAttempt(person.ctx, world.key, 'SP', blocks.quiz.key);
    expect(second).toEqual({ attempt: first.attempt, created: false });
  });

  it('keeps one open attempt when fifty starts race', async () => {
    const person = await world.buildEnrolledLearner();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => startQuizAttempt(person.ctx, world.key, 'SP', blocks.quiz.key)),
    );
    expect(new Set(results.map((result) => result.attempt.uuid)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const rows = await handle.db
      .select()
      .from(asmAttempt)
      .where(eq(asmAttempt.enrollmentId, person.learner.enrollment.id));
    expect(rows).toHaveLength(1);
  });

  it('refuses people who are not enrolled, anonymous visitors and blocks that are not quizzes', async () => {
    const stranger = await world.helpers.buildLearner();
    await expectCode(startQuizAttempt(world.as(stranger), world.key, 'SP', blocks.quiz.key), 'enrollment.required');
    await expectCode(
      startQuizAttempt(world.cast.leadInstructor.ctx, world.key, 'SP', blocks.quiz.key),
      'enrollment.required',
    );
    await expectCode(startQuizAttempt(world.cast.anonymous, world.key, 'SP', blocks.quiz.key), 'unauthenticated');
    const person = await world.buildEnrolledLearner();
    await expectCode(startQuizAttempt(person.ctx, world.key, 'SP', world.text.key), 'quiz.not_found');
    await expectCode(startQuizAttempt(person.ctx, world.key, 'SP', 'no-such-block'), 'quiz.not_found');
    await expectCode(startQuizAttempt(person.ctx, world.key, 'NOPE', blocks.quiz.key), 'run.not_found');
  });

  it('keeps a shuffled order for the life of the attempt', async () => {
    const person = await world.buildEnrolledLearner();
    const { attempt } = await startQuizAttempt(person.ctx, world.key, 'SP', blocks.shuffled.key);
    const [row] = await handle.db.select().from(asmAttempt).where(eq(asmAttempt.uuid, attempt.uuid));
    expect([...row!.layout[QUESTION_ORDER]!].sort()).toEqual(['multi', 'number', 'single', 'text']);
    expect(attempt.questions.map((question) => question.id)).toEqual(row!.layout[QUESTION_ORDER]);
    const again = await getQuizAttempt(person.ctx, world.key, 'SP', blocks.shuffled.key, attempt.uuid);
    expect(again.questions).toEqual(attempt.questions);
    const page = await getQuizForLearner(person.ctx, world.key, 'SP', blocks.shuffled.key);
    expect(page.openAttempt!.questions).toEqual(attempt.questions);
    expect(attempt.questions.find((question) => question.id === 'single')!.choices.map((c) => c.id)).toEqual(
      row!.layout.single,
    );
  });
});

describe('the window of a quiz', () => {
  it('opens a scheduled run’s quizzes at the start of the run, to the second', async () => {
    const person = await world.buildEnrolledLearner(world.runs.scheduled);
    const startsAt = world.runs.scheduled.startsAt!;
    const ctxAt = (when: Date) => ({ ...person.ctx, clock: { now: () => when } });
    await expectCode(
      startQuizAttempt(ctxAt(seconds(startsAt, -1)), world.key, 'S1', blocks.quiz.key),
      'quiz.not_started',
    );
    const page = await getQuizForLearner(ctxAt(seconds(startsAt, -1)), world.key, 'S1', blocks.quiz.key);
    expect(page).toMatchObject({ window: 'not_started', opensAt: startsAt, status: { canStart: false } });
    const { attempt } = await startQuizAttempt(ctxAt(startsAt), world.key, 'S1', blocks.quiz.key);
    expect(attempt.status).toBe('in_progress');
  });

  it('closes a quiz at its due date for starting, saving and submitting, to the second', async () => {
    const person = await world.buildEnrolledLearner(world.runs.scheduled);
    const dueAt = new Date(world.runs.scheduled.startsAt!.getTime() + 7 * DAY_MS);
    const ctxAt = (when: Date) => ({ ...person.ctx, clock: { now: () => when } });
    const before = ctxAt(seconds(dueAt, -1));
    const after = ctxAt(seconds(dueAt, 1));
    const { attempt } = await startQuizAttempt(before, world.key, 'S1', blocks.weekly.key);
    await saveQuizAnswers(before, world.key, 'S1', blocks.weekly.key, attempt.uuid, WRONG_ANSWERS);
    await expectCode(saveQuizAnswers(after, world.key, 'S1', blocks.weekly.key, attempt.uuid, {}), 'quiz.closed');
    await expectCode(
      submitQuizAttempt(after, world.key, 'S1', blocks.weekly.key, attempt.uuid, { answers: {} }),
      'quiz.closed',
    );
    await expectCode(
      submitQuizAttempt(ctxAt(dueAt), world.key, 'S1', blocks.weekly.key, attempt.uuid, { answers: {} }),
      'quiz.closed',
    );
    const outcome = await submitQuizAttempt(before, world.key, 'S1', blocks.weekly.key, attempt.uuid, {
      answers: WRONG_ANSWERS,
    });
    expect(outcome.attempt.status).toBe('submitted');
    const other = await world.buildEnrolledLearner(world.runs.scheduled);
    await expectCode(
      startQuizAttempt({ ...other.ctx, clock: { now: () => seconds(dueAt, 1) } }, world.key, 'S1', blocks.weekly.key),
      'quiz.closed',
    );
  });

  it('closes every quiz of a scheduled run when the run ends', async () => {
    const person = await world.buildEnrolledLearner(world.runs.scheduled);
    const endsAt = world.runs.scheduled.endsAt!;
    await startQuizAttempt(
      { ...person.ctx, clock: { now: () => seconds(endsAt, -1) } },
      world.key,
      'S1',
      blocks.quiz.key,
    );
    const late = { ...person.ctx, clock: { now: () => seconds(endsAt, 1) } };
    const page = await getQuizForLearner(late, world.key, 'S1', blocks.quiz.key);
    expect(page.window).toBe('closed');
    await expectCode(
      submitQuizAttempt(late, world.key, 'S1', blocks.quiz.key, page.openAttempt!.uuid, { answers: {} }),
      'quiz.closed',
    );
  });

  it('counts a self-paced due date from the enrollment', async () => {
    const person = await world.helpers.buildLearner();
    const enrolledAt = new Date('2024-02-01T00:00:00Z');
    await world.enroll(person, world.runs.selfPaced, enrolledAt);
    const dueAt = new Date(enrolledAt.getTime() + 7 * DAY_MS);
    const ctxAt = (when: Date) => ({ ...world.as(person), clock: { now: () => when } });
    const page = await getQuizForLearner(ctxAt(seconds(dueAt, -1)), world.key, 'SP', blocks.weekly.key);
    expect(page.quiz.dueAt).toEqual(dueAt);
    expect(page.status.canStart).toBe(true);
    await expectCode(startQuizAttempt(ctxAt(seconds(dueAt, 1)), world.key, 'SP', blocks.weekly.key), 'quiz.closed');
  });
});

describe('attempt limits', () => {
  it('allows as many submitted attempts as the quiz says, then refuses', async () => {
    const person = await world.buildEnrolledLearner();
    for (let round = 1; round <= 2; round += 1) {
      const { attempt } = await startQuizAttempt(person.ctx, world.key, 'SP', blocks.twice.key);
      expect(attempt.number).toBe(round);
      await submitQuizAttempt(person.ctx, world.key, 'SP', blocks.twice.key, attempt.uuid, { answers: WRONG_ANSWERS });
    }
    await expectCode(startQuizAttempt(person.ctx, world.key, 'SP', blocks.twice.key), 'quiz.no_attempts_left');
    const statuses = await listQuizStatuses(person.ctx, person.learner, [blocks.twice.entityId]);
    expect(statuses.get(blocks.twice.entityId)).toMatchObject({
      attemptsUsed: 2,
      attemptsAllowed: 2,
      canStart: false,
      hasOpenAttempt: false,
      bestScore: 0,
      maxScore: 10,
    });
  });
});

describe('saving answers', () => {
  it('keeps the draft of the open attempt, as checked and normalised', async () => {
    const person = await world.buildEnrolledLearner();
    const { attempt } = await startQuizAttempt(person.ctx, world.key, 'SP', blocks.quiz.key);
    const saved = await saveQuizAnswers(person.ctx, world.key, 'SP', blocks.quiz.key, attempt.uuid, {
      multi: ['c', 'a'],
      text: '  draft  ',
    });
    expect(saved.answers).toEqual({ multi: ['a', 'c'], text: 'draft' });
    const page = await getQuizForLearner(person.ctx, world.key, 'SP', blocks.quiz.key);
    expect(page.openAttempt!.answers).toEqual({ multi: ['a', 'c'], text: 'draft' });
    expect(page.openAttempt!.savedAt).toEqual(world.clock.now());
  });

  it('refuses answers of the wrong kind with a message naming the question', async () => {
    const person = await world.buildEnrolledLearner();
    const { attempt } = await startQuizAttempt(person.ctx, world.key, 'SP', blocks.quiz.key);
    const saving = saveQuizAnswers(person.ctx, world.key, 'SP', blocks.quiz.key, attempt.uuid, { number: 'ten' });
    await expect(saving).rejects.toMatchObject({ kind: 'invalid', message: expect.stringContaining('"number"') });
  });

  it('refuses to save a submitted attempt, or someone else’s', async () => {
    const person = await world.buildEnrolledLearner();
    const other = await world.buildEnrolledLearner();
    const { attempt } = await startQuizAttempt(person.ctx, world.key, 'SP', blocks.quiz.key);
    await expectCode(
      saveQuizAnswers(other.ctx, world.key, 'SP', blocks.quiz.key, attempt.uuid, {}),
      'attempt.not_found',
    );
    await submitQuizAttempt(person.ctx, world.key, 'SP', blocks.quiz.key, attempt.uuid, { answers: {} });
    await expectCode(
      saveQuizAnswers(person.ctx, world.key, 'SP', blocks.quiz.key, attempt.uuid, {}),
      'quiz.already_submitted',
    );
  });
});

describe('reading attempts', () => {
  it('shows learners only their own attempts', async () => {
    const person = await world.buildEnrolledLearner();
    const other = await world.buildEnrolledLearner();
    const { attempt } = await startQuizAttempt(person.ctx, world.key, 'SP', blocks.quiz.key);
    await expect(getQuizAttempt(person.ctx, world.key, 'SP', blocks.quiz.key, attempt.uuid)).resolves.toMatchObject({
      uuid: attempt.uuid,
    });
    await expectCode(getQuizAttempt(other.ctx, world.key, 'SP', blocks.quiz.key, attempt.uuid), 'attempt.not_found');
    await expectCode(getQuizAttempt(person.ctx, world.key, 'SP', blocks.twice.key, attempt.uuid), 'attempt.not_found');
    await expectCode(getQuizAttempt(person.ctx, world.key, 'SP', blocks.quiz.key, 'not-a-uuid'), 'attempt.not_found');
  });

  it('lists statuses only for the actor’s own enrollment', async () => {
    const person = await world.buildEnrolledLearner();
    const other = await world.buildEnrolledLearner();
    await expect(listQuizStatuses(other.ctx, person.learner, [blocks.quiz.entityId])).rejects.toMatchObject({
      kind: 'forbidden',
    });
    const statuses = await listQuizStatuses(person.ctx, person.learner, [blocks.quiz.entityId, world.text.entityId]);
    expect([...statuses.keys()]).toEqual([blocks.quiz.entityId]);
    expect(statuses.get(blocks.quiz.entityId)).toEqual({
      attemptsUsed: 0,
      attemptsAllowed: 3,
      bestScore: null,
      maxScore: 10,
      dueAt: null,
      hasOpenAttempt: false,
      canStart: true,
    });
  });
});
