import type { ServiceContext } from '../../platform/access/index.ts';
import { selectAttemptsOfQuiz } from './attempt-store.ts';
import { presentOwnAttempt } from './attempts.ts';
import { readQuizWindow } from './due.ts';
import { presentQuiz, summarizeAttempt } from './presenter.ts';
import { requireLearnerQuiz } from './quiz-context.ts';
import type { LearnerQuizView, QuizStatus } from './quiz-model.ts';
import { decideReveal } from './reveal.ts';

/**
 * A quiz as its page shows it to the learner: the intro (allow-listed), where they stand, the
 * open attempt with its questions and saved answers, and their submitted attempts, each with
 * what the reveal policy lets them see. Errors: unauthenticated, not_found, forbidden 'enrollment.required'.
 */
export async function getQuizForLearner(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  blockKey: string,
): Promise<LearnerQuizView> {
  const context = await requireLearnerQuiz(ctx, courseKey, runCode, blockKey);
  const { learner, unit, block, quiz, dueAt } = context;
  const now = ctx.clock.now();
  const attempts = await selectAttemptsOfQuiz(ctx.db, learner.enrollment.id, block.entityId);
  const open = attempts.find((attempt) => attempt.status === 'in_progress') ?? null;
  const submitted = attempts.filter((attempt) => attempt.status === 'submitted');
  const window = readQuizWindow(learner.run, dueAt, now);
  const presented = presentQuiz(unit, block, quiz, dueAt);
  // As the stored best score: the highest fraction, the earlier attempt on a tie.
  const fraction = (attempt: (typeof submitted)[number]) =>
    attempt.maxScore ? (attempt.score ?? 0) / attempt.maxScore : 0;
  const best = [...submitted]
    .reverse()
    .reduce<(typeof submitted)[number] | null>(
      (top, attempt) => (!top || fraction(attempt) > fraction(top) ? attempt : top),
      null,
    );
  const left = quiz.attemptsAllowed === null || submitted.length < quiz.attemptsAllowed;
  const status: QuizStatus = {
    attemptsUsed: submitted.length,
    attemptsAllowed: quiz.attemptsAllowed,
    bestScore: best ? (best.score ?? 0) : null,
    maxScore: presented.maxScore,
    dueAt,
    hasOpenAttempt: open !== null,
    canStart: open === null && left && window === 'open',
  };
  return {
    quiz: presented,
    status,
    window,
    opensAt: window === 'not_started' ? learner.run.startsAt : null,
    openAttempt: open ? presentOwnAttempt(ctx, context, open) : null,
    attempts: submitted.flatMap((attempt) => {
      const summary = summarizeAttempt(attempt, decideReveal(quiz, attempt, dueAt, now));
      return summary ? [summary] : [];
    }),
    reveal: quiz.reveal,
  };
}
