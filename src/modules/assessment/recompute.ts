import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Database, Executor } from '../../platform/db/index.ts';
import { notFound, unauthenticated } from '../../platform/errors/index.ts';
import { getCourseById, getReleaseTree, getRunById, type CourseRun, type LoadedCourse } from '../courses/index.ts';
import { requireStaffRun } from '../enrollment/index.ts';
import {
  computeCourseGrade,
  listGradedQuizzes,
  toGradeInputs,
  type GradeBreakdownEntry,
  type ReleaseQuiz,
} from './course-grade.ts';
import { selectEnrollmentUuids } from './gradebook-queries.ts';
import { selectQuizScoresOf } from './grades-store.ts';
import { announceCoursePasses, type CoursePass } from './passed.ts';
import { asmCourseGrade } from './schema.ts';

export const RECOMPUTE_BATCH_SIZE = 2000;

export type RecomputeCounts = { runs: number; examined: number; changed: number; newlyPassed: number };

type GradeChange = { enrollmentId: number; computed: number; breakdown: GradeBreakdownEntry[]; passedAt: Date | null };

function isSameBreakdown(a: readonly GradeBreakdownEntry[], b: readonly GradeBreakdownEntry[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (entry, index) =>
        entry.type === b[index]!.type &&
        entry.average === b[index]!.average &&
        entry.weight === b[index]!.weight &&
        entry.dropped === b[index]!.dropped,
    )
  );
}

/** A PostgreSQL array literal of text elements (null for NULL), sent as one parameter. */
function textArrayLiteral(values: ReadonlyArray<string | null>): string {
  const items = values.map((value) =>
    value === null ? 'NULL' : `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
  );
  return `{${items.join(',')}}`;
}

/** Writes a batch of changed grades with one UPDATE … FROM unnest(…); a pass, once set, is never unset. */
async function writeGradeChanges(tx: Executor, changes: readonly GradeChange[], at: Date): Promise<void> {
  const ids = `{${changes.map((change) => String(change.enrollmentId)).join(',')}}`;
  const computed = `{${changes.map((change) => String(change.computed)).join(',')}}`;
  const breakdowns = textArrayLiteral(changes.map((change) => JSON.stringify(change.breakdown)));
  const passedAt = textArrayLiteral(changes.map((change) => change.passedAt?.toISOString() ?? null));
  await tx.execute(sql`
    update asm_course_grade as g
    set computed = u.computed,
        breakdown = u.breakdown::jsonb,
        passed = g.passed or u.passed_at is not null,
        passed_at = coalesce(g.passed_at, u.passed_at::timestamptz),
        updated_at = ${at.toISOString()}::timestamptz
    from unnest(${ids}::bigint[], ${computed}::float8[], ${breakdowns}::text[], ${passedAt}::text[])
      as u(enrollment_id, computed, breakdown, passed_at)
    where g.enrollment_id = u.enrollment_id`);
}

type RunScope = { course: LoadedCourse; run: CourseRun; quizzes: ReleaseQuiz[]; title: Record<string, string> };

/** One batch of a run's grade rows, locked, recomputed and written; returns the last id and counts. */
async function recomputeBatch(
  tx: Executor,
  scope: RunScope,
  afterId: number,
  batchSize: number,
  at: Date,
): Promise<{ lastId: number | null; examined: number; changed: number; newlyPassed: number }> {
  const { run } = scope;
  const rows = await tx
    .select({
      enrollmentId: asmCourseGrade.enrollmentId,
      userId: asmCourseGrade.userId,
      computed: asmCourseGrade.computed,
      override: asmCourseGrade.override,
      breakdown: asmCourseGrade.breakdown,
      passedAt: asmCourseGrade.passedAt,
    })
    .from(asmCourseGrade)
    .where(and(eq(asmCourseGrade.runId, run.id), gt(asmCourseGrade.enrollmentId, afterId)))
    .orderBy(asc(asmCourseGrade.enrollmentId))
    .limit(batchSize)
    .for('update');
  if (rows.length === 0) return { lastId: null, examined: 0, changed: 0, newlyPassed: 0 };
  const scores = await selectQuizScoresOf(
    tx,
    rows.map((row) => row.enrollmentId),
  );
  const changes: GradeChange[] = [];
  const passing: Array<{ enrollmentId: number; userId: string; grade: number }> = [];
  for (const row of rows) {
    const inputs = toGradeInputs(scope.quizzes, scores.get(row.enrollmentId) ?? new Map());
    const { grade: computed, breakdown } = computeCourseGrade(run.gradingPolicy, inputs);
    const grade = row.override ?? computed;
    const passes = row.passedAt === null && grade >= run.gradingPolicy.passMark;
    if (passes) passing.push({ enrollmentId: row.enrollmentId, userId: row.userId, grade });
    if (passes || computed !== row.computed || !isSameBreakdown(breakdown, row.breakdown)) {
      changes.push({ enrollmentId: row.enrollmentId, computed, breakdown, passedAt: passes ? at : null });
    }
  }
  if (changes.length > 0) await writeGradeChanges(tx, changes, at);
  if (passing.length > 0) await announcePasses(tx, scope, passing, at);
  return {
    lastId: rows.at(-1)!.enrollmentId,
    examined: rows.length,
    changed: changes.length,
    newlyPassed: passing.length,
  };
}

async function announcePasses(
  tx: Executor,
  scope: RunScope,
  passing: ReadonlyArray<{ enrollmentId: number; userId: string; grade: number }>,
  at: Date,
): Promise<void> {
  const uuids = await selectEnrollmentUuids(
    tx,
    passing.map((entry) => entry.enrollmentId),
  );
  const passes: CoursePass[] = passing.flatMap((entry) => {
    const enrollmentUuid = uuids.get(entry.enrollmentId);
    if (!enrollmentUuid) return [];
    const course = { id: scope.course.id, key: scope.course.key, title: scope.title };
    return [{ enrollmentUuid, userId: entry.userId, run: scope.run, course, grade: entry.grade, passedAt: at }];
  });
  await announceCoursePasses(tx, passes, at);
}

/**
 * Recomputes every stored grade of one run in batches: the release's graded quizzes are read once,
 * each batch of grade rows is locked, recomputed from the quiz scores and its changed rows written
 * in one statement, in one short transaction per batch (submissions of other learners go on).
 * A recompute that lifts a learner over the pass mark announces the pass like a submission would.
 */
async function recomputeRun(db: Database, course: LoadedCourse, run: CourseRun, batchSize: number, at: Date) {
  const tree = await getReleaseTree(db, run.releaseId);
  const scope: RunScope = { course, run, quizzes: listGradedQuizzes(tree), title: tree.metadata.title };
  const counts: RecomputeCounts = { runs: 1, examined: 0, changed: 0, newlyPassed: 0 };
  let afterId = 0;
  for (;;) {
    const batch = await db.transaction((tx) => recomputeBatch(tx, scope, afterId, batchSize, at));
    counts.examined += batch.examined;
    counts.changed += batch.changed;
    counts.newlyPassed += batch.newlyPassed;
    if (batch.lastId === null || batch.examined < batchSize) return counts;
    afterId = batch.lastId;
  }
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
