import type { CourseRun, QuizBlock } from '../courses/index.ts';
import type { Enrollment } from '../enrollment/index.ts';

const DAY_MS = 86_400_000;

/**
 * When a quiz closes for one learner. Without `dueAfterDays` it closes with the run (if the run
 * ends). Otherwise the days count from the run's start (scheduled) or from the learner's
 * enrollment (self-paced: `enrolledAt` survives re-enrolling, so the date cannot be stretched),
 * and never run past the end of the run.
 */
export function quizDueAt(
  run: CourseRun,
  enrollment: Pick<Enrollment, 'enrolledAt'>,
  quiz: Pick<QuizBlock, 'dueAfterDays'>,
): Date | null {
  if (quiz.dueAfterDays === null) return run.endsAt;
  const base = run.pacing === 'scheduled' && run.startsAt ? run.startsAt : enrollment.enrolledAt;
  const due = new Date(base.getTime() + quiz.dueAfterDays * DAY_MS);
  return run.endsAt && run.endsAt.getTime() < due.getTime() ? run.endsAt : due;
}

/** Where a quiz stands in time for a learner: not open yet (scheduled runs), open, or past due. */
export type QuizWindow = 'not_started' | 'open' | 'closed';

/**
 * Scheduled runs open their quizzes at `startsAt`; self-paced runs are always open. The due
 * moment itself is already closed, so "after the due date" and "revealed after due" agree.
 */
export function readQuizWindow(run: CourseRun, dueAt: Date | null, now: Date): QuizWindow {
  if (run.pacing === 'scheduled' && run.startsAt && now.getTime() < run.startsAt.getTime()) return 'not_started';
  if (dueAt && now.getTime() >= dueAt.getTime()) return 'closed';
  return 'open';
}
