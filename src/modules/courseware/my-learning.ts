import type { ServiceContext } from '../../platform/access/index.ts';
import { unauthenticated } from '../../platform/errors/index.ts';
import type { CourseMetadata, CourseRun } from '../courses/index.ts';
import { listMyEnrollments, type Enrollment } from '../enrollment/index.ts';
import { describeRunPhase, type RunPhase } from './access.ts';
import { summarizeEnrollmentProgress } from './progress.ts';

/** One of the signed-in person's runs on their "My learning" page. */
export type LearningEntry = {
  course: { id: number; key: string; uuid: string };
  run: CourseRun;
  enrollment: Enrollment;
  metadata: CourseMetadata;
  phase: RunPhase;
  progress: { completedBlocks: number; totalBlocks: number };
  resumeUnitKey: string | null;
  /** The run has ended, or every block of it is complete. */
  finished: boolean;
};

/**
 * The signed-in person's active enrollments with their progress, split into current and
 * finished runs (ended, or every block complete), in the order the enrollment listing gives.
 * Read-only. Errors: unauthenticated.
 */
export async function listMyLearning(
  ctx: ServiceContext,
): Promise<{ current: LearningEntry[]; finished: LearningEntry[] }> {
  if (!ctx.actor) throw unauthenticated();
  const now = ctx.clock.now();
  const entries: LearningEntry[] = [];
  for (const { enrollment, course, run } of await listMyEnrollments(ctx, { status: 'active' })) {
    const progress = await summarizeEnrollmentProgress(ctx.db, enrollment.id, run.releaseId);
    const phase = describeRunPhase(run, now);
    const complete = progress.totalBlocks > 0 && progress.completedBlocks >= progress.totalBlocks;
    entries.push({
      course,
      run,
      enrollment,
      metadata: progress.tree.metadata,
      phase,
      progress: { completedBlocks: progress.completedBlocks, totalBlocks: progress.totalBlocks },
      resumeUnitKey: progress.resumeUnitKey,
      finished: phase === 'ended' || complete,
    });
  }
  return { current: entries.filter((entry) => !entry.finished), finished: entries.filter((entry) => entry.finished) };
}
