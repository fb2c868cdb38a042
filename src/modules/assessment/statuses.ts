import type { ServiceContext } from '../../platform/access/index.ts';
import { getReleaseTree } from '../courses/index.ts';
import type { LearnerRun } from '../enrollment/index.ts';
import { countAttempts, selectBestScores } from './attempt-store.ts';
import { quizDueAt, readQuizWindow } from './due.ts';
import { computeMaxScore } from './marking.ts';
import { listReleaseQuizzes, requireOwnLearner } from './quiz-context.ts';
import type { QuizStatus } from './quiz-model.ts';

/**
 * Where the learner stands with each quiz among `blockEntityIds` (blocks that are not quizzes of
 * the run's release are left out): two queries whatever the number of quizzes. `learner` comes
 * from requireLearnerRun and must be the actor. Errors: forbidden.
 */
export async function listQuizStatuses(
  ctx: ServiceContext,
  learner: LearnerRun,
  blockEntityIds: readonly number[],
): Promise<Map<number, QuizStatus>> {
  requireOwnLearner(ctx, learner);
  const statuses = new Map<number, QuizStatus>();
  const wanted = new Set(blockEntityIds);
  const quizzes = listReleaseQuizzes(await getReleaseTree(ctx.db, learner.run.releaseId)).filter((entry) =>
    wanted.has(entry.block.entityId),
  );
  if (quizzes.length === 0) return statuses;
  const [counts, best] = await Promise.all([
    countAttempts(ctx.db, learner.enrollment.id),
    selectBestScores(ctx.db, learner.enrollment.id),
  ]);
  const now = ctx.clock.now();
  for (const { block, quiz } of quizzes) {
    const count = counts.get(block.entityId);
    const attemptsUsed = count?.submitted ?? 0;
    const hasOpenAttempt = count?.open ?? false;
    const dueAt = quizDueAt(learner.run, learner.enrollment, quiz);
    const left = quiz.attemptsAllowed === null || attemptsUsed < quiz.attemptsAllowed;
    statuses.set(block.entityId, {
      attemptsUsed,
      attemptsAllowed: quiz.attemptsAllowed,
      bestScore: best.get(block.entityId)?.score ?? null,
      maxScore: computeMaxScore(quiz),
      dueAt,
      hasOpenAttempt,
      canStart: !hasOpenAttempt && left && readQuizWindow(learner.run, dueAt, now) === 'open',
    });
  }
  return statuses;
}
