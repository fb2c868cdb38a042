import type { Executor } from '../../platform/db/index.ts';
import { appendOutboxEvents, type OutboxEvent } from '../../platform/outbox/index.ts';
import type { CourseRun } from '../courses/index.ts';
import { recordLearningActions, type LearningAction } from '../records/index.ts';

export const COURSE_PASSED_TOPIC = 'course.passed';

/** Everything the first pass of one learner tells the rest of the platform. */
export type CoursePass = {
  enrollmentUuid: string;
  userId: string;
  run: Pick<CourseRun, 'id' | 'uuid' | 'language'>;
  course: { id: number; key: string; title?: Record<string, string> | undefined };
  grade: number;
  passedAt: Date;
};

export function coursePassedDedupeKey(enrollmentUuid: string): string {
  return `${COURSE_PASSED_TOPIC}:${enrollmentUuid}`;
}

function titleIn(title: Record<string, string> | undefined, language: string): string | undefined {
  if (!title) return undefined;
  return title[language] ?? title.en ?? Object.values(title)[0];
}

function toPassedStatement(pass: CoursePass): LearningAction {
  const name = titleIn(pass.course.title, pass.run.language);
  return {
    userId: pass.userId,
    verb: 'passed',
    object: { kind: 'run', ref: pass.run.uuid, ...(name ? { name, language: pass.run.language } : {}) },
    result: { score: { scaled: pass.grade, raw: pass.grade, min: 0, max: 1 }, success: true, completion: true },
    context: {
      runId: pass.run.id,
      runUuid: pass.run.uuid,
      registration: pass.enrollmentUuid,
      courseKey: pass.course.key,
      language: pass.run.language,
    },
    at: pass.passedAt,
  };
}

function toPassedEvent(pass: CoursePass): OutboxEvent {
  return {
    topic: COURSE_PASSED_TOPIC,
    dedupeKey: coursePassedDedupeKey(pass.enrollmentUuid),
    payload: {
      enrollmentUuid: pass.enrollmentUuid,
      userId: pass.userId,
      runId: pass.run.id,
      runUuid: pass.run.uuid,
      courseId: pass.course.id,
      courseKey: pass.course.key,
      grade: pass.grade,
      passedAt: pass.passedAt.toISOString(),
    },
    at: pass.passedAt,
  };
}

/**
 * Announces first passes in the caller's transaction: a `course.passed` event per enrollment
 * (the dedupe key makes a second announcement of the same enrollment a no-op) and an xAPI
 * 'passed' statement for each event actually written, so a repeated call records nothing twice.
 * Many passes (a recompute) cost one outbox INSERT and a few statement INSERTs, not one each.
 * Returns how many passes were new.
 */
export async function announceCoursePasses(tx: Executor, passes: readonly CoursePass[], stored: Date): Promise<number> {
  if (passes.length === 0) return 0;
  const appended = await appendOutboxEvents(tx, passes.map(toPassedEvent));
  const written = passes.filter((_pass, index) => appended[index]);
  await recordLearningActions(tx, written.map(toPassedStatement), stored);
  return written.length;
}
