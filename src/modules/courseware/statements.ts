import type { BlockType } from '../courses/index.ts';
import type { LearnerRun } from '../enrollment/index.ts';
import type { ActivityRef, LearningAction, StatementResult, VerbName } from '../records/index.ts';

/** The xAPI context every statement of a learner in a run shares. */
function contextOf(learner: LearnerRun, parent?: ActivityRef): LearningAction['context'] {
  return {
    runId: learner.run.id,
    runUuid: learner.run.uuid,
    registration: learner.enrollment.uuid,
    courseKey: learner.course.key,
    language: learner.run.language,
    ...(parent ? { parent } : {}),
  };
}

/** One learning action of the learner on a unit or block of their run. */
export function buildAction(
  learner: LearnerRun,
  verb: VerbName,
  object: ActivityRef,
  at: Date,
  options: { result?: StatementResult; parent?: ActivityRef } = {},
): LearningAction {
  return {
    userId: learner.enrollment.userId,
    verb,
    object,
    ...(options.result ? { result: options.result } : {}),
    context: contextOf(learner, options.parent),
    at,
  };
}

/** The activity of a block: its entity UUID, typed after the kind of block. */
export function blockActivity(block: { uuid: string; title: string; type: BlockType }, language: string): ActivityRef {
  return { kind: block.type, ref: block.uuid, name: block.title, language };
}

export function unitActivity(unit: { uuid: string; title: string }, language: string): ActivityRef {
  return { kind: 'unit', ref: unit.uuid, name: unit.title, language };
}

/** The xAPI video profile's progress extension, a fraction of the video between 0 and 1. */
export const VIDEO_PROGRESS_EXTENSION = 'https://w3id.org/xapi/video/extensions/progress';
