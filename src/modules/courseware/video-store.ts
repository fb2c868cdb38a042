import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import type { WatchedRange } from './ranges.ts';
import { cwrVideoProgress } from './schema.ts';

export type StoredVideoProgress = {
  blockEntityId: number;
  ranges: WatchedRange[];
  durationSeconds: number;
  positionSeconds: number;
};

const columns = {
  blockEntityId: cwrVideoProgress.blockEntityId,
  ranges: cwrVideoProgress.ranges,
  durationSeconds: cwrVideoProgress.durationSeconds,
  positionSeconds: cwrVideoProgress.positionSeconds,
};

/**
 * The learner's row for one video, locked until the transaction ends so that reports arriving
 * together merge one after the other; created empty first when missing.
 */
export async function lockVideoProgress(
  tx: Executor,
  enrollmentId: number,
  blockEntityId: number,
  durationSeconds: number,
  at: Date,
): Promise<StoredVideoProgress> {
  await tx
    .insert(cwrVideoProgress)
    .values({ enrollmentId, blockEntityId, ranges: [], durationSeconds, positionSeconds: 0, updatedAt: at })
    .onConflictDoNothing();
  const [row] = await tx
    .select(columns)
    .from(cwrVideoProgress)
    .where(and(eq(cwrVideoProgress.enrollmentId, enrollmentId), eq(cwrVideoProgress.blockEntityId, blockEntityId)))
    .for('update');
  return row!;
}

export async function updateVideoProgress(
  tx: Executor,
  enrollmentId: number,
  progress: StoredVideoProgress,
  at: Date,
): Promise<void> {
  await tx
    .update(cwrVideoProgress)
    .set({
      ranges: progress.ranges,
      durationSeconds: progress.durationSeconds,
      positionSeconds: progress.positionSeconds,
      updatedAt: at,
    })
    .where(
      and(eq(cwrVideoProgress.enrollmentId, enrollmentId), eq(cwrVideoProgress.blockEntityId, progress.blockEntityId)),
    );
}
