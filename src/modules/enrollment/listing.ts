import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/access/index.ts';
import { invalid } from '../../platform/errors/index.ts';
import { getCourseById, getRunById, type CourseRun } from '../courses/index.ts';
import { toEnrollment } from './core.ts';
import type { Enrollment, EnrollmentStatus } from './model.ts';
import { enrEnrollment } from './schema.ts';
import { requirePerson } from './window.ts';

export type MyEnrollment = {
  enrollment: Enrollment;
  course: { id: number; key: string; uuid: string };
  run: CourseRun;
};

export type EnrollmentStatusFilter = EnrollmentStatus | 'all';
export const ENROLLMENT_STATUS_FILTERS: readonly EnrollmentStatusFilter[] = ['active', 'unenrolled', 'all'];

function statusCondition(status: EnrollmentStatusFilter): SQL | undefined {
  if (!ENROLLMENT_STATUS_FILTERS.includes(status)) {
    throw invalid('enrollment.invalid_filter', `status: must be one of ${ENROLLMENT_STATUS_FILTERS.join(', ')}`);
  }
  return status === 'all' ? undefined : eq(enrEnrollment.status, status);
}

/**
 * The signed-in person's enrollments (active ones unless asked otherwise) with their course and
 * run, the latest change first: enrolling, coming back or leaving. Titles come from the run's
 * release (`getReleaseTree(db, run.releaseId).metadata`).
 * Errors: unauthenticated, invalid 'enrollment.invalid_filter'.
 */
export async function listMyEnrollments(
  ctx: ServiceContext,
  filter: { status?: EnrollmentStatusFilter } = {},
): Promise<MyEnrollment[]> {
  const actor = requirePerson(ctx);
  const rows = await ctx.db
    .select()
    .from(enrEnrollment)
    .where(and(eq(enrEnrollment.userId, actor.userId), statusCondition(filter.status ?? 'active')))
    .orderBy(desc(enrEnrollment.updatedAt), desc(enrEnrollment.id));
  const courses = new Map<number, MyEnrollment['course'] | null>();
  const items: MyEnrollment[] = [];
  for (const row of rows) {
    if (!courses.has(row.courseId)) {
      const course = await getCourseById(ctx.db, row.courseId);
      courses.set(row.courseId, course ? { id: course.id, key: course.key, uuid: course.uuid } : null);
    }
    const course = courses.get(row.courseId);
    const run = await getRunById(ctx.db, row.runId);
    if (course && run) items.push({ enrollment: toEnrollment(row), course, run });
  }
  return items;
}

/** The signed-in person's enrollments (any status) in the given runs; empty for anonymous visitors. */
export async function listMyRunEnrollments(
  ctx: ServiceContext,
  runIds: readonly number[],
): Promise<Map<number, Enrollment>> {
  const mine = new Map<number, Enrollment>();
  if (!ctx.actor || ctx.actor.via === 'system' || runIds.length === 0) return mine;
  const rows = await ctx.db
    .select()
    .from(enrEnrollment)
    .where(and(eq(enrEnrollment.userId, ctx.actor.userId), inArray(enrEnrollment.runId, [...runIds])));
  for (const row of rows) mine.set(row.runId, toEnrollment(row));
  return mine;
}
