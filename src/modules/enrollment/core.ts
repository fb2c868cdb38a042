import { and, eq, sql, type Placeholder } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { ServiceContext } from '../../platform/access/index.ts';
import { createHotPathCache, freezeDeep, scopeKeyOf } from '../../platform/cache/index.ts';
import type { Database, Executor } from '../../platform/db/index.ts';
import { DomainError, forbidden, notFound, unauthenticated } from '../../platform/errors/index.ts';
import {
  getCourseAccess,
  getCourseByKey,
  getRun,
  type CourseCapability,
  type CourseRun,
  type LoadedCourse,
} from '../courses/index.ts';
import type { Enrollment, LearnerRun } from './model.ts';
import { enrEnrollment } from './schema.ts';

type EnrollmentRow = typeof enrEnrollment.$inferSelect;

export function toEnrollment(row: EnrollmentRow): Enrollment {
  return {
    id: row.id,
    uuid: row.uuid,
    runId: row.runId,
    courseId: row.courseId,
    userId: row.userId,
    mode: row.mode,
    status: row.status,
    source: row.source,
    enrolledAt: row.enrolledAt,
    unenrolledAt: row.unenrolledAt,
  };
}

function enrollmentQuery(executor: Executor, runId: number | Placeholder, userId: string | Placeholder) {
  return executor
    .select()
    .from(enrEnrollment)
    .where(and(eq(enrEnrollment.runId, runId), eq(enrEnrollment.userId, userId)));
}

/*
 * Every learner request reads its enrollment, so that query is prepared once per database:
 * building it with Drizzle cost about four times what running the prepared statement costs
 * (ADR 0021). Transactions build it as before, since a prepared query runs outside them.
 */
const preparedEnrollmentQueries = new WeakMap<object, ReturnType<typeof prepareEnrollmentQuery>>();

function prepareEnrollmentQuery(db: Database) {
  return enrollmentQuery(db, sql.placeholder('runId'), sql.placeholder('userId')).prepare('enr_select_enrollment');
}

async function readEnrollment(db: Database, runId: number, userId: string): Promise<Enrollment | null> {
  let prepared = preparedEnrollmentQueries.get(db);
  if (!prepared) {
    prepared = prepareEnrollmentQuery(db);
    preparedEnrollmentQueries.set(db, prepared);
  }
  const [row] = await prepared.execute({ runId, userId });
  return row ? freezeDeep(toEnrollment(row)) : null;
}

/*
 * Kept per run and person for the hot-path TTL (ADR 0021), since every learner request reads
 * it; enrolling, leaving and bulk enrollment forget it in this process, inside their
 * transactions. Another process may let someone who just left read the run's pages for up to
 * the TTL. "Not enrolled" is not kept: anyone signed in could fill the cache with it.
 */
const ENROLLMENT_SETTLE_MS = 2_000;
const enrollments = createHotPathCache<Enrollment | null>({
  maxEntries: 100_000,
  settleMs: ENROLLMENT_SETTLE_MS,
  isStorable: (enrollment) => enrollment !== null,
});

export async function selectEnrollment(executor: Executor, runId: number, userId: string): Promise<Enrollment | null> {
  if (executor instanceof PgTransaction) {
    const [row] = await enrollmentQuery(executor, runId, userId);
    return row ? toEnrollment(row) : null;
  }
  return enrollments.getOrLoad(`${scopeKeyOf(executor)}|${runId}|${userId}`, () =>
    readEnrollment(executor, runId, userId),
  );
}

/** Called by every writer of enrollments inside its transaction (the settling covers the commit); no person: the whole run. */
export function forgetEnrollments(runId: number, userId?: string): void {
  enrollments.invalidate(
    (enrollment) =>
      enrollment !== null && enrollment.runId === runId && (userId === undefined || enrollment.userId === userId),
  );
}

/**
 * A published course and one of its runs, as anyone may see them. A course never published, or a
 * run code it does not have, is not found. Errors: not_found.
 */
export async function requirePublicRun(
  executor: Executor,
  courseKey: string,
  runCode: string,
): Promise<{ course: LoadedCourse; run: CourseRun }> {
  const course = await getCourseByKey(executor, courseKey);
  if (!course || course.latestReleaseId === null) throw notFound('course');
  const run = await getRun(executor, course.id, runCode);
  if (!run) throw notFound('run');
  return { course, run };
}

/** Raised when a signed-in person opens a run's learning pages without being enrolled in it. */
export function notEnrolled(): DomainError {
  return new DomainError('forbidden', 'enrollment.required', 'Enroll in this run to see its content.');
}

/**
 * The course, run and the actor's active enrollment, for every learner-side read and write.
 * Errors: unauthenticated, not_found (course, run), forbidden 'enrollment.required'.
 */
export async function requireLearnerRun(ctx: ServiceContext, courseKey: string, runCode: string): Promise<LearnerRun> {
  if (!ctx.actor) throw unauthenticated();
  const { course, run } = await requirePublicRun(ctx.db, courseKey, runCode);
  const enrollment = await selectEnrollment(ctx.db, run.id, ctx.actor.userId);
  if (!enrollment || enrollment.status !== 'active') throw notEnrolled();
  return { course, run, enrollment };
}

/** The actor's enrollment in a run, active or not; null for anonymous people and strangers. */
export async function findMyEnrollment(ctx: ServiceContext, runId: number): Promise<Enrollment | null> {
  if (!ctx.actor) return null;
  return selectEnrollment(ctx.db, runId, ctx.actor.userId);
}

/**
 * A run for its staff: the course team and owner admins with `capability` ('view_learners',
 * 'enroll_learners' or 'grade'). Someone without any role in the course gets not_found for an
 * unpublished course and forbidden otherwise. Errors: unauthenticated, not_found, forbidden.
 */
export async function requireStaffRun(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  capability: CourseCapability,
): Promise<{ course: LoadedCourse; run: CourseRun; capabilities: Set<CourseCapability> }> {
  if (!ctx.actor) throw unauthenticated();
  const { course, capabilities } = await getCourseAccess(ctx, courseKey);
  const run = await getRun(ctx.db, course.id, runCode);
  if (!run) throw notFound('run');
  if (!capabilities.has(capability)) throw forbidden();
  return { course, run, capabilities };
}
