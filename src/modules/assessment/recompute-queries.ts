import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';

/*
 * The set-based reads and writes of a recompute. Per-learner data stays in the database as far
 * as it can: rows come back grouped, so JavaScript sees each distinct case once. Ids and values
 * travel as one array parameter each (a PostgreSQL array literal), so a batch of thousands of
 * rows is one short statement with a handful of parameters on both drivers.
 */

type Rows<Row> = { rows: Row[] };

function toIdArrayLiteral(ids: readonly number[]): string {
  return `{${ids.join(',')}}`;
}

/** Text elements, quoted and escaped as the array input syntax requires. */
function toTextArrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

/** The enrollment ids of a run's stored grades, in order (as one text: a million rows read as one). */
export async function selectRunGradeIds(executor: Executor, runId: number): Promise<number[]> {
  const result = (await executor.execute(sql`
    select string_agg(enrollment_id::text, ',' order by enrollment_id) as ids
    from asm_course_grade where run_id = ${runId}`)) as unknown as Rows<{ ids: string | null }>;
  const ids = result.rows[0]?.ids;
  return ids ? ids.split(',').map(Number) : [];
}

/** Locks the run's grade rows among `ids`, in id order (two recomputes never deadlock); returns how many. */
export async function lockGradeRows(tx: Executor, runId: number, ids: readonly number[]): Promise<number> {
  const result = (await tx.execute(sql`
    select count(*)::int as locked from (
      select enrollment_id from asm_course_grade
      where enrollment_id = any(${toIdArrayLiteral(ids)}::bigint[]) and run_id = ${runId}
      order by enrollment_id
      for update
    ) as rows`)) as unknown as Rows<{ locked: number }>;
  return result.rows[0]?.locked ?? 0;
}

/**
 * Grade rows that are alike in everything a recompute looks at: the same best scores (as a
 * signature), the same stored grade, override, breakdown and pass. Their ids come as one
 * comma-separated text, read only when the group has to be written.
 */
export type GradeGroup = {
  /** Each learner's best scores as one text, `block:score/max` by block ('' for none): equal texts, equal grade inputs. */
  signature: string;
  computed: number;
  override: number | null;
  breakdown: string;
  passed: boolean;
  ids: string;
};

/**
 * The batch's grade rows grouped by what decides their recompute: a few hundred groups for
 * thousands of rows, since most learners share their scores with others. Numbers in signatures
 * print exactly (shortest round-trip form) and read back with Number().
 */
export async function selectGradeGroups(tx: Executor, runId: number, ids: readonly number[]): Promise<GradeGroup[]> {
  const idArray = toIdArrayLiteral(ids);
  const result = (await tx.execute(sql`
    select coalesce(s.signature, '') as signature, g.computed, g.override, g.breakdown::text as breakdown,
      g.passed_at is not null as passed, string_agg(g.enrollment_id::text, ',') as ids
    from asm_course_grade g
    left join (
      select enrollment_id,
        string_agg(block_entity_id || ':' || score || '/' || max_score, ',' order by block_entity_id) as signature
      from asm_quiz_score
      where enrollment_id = any(${idArray}::bigint[])
      group by enrollment_id
    ) as s on s.enrollment_id = g.enrollment_id
    where g.enrollment_id = any(${idArray}::bigint[]) and g.run_id = ${runId}
    group by s.signature, g.computed, g.override, g.breakdown, g.passed_at is not null`)) as unknown as Rows<GradeGroup>;
  return result.rows;
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
