import type { Executor } from '../../platform/db/index.ts';
import { getReleaseTree, type CourseTree, type TreeUnit } from '../courses/index.ts';
import type { LearnerRun } from '../enrollment/index.ts';
import { selectCompletions, type Completion } from './completion.ts';
import { selectPosition } from './position.ts';

export type ProgressSummary = { completedBlocks: number; totalBlocks: number; lastUnitKey: string | null };

export function listUnits(tree: CourseTree): TreeUnit[] {
  return tree.sections.flatMap((section) => section.units);
}

export function countCompleted(
  blocks: ReadonlyArray<{ entityId: number }>,
  completions: ReadonlyMap<number, Completion>,
): number {
  return blocks.reduce((count, block) => count + (completions.has(block.entityId) ? 1 : 0), 0);
}

/**
 * How far a learner got in the content of their run's release: blocks completed out of all its
 * blocks (completions of blocks the release no longer has do not count), and the unit they were
 * last at (null when they have not opened one, or it is no longer in the release).
 */
export async function summarizeProgress(executor: Executor, learner: LearnerRun): Promise<ProgressSummary> {
  const { completedBlocks, totalBlocks, lastUnitKey } = await summarizeEnrollmentProgress(
    executor,
    learner.enrollment.id,
    learner.run.releaseId,
  );
  return { completedBlocks, totalBlocks, lastUnitKey };
}

/** Progress with the release it was measured on, and the unit "resume" leads to. */
export type EnrollmentProgress = ProgressSummary & { tree: CourseTree; resumeUnitKey: string | null };

export async function summarizeEnrollmentProgress(
  executor: Executor,
  enrollmentId: number,
  releaseId: number,
): Promise<EnrollmentProgress> {
  const [tree, completions, position] = await Promise.all([
    getReleaseTree(executor, releaseId),
    selectCompletions(executor, enrollmentId),
    selectPosition(executor, enrollmentId),
  ]);
  const units = listUnits(tree);
  const blocks = units.flatMap((unit) => unit.blocks);
  const lastUnitKey = units.find((unit) => unit.entityId === position)?.key ?? null;
  return {
    tree,
    completedBlocks: countCompleted(blocks, completions),
    totalBlocks: blocks.length,
    lastUnitKey,
    resumeUnitKey: lastUnitKey ?? units[0]?.key ?? null,
  };
}
