import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Database, Executor } from '../../platform/db/index.ts';
import {
  addBlock,
  addSection,
  addUnit,
  createRun,
  publishCourse,
  type BlockInput,
  type CourseRun,
  type GradingPolicy,
  type TreeBlock,
} from '../courses/index.ts';
import { createCourseTestHelpers, type CourseCast, type CourseTestHelpers } from '../courses/test-helpers.ts';
import { createAccount } from '../identity/index.ts';
import { requireLearnerRun, type LearnerRun } from '../enrollment/index.ts';
import { asmQuizScore } from './schema.ts';

/*
 * A published course with graded and practice quizzes of several types, one self-paced run under
 * a known policy, and ways to enroll people and give them quiz scores without the enrollment and
 * quiz services, which have their own tests.
 */

export const TEST_POLICY: GradingPolicy = {
  assignmentTypes: [
    { name: 'Homework', weight: 0.4, dropLowest: 1 },
    { name: 'Exam', weight: 0.6, dropLowest: 0 },
  ],
  passMark: 0.6,
};

/** A quiz of single-choice questions worth `points` each (correct choice: 'a'). */
export function buildQuiz(
  title: string,
  options: { mode?: 'graded' | 'practice'; assignmentType?: string; points?: number[] } = {},
): BlockInput {
  return {
    type: 'quiz',
    title,
    mode: options.mode ?? 'graded',
    assignmentType: options.assignmentType ?? 'Homework',
    attemptsAllowed: null,
    questions: (options.points ?? [1, 1]).map((points, index) => ({
      id: `q${index + 1}`,
      kind: 'single_choice' as const,
      prompt: `Question ${index + 1}`,
      points,
      choices: [
        { id: 'a', text: 'Right', correct: true },
        { id: 'b', text: 'Wrong', correct: false },
      ],
    })),
  };
}

export const DEFAULT_QUIZZES = {
  hw1: buildQuiz('Homework 1', { points: [1, 1] }),
  hw2: buildQuiz('Homework 2', { points: [1, 1, 2] }),
  hw3: buildQuiz('Homework 3', { points: [2] }),
  exam: buildQuiz('Final exam', { assignmentType: 'Exam', points: [2, 2, 1] }),
  practice: buildQuiz('Warm-up', { mode: 'practice', points: [1] }),
  lab: buildQuiz('Lab notes', { assignmentType: 'Lab', points: [1] }),
} satisfies Record<string, BlockInput>;

export type DefaultQuizKey = keyof typeof DEFAULT_QUIZZES;
export type GradesWorld<Keys extends string = DefaultQuizKey> = Awaited<ReturnType<typeof createGradesWorld<Keys>>>;

export async function createGradesWorld<Keys extends string = DefaultQuizKey>(
  db: Database,
  options: { policy?: GradingPolicy; quizzes?: Record<Keys, BlockInput>; helpers?: CourseTestHelpers } = {},
) {
  // Several worlds in one database share the helpers, whose counters keep keys unique.
  const helpers = options.helpers ?? createCourseTestHelpers(db);
  const cast: CourseCast = await helpers.buildCourseWithTeam();
  const { ctx } = cast.leadInstructor;
  const key = cast.course.key;
  const section = await addSection(ctx, key, { title: 'Week 1' });
  const unit = await addUnit(ctx, key, section.key, { title: 'Quizzes' });
  const inputs = (options.quizzes ?? DEFAULT_QUIZZES) as Record<Keys, BlockInput>;
  const quizzes = {} as Record<Keys, TreeBlock>;
  for (const name of Object.keys(inputs) as Keys[]) quizzes[name] = await addBlock(ctx, key, unit.key, inputs[name]);
  await publishCourse(ctx, key, { message: 'First edition' });
  const run = await createRun(ctx, key, {
    code: 'SP',
    pacing: 'self_paced',
    language: 'en',
    gradingPolicy: options.policy ?? TEST_POLICY,
  });

  async function enroll(person: { ctx: ServiceContext }, mode: 'audit' | 'verified' = 'audit'): Promise<LearnerRun> {
    return enrollInRunForTest(db, person.ctx, key, run, mode);
  }

  /** A new learner enrolled in the run. */
  async function buildEnrolledLearner(mode: 'audit' | 'verified' = 'audit') {
    const person = await helpers.buildLearner();
    return { ...person, learner: await enroll(person, mode) };
  }

  let named = 0;
  /** A learner with a chosen name (and a matching address), enrolled in the run. */
  async function buildNamedLearner(name: string, mode: 'audit' | 'verified' = 'audit') {
    named += 1;
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/gu, '.');
    const user = await createAccount(helpers.system, {
      email: `${slug}.${named}.${Date.now().toString(36)}@example.test`,
      name,
      password: 'a-long-test-password',
    });
    const ctx = await helpers.contextFor(user.id);
    return { user, ctx, learner: await enroll({ ctx }, mode) };
  }

  return { helpers, cast, key, run, quizzes, enroll, buildEnrolledLearner, buildNamedLearner };
}

/**
 * `count` accounts enrolled in the run, written with set-based SQL (tens of thousands in
 * seconds), named `<prefix> 00001`…; every third one scored `score` on `quiz`.
 */
export async function seedLearnersForTest(
  db: Database,
  run: Pick<CourseRun, 'id' | 'courseId'>,
  count: number,
  options: { prefix?: string; quiz?: Pick<TreeBlock, 'entityId'>; score?: number; maxScore?: number } = {},
): Promise<void> {
  const prefix = options.prefix ?? `Bulk ${run.id}`;
  const at = '2024-03-01T10:00:00Z';
  await db.execute(sql`
    with people as (
      insert into idn_user (name, email, email_verified, created_at, updated_at)
      select ${prefix} || ' ' || lpad(n::text, 5, '0'),
             'bulk-' || ${String(run.id)} || '-' || n || '-' || md5(random()::text) || '@example.test',
             true, ${at}, ${at}
      from generate_series(1, ${count}) as n
      returning id
    )
    insert into enr_enrollment (run_id, course_id, user_id, enrolled_at, created_at, updated_at)
    select ${run.id}, ${run.courseId}, id, ${at}, ${at}, ${at} from people`);
  if (!options.quiz) return;
  await db.execute(sql`
    insert into asm_quiz_score (enrollment_id, block_entity_id, run_id, score, max_score, attempts_used, best_attempt_id, updated_at)
    select e.id, ${options.quiz.entityId}, e.run_id, ${options.score ?? 1}, ${options.maxScore ?? 2}, 1, 0, ${at}
    from enr_enrollment e
    where e.run_id = ${run.id} and e.id % 3 = 0
    on conflict do nothing`);
}

/** An active enrollment written directly, then read back as the learner's services see it. */
export async function enrollInRunForTest(
  db: Database,
  ctx: ServiceContext,
  courseKey: string,
  run: CourseRun,
  mode: 'audit' | 'verified' = 'audit',
): Promise<LearnerRun> {
  const at = ctx.clock.now().toISOString();
  await db.execute(sql`
    insert into enr_enrollment (run_id, course_id, user_id, mode, enrolled_at, created_at, updated_at)
    values (${run.id}, ${run.courseId}, ${ctx.actor!.userId}, ${mode}, ${at}, ${at}, ${at})
    on conflict (run_id, user_id) do update set status = 'active', unenrolled_at = null`);
  return requireLearnerRun(ctx, courseKey, run.code);
}

export { setEnrollmentStatusForTest } from '../enrollment/test-helpers.ts';

/** Stores a best score as a submitted attempt would (the attempt itself is not needed here). */
export async function storeQuizScoreForTest(
  executor: Executor,
  learner: LearnerRun,
  quiz: Pick<TreeBlock, 'entityId'>,
  score: number,
  maxScore: number,
  at: Date = new Date('2024-03-01T10:00:00Z'),
): Promise<void> {
  const values = {
    enrollmentId: learner.enrollment.id,
    blockEntityId: quiz.entityId,
    runId: learner.run.id,
    score,
    maxScore,
    attemptsUsed: 1,
    bestAttemptId: 0,
    updatedAt: at,
  };
  await executor
    .insert(asmQuizScore)
    .values(values)
    .onConflictDoUpdate({
      target: [asmQuizScore.enrollmentId, asmQuizScore.blockEntityId],
      set: { score, maxScore, updatedAt: at, attemptsUsed: sql`${asmQuizScore.attemptsUsed} + 1` },
    });
}
