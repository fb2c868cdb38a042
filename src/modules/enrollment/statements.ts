import type { Executor } from '../../platform/db/index.ts';
import { getReleaseTree, type CourseRun } from '../courses/index.ts';
import type { ActivityRef, LearningAction } from '../records/index.ts';
import type { Enrollment } from './model.ts';

/**
 * The run as an xAPI activity, named with the course title (every language it has) of the
 * release the run serves. Releases are cached, so this costs nothing per learner.
 */
export async function describeRunActivity(executor: Executor, run: CourseRun): Promise<ActivityRef> {
  const { metadata } = await getReleaseTree(executor, run.releaseId);
  return { kind: 'run', ref: run.uuid, name: metadata.title, language: run.language };
}

/** 'registered' on joining a run and 'exited' on leaving it; the registration is the enrollment. */
export function describeRunAction(
  verb: 'registered' | 'exited',
  activity: ActivityRef,
  run: CourseRun,
  courseKey: string,
  enrollment: Pick<Enrollment, 'uuid' | 'userId'>,
  at: Date,
): LearningAction {
  return {
    userId: enrollment.userId,
    verb,
    object: activity,
    context: {
      runId: run.id,
      runUuid: run.uuid,
      registration: enrollment.uuid,
      courseKey,
      language: run.language,
    },
    at,
  };
}
