import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { defineStatement, isUniqueViolation, runStatement } from '../../platform/db/index.ts';
import { conflict, invalid, notFound } from '../../platform/errors/index.ts';
import { appendOutboxEvent } from '../../platform/outbox/index.ts';
import { createCourseCache, lockCourse, parseCourseInput, requireCourse, type LoadedCourse } from './core.ts';
import type { CourseRun, GradingPolicy } from './model.ts';
import { crsRelease, crsRun } from './schema.ts';
import { auditCourse } from './team-shared.ts';
import {
  newRunSchema,
  runChangesSchema,
  runSettingsSchema,
  type NewRun,
  type RunChanges,
  type RunSettings,
} from './runs-validation.ts';
import { notifyCourseChanged } from './events.ts';

type RunRow = typeof crsRun.$inferSelect;

/**
 * Outbox topic written when a run's stored grades may no longer match it: its grading policy
 * changed or it moved to another release. Payload: `{ runId }`. Grading consumes it and
 * recomputes the run; courses, lower down, only says that it happened.
 */
export const RUN_GRADES_STALE_TOPIC = 'run.grades_stale';

/** Each change gets its own event, even two in the same millisecond: none may be deduplicated away. */
async function announceGradesStale(tx: Executor, run: CourseRun, at: Date): Promise<void> {
  await appendOutboxEvent(tx, {
    topic: RUN_GRADES_STALE_TOPIC,
    dedupeKey: `${RUN_GRADES_STALE_TOPIC}:${run.uuid}:${at.getTime()}:${randomUUID()}`,
    payload: { runId: run.id },
    at,
  });
}

function toRun(row: RunRow, releaseNumber: number): CourseRun {
  return {
    id: row.id,
    uuid: row.uuid,
    courseId: row.courseId,
    code: row.code,
    pacing: row.pacing,
    language: row.language,
    enrollmentOpensAt: row.enrollmentOpensAt,
    enrollmentClosesAt: row.enrollmentClosesAt,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    releaseId: row.releaseId,
    releaseNumber,
    capacity: row.capacity,
    certificatePolicy: row.certificatePolicy,
    gradingPolicy: row.gradingPolicy,
  };
}

function selectRuns(executor: Executor) {
  return executor
    .select({ run: crsRun, releaseNumber: crsRelease.number })
    .from(crsRun)
    .innerJoin(crsRelease, eq(crsRelease.id, crsRun.releaseId));
}

/** Every run of a course, the earliest start first (self-paced runs without dates last). */
export async function listCourseRuns(executor: Executor, courseId: number): Promise<CourseRun[]> {
  const rows = await selectRuns(executor)
    .where(eq(crsRun.courseId, courseId))
    .orderBy(sql`${crsRun.startsAt} asc nulls last`, asc(crsRun.code));
  return rows.map((row) => toRun(row.run, row.releaseNumber));
}

const knownRuns = createCourseCache<CourseRun | null>({
  courseIdOf: (run) => run?.courseId ?? null,
  isStorable: (run) => run !== null,
});

/** A run by course and code. Outside a transaction it comes from the course cache (frozen, ADR 0021). */
export async function getRun(executor: Executor, courseId: number, code: string): Promise<CourseRun | null> {
  return knownRuns.read(executor, `${courseId}|${code}`, async () => {
    const [row] = await selectRuns(executor).where(and(eq(crsRun.courseId, courseId), eq(crsRun.code, code)));
    return row ? toRun(row.run, row.releaseNumber) : null;
  });
}

/** A run by its id (enrollments point at runs by id); null when unknown. */
export async function getRunById(executor: Executor, runId: number): Promise<CourseRun | null> {
  const [row] = await selectRuns(executor).where(eq(crsRun.id, runId));
  return row ? toRun(row.run, row.releaseNumber) : null;
}

const RUN_GRADING_POLICY = defineStatement<{ grading_policy: GradingPolicy }>(
  'crs_run_grading_policy',
  'select grading_policy from crs_run where id = $1',
);

/**
 * The run's grading policy as committed now, never from a cache. Grading reads it after taking a
 * learner's grade lock: a policy change committed before that is seen, and the recomputation a
 * later change triggers has to wait for the lock, so no grade is left under an old policy.
 */
export async function readRunGradingPolicy(executor: Executor, runId: number): Promise<GradingPolicy | null> {
  const [row] = await runStatement(executor, RUN_GRADING_POLICY, [runId]);
  return row ? row.grading_policy : null;
}

async function requireRun(executor: Executor, courseId: number, code: string): Promise<CourseRun> {
  const run = await getRun(executor, courseId, code);
  if (!run) throw notFound('run');
  return run;
}

/** A release of this course; a release of another course is reported as unknown. */
async function requireRelease(executor: Executor, course: LoadedCourse, releaseId: number) {
  const [release] = await executor
    .select({ id: crsRelease.id, number: crsRelease.number })
    .from(crsRelease)
    .where(and(eq(crsRelease.id, releaseId), eq(crsRelease.courseId, course.id)));
  if (!release) {
    throw invalid('run.invalid', `releaseId: release ${releaseId} is not a release of this course`, {
      fields: [{ field: 'releaseId', message: 'is not a release of this course' }],
    });
  }
  return release;
}

function settingsOf(run: CourseRun): RunSettings {
  const { pacing, language, enrollmentOpensAt, enrollmentClosesAt, startsAt, endsAt } = run;
  const { capacity, certificatePolicy, gradingPolicy } = run;
  return {
    pacing,
    language,
    enrollmentOpensAt,
    enrollmentClosesAt,
    startsAt,
    endsAt,
    capacity,
    certificatePolicy,
    gradingPolicy,
  };
}

function describe(settings: RunSettings): Record<string, unknown> {
  return JSON.parse(JSON.stringify(settings)) as Record<string, unknown>;
}

/**
 * Opens an edition of a published course, serving the latest release unless one is named.
 * Errors: not_found, forbidden, invalid 'run.invalid', conflict 'course.not_published', 'run.code_taken'.
 */
export async function createRun(ctx: ServiceContext, courseKey: string, input: NewRun): Promise<CourseRun> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'manage_runs');
  const { code, releaseId, ...settings } = parseCourseInput(newRunSchema, input, 'run.invalid');
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      await lockCourse(tx, course.id);
      const release = await pickRelease(tx, course, releaseId);
      if (await getRun(tx, course.id, code)) throw runCodeTaken(code);
      await tx.insert(crsRun).values({
        courseId: course.id,
        code,
        ...settings,
        releaseId: release.id,
        createdAt: now,
        updatedAt: now,
      });
      const run = await requireRun(tx, course.id, code);
      await auditCourse(tx, ctx, course, {
        action: 'course.run_created',
        objectType: 'course_run',
        objectId: run.uuid,
        after: { code, releaseNumber: release.number, ...describe(settings) },
        at: now,
      });
      await notifyCourseChanged(tx, { courseId: course.id, kind: 'runs' });
      return run;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw runCodeTaken(code);
    throw error;
  }
}

function runCodeTaken(code: string) {
  return conflict('run.code_taken', `This course already has a run with the code "${code}".`);
}

async function pickRelease(tx: Executor, course: LoadedCourse, releaseId: number | null) {
  if (releaseId !== null) return requireRelease(tx, course, releaseId);
  const [latest] = await tx
    .select({ id: crsRelease.id, number: crsRelease.number })
    .from(crsRelease)
    .where(eq(crsRelease.courseId, course.id))
    .orderBy(sql`${crsRelease.number} desc`)
    .limit(1);
  if (!latest) {
    throw conflict('course.not_published', 'Publish the course before opening a run: a run serves a release.');
  }
  return latest;
}

/** Changes dates, pacing, language, capacity or policies. Errors: not_found, forbidden, invalid 'run.invalid'. */
export async function updateRun(
  ctx: ServiceContext,
  courseKey: string,
  code: string,
  changes: RunChanges,
): Promise<CourseRun> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'manage_runs');
  const parsed = parseCourseInput(runChangesSchema, changes, 'run.invalid');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await lockCourse(tx, course.id);
    const run = await requireRun(tx, course.id, code);
    const before = settingsOf(run);
    const defined = Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined));
    const after = parseCourseInput(runSettingsSchema, { ...before, ...defined }, 'run.invalid');
    await tx
      .update(crsRun)
      .set({ ...after, updatedAt: now })
      .where(eq(crsRun.id, run.id));
    await auditCourse(tx, ctx, course, {
      action: 'course.run_updated',
      objectType: 'course_run',
      objectId: run.uuid,
      before: describe(before),
      after: describe(after),
      at: now,
    });
    if (!isDeepStrictEqual(before.gradingPolicy, after.gradingPolicy)) await announceGradesStale(tx, run, now);
    await notifyCourseChanged(tx, { courseId: course.id, kind: 'runs' });
    return requireRun(tx, course.id, code);
  });
}

/**
 * Points a run at another release of its course: the only way a run's content changes, so
 * learners are never moved by a publish alone. Errors: not_found, forbidden, invalid 'run.invalid'.
 */
export async function moveRunToRelease(
  ctx: ServiceContext,
  courseKey: string,
  code: string,
  releaseId: number,
): Promise<CourseRun> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'manage_runs');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await lockCourse(tx, course.id);
    const run = await requireRun(tx, course.id, code);
    const release = await requireRelease(tx, course, releaseId);
    if (release.id === run.releaseId) return run;
    await tx.update(crsRun).set({ releaseId: release.id, updatedAt: now }).where(eq(crsRun.id, run.id));
    await auditCourse(tx, ctx, course, {
      action: 'course.run_moved',
      objectType: 'course_run',
      objectId: run.uuid,
      before: { code, releaseId: run.releaseId, releaseNumber: run.releaseNumber },
      after: { code, releaseId: release.id, releaseNumber: release.number },
      at: now,
    });
    await announceGradesStale(tx, run, now);
    await notifyCourseChanged(tx, { courseId: course.id, kind: 'runs' });
    return requireRun(tx, course.id, code);
  });
}
