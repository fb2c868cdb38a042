import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { asmCourseGrade } from './schema.ts';

/*
 * The set-based reads and writes of a recompute. Ids and values travel as one array parameter
 * each (a PostgreSQL array literal), so a batch of thousands of rows is one short statement with
 * a handful of parameters on both drivers.
 */

type Rows<Row> = { rows: Row[] };

function toIdArrayLiteral(ids: readonly number[]): string {
  return `{${ids.join(',')}}`;
}

/** Text elements (null for NULL), quoted and escaped as the array input syntax requires. */
function toTextArrayLiteral(values: ReadonlyArray<string | null>): string {
  const items = values.map((value) =>
    value === null ? 'NULL' : `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
  );
  return `{${items.join(',')}}`;
}

/** The enrollment ids of a run's stored grades, in order. */
export async function selectRunGradeIds(executor: Executor, runId: number): Promise<number[]> {
  const rows = await executor
    .select({ enrollmentId: asmCourseGrade.enrollmentId })
    .from(asmCourseGrade)
    .where(eq(asmCourseGrade.runId, runId))
    .orderBy(asc(asmCourseGrade.enrollmentId));
  return rows.map((row) => row.enrollmentId);
}

/** A grade row as a recompute needs it: the breakdown as stored text, the pass as a flag. */
export type RecomputeRow = {
  /** A string on PostgreSQL, a number on PGlite: compare with Number(). */
  enrollment_id: string | number;
  computed: number;
  override: number | null;
  breakdown: string;
  passed: boolean;
};

/** Locks the grade rows of these enrollments (in id order, so two recomputes never deadlock). */
export async function lockRecomputeRows(tx: Executor, runId: number, ids: readonly number[]): Promise<RecomputeRow[]> {
  const result = (await tx.execute(sql`
    select enrollment_id, computed, override, breakdown::text as breakdown, passed_at is not null as passed
    from asm_course_grade
    where enrollment_id = any(${toIdArrayLiteral(ids)}::bigint[]) and run_id = ${runId}
    order by enrollment_id
    for update`)) as unknown as Rows<RecomputeRow>;
  return result.rows;
}

/**
 * Each enrollment's best scores as one text, `block:score/max` by block: equal texts mean equal
 * grade inputs. Numbers are printed exactly (shortest round-trip form) and read back with Number().
 */
export async function selectScoreSignatures(executor: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  const result = (await executor.execute(sql`
    select enrollment_id,
      string_agg(block_entity_id || ':' || score || '/' || max_score, ',' order by block_entity_id) as signature
    from asm_quiz_score
    where enrollment_id = any(${toIdArrayLiteral(ids)}::bigint[])
    group by enrollment_id`)) as unknown as Rows<{ enrollment_id: string | number; signature: string }>;
  return new Map(result.rows.map((row) => [Number(row.enrollment_id), row.signature]));
}

/** Who each grade row belongs to. */
export async function selectGradeUserIds(executor: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  const result = (await executor.execute(sql`
    select enrollment_id, user_id from asm_course_grade
    where enrollment_id = any(${toIdArrayLiteral(ids)}::bigint[])`)) as unknown as Rows<{
    enrollment_id: string | number;
    user_id: string;
  }>;
  return new Map(result.rows.map((row) => [Number(row.enrollment_id), row.user_id]));
}

/** One changed grade: the breakdown as a 1-based index into the batch's distinct breakdowns. */
export type GradeWrite = { enrollmentId: number; computed: number; breakdownIndex: number; passes: boolean };

/**
 * Writes a batch of changed grades with one UPDATE … FROM unnest(…). The batch's few distinct
 * breakdowns travel once, as JSON texts. A pass, once set, is never unset.
 */
export async function writeGradeChanges(
  tx: Executor,
  changes: readonly GradeWrite[],
  breakdowns: readonly string[],
  at: Date,
): Promise<void> {
  const ids = toIdArrayLiteral(changes.map((change) => change.enrollmentId));
  const computed = `{${changes.map((change) => String(change.computed)).join(',')}}`;
  const indexes = `{${changes.map((change) => change.breakdownIndex).join(',')}}`;
  const passes = `{${changes.map((change) => (change.passes ? 't' : 'f')).join(',')}}`;
  await tx.execute(sql`
    update asm_course_grade as g
    set computed = u.computed,
        breakdown = (${toTextArrayLiteral(breakdowns)}::jsonb[])[u.breakdown_index],
        passed = g.passed or u.passes,
        passed_at = coalesce(g.passed_at, case when u.passes then ${at.toISOString()}::timestamptz end),
        updated_at = ${at.toISOString()}::timestamptz
    from unnest(${ids}::bigint[], ${computed}::float8[], ${indexes}::int[], ${passes}::bool[])
      as u(enrollment_id, computed, breakdown_index, passes)
    where g.enrollment_id = u.enrollment_id`);
}
