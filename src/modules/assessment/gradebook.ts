import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { invalid } from '../../platform/errors/index.ts';
import { getReleaseTree, type CourseRun, type GradingPolicy, type LoadedCourse } from '../courses/index.ts';
import { requireStaffRun, type EnrollmentMode } from '../enrollment/index.ts';
import {
  computeCourseGrade,
  listGradedQuizzes,
  sameAssignmentType,
  toGradeInputs,
  type ReleaseQuiz,
  type StoredQuizScore,
} from './course-grade.ts';
import { countLearners, selectLearnerPage, type GradebookLearnerRow } from './gradebook-queries.ts';
import { selectQuizScoresOf } from './grades-store.ts';

export const GRADEBOOK_PAGE_SIZE = 50;
export const GRADEBOOK_STATUSES = ['passed', 'not_passed'] as const;
export type GradebookStatus = (typeof GRADEBOOK_STATUSES)[number];

// eslint-disable-next-line no-control-regex -- control characters are what this rejects
const CONTROL = /[\u0000-\u001F\u007F]/u;

export const gradebookQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    .refine((v) => !CONTROL.test(v), 'must be a single line of text')
    .default(''),
  status: z.enum(GRADEBOOK_STATUSES).optional(),
  assignmentType: z.string().trim().max(60, 'must be at most 60 characters').optional(),
  page: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(100_000).default(1),
  pageSize: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(200, 'must be at most 200')
    .default(GRADEBOOK_PAGE_SIZE),
});
export type GradebookQuery = z.input<typeof gradebookQuerySchema>;

export type GradebookQuiz = Pick<ReleaseQuiz, 'entityId' | 'uuid' | 'key' | 'title' | 'assignmentType' | 'maxScore'>;

/** One learner's line: a score (or null, not attempted) per quiz column, an average per type, the grade. */
export type GradebookRow = {
  enrollmentUuid: string;
  userId: string;
  name: string;
  email: string;
  mode: EnrollmentMode;
  scores: Array<number | null>;
  /** Per assignment type of the policy, in its order: the average after dropping (0..1). */
  averages: number[];
  computed: number;
  override: number | null;
  overrideReason: string | null;
  grade: number;
  passed: boolean;
  passedAt: Date | null;
};

export type Gradebook = {
  course: LoadedCourse;
  run: CourseRun;
  policy: GradingPolicy;
  /** The graded quizzes shown as columns (all, or those of the chosen assignment type). */
  quizzes: GradebookQuiz[];
  rows: GradebookRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  filter: { q: string; status: GradebookStatus | null; assignmentType: string | null };
  canOverride: boolean;
};

function parseQuery(query: GradebookQuery) {
  const parsed = gradebookQuerySchema.safeParse(query);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({
    field: issue.path.join('.') || 'query',
    message: issue.message,
  }));
  throw invalid('gradebook.invalid_filter', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
}

/**
 * A learner's line. The grade and averages are computed from their scores under the run's current
 * policy and release (what the stored row holds, or will hold once recomputed after a policy
 * change); the override and the pass come from the stored row, since a pass is a recorded fact.
 */
export function toGradebookRow(
  learner: GradebookLearnerRow,
  policy: GradingPolicy,
  quizzes: ReadonlyArray<ReleaseQuiz>,
  columns: ReadonlyArray<GradebookQuiz>,
  scores: ReadonlyMap<number, StoredQuizScore>,
): GradebookRow {
  const { grade: computed, breakdown } = computeCourseGrade(policy, toGradeInputs(quizzes, scores));
  const override = learner.grade?.override ?? null;
  return {
    enrollmentUuid: learner.enrollment.uuid,
    userId: learner.enrollment.userId,
    name: learner.name,
    email: learner.email,
    mode: learner.enrollment.mode,
    scores: columns.map((quiz) => scores.get(quiz.entityId)?.score ?? null),
    averages: breakdown.map((entry) => entry.average),
    computed,
    override,
    overrideReason: learner.grade?.overrideReason ?? null,
    grade: override ?? computed,
    passed: learner.grade?.passed ?? false,
    passedAt: learner.grade?.passedAt ?? null,
  };
}

/** The graded quizzes of the run's release, and those chosen as columns. */
export async function loadGradebookQuizzes(
  executor: Executor,
  run: CourseRun,
  assignmentType?: string | null,
): Promise<{ quizzes: ReleaseQuiz[]; columns: GradebookQuiz[] }> {
  const quizzes = listGradedQuizzes(await getReleaseTree(executor, run.releaseId));
  const columns = assignmentType
    ? quizzes.filter((quiz) => sameAssignmentType(quiz.assignmentType, assignmentType))
    : quizzes;
  return { quizzes, columns };
}

/**
 * A run's gradebook for its staff ('view_learners'): active learners (by name) × graded quizzes,
 * with averages per assignment type, the grade, override and pass, filtered by a piece of name
 * or address, by pass and by assignment type (columns). One query pages the learners (with their
 * grade rows and the total), one reads their scores.
 * Errors: unauthenticated, not_found, forbidden, invalid 'gradebook.invalid_filter'.
 */
export async function getGradebook(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  query: GradebookQuery = {},
): Promise<Gradebook> {
  const { course, run, capabilities } = await requireStaffRun(ctx, courseKey, runCode, 'view_learners');
  const { q, status, assignmentType, page, pageSize } = parseQuery(query);
  const { quizzes, columns } = await loadGradebookQuizzes(ctx.db, run, assignmentType);
  const filter = { q, ...(status ? { passed: status === 'passed' } : {}) };
  const found = await selectLearnerPage(ctx.db, run.id, filter, { limit: pageSize, offset: (page - 1) * pageSize });
  const total = found.total ?? (page > 1 ? await countLearners(ctx.db, run.id, filter) : 0);
  const scores = await selectQuizScoresOf(
    ctx.db,
    found.rows.map((row) => row.enrollment.id),
  );
  const policy = run.gradingPolicy;
  return {
    course,
    run,
    policy,
    quizzes: columns.map(({ entityId, uuid, key, title, assignmentType: type, maxScore }) => ({
      entityId,
      uuid,
      key,
      title,
      assignmentType: type,
      maxScore,
    })),
    rows: found.rows.map((row) =>
      toGradebookRow(row, policy, quizzes, columns, scores.get(row.enrollment.id) ?? new Map()),
    ),
    total,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    filter: { q, status: status ?? null, assignmentType: assignmentType || null },
    canOverride: capabilities.has('grade'),
  };
}
