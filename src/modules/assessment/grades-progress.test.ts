import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { getProgress, overrideGrade, refreshCourseGrade } from './api-grading.ts';
import { createGradesWorld, storeQuizScoreForTest, type GradesWorld } from './grades-test-fixtures.ts';

let handle: DatabaseHandle;
let world: GradesWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createGradesWorld(handle.db);
});
afterAll(() => handle.close());

describe('getProgress', () => {
  it('shows how the grade is made: per type, each quiz’s score, the dropped one, and what does not count', async () => {
    const { learner, ctx } = await world.buildEnrolledLearner();
    const { hw1, hw2, exam, practice, lab } = world.quizzes;
    await storeQuizScoreForTest(handle.db, learner, hw1, 1, 2);
    await storeQuizScoreForTest(handle.db, learner, hw2, 4, 4);
    await storeQuizScoreForTest(handle.db, learner, exam, 4, 5);
    await storeQuizScoreForTest(handle.db, learner, practice, 1, 1);
    await storeQuizScoreForTest(handle.db, learner, lab, 1, 1);
    await handle.db.transaction((tx) => refreshCourseGrade(tx, learner, new Date('2024-03-02T00:00:00Z')));
    const progress = await getProgress(ctx, world.key, world.run.code);
    // Homework 0.5, 1 and an unattempted 0 with the lowest dropped → 0.75; Exam 0.8 → 0.3 + 0.48 = 0.78.
    expect(progress).toMatchObject({ grade: 0.78, computed: 0.78, override: null, passMark: 0.6, passed: true });
    expect(progress.groups.map((group) => [group.name, group.weight, group.dropLowest, group.average])).toEqual([
      ['Homework', 0.4, 1, 0.75],
      ['Exam', 0.6, 0, 0.8],
    ]);
    expect(progress.groups[0]!.quizzes.map((quiz) => [quiz.title, quiz.score, quiz.maxScore, quiz.dropped])).toEqual([
      ['Homework 1', 1, 2, false],
      ['Homework 2', 4, 4, false],
      ['Homework 3', null, 2, true],
    ]);
    expect(progress.uncounted.map((quiz) => [quiz.title, quiz.ratio])).toEqual([['Lab notes', 1]]);
    expect(progress.practice.map((quiz) => [quiz.title, quiz.score])).toEqual([['Warm-up', 1]]);
    expect(progress.completion).toEqual({ completedBlocks: 0, totalBlocks: 6, lastUnitKey: null });
    expect(progress.courseTitle).toEqual({ en: 'Climate Data 101' });
  });

  it('shows an override as the grade that counts', async () => {
    const { learner, ctx } = await world.buildEnrolledLearner();
    await overrideGrade(world.cast.teachingAssistant.ctx, world.key, world.run.code, learner.enrollment.uuid, {
      grade: 0.55,
      reason: 'Project graded by hand',
    });
    expect(await getProgress(ctx, world.key, world.run.code)).toMatchObject({
      grade: 0.55,
      computed: 0,
      override: 0.55,
      passed: false,
    });
  });

  it('shows a policy without types as one group of every graded quiz', async () => {
    const plain = await createGradesWorld(handle.db, {
      helpers: world.helpers,
      policy: { assignmentTypes: [], passMark: 0.5 },
    });
    const { learner, ctx } = await plain.buildEnrolledLearner();
    await storeQuizScoreForTest(handle.db, learner, plain.quizzes.exam, 5, 5);
    const progress = await getProgress(ctx, plain.key, plain.run.code);
    expect(progress.groups).toHaveLength(1);
    expect(progress.groups[0]).toMatchObject({ name: null, weight: 1, average: 0.2 });
    expect(progress.groups[0]!.quizzes).toHaveLength(5);
    expect(progress.uncounted).toEqual([]);
  });

  it('is only for learners enrolled in the run', async () => {
    const { cast } = world;
    for (const person of [cast.learner, cast.leadInstructor, cast.ownerAdmin]) {
      await expect(getProgress(person.ctx, world.key, world.run.code)).rejects.toMatchObject({
        code: 'enrollment.required',
      });
    }
    await expect(getProgress(cast.anonymous, world.key, world.run.code)).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
    const { ctx } = await world.buildEnrolledLearner();
    await expect(getProgress(ctx, world.key, 'NOPE')).rejects.toMatchObject({ kind: 'not_found' });
  });
});
