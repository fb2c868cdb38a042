import { and, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/index.ts';
import type { CourseRun } from '../courses/index.ts';
import { forgetEnrollments, toEnrollment } from './core.ts';
import type { Enrollment, EnrollmentSource, EnrollmentStatus } from './model.ts';
import { enrEnrollment } from './schema.ts';
import { addSeats, lockRunSeats } from './seats.ts';

/**
 * Puts a person in a run for tests of the modules above, without the window, capacity or xAPI
 * statements of `enrollInRun` (so those tests count only their own statements). Calling it again
 * for the same person updates the one row; the seat counter stays in step.
 */
export async function enrollForTest(
  db: Database,
  run: Pick<CourseRun, 'id' | 'courseId'>,
  userId: string,
  options: { enrolledAt?: Date; status?: EnrollmentStatus; source?: EnrollmentSource } = {},
): Promise<Enrollment> {
  const at = options.enrolledAt ?? new Date();
  const status = options.status ?? 'active';
  return db.transaction(async (tx) => {
    await lockRunSeats(tx, run.id);
    const [before] = await tx
      .select({ status: enrEnrollment.status })
      .from(enrEnrollment)
      .where(and(eq(enrEnrollment.runId, run.id), eq(enrEnrollment.userId, userId)));
    const values = {
      status,
      source: options.source ?? 'self',
      enrolledAt: at,
      unenrolledAt: status === 'unenrolled' ? at : null,
      updatedAt: at,
    };
    const [row] = await tx
      .insert(enrEnrollment)
      .values({ runId: run.id, courseId: run.courseId, userId, createdAt: at, ...values })
      .onConflictDoUpdate({ target: [enrEnrollment.runId, enrEnrollment.userId], set: values })
      .returning();
    forgetEnrollments(run.id, userId);
    const wasActive = before?.status === 'active';
    await addSeats(tx, run.id, Number(status === 'active') - Number(wasActive));
    return toEnrollment(row!);
  });
}

/** Sets an enrollment's status directly, as unenrolling would, without seats or statements. */
export async function setEnrollmentStatusForTest(
  db: Database,
  enrollmentId: number,
  status: EnrollmentStatus,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(enrEnrollment)
      .set({ status })
      .where(eq(enrEnrollment.id, enrollmentId))
      .returning({ runId: enrEnrollment.runId, userId: enrEnrollment.userId });
    if (row) forgetEnrollments(row.runId, row.userId);
  });
}
