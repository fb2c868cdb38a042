import { randomUUID } from 'node:crypto';
import { createTestApp, getCsrf, signIn, type TestContext } from '../../../../test/support/app.ts';
import { insertExportAttempt, insertExportCourseGrade } from '../../../modules/assessment/export-data-test-fixtures.ts';
import { createCourseTestHelpers } from '../../../modules/courses/test-helpers.ts';
import {
  insertExportCompletion,
  insertExportPosition,
  insertExportVideoProgress,
} from '../../../modules/courseware/export-data-test-fixtures.ts';
import {
  insertExportEnrollment,
  publishExportCourse,
  type ExportCourse,
} from '../../../modules/enrollment/export-data-test-fixtures.ts';
import type { Enrollment } from '../../../modules/enrollment/index.ts';
import { createAccount, createApiToken } from '../../../modules/identity/index.ts';
import { recordLearningActions, type LearningAction } from '../../../modules/records/index.ts';
import { SYSTEM_ACTOR } from '../../../platform/access/index.ts';

export const ROLES = [
  'anonymous',
  'ada',
  'bo',
  'author',
  'assistant',
  'instructor',
  'lead',
  'ownerAdmin',
  'partnerAdmin',
  'otherAdmin',
  'otherLead',
  'secretariat',
] as const;
export type Role = (typeof ROLES)[number];
type Session = { cookies: string; token: string; apiToken: string };

const PASSWORD = 'a-long-test-password';

/** One learner's data, every piece marked with a string no one else's data contains. */
export type SeededLearner = { id: string; email: string; canary: string; enrollment: Enrollment; statements: number };

/**
 * An app with one published course and run, a second course, a person in every place that
 * matters to learning data access, and two learners (Ada and Bo) with progress, attempts, a grade
 * and learning records, each marked with their own canary string.
 */
export async function createLearningDataWorld() {
  const ctx: TestContext = await createTestApp();
  const { db, clock } = ctx.platform;
  const helpers = createCourseTestHelpers(db);
  const course: ExportCourse = await publishExportCourse(helpers);
  const otherCourse = await publishExportCourse(helpers, { title: 'Circular Design', runCode: 'spring' });
  const system = { db, clock, actor: SYSTEM_ACTOR };

  async function buildLearner(label: string): Promise<SeededLearner> {
    const canary = `CANARY-${label}-${randomUUID().slice(0, 8)}`;
    const email = `${label.toLowerCase()}-${randomUUID().slice(0, 6)}@example.test`;
    const user = await createAccount(system, {
      email,
      name: `${label} ${canary}-name`,
      password: PASSWORD,
      secretariat: false,
    });
    const enrollment = await insertExportEnrollment(db, course.run, user.id);
    const statements = await seedLearning(ctx, course, enrollment, canary);
    return { id: user.id, email, canary, enrollment, statements };
  }

  const ada = await buildLearner('Ada');
  const bo = await buildLearner('Bo');
  const { cast } = course;
  const secretariat = await helpers.buildUser({ secretariat: true });
  const people: Record<Exclude<Role, 'anonymous'>, { id: string; email: string }> = {
    ada,
    bo,
    author: cast.author.user,
    assistant: cast.teachingAssistant.user,
    instructor: cast.instructor.user,
    lead: cast.leadInstructor.user,
    ownerAdmin: cast.ownerAdmin.user,
    partnerAdmin: cast.partnerAdmin.user,
    otherAdmin: cast.otherAdmin.user,
    otherLead: otherCourse.cast.leadInstructor.user,
    secretariat,
  };
  const sessions = { anonymous: { ...(await getCsrf(ctx.app)), apiToken: '' } } as Record<Role, Session>;
  for (const [role, person] of Object.entries(people)) {
    const session = await getCsrf(ctx.app, await signIn(ctx.app, person.email, PASSWORD));
    const actor = { userId: person.id, isSecretariat: false, memberships: [], via: 'session' as const };
    const { token } = await createApiToken({ db, clock, actor }, { name: 'learning data tests' });
    sessions[role as Role] = { ...session, apiToken: token };
  }

  /** A GET as a role, with their browser session (or nothing for anonymous visitors). */
  const get = (role: Role, url: string) =>
    ctx.app.inject({ method: 'GET', url, headers: role === 'anonymous' ? {} : { cookie: sessions[role].cookies } });
  /** A GET as a role with their personal API token. */
  const getWithToken = (role: Role, url: string) =>
    ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${sessions[role].apiToken}` } });

  return { ctx, course, otherCourse, ada, bo, sessions, get, getWithToken, close: () => ctx.close() };
}

export type LearningDataWorld = Awaited<ReturnType<typeof createLearningDataWorld>>;

/** Progress, a submitted attempt, a graded override and learning records, all carrying `canary`. */
async function seedLearning(ctx: TestContext, course: ExportCourse, enrollment: Enrollment, canary: string) {
  const { db } = ctx.platform;
  const at = new Date('2027-03-02T10:00:00Z');
  const target = { enrollmentId: enrollment.id, versionId: course.text.versionId };
  await insertExportCompletion(db, { ...target, entityId: course.text.entityId, at });
  await insertExportVideoProgress(db, {
    ...target,
    entityId: course.video.entityId,
    ranges: [[0, 30]],
    durationSeconds: 120,
    positionSeconds: 30,
    at,
  });
  await insertExportPosition(db, { ...target, entityId: course.unit.entityId, at });
  const answers = { q1: ['a'], q2: `${canary}-answer` };
  const results = [
    { questionId: 'q1', points: 1, maxPoints: 1, correct: true },
    { questionId: 'q2', points: 0, maxPoints: 1, correct: false },
  ];
  await insertExportAttempt(db, enrollment, course.quizzes.immediately, {
    startedAt: at,
    submitted: { answers, results, at },
  });
  await insertExportCourseGrade(db, enrollment, {
    computed: 0.5,
    override: { value: 0.7, reason: `${canary}-reason`, by: course.cast.leadInstructor.user.id, at },
    at,
  });
  const context = {
    runId: course.run.id,
    runUuid: course.run.uuid,
    registration: enrollment.uuid,
    courseKey: course.cast.course.key,
    language: 'en',
  };
  const quiz = { kind: 'quiz' as const, ref: course.quizzes.immediately.uuid, name: 'Check-in' };
  const actions: LearningAction[] = [
    { userId: enrollment.userId, verb: 'registered', object: { kind: 'run', ref: course.run.uuid }, context, at },
    { userId: enrollment.userId, verb: 'attempted', object: quiz, context, at },
    {
      userId: enrollment.userId,
      verb: 'answered',
      object: { kind: 'question', ref: `${course.quizzes.immediately.uuid}.q2` },
      result: { response: `${canary}-response` },
      context: { ...context, parent: quiz },
      at,
    },
    {
      userId: enrollment.userId,
      verb: 'scored',
      object: quiz,
      result: { score: { raw: 1, min: 0, max: 2, scaled: 0.5 } },
      context,
      at,
    },
  ];
  await recordLearningActions(db, actions, at);
  return actions.length;
}
