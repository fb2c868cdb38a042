import { eq, inArray } from 'drizzle-orm';
import { defineStatement, readTimestamp, runStatement, type Executor } from '../../platform/db/index.ts';
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

// Read by every graded submission under the grade lock and by the progress page (ADR 0023).
const QUIZ_SCORES = defineStatement<{ block_entity_id: string | number; score: number; max_score: number }>(
  'asm_quiz_scores',
  'select block_entity_id, score, max_score from asm_quiz_score where enrollment_id = $1',
);

/** The best score of every quiz one learner attempted, by block entity id. */
export async function selectQuizScores(
  executor: Executor,
  enrollmentId: number,
): Promise<Map<number, StoredQuizScore>> {
  const scores = new Map<number, StoredQuizScore>();
  for (const row of await runStatement(executor, QUIZ_SCORES, [enrollmentId])) {
    const blockEntityId = Number(row.block_entity_id);
    scores.set(blockEntityId, { blockEntityId, score: row.score, maxScore: row.max_score });
  }
  return scores;
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

/** asm_course_grade as the driver returns it (bigint as text on node-postgres, timestamps as text). */
type RawCourseGrade = {
  enrollment_id: number | string;
  run_id: number | string;
  user_id: string;
  computed: number;
  override: number | null;
  override_reason: string | null;
  overridden_by: string | null;
  overridden_at: string | null;
  breakdown: GradeBreakdownEntry[];
  passed: boolean;
  passed_at: string | null;
  updated_at: string;
};

function toStoredCourseGrade(raw: RawCourseGrade): StoredCourseGrade {
  return {
    enrollmentId: Number(raw.enrollment_id),
    runId: Number(raw.run_id),
    userId: raw.user_id,
    computed: raw.computed,
    override: raw.override,
    overrideReason: raw.override_reason,
    overriddenBy: raw.overridden_by,
    overriddenAt: raw.overridden_at === null ? null : readTimestamp(raw.overridden_at),
    breakdown: raw.breakdown,
    passed: raw.passed,
    passedAt: raw.passed_at === null ? null : readTimestamp(raw.passed_at),
    updatedAt: readTimestamp(raw.updated_at),
  };
}

// Every graded submission takes this lock, as its last step: prepared once per connection (ADR 0023).
const LOCK_GRADE = defineStatement<RawCourseGrade>(
  'asm_lock_course_grade',
  `select enrollment_id, run_id, user_id, computed, override, override_reason, overridden_by, overridden_at,
     breakdown, passed, passed_at, updated_at
   from asm_course_grade where enrollment_id = $1 for update`,
);

async function selectLockedCourseGrade(tx: Executor, enrollmentId: number): Promise<StoredCourseGrade | null> {
  const [raw] = await runStatement(tx, LOCK_GRADE, [enrollmentId]);
  return raw ? toStoredCourseGrade(raw) : null;
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
  const existing = await selectLockedCourseGrade(tx, key.enrollmentId);
  if (existing) return { row: existing, created: false };
  const inserted = await tx
    .insert(asmCourseGrade)
    .values({ ...key, computed: 0, breakdown: [], passed: false, updatedAt: at })
    .onConflictDoNothing({ target: asmCourseGrade.enrollmentId })
    .returning({ enrollmentId: asmCourseGrade.enrollmentId });
  const row = await selectLockedCourseGrade(tx, key.enrollmentId);
  return { row: row!, created: inserted.length === 1 };
}

export type GradeRowChange = Partial<
  Pick<
    StoredCourseGrade,
    'computed' | 'override' | 'overrideReason' | 'overriddenBy' | 'overriddenAt' | 'breakdown' | 'passed' | 'passedAt'
  >
> & { updatedAt: Date };

const UPDATE_GRADE = defineStatement<never>(
  'asm_update_course_grade',
  `update asm_course_grade set computed = $2, breakdown = $3::text::jsonb, passed = $4,
     passed_at = $5::timestamptz, updated_at = $6::timestamptz
   where enrollment_id = $1`,
);

export async function updateCourseGrade(tx: Executor, enrollmentId: number, change: GradeRowChange): Promise<void> {
  // The grade refresh after every submission changes exactly these: the prepared form.
  const { computed, breakdown, passed, passedAt, updatedAt, ...rest } = change;
  const onlyComputed =
    Object.keys(rest).length === 0 && computed !== undefined && breakdown !== undefined && passed !== undefined;
  if (onlyComputed && passedAt !== undefined) {
    await runStatement(tx, UPDATE_GRADE, [
      enrollmentId,
      computed,
      JSON.stringify(breakdown),
      passed,
      passedAt === null ? null : passedAt.toISOString(),
      updatedAt.toISOString(),
    ]);
    return;
  }
  await tx.update(asmCourseGrade).set(change).where(eq(asmCourseGrade.enrollmentId, enrollmentId));
}
