import type { ServiceContext } from '../../platform/access/index.ts';
import {
  getReleaseTree,
  type BlockType,
  type CourseMetadata,
  type CourseRun,
  type CourseTree,
} from '../courses/index.ts';
import type { LearnerRun } from '../enrollment/index.ts';
import { describeRunPhase, requireReader, type RunPhase } from './access.ts';
import { selectCompletions, type Completion } from './completion.ts';
import { selectPosition } from './position.ts';
import { countCompleted, listUnits } from './progress.ts';

export type OutlineBlock = {
  key: string;
  uuid: string;
  entityId: number;
  type: BlockType;
  title: string;
  completed: boolean;
};
export type OutlineUnit = {
  key: string;
  uuid: string;
  title: string;
  blocks: OutlineBlock[];
  completedBlocks: number;
  totalBlocks: number;
};
export type OutlineSection = {
  key: string;
  uuid: string;
  title: string;
  units: OutlineUnit[];
  completedBlocks: number;
  totalBlocks: number;
};

/** A run's content as its learner (or a previewing staff member) sees it, with completion marks. */
export type CourseOutline = {
  reader: 'learner' | 'staff';
  /** The learner behind the outline; null in a staff preview. */
  learner: LearnerRun | null;
  course: { id: number; key: string; uuid: string };
  run: CourseRun;
  metadata: CourseMetadata;
  phase: RunPhase;
  sections: OutlineSection[];
  progress: { completedBlocks: number; totalBlocks: number };
  /** The unit the learner was last at, if the release still has it. */
  lastUnitKey: string | null;
  /** Where "resume" leads: the last unit, else the first; null when the release has no unit. */
  resumeUnitKey: string | null;
};

export function pickResumeUnit(
  tree: CourseTree,
  positionUnitId: number | null,
): { last: string | null; resume: string | null } {
  const units = listUnits(tree);
  const last = units.find((unit) => unit.entityId === positionUnitId)?.key ?? null;
  return { last, resume: last ?? units[0]?.key ?? null };
}

function buildSections(tree: CourseTree, completions: ReadonlyMap<number, Completion>): OutlineSection[] {
  return tree.sections.map((section) => {
    const units = section.units.map((unit): OutlineUnit => {
      const blocks = unit.blocks.map((block) => ({
        key: block.key,
        uuid: block.uuid,
        entityId: block.entityId,
        type: block.block.type,
        title: block.block.title,
        completed: completions.has(block.entityId),
      }));
      return {
        key: unit.key,
        uuid: unit.uuid,
        title: unit.title,
        blocks,
        completedBlocks: countCompleted(unit.blocks, completions),
        totalBlocks: blocks.length,
      };
    });
    return {
      key: section.key,
      uuid: section.uuid,
      title: section.title,
      units,
      completedBlocks: units.reduce((sum, unit) => sum + unit.completedBlocks, 0),
      totalBlocks: units.reduce((sum, unit) => sum + unit.totalBlocks, 0),
    };
  });
}

/**
 * The outline of a run: sections, units and blocks of its release with what the learner
 * completed, progress per section and overall, and where to resume. Shown at any time, also
 * before a scheduled run starts. Read-only.
 * Errors: unauthenticated, not_found (course, run), forbidden 'enrollment.required'.
 */
export async function getCourseOutline(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
): Promise<CourseOutline> {
  const reader = await requireReader(ctx, courseKey, runCode);
  const { course, run, learner } = reader;
  const [tree, completions, position] = await Promise.all([
    getReleaseTree(ctx.db, run.releaseId),
    learner ? selectCompletions(ctx.db, learner.enrollment.id) : new Map<number, Completion>(),
    learner ? selectPosition(ctx.db, learner.enrollment.id) : null,
  ]);
  const sections = buildSections(tree, completions);
  const { last, resume } = pickResumeUnit(tree, position);
  return {
    reader: reader.kind,
    learner,
    course: { id: course.id, key: course.key, uuid: course.uuid },
    run,
    metadata: tree.metadata,
    phase: describeRunPhase(run, ctx.clock.now()),
    sections,
    progress: {
      completedBlocks: sections.reduce((sum, section) => sum + section.completedBlocks, 0),
      totalBlocks: sections.reduce((sum, section) => sum + section.totalBlocks, 0),
    },
    lastUnitKey: last,
    resumeUnitKey: resume,
  };
}

/**
 * The unit "resume" opens for the reader: the learner's last unit while the release has it,
 * otherwise the first unit; null when the release has none. Read-only. Errors: as getCourseOutline.
 */
export async function getResumeUnitKey(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
): Promise<string | null> {
  const { run, learner } = await requireReader(ctx, courseKey, runCode);
  const [tree, position] = await Promise.all([
    getReleaseTree(ctx.db, run.releaseId),
    learner ? selectPosition(ctx.db, learner.enrollment.id) : null,
  ]);
  return pickResumeUnit(tree, position).resume;
}
