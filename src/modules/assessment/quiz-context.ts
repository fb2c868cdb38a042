import type { ServiceContext } from '../../platform/access/index.ts';
import { conflict, forbidden, notFound, type DomainError } from '../../platform/errors/index.ts';
import { getReleaseTree, type CourseTree, type QuizBlock, type TreeBlock, type TreeUnit } from '../courses/index.ts';
import { requireLearnerRun, type LearnerRun } from '../enrollment/index.ts';
import { quizDueAt, readQuizWindow, type QuizWindow } from './due.ts';

/** A quiz of the learner's run, as every quiz service starts from. */
export type LearnerQuizContext = {
  learner: LearnerRun;
  unit: TreeUnit;
  block: TreeBlock;
  quiz: QuizBlock;
  dueAt: Date | null;
  /** The run's release (cached and frozen), for work that needs more of it than this quiz. */
  tree: CourseTree;
};

/** Every quiz block of a release, with its unit. */
export function listReleaseQuizzes(tree: CourseTree): Array<{ unit: TreeUnit; block: TreeBlock; quiz: QuizBlock }> {
  return tree.sections.flatMap((section) =>
    section.units.flatMap((unit) =>
      unit.blocks.flatMap((block) => (block.block.type === 'quiz' ? [{ unit, block, quiz: block.block }] : [])),
    ),
  );
}

type ReleaseQuizEntry = { unit: TreeUnit; block: TreeBlock; quiz: QuizBlock };

/* A release never changes: its quizzes are indexed by key once, beside the cached tree. */
const quizzesByKeyOfTree = new WeakMap<CourseTree, ReadonlyMap<string, ReleaseQuizEntry>>();

function findReleaseQuiz(tree: CourseTree, blockKey: string): ReleaseQuizEntry | undefined {
  let byKey = quizzesByKeyOfTree.get(tree);
  if (!byKey) {
    const index = new Map<string, ReleaseQuizEntry>();
    for (const entry of listReleaseQuizzes(tree)) if (!index.has(entry.block.key)) index.set(entry.block.key, entry);
    quizzesByKeyOfTree.set(tree, index);
    byKey = index;
  }
  return byKey.get(blockKey);
}

/**
 * The learner, and the quiz `blockKey` of the release their run serves. A block that is not a
 * quiz of that release is not found. Errors: unauthenticated, not_found, forbidden 'enrollment.required'.
 */
export async function requireLearnerQuiz(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  blockKey: string,
): Promise<LearnerQuizContext> {
  const learner = await requireLearnerRun(ctx, courseKey, runCode);
  const tree = await getReleaseTree(ctx.db, learner.run.releaseId);
  const found = findReleaseQuiz(tree, blockKey);
  if (!found) throw notFound('quiz');
  return { learner, ...found, dueAt: quizDueAt(learner.run, learner.enrollment, found.quiz), tree };
}

/** The learner a caller passes in must be the actor: statuses are never read for someone else. */
export function requireOwnLearner(ctx: ServiceContext, learner: LearnerRun): void {
  if (!ctx.actor || ctx.actor.userId !== learner.enrollment.userId) throw forbidden();
}

export function quizNotStarted(opensAt: Date | null): DomainError {
  const when = opensAt ? ` It opens on ${opensAt.toISOString()}.` : '';
  return conflict('quiz.not_started', `This quiz is not open yet.${when}`);
}

export function quizClosed(): DomainError {
  return conflict('quiz.closed', 'This quiz is past its due date: nothing can be started, saved or submitted.');
}

/** Refuses writes outside the quiz's window. Errors: conflict 'quiz.not_started', 'quiz.closed'. */
export function requireOpenWindow(context: LearnerQuizContext, now: Date): QuizWindow {
  const window = readQuizWindow(context.learner.run, context.dueAt, now);
  if (window === 'not_started') throw quizNotStarted(context.learner.run.startsAt);
  if (window === 'closed') throw quizClosed();
  return window;
}
