import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { conflict, invalid, notFound } from '../../platform/errors/index.ts';
import { getReleaseTree, type CourseTree, type TreeBlock, type TreeUnit, type VideoBlock } from '../courses/index.ts';
import type { LearnerRun } from '../enrollment/index.ts';
import { recordLearningActions } from '../records/index.ts';
import { checkEntityKey, requireOpenRun, requireWritingLearner } from './access.ts';
import { markBlockCompleted, selectCompletions, type Completion } from './completion.ts';
import {
  WATCHED_FRACTION,
  listCrossedMilestones,
  mergeRanges,
  roundSeconds,
  summarizeWatched,
  type WatchedSummary,
} from './ranges.ts';
import { VIDEO_PROGRESS_EXTENSION, blockActivity, buildAction, unitActivity } from './statements.ts';
import { lockVideoProgress, updateVideoProgress } from './video-store.ts';

const MAX_SECONDS = 86_400;
const seconds = z.number().finite().min(0).max(MAX_SECONDS);

/** What a player or a form reports about one block. */
export const progressReportSchema = z.strictObject({
  ranges: z
    .array(z.tuple([seconds, seconds]))
    .max(500)
    .optional(),
  durationSeconds: seconds.positive().optional(),
  positionSeconds: seconds.optional(),
  complete: z.literal(true).optional(),
});
export type ProgressReport = z.infer<typeof progressReportSchema>;

/** The learner's state of one block after a report. */
export type BlockProgress = {
  blockKey: string;
  type: TreeBlock['block']['type'];
  completion: Pick<Completion, 'kind' | 'completedAt'> | null;
  /** Whether this report completed the block. */
  newlyCompleted: boolean;
  watched: WatchedSummary | null;
};

type Located = { unit: TreeUnit; block: TreeBlock };

function locateBlock(tree: CourseTree, blockKey: string, unitKey?: string): Located {
  for (const section of tree.sections) {
    for (const unit of section.units) {
      if (unitKey !== undefined && unit.key !== unitKey) continue;
      const block = unit.blocks.find((candidate) => candidate.key === blockKey);
      if (block) return { unit, block };
    }
  }
  throw notFound('block');
}

function parseReport(report: unknown): ProgressReport {
  const parsed = progressReportSchema.safeParse(report);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
    throw invalid('courseware.progress_invalid', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
  }
  return parsed.data;
}

function hasPlayback(report: ProgressReport): boolean {
  return report.ranges !== undefined || report.durationSeconds !== undefined || report.positionSeconds !== undefined;
}

/** Merges the reported ranges, records milestones passed and completes the video at 90 %. */
async function applyPlayback(
  tx: Executor,
  learner: LearnerRun,
  { unit, block }: Located,
  video: VideoBlock,
  report: ProgressReport,
  at: Date,
): Promise<WatchedSummary> {
  const enrollmentId = learner.enrollment.id;
  const reported = roundSeconds(report.durationSeconds ?? 0);
  const stored = await lockVideoProgress(tx, enrollmentId, block.entityId, video.durationSeconds ?? reported, at);
  // The block's own duration is authoritative; a player's report only fills in an unknown one, once.
  const duration = video.durationSeconds ?? (stored.durationSeconds > 0 ? stored.durationSeconds : reported);
  if (!(duration > 0)) {
    throw invalid('courseware.duration_unknown', 'Report durationSeconds: this video’s length is not known yet.');
  }
  const before = summarizeWatched(stored.ranges, duration, stored.positionSeconds).fraction;
  const ranges = mergeRanges([...stored.ranges, ...(report.ranges ?? [])], duration);
  const position = roundSeconds(Math.min(report.positionSeconds ?? stored.positionSeconds, duration));
  await updateVideoProgress(
    tx,
    enrollmentId,
    { ...stored, ranges, durationSeconds: duration, positionSeconds: position },
    at,
  );
  const watched = summarizeWatched(ranges, duration, position);
  const language = learner.run.language;
  const activity = blockActivity({ uuid: block.uuid, title: video.title, type: 'video' }, language);
  const parent = unitActivity(unit, language);
  const milestones = listCrossedMilestones(before, watched.fraction);
  await recordLearningActions(
    tx,
    milestones.map((milestone) =>
      buildAction(learner, 'progressed', activity, at, {
        parent,
        result: { extensions: { [VIDEO_PROGRESS_EXTENSION]: milestone } },
      }),
    ),
    at,
  );
  if (watched.fraction >= WATCHED_FRACTION) {
    await markBlockCompleted(tx, learner, { ...block, title: video.title, type: 'video', unit }, 'watched', at);
  }
  return watched;
}

async function applyReport(
  ctx: ServiceContext,
  learner: LearnerRun,
  located: Located,
  report: ProgressReport,
): Promise<BlockProgress> {
  const { unit, block } = located;
  const content = block.block;
  if (content.type === 'quiz') {
    throw conflict('courseware.quiz_needs_submission', 'A quiz is completed by submitting an attempt.');
  }
  if (content.type !== 'video' && hasPlayback(report)) {
    throw invalid('courseware.not_a_video', 'Only videos take watched ranges, a duration or a position.');
  }
  const now = ctx.clock.now();
  requireOpenRun(learner.run, now);
  return ctx.db.transaction(async (tx) => {
    const before = await selectCompletions(tx, learner.enrollment.id, [block.entityId]);
    const watched =
      content.type === 'video' && hasPlayback(report)
        ? await applyPlayback(tx, learner, located, content, report, now)
        : null;
    if (report.complete) {
      await markBlockCompleted(
        tx,
        learner,
        { ...block, title: content.title, type: content.type, unit },
        'marked',
        now,
      );
    }
    const completion = (await selectCompletions(tx, learner.enrollment.id, [block.entityId])).get(block.entityId);
    return {
      blockKey: block.key,
      type: content.type,
      completion: completion ? { kind: completion.kind, completedAt: completion.completedAt } : null,
      newlyCompleted: !before.has(block.entityId) && completion !== undefined,
      watched,
    };
  });
}

/**
 * A player's report on a block: watched ranges of a video (merged on the server, clamped to its
 * duration; 'progressed' at 25, 50 and 75 %, completed as 'watched' at 90 %), its position, and
 * `complete: true` for a learner who says they are done with a non-quiz block ('marked').
 * Only the enrolled learner, while the run is open.
 * Errors: unauthenticated, not_found (course, run, block), forbidden 'enrollment.required',
 * 'courseware.not_started', conflict 'courseware.run_ended', 'courseware.quiz_needs_submission',
 * invalid 'courseware.progress_invalid', 'courseware.not_a_video', 'courseware.duration_unknown'.
 */
export async function reportBlockProgress(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  blockKey: string,
  report: ProgressReport,
): Promise<BlockProgress> {
  const learner = await requireWritingLearner(ctx, courseKey, runCode);
  const parsed = parseReport(report);
  checkEntityKey(blockKey, 'block');
  const tree = await getReleaseTree(ctx.db, learner.run.releaseId);
  return applyReport(ctx, learner, locateBlock(tree, blockKey), parsed);
}

/**
 * "I am done with this": the no-script way to complete a non-quiz block of a unit ('marked').
 * Errors: as reportBlockProgress, and not_found when the block is not in that unit.
 */
export async function markBlockComplete(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  unitKey: string,
  blockKey: string,
): Promise<BlockProgress> {
  const learner = await requireWritingLearner(ctx, courseKey, runCode);
  checkEntityKey(unitKey, 'unit');
  checkEntityKey(blockKey, 'block');
  const tree = await getReleaseTree(ctx.db, learner.run.releaseId);
  return applyReport(ctx, learner, locateBlock(tree, blockKey, unitKey), { complete: true });
}
