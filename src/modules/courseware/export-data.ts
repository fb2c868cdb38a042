import { asc, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import {
  describeContent,
  describeRun,
  indexEnrollmentsForExport,
  type ExportedContentRef,
  type ExportedRunRef,
} from '../enrollment/index.ts';
import { cwrCompletion, cwrPosition, cwrVideoProgress, type COMPLETION_KINDS } from './schema.ts';

export type ExportedCourseware = {
  completions: Array<
    ExportedRunRef & { block: ExportedContentRef; kind: (typeof COMPLETION_KINDS)[number]; completedAt: string }
  >;
  videoProgress: Array<
    ExportedRunRef & {
      block: ExportedContentRef;
      /** The parts watched, as merged [start, end] second ranges. */
      watchedRanges: Array<[number, number]>;
      durationSeconds: number;
      positionSeconds: number;
      updatedAt: string;
    }
  >;
  positions: Array<ExportedRunRef & { unit: ExportedContentRef; visitedAt: string }>;
};

/**
 * What one person completed, watched and where they last were, as plain JSON for their data
 * export. Rows are found through the person's own enrollments only.
 */
export async function exportLearnerCourseware(executor: Executor, userId: string): Promise<ExportedCourseware> {
  const enrollments = await indexEnrollmentsForExport(executor, userId);
  const ids = [...enrollments.keys()];
  if (ids.length === 0) return { completions: [], videoProgress: [], positions: [] };
  const [completions, videos, positions] = await Promise.all([
    executor
      .select()
      .from(cwrCompletion)
      .where(inArray(cwrCompletion.enrollmentId, ids))
      .orderBy(asc(cwrCompletion.completedAt), asc(cwrCompletion.blockEntityId)),
    executor
      .select()
      .from(cwrVideoProgress)
      .where(inArray(cwrVideoProgress.enrollmentId, ids))
      .orderBy(asc(cwrVideoProgress.updatedAt), asc(cwrVideoProgress.blockEntityId)),
    executor
      .select()
      .from(cwrPosition)
      .where(inArray(cwrPosition.enrollmentId, ids))
      .orderBy(asc(cwrPosition.visitedAt)),
  ]);
  const runOf = (enrollmentId: number) => enrollments.get(enrollmentId)!;
  return {
    completions: completions.map((row) => ({
      ...describeRun(runOf(row.enrollmentId)),
      block: describeContent(runOf(row.enrollmentId), row.blockEntityId),
      kind: row.kind,
      completedAt: row.completedAt.toISOString(),
    })),
    videoProgress: videos.map((row) => ({
      ...describeRun(runOf(row.enrollmentId)),
      block: describeContent(runOf(row.enrollmentId), row.blockEntityId),
      watchedRanges: row.ranges.map(([start, end]) => [start, end] as [number, number]),
      durationSeconds: row.durationSeconds,
      positionSeconds: row.positionSeconds,
      updatedAt: row.updatedAt.toISOString(),
    })),
    positions: positions.map((row) => ({
      ...describeRun(runOf(row.enrollmentId)),
      unit: describeContent(runOf(row.enrollmentId), row.unitEntityId),
      visitedAt: row.visitedAt.toISOString(),
    })),
  };
}
