import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import type { CourseRun, LoadedCourse } from '../courses/index.ts';
import { recordLearningActions } from '../records/index.ts';
import { forgetEnrollments, requirePublicRun, selectEnrollment, toEnrollment } from './core.ts';
import type { Enrollment } from './model.ts';
import { enrEnrollment } from './schema.ts';
import { addSeats, lockRunSeats, takeSeat } from './seats.ts';
import { describeRunAction, describeRunActivity } from './statements.ts';
import { requireOpenWindow, requirePerson, runFull } from './window.ts';

/** The enrollment, its course and run, and whether this call changed it (false when it was already as asked). */
export type EnrollmentChange = { enrollment: Enrollment; changed: boolean; course: LoadedCourse; run: CourseRun };

async function lockEnrollment(tx: Executor, runId: number, userId: string): Promise<Enrollment | null> {
  const [row] = await tx
    .select()
    .from(enrEnrollment)
    .where(and(eq(enrEnrollment.runId, runId), eq(enrEnrollment.userId, userId)))
    .for('update');
  return row ? toEnrollment(row) : null;
}

async function activate(
  tx: Executor,
  target: { course: LoadedCourse; run: CourseRun; userId: string; existing: Enrollment | null },
  now: Date,
): Promise<Enrollment> {
  const { course, run, userId, existing } = target;
  if (existing) {
    // The same row comes back to life: enrolledAt stays, so self-paced due dates cannot be stretched.
    const [row] = await tx
      .update(enrEnrollment)
      .set({ status: 'active', unenrolledAt: null, source: 'self', updatedAt: now })
      .where(eq(enrEnrollment.id, existing.id))
      .returning();
    return toEnrollment(row!);
  }
  const [row] = await tx
    .insert(enrEnrollment)
    .values({ runId: run.id, courseId: course.id, userId, enrolledAt: now, createdAt: now, updatedAt: now })
    .returning();
  return toEnrollment(row!);
}

/**
 * Enrolls the signed-in person in a run of a published course, in audit mode. Enrolling again
 * after leaving reactivates the same enrollment; enrolling while enrolled changes nothing.
 * Errors: unauthenticated, not_found (course, run), conflict 'enrollment.not_open_yet',
 * 'enrollment.closed', 'enrollment.full'.
 */
export async function enrollSelf(ctx: ServiceContext, courseKey: string, runCode: string): Promise<EnrollmentChange> {
  const actor = requirePerson(ctx);
  const { course, run } = await requirePublicRun(ctx.db, courseKey, runCode);
  const current = await selectEnrollment(ctx.db, run.id, actor.userId);
  if (current?.status === 'active') return { enrollment: current, changed: false, course, run };
  const now = ctx.clock.now();
  requireOpenWindow(run, now);
  const activity = await describeRunActivity(ctx.db, run);
  return ctx.db.transaction(async (tx): Promise<EnrollmentChange> => {
    if (!(await takeSeat(tx, run.id, run.capacity))) throw runFull();
    const existing = await lockEnrollment(tx, run.id, actor.userId);
    if (existing?.status === 'active') {
      // Enrolled by a parallel request since the first look: give the seat back.
      await addSeats(tx, run.id, -1);
      return { enrollment: existing, changed: false, course, run };
    }
    const enrollment = await activate(tx, { course, run, userId: actor.userId, existing }, now);
    forgetEnrollments(run.id, actor.userId);
    await recordLearningActions(tx, [describeRunAction('registered', activity, run, course.key, enrollment, now)], now);
    return { enrollment, changed: true, course, run };
  });
}

/** `enrollSelf` for callers that only need the enrollment. Errors: as `enrollSelf`. */
export async function enrollInRun(ctx: ServiceContext, courseKey: string, runCode: string): Promise<Enrollment> {
  return (await enrollSelf(ctx, courseKey, runCode)).enrollment;
}

/**
 * The signed-in person leaves a run: the enrollment is kept, marked 'unenrolled', with its
 * progress, so enrolling again picks up where they left. Leaving twice changes nothing.
 * Errors: unauthenticated, not_found (course, run, enrollment).
 */
export async function leaveRun(ctx: ServiceContext, courseKey: string, runCode: string): Promise<EnrollmentChange> {
  const actor = requirePerson(ctx);
  const { course, run } = await requirePublicRun(ctx.db, courseKey, runCode);
  const current = await selectEnrollment(ctx.db, run.id, actor.userId);
  if (!current) throw notFound('enrollment');
  if (current.status !== 'active') return { enrollment: current, changed: false, course, run };
  const now = ctx.clock.now();
  const activity = await describeRunActivity(ctx.db, run);
  return ctx.db.transaction(async (tx): Promise<EnrollmentChange> => {
    await lockRunSeats(tx, run.id);
    const existing = await lockEnrollment(tx, run.id, actor.userId);
    if (!existing || existing.status !== 'active') {
      return { enrollment: existing ?? current, changed: false, course, run };
    }
    const [row] = await tx
      .update(enrEnrollment)
      .set({ status: 'unenrolled', unenrolledAt: now, updatedAt: now })
      .where(eq(enrEnrollment.id, existing.id))
      .returning();
    await addSeats(tx, run.id, -1);
    forgetEnrollments(run.id, actor.userId);
    const enrollment = toEnrollment(row!);
    await recordLearningActions(tx, [describeRunAction('exited', activity, run, course.key, enrollment, now)], now);
    return { enrollment, changed: true, course, run };
  });
}

/** `leaveRun` for callers that only need the enrollment. Errors: as `leaveRun`. */
export async function unenrollFromRun(ctx: ServiceContext, courseKey: string, runCode: string): Promise<Enrollment> {
  return (await leaveRun(ctx, courseKey, runCode)).enrollment;
}
