import { asc } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Database, Executor } from '../../platform/db/index.ts';
import { notFound, unauthenticated } from '../../platform/errors/index.ts';
import { getCourseById, getReleaseTree, getRunById, type CourseRun, type LoadedCourse } from '../courses/index.ts';
import { requireStaffRun } from '../enrollment/index.ts';
import { createRunScope, recomputeBatch } from './recompute-batch.ts';
import { selectRunGradeIds } from './recompute-queries.ts';
import { asmCourseGrade } from './schema.ts';

export const RECOMPUTE_BATCH_SIZE = 2000;

export type RecomputeCounts = { runs: number; examined: number; changed: number; newlyPassed: number };

/**
 * Recomputes every stored grade of one run in batches: the release's graded quizzes are read
 * once, the run's grade ids listed once, and each batch of rows is locked, recomputed and its
 * changed rows written in one short transaction (submissions of other learners go on). A
 * recompute that lifts a learner over the pass mark announces the pass like a submission would.
 * Rows created meanwhile need nothing: the submission that creates one grades it under the
 * current policy and release.
 */
async function recomputeRun(db: Database, course: LoadedCourse, run: CourseRun, batchSize: number, at: Date) {
  const scope = createRunScope(course, run, await getReleaseTree(db, run.releaseId));
  const ids = await selectRunGradeIds(db, run.id);
  const counts: RecomputeCounts = { runs: 1, examined: 0, changed: 0, newlyPassed: 0 };
  for (let start = 0; start < ids.length; start += batchSize) {
    const slice = ids.slice(start, start + batchSize);
    const batch = await db.transaction((tx) => recomputeBatch(tx, scope, slice, at));
    counts.examined += batch.examined;
    counts.changed += batch.changed;
    counts.newlyPassed += batch.newlyPassed;
  }
  return counts;
}

function batchSizeOf(options: { batchSize?: number }): number {
  return Math.max(1, Math.min(options.batchSize ?? RECOMPUTE_BATCH_SIZE, 50_000));
}

async function loadRun(executor: Executor, runId: number): Promise<{ course: LoadedCourse; run: CourseRun }> {
  const run = await getRunById(executor, runId);
  const course = run ? await getCourseById(executor, run.courseId) : null;
  if (!run || !course) throw notFound('run');
  return { course, run };
}

/**
 * Recomputes a run's stored grades, after its policy changed or it moved to another release.
 * The system (CLI, jobs) may always; people need 'grade' on the course.
 * Errors: unauthenticated, not_found (run), forbidden.
 */
export async function recomputeRunGrades(
  ctx: ServiceContext,
  runId: number,
  options: { batchSize?: number } = {},
): Promise<RecomputeCounts> {
  if (!ctx.actor) throw unauthenticated();
  const { course, run } = await loadRun(ctx.db, runId);
  if (ctx.actor.via !== 'system') await requireStaffRun(ctx, course.key, run.code, 'grade');
  return recomputeRun(ctx.db, course, run, batchSizeOf(options), ctx.clock.now());
}

/**
 * Recomputes every stored grade of every run, run by run in batches (maintenance and the
 * benchmark; no access check: only the system calls it). Returns what it examined and changed.
 */
export async function recomputeAllGrades(
  db: Database,
  options: { batchSize?: number; at?: Date } = {},
): Promise<RecomputeCounts> {
  const runIds = await db
    .selectDistinct({ runId: asmCourseGrade.runId })
    .from(asmCourseGrade)
    .orderBy(asc(asmCourseGrade.runId));
  const totals: RecomputeCounts = { runs: 0, examined: 0, changed: 0, newlyPassed: 0 };
  for (const { runId } of runIds) {
    const { course, run } = await loadRun(db, runId);
    const counts = await recomputeRun(db, course, run, batchSizeOf(options), options.at ?? new Date());
    totals.runs += 1;
    totals.examined += counts.examined;
    totals.changed += counts.changed;
    totals.newlyPassed += counts.newlyPassed;
  }
  return totals;
}
