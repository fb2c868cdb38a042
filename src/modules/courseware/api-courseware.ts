/** Outline with completion, units, completion rules, video progress and resume. */
export {
  markBlockCompleted,
  markBlocksCompleted,
  type BlockCompletionEntry,
  type CompletableBlock,
  type Completion,
  type CompletionKind,
} from './completion.ts';
export { summarizeProgress, type ProgressSummary } from './progress.ts';
export { checkRunAddress, describeRunPhase, type CoursewareReader, type RunPhase } from './access.ts';
export type {
  LearnerBlock,
  LearnerDiscussionBlock,
  LearnerFileBlock,
  LearnerLinkBlock,
  LearnerQuizBlock,
  LearnerTextBlock,
  LearnerVideoBlock,
} from './learner-blocks.ts';
export {
  getCourseOutline,
  getResumeUnitKey,
  type CourseOutline,
  type OutlineBlock,
  type OutlineSection,
  type OutlineUnit,
} from './outline.ts';
export { WATCHED_FRACTION, mergeRanges, type WatchedRange, type WatchedSummary } from './ranges.ts';
export { getUnit, type UnitNeighbour, type UnitView } from './unit.ts';
export {
  markBlockComplete,
  progressReportSchema,
  reportBlockProgress,
  type BlockProgress,
  type ProgressReport,
} from './video.ts';
export { listMyLearning, type LearningEntry } from './my-learning.ts';
