import { eq, inArray } from 'drizzle-orm';
import { defineStatement, readTimestamp, runStatement, type Executor } from '../../platform/db/index.ts';
import type { GradeBreakdownEntry, StoredQuizScore } from './course-grade.ts';
import { asmCourseGrade } from './schema.ts';

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
const QUIZ_SCORES = defineStatement<{
  enrollment_id: string | number;
  block_entity_id: string | number;
  score: number;
  max_score: number;
}>(
  'asm_quiz_scores',
  'select enrollment_id, block_entity_id, score, max_score from asm_quiz_score where enrollment_id = any($1::bigint[])',
);

/** Best scores of many learners in one query: enrollment id → block entity id → score. */
export async function selectQuizScoresOf(
  executor: Executor,
  enrollmentIds: readonly number[],
): Promise<Map<number, Map<number, StoredQuizScore>>> {
  const byEnrollment = new Map<number, Map<number, StoredQuizScore>>();
  if (enrollmentIds.length === 0) return byEnrollment;
  for (const row of await runStatement(executor, QUIZ_SCORES, [enrollmentIds])) {
    const enrollmentId = Number(row.enrollment_id);
    const blockEntityId = Number(row.block_entity_id);
    let scores = byEnrollment.get(enrollmentId);
    if (!scores) {
      scores = new Map();
      byEnrollment.set(enrollmentId, scores);
    }
    scores.set(blockEntityId, { blockEntityId, score: row.score, maxScore: row.max_score });
  }
  return byEnrollment;
}

/** The best score of every quiz one learner attempted, by block entity id. */
export async function selectQuizScores(
  executor: Executor,
  enrollmentId: number,
): Promise<Map<number, StoredQuizScore>> {
  return (await selectQuizScoresOf(executor, [enrollmentId])).get(enrollmentId) ?? new Map();
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

// Graded submissions committed together lock their learners' grades in one statement, in
// enrollment order, so two groups never take the same two locks the other way round.
const LOCK_GRADES = defineStatement<RawCourseGrade>(
  'asm_lock_course_grades',
  `select enrollment_id, run_id, user_id, computed, override, override_reason, overridden_by, overridden_at,
     breakdown, passed, passed_at, updated_at
   from asm_course_grade where enrollment_id = any($1::bigint[]) order by enrollment_id for update`,
);

const CREATE_GRADES = defineStatement<{ enrollment_id: string | number }>(
  'asm_create_course_grades',
  `insert into asm_course_grade (enrollment_id, run_id, user_id, computed, breakdown, passed, updated_at)
   select s.enrollment_id, s.run_id, s.user_id, 0, '[]'::jsonb, false, $4::timestamptz
   from unnest($1::bigint[], $2::bigint[], $3::uuid[]) as s(enrollment_id, run_id, user_id)
   on conflict (enrollment_id) do nothing
   returning enrollment_id`,
);

async function selectLockedCourseGrades(tx: Executor, enrollmentIds: readonly number[]) {
  const rows = await runStatement(tx, LOCK_GRADES, [enrollmentIds]);
  return new Map(rows.map((raw) => [Number(raw.enrollment_id), toStoredCourseGrade(raw)]));
}

/**
 * Many learners' grade rows, as `lockCourseGrade` for each: created when missing and locked
 * until the transaction ends, in enrollment order. By enrollment id.
 */
export async function lockCourseGrades(
  tx: Executor,
  keys: ReadonlyArray<{ enrollmentId: number; runId: number; userId: string }>,
  at: Date,
): Promise<Map<number, { row: StoredCourseGrade; created: boolean }>> {
  const locked = new Map<number, { row: StoredCourseGrade; created: boolean }>();
  if (keys.length === 0) return locked;
  for (const [id, row] of await selectLockedCourseGrades(
    tx,
    keys.map((key) => key.enrollmentId),
  )) {
    locked.set(id, { row, created: false });
  }
  const missing = keys.filter((key) => !locked.has(key.enrollmentId));
  if (missing.length === 0) return locked;
  const inserted = await runStatement(tx, CREATE_GRADES, [
    missing.map((key) => key.enrollmentId),
    missing.map((key) => key.runId),
    missing.map((key) => key.userId),
    at.toISOString(),
  ]);
  const created = new Set(inserted.map((row) => Number(row.enrollment_id)));
  for (const [id, row] of await selectLockedCourseGrades(
    tx,
    missing.map((key) => key.enrollmentId),
  )) {
    locked.set(id, { row, created: created.has(id) });
  }
  return locked;
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

/** What a grade refresh writes to one learner's row. */
export type ComputedGradeWrite = {
  enrollmentId: number;
  computed: number;
  breakdown: GradeBreakdownEntry[];
  passed: boolean;
  passedAt: Date | null;
  updatedAt: Date;
};

const UPDATE_GRADES = defineStatement<never>(
  'asm_update_course_grades',
  `update asm_course_grade g set computed = s.computed, breakdown = s.breakdown::jsonb, passed = s.passed,
     passed_at = s.passed_at, updated_at = s.updated_at
   from unnest($1::bigint[], $2::float8[], $3::text[], $4::boolean[], $5::timestamptz[], $6::timestamptz[])
     as s(enrollment_id, computed, breakdown, passed, passed_at, updated_at)
   where g.enrollment_id = s.enrollment_id`,
);

/** Writes refreshed grades of many learners (rows already locked) in one statement. */
export async function updateComputedGrades(tx: Executor, writes: readonly ComputedGradeWrite[]): Promise<void> {
  if (writes.length === 0) return;
  await runStatement(tx, UPDATE_GRADES, [
    writes.map((write) => write.enrollmentId),
    writes.map((write) => write.computed),
    writes.map((write) => JSON.stringify(write.breakdown)),
    writes.map((write) => write.passed),
    writes.map((write) => (write.passedAt === null ? null : write.passedAt.toISOString())),
    writes.map((write) => write.updatedAt.toISOString()),
  ]);
}
