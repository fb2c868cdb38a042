import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { listOutboxEvents } from '../../platform/outbox/index.ts';
import { updateRun } from '../courses/index.ts';
import { listStatementsOfUser } from '../records/index.ts';
import { refreshCourseGrade } from './api-grading.ts';
import { applyCourseGrade, refreshCourseGrades } from './course-grade-refresh.ts';
import { selectCourseGrade } from './grades-store.ts';
import { createGradesWorld, storeQuizScoreForTest, type GradesWorld } from './grades-test-fixtures.ts';

let handle: DatabaseHandle;
let world: GradesWorld;
const at = new Date('2024-03-02T09:00:00Z');

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createGradesWorld(handle.db);
});
afterAll(() => handle.close());

const refresh = (learner: Parameters<typeof refreshCourseGrade>[1], when = at) =>
  handle.db.transaction((tx) => refreshCourseGrade(tx, learner, when));

async function passEventsOf(enrollmentUuid: string) {
  const events = await listOutboxEvents(handle.db, { topic: 'course.passed' });
  return events.filter((event) => event.dedupeKey === `course.passed:${enrollmentUuid}`);
}

async function passedStatementsOf(userId: string) {
  return (await listStatementsOfUser(handle.db, userId, { verb: 'passed' })).statements;
}

describe('refreshCourseGrade', () => {
  it('stores the computed grade with its breakdown, counting only graded quizzes of the policy’s types', async () => {
    const { learner } = await world.buildEnrolledLearner();
    const { hw1, hw2, exam, practice, lab } = world.quizzes;
    await storeQuizScoreForTest(handle.db, learner, hw1, 2, 2);
    await storeQuizScoreForTest(handle.db, learner, hw2, 2, 4);
    await storeQuizScoreForTest(handle.db, learner, exam, 1, 5);
    await storeQuizScoreForTest(handle.db, learner, practice, 1, 1);
    await storeQuizScoreForTest(handle.db, learner, lab, 1, 1);
    const result = await refresh(learner);
    // Homework: 1, 0.5 and an unattempted 0, the lowest dropped → 0.75; Exam 0.2. 0.4·0.75 + 0.6·0.2 = 0.42.
    expect(result).toEqual({ grade: 0.42, passed: false, newlyPassed: false });
    const stored = await selectCourseGrade(handle.db, learner.enrollment.id);
    expect(stored).toMatchObject({
      computed: 0.42,
      override: null,
      passed: false,
      passedAt: null,
      runId: world.run.id,
      userId: learner.enrollment.userId,
      breakdown: [
        { type: 'Homework', average: 0.75, weight: 0.4, dropped: 1 },
        { type: 'Exam', average: 0.2, weight: 0.6, dropped: 0 },
      ],
    });
    expect(await passEventsOf(learner.enrollment.uuid)).toEqual([]);
  });

  it('announces the first pass once, with an outbox event and an xAPI statement, however often it runs', async () => {
    const { learner } = await world.buildEnrolledLearner();
    await storeQuizScoreForTest(handle.db, learner, world.quizzes.hw1, 2, 2);
    await storeQuizScoreForTest(handle.db, learner, world.quizzes.hw2, 4, 4);
    await storeQuizScoreForTest(handle.db, learner, world.quizzes.exam, 5, 5);
    const results = await Promise.all(Array.from({ length: 20 }, () => refresh(learner)));
    expect(results.filter((result) => result.newlyPassed)).toHaveLength(1);
    expect(results.every((result) => result.passed && result.grade === 1)).toBe(true);
    for (let index = 0; index < 5; index += 1) {
      expect(await refresh(learner, new Date(at.getTime() + index * 1000))).toMatchObject({ newlyPassed: false });
    }
    const events = await passEventsOf(learner.enrollment.uuid);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toEqual({
      enrollmentUuid: learner.enrollment.uuid,
      userId: learner.enrollment.userId,
      runId: world.run.id,
      runUuid: world.run.uuid,
      courseId: world.cast.course.id,
      courseKey: world.key,
      grade: 1,
      passedAt: at.toISOString(),
    });
    const statements = await passedStatementsOf(learner.enrollment.userId);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({
      verb: { id: 'http://adlnet.gov/expapi/verbs/passed' },
      result: { success: true, score: { scaled: 1 } },
      context: { registration: learner.enrollment.uuid },
    });
    expect(statements[0]!.object.id).toContain(world.run.uuid);
  });

  it('keeps a pass when the grade later falls below the pass mark', async () => {
    const { learner } = await world.buildEnrolledLearner();
    await storeQuizScoreForTest(handle.db, learner, world.quizzes.hw1, 2, 2);
    await storeQuizScoreForTest(handle.db, learner, world.quizzes.exam, 5, 5);
    expect(await refresh(learner)).toMatchObject({ passed: true, newlyPassed: true });
    const lower = { by: world.cast.teachingAssistant.user.id, override: 0.1, reason: 'test' };
    const outcome = await handle.db.transaction((tx) => applyCourseGrade(tx, learner, new Date(), lower));
    expect(outcome).toMatchObject({ grade: 0.1, passed: true, newlyPassed: false, passedAt: at });
    const stricter = { ...world.run.gradingPolicy, passMark: 1 };
    await updateRun(world.cast.leadInstructor.ctx, world.key, world.run.code, { gradingPolicy: stricter });
    const stricterLearner = { ...learner, run: { ...learner.run, gradingPolicy: stricter } };
    expect(await refresh(stricterLearner)).toMatchObject({ passed: true, newlyPassed: false });
    await updateRun(world.cast.leadInstructor.ctx, world.key, world.run.code, {
      gradingPolicy: world.run.gradingPolicy,
    });
    expect((await selectCourseGrade(handle.db, learner.enrollment.id))?.passedAt).toEqual(at);
    expect(await passEventsOf(learner.enrollment.uuid)).toHaveLength(1);
    expect(await passedStatementsOf(learner.enrollment.userId)).toHaveLength(1);
  });

  it('keeps an override while the computed grade follows the scores, and passes on the override', async () => {
    const { learner } = await world.buildEnrolledLearner();
    const by = world.cast.teachingAssistant.user.id;
    const overridden = await handle.db.transaction((tx) =>
      applyCourseGrade(tx, learner, at, { override: 0.9, reason: 'Oral exam', by }),
    );
    expect(overridden).toMatchObject({ grade: 0.9, computed: 0, passed: true, newlyPassed: true });
    await storeQuizScoreForTest(handle.db, learner, world.quizzes.exam, 5, 5);
    expect(await refresh(learner)).toMatchObject({ grade: 0.9, newlyPassed: false });
    expect(await selectCourseGrade(handle.db, learner.enrollment.id)).toMatchObject({
      computed: 0.6,
      override: 0.9,
      overrideReason: 'Oral exam',
      overriddenBy: by,
      overriddenAt: at,
    });
    const cleared = await handle.db.transaction((tx) =>
      applyCourseGrade(tx, learner, at, { override: null, reason: 'Entered by mistake', by }),
    );
    expect(cleared).toMatchObject({ grade: 0.6, override: null, passed: true });
    expect(await selectCourseGrade(handle.db, learner.enrollment.id)).toMatchObject({
      override: null,
      overrideReason: null,
      overriddenBy: null,
      overriddenAt: null,
    });
    expect((await passEventsOf(learner.enrollment.uuid))[0]!.payload.grade).toBe(0.9);
  });

  it('refreshes many learners in one call as it refreshes each, announcing each first pass once', async () => {
    const { hw1, hw2, exam } = world.quizzes;
    const { learner: passing } = await world.buildEnrolledLearner();
    await storeQuizScoreForTest(handle.db, passing, hw1, 2, 2);
    await storeQuizScoreForTest(handle.db, passing, hw2, 4, 4);
    await storeQuizScoreForTest(handle.db, passing, exam, 5, 5);
    const { learner: failing } = await world.buildEnrolledLearner();
    await storeQuizScoreForTest(handle.db, failing, hw1, 2, 2);
    await storeQuizScoreForTest(handle.db, failing, exam, 1, 5);
    const { learner: overridden } = await world.buildEnrolledLearner();
    const by = world.cast.teachingAssistant.user.id;
    await handle.db.transaction((tx) => applyCourseGrade(tx, overridden, at, { override: 0.8, reason: 'Viva', by }));
    await storeQuizScoreForTest(handle.db, overridden, exam, 5, 5);
    const later = new Date(at.getTime() + 60_000);
    const results = await handle.db.transaction((tx) =>
      refreshCourseGrades(tx, [
        { learner: overridden, at },
        { learner: passing, at },
        { learner: failing, at },
        // Named twice: refreshed once, at the later time.
        { learner: passing, at: later },
      ]),
    );
    expect(results.get(passing.enrollment.id)).toEqual({ grade: 1, passed: true, newlyPassed: true });
    // Homework 1, 0 and an unattempted 0, the lowest dropped → 0.5; Exam 0.2. 0.4·0.5 + 0.6·0.2 = 0.32.
    expect(results.get(failing.enrollment.id)).toEqual({ grade: 0.32, passed: false, newlyPassed: false });
    expect(results.get(overridden.enrollment.id)).toEqual({ grade: 0.8, passed: true, newlyPassed: false });
    expect(await selectCourseGrade(handle.db, passing.enrollment.id)).toMatchObject({ computed: 1, passedAt: later });
    expect(await selectCourseGrade(handle.db, failing.enrollment.id)).toMatchObject({ computed: 0.32, passed: false });
    expect(await selectCourseGrade(handle.db, overridden.enrollment.id)).toMatchObject({
      computed: 0.6,
      override: 0.8,
    });
    expect(await passEventsOf(passing.enrollment.uuid)).toHaveLength(1);
    expect(await passEventsOf(failing.enrollment.uuid)).toEqual([]);
    expect(await passEventsOf(overridden.enrollment.uuid)).toHaveLength(1);
    expect(await passedStatementsOf(passing.enrollment.userId)).toHaveLength(1);
    for (const learner of [passing, failing, overridden]) {
      const again = await refresh(learner, later);
      expect(again).toMatchObject({ grade: results.get(learner.enrollment.id)!.grade, newlyPassed: false });
    }
  });

  it('rolls back with the caller’s transaction', async () => {
    const { learner } = await world.buildEnrolledLearner();
    await storeQuizScoreForTest(handle.db, learner, world.quizzes.exam, 5, 5);
    await storeQuizScoreForTest(handle.db, learner, world.quizzes.hw1, 2, 2);
    await expect(
      handle.db.transaction(async (tx) => {
        await refreshCourseGrade(tx, learner, at);
        throw new Error('the submission failed');
      }),
    ).rejects.toThrow('the submission failed');
    expect(await selectCourseGrade(handle.db, learner.enrollment.id)).toBeNull();
    expect(await passEventsOf(learner.enrollment.uuid)).toEqual([]);
    expect(await passedStatementsOf(learner.enrollment.userId)).toEqual([]);
  });
});
