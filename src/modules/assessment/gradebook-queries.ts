import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import type { Enrollment } from '../enrollment/index.ts';
import type { GradeBreakdownEntry } from './course-grade.ts';

/*
 * The only place this module reads the enrollment and identity modules' tables (`enr_enrollment`,
 * and the id, name and address of `idn_user`), for the set-based reads a gradebook of 100,000
 * learners needs and no function of theirs offers yet: one query that filters a run's learners by
 * name and by grade and pages them, keyset batches for the CSV, and enrollment lookups by uuid.
 * Read-only and kept together so they can move behind enrollment functions without touching the
 * callers (see README.md, "Grading", "Decisions", and ADR 0019).
 */

export type GradebookLearnerRow = {
  enrollment: Enrollment;
  name: string;
  email: string;
  grade: {
    computed: number;
    override: number | null;
    overrideReason: string | null;
    breakdown: GradeBreakdownEntry[];
    passed: boolean;
    passedAt: Date | null;
  } | null;
};

export type LearnerFilter = { q?: string; passed?: boolean };

type RawRow = {
  id: string | number;
  uuid: string;
  run_id: string | number;
  course_id: string | number;
  user_id: string;
  mode: Enrollment['mode'];
  status: Enrollment['status'];
  source: Enrollment['source'];
  enrolled_at: string | Date;
  unenrolled_at: string | Date | null;
  name: string;
  email: string;
  computed: number | null;
  override: number | null;
  override_reason: string | null;
  breakdown: GradeBreakdownEntry[] | string | null;
  passed: boolean | null;
  passed_at: string | Date | null;
  total?: string | number;
};

async function selectRows(executor: Executor, query: SQL): Promise<RawRow[]> {
  const result = (await executor.execute(query)) as unknown as { rows: RawRow[] };
  return result.rows;
}

const asDate = (value: string | Date): Date => (value instanceof Date ? value : new Date(value));

function toLearnerRow(row: RawRow): GradebookLearnerRow {
  return {
    enrollment: {
      id: Number(row.id),
      uuid: row.uuid,
      runId: Number(row.run_id),
      courseId: Number(row.course_id),
      userId: row.user_id,
      mode: row.mode,
      status: row.status,
      source: row.source,
      enrolledAt: asDate(row.enrolled_at),
      unenrolledAt: row.unenrolled_at === null ? null : asDate(row.unenrolled_at),
    },
    name: row.name,
    email: row.email,
    grade:
      row.computed === null
        ? null
        : {
            computed: Number(row.computed),
            override: row.override === null ? null : Number(row.override),
            overrideReason: row.override_reason,
            breakdown: typeof row.breakdown === 'string' ? JSON.parse(row.breakdown) : (row.breakdown ?? []),
            passed: row.passed === true,
            passedAt: row.passed_at === null ? null : asDate(row.passed_at),
          },
  };
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/gu, (character) => `\\${character}`)}%`;
}

const SELECTED = sql`e.id, e.uuid, e.run_id, e.course_id, e.user_id, e.mode, e.status, e.source, e.enrolled_at,
  e.unenrolled_at, u.name, u.email, g.computed, g.override, g.override_reason, g.breakdown, g.passed, g.passed_at`;

const JOINED = sql`from enr_enrollment e
  join idn_user u on u.id = e.user_id
  left join asm_course_grade g on g.enrollment_id = e.id`;

function conditionsOf(runId: number, filter: LearnerFilter): SQL {
  const conditions: SQL[] = [sql`e.run_id = ${runId}`, sql`e.status = 'active'`];
  if (filter.q) {
    const pattern = likePattern(filter.q);
    conditions.push(sql`(u.name ilike ${pattern} or u.email ilike ${pattern})`);
  }
  if (filter.passed !== undefined) conditions.push(sql`coalesce(g.passed, false) = ${filter.passed}`);
  return sql.join(conditions, sql` and `);
}

/**
 * One page of a run's active learners with their grade rows, ordered by name, and how many match
 * the filter in all (counted in the same query).
 */
export async function selectLearnerPage(
  executor: Executor,
  runId: number,
  filter: LearnerFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: GradebookLearnerRow[]; total: number | null }> {
  const rows = await selectRows(
    executor,
    sql`select ${SELECTED}, count(*) over () as total ${JOINED}
      where ${conditionsOf(runId, filter)}
      order by lower(u.name), e.id
      limit ${page.limit} offset ${page.offset}`,
  );
  return { rows: rows.map(toLearnerRow), total: rows.length > 0 ? Number(rows[0]!.total) : null };
}

export async function countLearners(executor: Executor, runId: number, filter: LearnerFilter): Promise<number> {
  const result = (await executor.execute(
    sql`select count(*)::int as total ${JOINED} where ${conditionsOf(runId, filter)}`,
  )) as unknown as { rows: Array<{ total: number }> };
  return Number(result.rows[0]?.total ?? 0);
}

/** The next batch of a run's active learners after enrollment id `afterId`, by id (keyset paging). */
export async function selectLearnerBatch(
  executor: Executor,
  runId: number,
  afterId: number,
  limit: number,
): Promise<GradebookLearnerRow[]> {
  const rows = await selectRows(
    executor,
    sql`select ${SELECTED} ${JOINED}
      where ${conditionsOf(runId, {})} and e.id > ${afterId}
      order by e.id
      limit ${limit}`,
  );
  return rows.map(toLearnerRow);
}

/** An enrollment of the run by its uuid, whatever its status; null when the run has no such enrollment. */
export async function selectRunEnrollment(
  executor: Executor,
  runId: number,
  enrollmentUuid: string,
): Promise<GradebookLearnerRow | null> {
  const rows = await selectRows(
    executor,
    sql`select ${SELECTED} ${JOINED} where e.run_id = ${runId} and e.uuid = ${enrollmentUuid}`,
  );
  return rows[0] ? toLearnerRow(rows[0]) : null;
}

/** Enrollment uuids by id, for the events of passes found while recomputing. */
export async function selectEnrollmentUuids(
  executor: Executor,
  enrollmentIds: readonly number[],
): Promise<Map<number, string>> {
  if (enrollmentIds.length === 0) return new Map();
  const result = (await executor.execute(
    sql`select id, uuid from enr_enrollment where id = any(${sql.param(enrollmentIds.map(String))}::bigint[])`,
  )) as unknown as { rows: Array<{ id: string | number; uuid: string }> };
  return new Map(result.rows.map((row) => [Number(row.id), row.uuid]));
}
