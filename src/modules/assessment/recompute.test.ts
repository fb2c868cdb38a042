import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { SYSTEM_ACTOR } from '../../platform/access/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { listOutboxEvents } from '../../platform/outbox/index.ts';
import { updateRun, type GradingPolicy } from '../courses/index.ts';
import { recomputeAllGrades, recomputeRunGrades, refreshCourseGrade } from './api-grading.ts';
import { selectCourseGrade } from './grades-store.ts';
import { createGradesWorld, storeQuizScoreForTest, type GradesWorld } from './grades-test-fixtures.ts';
import { asmCourseGrade } from './schema.ts';

let handle: DatabaseHandle;
let world: GradesWorld;
const at = new Date('2024-03-02T00:00:00Z');

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createGradesWorld(handle.db);
});
afterAll(() => handle.close());

const system = () => ({ db: handle.db, clock: world.helpers.clock, actor: SYSTEM_ACTOR });

async function learnerWith(scores: Array<[keyof GradesWorld['quizzes'], number, number]>) {
  const { learner } = await world.buildEnrolledLearner();
  for (const [quiz, score, max] of scores)
    await storeQuizScoreForTest(handle.db, learner, world.quizzes[quiz], score, max);
  await handle.db.transaction((tx) => refreshCourseGrade(tx, learner, at));
  return learner;
}

describe('recomputeRunGrades', () => {
  it('changes nothing when the stored grades are up to date', async () => {
    await learnerWith([['hw1', 1, 2]]);
    await learnerWith([['exam', 2, 5]]);
    expect(await recomputeRunGrades(system(), world.run.id)).toMatchObject({ examined: 2, changed: 0, newlyPassed: 0 });
  });

  it('rewrites the grades a new policy changes, announces the passes it brings and keeps earlier ones', async () => {
    const examOnly = await learnerWith([['exam', 4, 5]]); // 0.6·0.8 = 0.48 now
    const homeworkOnly = await learnerWith([
      ['hw1', 2, 2],
      ['hw2', 4, 4],
    ]); // 0.4·1 = 0.4
    const passedAlready = await learnerWith([
      ['hw1', 2, 2],
      ['hw2', 4, 4],
      ['exam', 5, 5],
    ]);
    expect((await selectCourseGrade(handle.db, passedAlready.enrollment.id))?.passedAt).toEqual(at);
    const policy: GradingPolicy = { assignmentTypes: [{ name: 'Exam', weight: 1, dropLowest: 0 }], passMark: 0.7 };
    await updateRun(world.cast.leadInstructor.ctx, world.key, world.run.code, { gradingPolicy: policy });
    const counts = await recomputeRunGrades(world.cast.teachingAssistant.ctx, world.run.id, { batchSize: 2 });
    expect(counts.examined).toBe(5);
    expect(counts.newlyPassed).toBe(1);
    expect(await selectCourseGrade(handle.db, examOnly.enrollment.id)).toMatchObject({
      computed: 0.8,
      passed: true,
      passedAt: world.helpers.clock.now(),
      breakdown: [{ type: 'Exam', average: 0.8, weight: 1, dropped: 0 }],
    });
    expect(await selectCourseGrade(handle.db, homeworkOnly.enrollment.id)).toMatchObject({
      computed: 0,
      passed: false,
    });
    expect(await selectCourseGrade(handle.db, passedAlready.enrollment.id)).toMatchObject({
      computed: 1,
      passedAt: at,
    });
    const events = await listOutboxEvents(handle.db, { topic: 'course.passed' });
    expect(events.filter((event) => event.payload.enrollmentUuid === examOnly.enrollment.uuid)).toHaveLength(1);
    expect(await recomputeRunGrades(system(), world.run.id)).toMatchObject({ changed: 0, newlyPassed: 0 });
    await updateRun(world.cast.leadInstructor.ctx, world.key, world.run.code, {
      gradingPolicy: world.run.gradingPolicy,
    });
    await recomputeRunGrades(system(), world.run.id);
    expect(await selectCourseGrade(handle.db, examOnly.enrollment.id)).toMatchObject({ computed: 0.48, passed: true });
  });

  it('is for the system and those who grade', async () => {
    const { cast } = world;
    for (const person of [cast.ownerAdmin, cast.author, cast.learner, cast.otherAdmin]) {
      await expect(recomputeRunGrades(person.ctx, world.run.id)).rejects.toMatchObject({ kind: 'forbidden' });
    }
    await expect(recomputeRunGrades(cast.anonymous, world.run.id)).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(recomputeRunGrades(system(), 987_654_321)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(recomputeRunGrades(cast.leadInstructor.ctx, world.run.id)).resolves.toMatchObject({ runs: 1 });
  });
});

describe('recomputeAllGrades', () => {
  it('repairs every run’s stored grades in batches', async () => {
    const second = await createGradesWorld(handle.db, { helpers: world.helpers });
    const { learner } = await second.buildEnrolledLearner();
    await storeQuizScoreForTest(handle.db, learner, second.quizzes.exam, 5, 5);
    await handle.db.transaction((tx) => refreshCourseGrade(tx, learner, at));
    await handle.db.update(asmCourseGrade).set({ computed: 0.123, breakdown: [] });
    const counts = await recomputeAllGrades(handle.db, { batchSize: 3 });
    const total = (await handle.db.select().from(asmCourseGrade)).length;
    expect(counts).toMatchObject({ runs: 2, examined: total, changed: total, newlyPassed: 0 });
    expect(await selectCourseGrade(handle.db, learner.enrollment.id)).toMatchObject({ computed: 0.6 });
    const rows = await handle.db.select().from(asmCourseGrade).where(eq(asmCourseGrade.computed, 0.123));
    expect(rows).toEqual([]);
    expect(await recomputeAllGrades(handle.db)).toMatchObject({ changed: 0 });
  });
});
