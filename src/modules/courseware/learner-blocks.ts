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

export function presentLearnerBlock(
  tree: TreeBlock,
  completion: Completion | undefined,
  watched: WatchedSummary | null,
): LearnerBlock {
  const base: LearnerBlockBase = {
    key: tree.key,
    uuid: tree.uuid,
    entityId: tree.entityId,
    versionId: tree.versionId,
    title: tree.block.title,
    completion: completion ? { kind: completion.kind, completedAt: completion.completedAt } : null,
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
      return { ...base, ...copyVideo(block), watched };
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
