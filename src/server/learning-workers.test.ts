import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.ts';
import { refreshCourseGrade } from '../modules/assessment/index.ts';
import {
  createGradesWorld,
  storeQuizScoreForTest,
  type GradesWorld,
} from '../modules/assessment/grades-test-fixtures.ts';
import { selectCourseGrade } from '../modules/assessment/grades-store.ts';
import { updateRun, type GradingPolicy } from '../modules/courses/index.ts';
import { listStatementsOfUser } from '../modules/records/index.ts';
import { loadConfig } from '../platform/config/index.ts';
import type { DatabaseHandle } from '../platform/db/index.ts';
import { createLogger } from '../platform/log/index.ts';
import { appendOutboxEvent, listOutboxEvents } from '../platform/outbox/index.ts';
import { createLocalStorage } from '../platform/storage/index.ts';
import { RUN_GRADES_STALE_TOPIC, startLearningWorkers, type LearningWorkers } from './learning-workers.ts';
import { openPlatform } from './platform.ts';

let handle: DatabaseHandle;
let world: GradesWorld;
let workers: LearningWorkers;
const at = new Date('2024-03-02T00:00:00Z');
const examOnlyPolicy: GradingPolicy = { assignmentTypes: [{ name: 'Exam', weight: 1, dropLowest: 0 }], passMark: 0.7 };

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createGradesWorld(handle.db);
  // Polls rarely: the tests flush it when they want it to work.
  workers = startLearningWorkers(handle.db, {
    clock: world.helpers.clock,
    logger: createLogger('silent'),
    intervalMs: 60_000,
  });
});
afterAll(async () => {
  await workers.stop();
  await handle.close();
});

async function learnerWith(scores: Array<[keyof GradesWorld['quizzes'], number, number]>) {
  const { learner } = await world.buildEnrolledLearner();
  for (const [quiz, score, max] of scores) {
    await storeQuizScoreForTest(handle.db, learner, world.quizzes[quiz], score, max);
  }
  await handle.db.transaction((tx) => refreshCourseGrade(tx, learner, at));
  return learner;
}

const staleEvents = () => listOutboxEvents(handle.db, { topic: RUN_GRADES_STALE_TOPIC });
/** Events due by now that the workers still have to handle. */
const pendingEvents = async () =>
  (await listOutboxEvents(handle.db, { status: 'pending' })).filter(
    (event) =>
      [RUN_GRADES_STALE_TOPIC, 'course.passed'].includes(event.topic) && event.createdAt <= world.helpers.clock.now(),
  );
const passEventsOf = async (enrollmentUuid: string) =>
  (await listOutboxEvents(handle.db, { topic: 'course.passed' })).filter(
    (event) => event.payload.enrollmentUuid === enrollmentUuid,
  );
const passedStatementsOf = async (userId: string) =>
  (await listStatementsOfUser(handle.db, userId, { verb: 'passed' })).statements;

describe('the stale grades worker', () => {
  it('recomputes a run’s stored grades after its policy changed, announcing each new pass once', async () => {
    const examOnly = await learnerWith([['exam', 4, 5]]); // 0.6 · 0.8 = 0.48 under the first policy
    const homeworkOnly = await learnerWith([
      ['hw1', 2, 2],
      ['hw2', 4, 4],
    ]);
    const passedAlready = await learnerWith([
      ['hw1', 2, 2],
      ['hw2', 4, 4],
      ['exam', 5, 5],
    ]);
    await updateRun(world.cast.leadInstructor.ctx, world.key, world.run.code, { gradingPolicy: examOnlyPolicy });
    const events = await staleEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: 'pending', payload: { runId: world.run.id } });
    expect(await selectCourseGrade(handle.db, examOnly.enrollment.id)).toMatchObject({ computed: 0.48, passed: false });

    // The stale grades event, then any pass due by now (the credentials consumer) are handled.
    expect(await workers.flush()).toBeGreaterThanOrEqual(1);
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
    expect(await passEventsOf(examOnly.enrollment.uuid)).toHaveLength(1);
    expect(await passedStatementsOf(examOnly.enrollment.userId)).toHaveLength(1);
    expect(await passEventsOf(passedAlready.enrollment.uuid)).toHaveLength(1);
    expect(await passedStatementsOf(passedAlready.enrollment.userId)).toHaveLength(1);
    expect((await staleEvents()).map((event) => event.status)).toEqual(['done']);
    expect(await workers.flush()).toBe(0);

    // Back to the first policy: the grade follows, the pass stays, nothing is announced again.
    await updateRun(world.cast.leadInstructor.ctx, world.key, world.run.code, {
      gradingPolicy: world.run.gradingPolicy,
    });
    expect(await workers.flush()).toBe(1);
    expect(await selectCourseGrade(handle.db, examOnly.enrollment.id)).toMatchObject({ computed: 0.48, passed: true });
    expect(await passEventsOf(examOnly.enrollment.uuid)).toHaveLength(1);
    expect(await passedStatementsOf(examOnly.enrollment.userId)).toHaveLength(1);
  });

  it('settles events for runs that are gone or not named, without retrying them', async () => {
    const now = world.helpers.clock.now();
    for (const [key, payload] of [
      ['gone', { runId: 987_654_321 }],
      ['unnamed', { runId: 'one' }],
    ] as const) {
      await appendOutboxEvent(handle.db, { topic: RUN_GRADES_STALE_TOPIC, dedupeKey: `test:${key}`, payload, at: now });
    }
    expect(await workers.flush()).toBe(2);
    const settled = (await staleEvents()).filter((event) => event.dedupeKey.startsWith('test:'));
    expect(settled.map((event) => [event.status, event.attempts])).toEqual([
      ['done', 1],
      ['done', 1],
    ]);
  });
});

describe('the platform', () => {
  it('runs the workers only when asked, and stops them when it closes', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'orbis-workers-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      ORBIS_BASE_URL: 'http://localhost:3000',
      ORBIS_SECRET: 'test-secret-test-secret-test-secret-0000',
      ORBIS_DEMO: 'false',
      ORBIS_LOG_LEVEL: 'silent',
      ORBIS_DATA_DIR: dataDir,
    });
    const common = { database: handle, migrate: false, dispatchMail: false, storage: createLocalStorage(dataDir) };
    try {
      const quiet = await openPlatform(config, common);
      expect(quiet.workers).toBeNull();
      await quiet.close();
      const busy = await openPlatform(config, { ...common, runWorkers: true });
      expect(busy.workers).not.toBeNull();
      await busy.workers!.flush();
      expect(await pendingEvents()).toEqual([]);
      expect(await busy.workers!.flush()).toBe(0);
      await busy.close();
      expect(await busy.workers!.flush()).toBe(0);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
