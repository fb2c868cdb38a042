import type { ServiceContext } from '../../platform/access/index.ts';
import { freezeDeep } from '../../platform/cache/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import {
  getReleaseTree,
  type CourseMetadata,
  type CourseRun,
  type CourseTree,
  type TreeSection,
  type TreeUnit,
} from '../courses/index.ts';
import type { LearnerRun } from '../enrollment/index.ts';
import { recordLearningActions } from '../records/index.ts';
import { checkEntityKey, describeRunPhase, notStarted, requireReader, type RunPhase } from './access.ts';
import { markBlockCompleted, type Completion } from './completion.ts';
import { presentLearnerBlock, type LearnerBlock } from './learner-blocks.ts';
import { writePosition } from './position.ts';
import { listUnits } from './progress.ts';
import { summarizeWatched, type WatchedSummary } from './ranges.ts';
import { buildAction, unitActivity } from './statements.ts';
import { selectUnitState } from './unit-state.ts';

/**
 * Blocks that are complete once their unit has been opened: there is nothing more to do with
 * them. Taking part in a discussion is never required, so reading its prompt is enough.
 */
const COMPLETED_ON_VIEW = new Set(['text', 'link', 'file', 'discussion']);

export type UnitNeighbour = { key: string; title: string };
type UnitNeighbours = { previous: UnitNeighbour | null; next: UnitNeighbour | null };

/** One unit of a run as its reader sees it, in a learner-safe shape. */
export type UnitView = {
  reader: 'learner' | 'staff';
  learner: LearnerRun | null;
  course: { id: number; key: string; uuid: string };
  run: CourseRun;
  metadata: CourseMetadata;
  phase: RunPhase;
  section: { key: string; title: string; number: number };
  unit: { key: string; uuid: string; title: string; number: number };
  previous: UnitNeighbour | null;
  next: UnitNeighbour | null;
  blocks: LearnerBlock[];
};

export function findUnit(tree: CourseTree, unitKey: string): { section: TreeSection; unit: TreeUnit } {
  for (const section of tree.sections) {
    const unit = section.units.find((candidate) => candidate.key === unitKey);
    if (unit) return { section, unit };
  }
  throw notFound('unit');
}

/*
 * The units around a unit depend on its release alone, and a cached release tree is shared by
 * every view: they are found once per unit object, not by listing the course's units each time.
 */
const neighboursOfUnit = new WeakMap<TreeUnit, UnitNeighbours>();

function findNeighbours(tree: CourseTree, unit: TreeUnit): UnitNeighbours {
  const known = neighboursOfUnit.get(unit);
  if (known) return known;
  const units = listUnits(tree);
  const index = units.findIndex((candidate) => candidate.entityId === unit.entityId);
  const neighbour = (other: TreeUnit | undefined) => (other ? { key: other.key, title: other.title } : null);
  const found = freezeDeep({ previous: neighbour(units[index - 1]), next: neighbour(units[index + 1]) });
  neighboursOfUnit.set(unit, found);
  return found;
}

type LearnerState = { completions: Map<number, Completion>; videos: Map<number, WatchedSummary> };

async function readLearnerState(ctx: ServiceContext, learner: LearnerRun, unit: TreeUnit) {
  const videoIds = unit.blocks.filter((block) => block.block.type === 'video').map((block) => block.entityId);
  const blockIds = unit.blocks.map((block) => block.entityId);
  const { completions, position, videos } = await selectUnitState(ctx.db, learner.enrollment.id, blockIds, videoIds);
  const watched = new Map(
    [...videos.values()].map((video) => [
      video.blockEntityId,
      summarizeWatched(video.ranges, video.durationSeconds, video.positionSeconds),
    ]),
  );
  return { completions, position, videos: watched };
}

/**
 * Records the visit: the position moves (with an 'experienced' statement) only when the learner
 * arrives from another unit, and text, link and file blocks not yet complete become 'viewed'.
 * A repeated view of the same, already complete unit writes nothing.
 */
async function recordVisit(
  ctx: ServiceContext,
  learner: LearnerRun,
  unit: TreeUnit,
  state: LearnerState & { position: number | null },
): Promise<void> {
  const arriving = state.position !== unit.entityId;
  const unviewed = unit.blocks.filter(
    (block) => COMPLETED_ON_VIEW.has(block.block.type) && !state.completions.has(block.entityId),
  );
  if (!arriving && unviewed.length === 0) return;
  const now = ctx.clock.now();
  const parent = { uuid: unit.uuid, title: unit.title };
  await ctx.db.transaction(async (tx) => {
    if (arriving && (await writePosition(tx, learner.enrollment.id, unit.entityId, now))) {
      const activity = unitActivity(parent, learner.run.language);
      await recordLearningActions(tx, [buildAction(learner, 'experienced', activity, now)], now);
    }
    for (const block of unviewed) {
      const target = { ...block, title: block.block.title, type: block.block.type, unit: parent };
      await markBlockCompleted(tx, learner, target, 'viewed', now);
    }
  });
  for (const block of unviewed) {
    if (!state.completions.has(block.entityId)) {
      state.completions.set(block.entityId, {
        blockEntityId: block.entityId,
        versionId: block.versionId,
        kind: 'viewed',
        completedAt: now,
      });
    }
  }
}

/**
 * One unit of the run's release with its blocks in a learner-safe shape (quizzes reduced to
 * what announces them), the previous and next units across sections, and the learner's
 * completion of each block. A learner's visit is recorded (see recordVisit) while the run is
 * open; a staff preview and an ended run only read. A learner cannot open a unit before a
 * scheduled run starts.
 * Errors: unauthenticated, not_found (course, run, unit), forbidden 'enrollment.required',
 * 'courseware.not_started'.
 */
export async function getUnit(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  unitKey: string,
): Promise<UnitView> {
  const reader = await requireReader(ctx, courseKey, runCode);
  checkEntityKey(unitKey, 'unit');
  const { course, run, learner } = reader;
  const tree = await getReleaseTree(ctx.db, run.releaseId);
  const { section, unit } = findUnit(tree, unitKey);
  const phase = describeRunPhase(run, ctx.clock.now());
  if (learner && phase === 'not_started') throw notStarted(run);
  const state: LearnerState = { completions: new Map(), videos: new Map() };
  if (learner) {
    const read = await readLearnerState(ctx, learner, unit);
    Object.assign(state, read);
    if (phase === 'open') await recordVisit(ctx, learner, unit, read);
  }
  return {
    reader: reader.kind,
    learner,
    course: { id: course.id, key: course.key, uuid: course.uuid },
    run,
    metadata: tree.metadata,
    phase,
    section: { key: section.key, title: section.title, number: tree.sections.indexOf(section) + 1 },
    unit: { key: unit.key, uuid: unit.uuid, title: unit.title, number: section.units.indexOf(unit) + 1 },
    ...findNeighbours(tree, unit),
    blocks: unit.blocks.map((block) =>
      presentLearnerBlock(block, state.completions.get(block.entityId), state.videos.get(block.entityId) ?? null),
    ),
  };
}
