/** A course whose run grants certificates, learners who pass it, and credentials configured for tests. */
import type { Database, Executor } from '../../platform/db/index.ts';
import { consumeOutboxEvents } from '../../platform/outbox/index.ts';
import { COURSE_PASSED_TOPIC, refreshCourseGrade } from '../assessment/index.ts';
import { createGradesWorld, storeQuizScoreForTest } from '../assessment/grades-test-fixtures.ts';
import { updateRun } from '../courses/index.ts';
import type { CourseTestHelpers } from '../courses/test-helpers.ts';
import { handleCoursePassedEvent, type CoursePassFacts, type IssueOutcome } from './issue-course.ts';
import { configureCredentials } from './settings.ts';

export const TEST_BASE_URL = 'https://orbis.example';
export const TEST_KEY_SECRET = 'test-key-encryption-secret-0123456789abcdef';

export function configureCredentialsForTest(): void {
  configureCredentials({ baseUrl: TEST_BASE_URL, keyEncryptionSecret: TEST_KEY_SECRET, loadRemoteDidDocument: null });
}

export async function createCredentialsWorld(db: Database, options: { helpers?: CourseTestHelpers } = {}) {
  configureCredentialsForTest();
  const world = await createGradesWorld(db, options.helpers ? { helpers: options.helpers } : {});
  await updateRun(world.cast.leadInstructor.ctx, world.key, world.run.code, { certificatePolicy: 'free_on_pass' });
  const registrar = await world.helpers.buildPerson(world.cast.lead, 'registrar');

  /** A new learner with full marks on every quiz: the grade refresh writes their course.passed event. */
  async function buildPassedLearner(name = 'Amina Okafor') {
    const person = await world.buildNamedLearner(name);
    for (const quiz of Object.values(world.quizzes)) {
      await storeQuizScoreForTest(db, person.learner, quiz, 5, 5);
    }
    await db.transaction((tx) => refreshCourseGrade(tx, person.learner, world.helpers.clock.now()));
    const facts: CoursePassFacts = {
      enrollmentUuid: person.learner.enrollment.uuid,
      userId: person.user.id,
      runId: world.run.id,
      courseId: world.run.courseId,
      grade: 1,
      passedAt: world.helpers.clock.now(),
    };
    return { ...person, facts };
  }

  /** Runs the course.passed consumer once over what is due, as the worker does. */
  async function issueDueCredentials(): Promise<IssueOutcome[]> {
    const outcomes: IssueOutcome[] = [];
    await consumeOutboxEvents(
      db,
      COURSE_PASSED_TOPIC,
      () => world.helpers.clock.now(),
      async (tx: Executor, event) => {
        outcomes.push(await handleCoursePassedEvent(tx, event.payload, world.helpers.clock.now()));
      },
    );
    return outcomes;
  }

  return { ...world, registrar, buildPassedLearner, issueDueCredentials };
}

export type CredentialsWorld = Awaited<ReturnType<typeof createCredentialsWorld>>;
