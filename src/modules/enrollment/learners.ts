import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import { invalid } from '../../platform/errors/index.ts';
import type { CourseRun, LoadedCourse } from '../courses/index.ts';
import { listUserProfiles } from '../identity/index.ts';
import { matchUserNameOrEmail } from '../identity/index.ts';
import { requireStaffRun, toEnrollment } from './core.ts';
import type { Enrollment } from './model.ts';
import { enrEnrollment } from './schema.ts';
import { seatsLeft } from './seats.ts';

export const LEARNERS_PAGE_SIZE = 50;

export const learnerQuerySchema = z.strictObject({
  status: z.enum(['active', 'unenrolled', 'all']).default('all'),
  q: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    // eslint-disable-next-line no-control-regex -- control characters are what this rejects
    .refine((value) => !/[\u0000-\u001F\u007F]/u.test(value), 'must be a single line of text')
    .default(''),
  page: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(100_000).default(1),
});
export type LearnerQuery = z.input<typeof learnerQuerySchema>;

export type RunLearner = { enrollment: Enrollment; name: string; email: string };

export type RunLearnerPage = {
  course: LoadedCourse;
  run: CourseRun;
  items: RunLearner[];
  /** Enrollments matching the filter, on every page. */
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  counts: { active: number; unenrolled: number; seatsLeft: number | null };
};

function parseQuery(query: LearnerQuery) {
  const parsed = learnerQuerySchema.safeParse(query);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({
    field: issue.path.join('.') || 'query',
    message: issue.message,
  }));
  throw invalid('enrollment.invalid_filter', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
}

/**
 * A run's learners for its staff ('view_learners'): name, address, mode, status, when and how they
 * enrolled, newest first, filtered by status and by a piece of name or address, fifty a page.
 * Errors: unauthenticated, not_found, forbidden, invalid 'enrollment.invalid_filter'.
 */
export async function listRunLearners(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  query: LearnerQuery = {},
): Promise<RunLearnerPage> {
  const { course, run } = await requireStaffRun(ctx, courseKey, runCode, 'view_learners');
  const { status, q, page } = parseQuery(query);
  const conditions: SQL[] = [eq(enrEnrollment.runId, run.id)];
  if (status !== 'all') conditions.push(eq(enrEnrollment.status, status));
  if (q) conditions.push(matchUserNameOrEmail(enrEnrollment.userId, q));
  const where = and(...conditions);
  const [rows, totals, byStatus] = await Promise.all([
    ctx.db
      .select()
      .from(enrEnrollment)
      .where(where)
      .orderBy(desc(enrEnrollment.enrolledAt), desc(enrEnrollment.id))
      .limit(LEARNERS_PAGE_SIZE)
      .offset((page - 1) * LEARNERS_PAGE_SIZE),
    ctx.db.select({ total: count() }).from(enrEnrollment).where(where),
    ctx.db
      .select({ status: enrEnrollment.status, total: count() })
      .from(enrEnrollment)
      .where(eq(enrEnrollment.runId, run.id))
      .groupBy(enrEnrollment.status),
  ]);
  const profiles = new Map(
    (
      await listUserProfiles(
        ctx.db,
        rows.map((row) => row.userId),
      )
    ).map((p) => [p.id, p]),
  );
  const total = totals[0]?.total ?? 0;
  const tally = (wanted: string) => byStatus.find((entry) => entry.status === wanted)?.total ?? 0;
  return {
    course,
    run,
    items: rows.map((row) => ({
      enrollment: toEnrollment(row),
      name: profiles.get(row.userId)?.name ?? '',
      email: profiles.get(row.userId)?.email ?? '',
    })),
    total,
    page,
    pageSize: LEARNERS_PAGE_SIZE,
    pageCount: Math.max(1, Math.ceil(total / LEARNERS_PAGE_SIZE)),
    counts: {
      active: tally('active'),
      unenrolled: tally('unenrolled'),
      seatsLeft: seatsLeft(run.capacity, tally('active')),
    },
  };
}
