import { freezeDeep } from '../../platform/cache/index.ts';
import type { TreeBlock, VideoBlock } from '../courses/index.ts';
import type { Completion } from './completion.ts';
import type { WatchedSummary } from './ranges.ts';

/*
 * Blocks as a learner receives them. Built field by field from an allow-list, never by deleting
 * fields from the authored block: a field added to quizzes later stays on the server until someone
 * decides here that learners may see it.
 */

type LearnerBlockBase = {
  key: string;
  uuid: string;
  entityId: number;
  versionId: number;
  title: string;
  /** Null until the learner completes the block (always null in a staff preview). */
  completion: Pick<Completion, 'kind' | 'completedAt'> | null;
};

export type LearnerTextBlock = LearnerBlockBase & { type: 'text'; body: string };
export type LearnerLinkBlock = LearnerBlockBase & { type: 'link'; url: string; description: string };
/** The forum threads themselves come from the discussions area, under the topic `block:<key>`. */
export type LearnerDiscussionBlock = LearnerBlockBase & { type: 'discussion'; prompt: string };
export type LearnerFileBlock = LearnerBlockBase & { type: 'file'; mediaId: string; description: string };
export type LearnerVideoBlock = LearnerBlockBase &
  Pick<VideoBlock, 'type' | 'source' | 'captions' | 'posterMediaId' | 'downloadable' | 'durationSeconds'> & {
    /** How much the learner has watched; null before the first report and in a preview. */
    watched: WatchedSummary | null;
  };
/** A quiz is only announced in a unit: its questions are served by the quiz page, never here. */
export type LearnerQuizBlock = LearnerBlockBase & {
  type: 'quiz';
  mode: 'graded' | 'practice';
  assignmentType: string;
  questionCount: number;
  points: number;
  attemptsAllowed: number | null;
};

export type LearnerBlock =
  | LearnerTextBlock
  | LearnerLinkBlock
  | LearnerDiscussionBlock
  | LearnerFileBlock
  | LearnerVideoBlock
  | LearnerQuizBlock;

function copyVideo(
  block: VideoBlock,
): Pick<VideoBlock, 'type' | 'source' | 'captions' | 'posterMediaId' | 'downloadable' | 'durationSeconds'> {
  return {
    type: 'video',
    source:
      block.source.kind === 'url'
        ? { kind: 'url', url: block.source.url }
        : { kind: 'upload', mediaId: block.source.mediaId },
    captions: block.captions.map((caption) => ({
      language: caption.language,
      label: caption.label,
      mediaId: caption.mediaId,
    })),
    posterMediaId: block.posterMediaId,
    downloadable: block.downloadable,
    durationSeconds: block.durationSeconds,
  };
}

type WithoutLearner<B> = B extends LearnerBlock ? Omit<B, 'completion' | 'watched'> : never;
/** A block as every learner receives it, before their own completion and viewing are added. */
type SharedLearnerBlock = WithoutLearner<LearnerBlock>;

function describeBlock(tree: TreeBlock): SharedLearnerBlock {
  const base = {
    key: tree.key,
    uuid: tree.uuid,
    entityId: tree.entityId,
    versionId: tree.versionId,
    title: tree.block.title,
  };
  const { block } = tree;
  switch (block.type) {
    case 'text':
      return { ...base, type: 'text', body: block.body };
    case 'link':
      return { ...base, type: 'link', url: block.url, description: block.description };
    case 'discussion':
      return { ...base, type: 'discussion', prompt: block.prompt };
    case 'file':
      return { ...base, type: 'file', mediaId: block.mediaId, description: block.description };
    case 'video':
      return { ...base, ...copyVideo(block) };
    case 'quiz':
      return {
        ...base,
        type: 'quiz',
        mode: block.mode,
        assignmentType: block.assignmentType,
        questionCount: block.questions.length,
        points: block.questions.reduce((sum, question) => sum + question.points, 0),
        attemptsAllowed: block.attemptsAllowed,
      };
  }
}

/*
 * A release's blocks never change and its tree is shared while cached, so the part every learner
 * sees alike is built once per block (frozen, since requests share it); each view adds only the
 * learner's completion and viewing.
 */
const sharedBlocks = new WeakMap<TreeBlock, SharedLearnerBlock>();

export function presentLearnerBlock(
  tree: TreeBlock,
  completion: Completion | undefined,
  watched: WatchedSummary | null,
): LearnerBlock {
  let shared = sharedBlocks.get(tree);
  if (!shared) {
    shared = freezeDeep(describeBlock(tree));
    sharedBlocks.set(tree, shared);
  }
  const mark = completion ? { kind: completion.kind, completedAt: completion.completedAt } : null;
  return shared.type === 'video' ? { ...shared, completion: mark, watched } : { ...shared, completion: mark };
}
