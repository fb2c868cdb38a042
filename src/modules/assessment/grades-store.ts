import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import type { GradeBreakdownEntry, StoredQuizScore } from './course-grade.ts';
import { asmCourseGrade, asmQuizScore } from './schema.ts';

/** A learner's stored course grade, as the grading services read it. */
export type StoredCourseGrade = {
  enrollmentId: number;
  runId: number;
  userId: string;
  computed: number;
  override: number | null;
  overrideReason: string | null;
  overriddenBy: string | null;
  overriddenAt: Date | null;
  breakdown: GradeBreakdownEntry[];
  passed: boolean;
  passedAt: Date | null;
  updatedAt: Date;
};

/** The best score of every quiz one learner attempted, by block entity id. */
export async function selectQuizScores(
  executor: Executor,
  enrollmentId: number,
): Promise<Map<number, StoredQuizScore>> {
  const rows = await executor
    .select({ blockEntityId: asmQuizScore.blockEntityId, score: asmQuizScore.score, maxScore: asmQuizScore.maxScore })
    .from(asmQuizScore)
    .where(eq(asmQuizScore.enrollmentId, enrollmentId));
  return new Map(rows.map((row) => [row.blockEntityId, row]));
}

/** Best scores of many learners in one query: enrollment id → block entity id → score. */
export async function selectQuizScoresOf(
  executor: Executor,
  enrollmentIds: readonly number[],
): Promise<Map<number, Map<number, StoredQuizScore>>> {
  const byEnrollment = new Map<number, Map<number, StoredQuizScore>>();
  if (enrollmentIds.length === 0) return byEnrollment;
  const rows = await executor
    .select({
      enrollmentId: asmQuizScore.enrollmentId,
      blockEntityId: asmQuizScore.blockEntityId,
      score: asmQuizScore.score,
      maxScore: asmQuizScore.maxScore,
    })
    .from(asmQuizScore)
    .where(inArray(asmQuizScore.enrollmentId, [...enrollmentIds]));
  for (const row of rows) {
    let scores = byEnrollment.get(row.enrollmentId);
    if (!scores) {
      scores = new Map();
      byEnrollment.set(row.enrollmentId, scores);
    }
    scores.set(row.blockEntityId, row);
  }
  return byEnrollment;
}

export async function selectCourseGrade(executor: Executor, enrollmentId: number): Promise<StoredCourseGrade | null> {
  const [row] = await executor.select().from(asmCourseGrade).where(eq(asmCourseGrade.enrollmentId, enrollmentId));
  return row ?? null;
}

export async function selectCourseGradesOf(
  executor: Executor,
  enrollmentIds: readonly number[],
): Promise<Map<number, StoredCourseGrade>> {
  if (enrollmentIds.length === 0) return new Map();
  const rows = await executor
    .select()
    .from(asmCourseGrade)
    .where(inArray(asmCourseGrade.enrollmentId, [...enrollmentIds]));
  return new Map(rows.map((row) => [row.enrollmentId, row]));
}

/**
 * The learner's grade row, created when missing and locked until the transaction ends. Everything
 * that changes a grade goes through this lock, so two submissions (or a submission and an
 * override) of the same learner never decide "first pass" at the same time.
 */
export async function lockCourseGrade(
  tx: Executor,
  key: { enrollmentId: number; runId: number; userId: string },
  at: Date,
): Promise<{ row: StoredCourseGrade; created: boolean }> {
  // Usually the row exists already: one locking read, and the insert only for a first grade.
  const [existing] = await tx
    .select()
    .from(asmCourseGrade)
    .where(eq(asmCourseGrade.enrollmentId, key.enrollmentId))
    .for('update');
  if (existing) return { row: existing, created: false };
  const inserted = await tx
    .insert(asmCourseGrade)
    .values({ ...key, computed: 0, breakdown: [], passed: false, updatedAt: at })
    .onConflictDoNothing({ target: asmCourseGrade.enrollmentId })
    .returning({ enrollmentId: asmCourseGrade.enrollmentId });
  const [row] = await tx
    .select()
    .from(asmCourseGrade)
    .where(eq(asmCourseGrade.enrollmentId, key.enrollmentId))
    .for('update');
  return { row: row!, created: inserted.length === 1 };
}

export type GradeRowChange = Partial<
  Pick<
    StoredCourseGrade,
    'computed' | 'override' | 'overrideReason' | 'overriddenBy' | 'overriddenAt' | 'breakdown' | 'passed' | 'passedAt'
  >
> & { updatedAt: Date };

export async function updateCourseGrade(tx: Executor, enrollmentId: number, change: GradeRowChange): Promise<void> {
  await tx.update(asmCourseGrade).set(change).where(eq(asmCourseGrade.enrollmentId, enrollmentId));
}
