import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/access/index.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import { conflict, notFound, type DomainError } from '../../platform/errors/index.ts';
import { recordLearningActions } from '../records/index.ts';
import { validateAnswers } from './answers.ts';
import { selectOpenAttempt, selectOwnAttempt, type StoredAttempt } from './attempt-store.ts';
import { buildAttemptLayout } from './layout.ts';
import { presentAttempt } from './presenter.ts';
import { requireLearnerQuiz, requireOpenWindow, type LearnerQuizContext } from './quiz-context.ts';
import type { LearnerAttempt } from './quiz-model.ts';
import { buildStartStatements } from './quiz-statements.ts';
import { decideReveal } from './reveal.ts';
import { asmAttempt, type StoredAnswers } from './schema.ts';

export function noAttemptsLeft(allowed: number): DomainError {
  return conflict(
    'quiz.no_attempts_left',
    `You have used all ${allowed} attempt${allowed === 1 ? '' : 's'} this quiz allows.`,
  );
}

function attemptNotFound(): DomainError {
  return notFound('attempt');
}

/** An attempt of the learner as they may see it now. */
export function presentOwnAttempt(ctx: ServiceContext, context: LearnerQuizContext, attempt: StoredAttempt) {
  const reveal = decideReveal(context.quiz, attempt, context.dueAt, ctx.clock.now());
  return presentAttempt(context.quiz, context.block.uuid, attempt, reveal);
}

async function insertAttempt(
  ctx: ServiceContext,
  context: LearnerQuizContext,
): Promise<{ attempt: StoredAttempt; created: boolean }> {
  const { learner, block, quiz } = context;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const open = await selectOpenAttempt(tx, learner.enrollment.id, block.entityId);
    if (open) return { attempt: open, created: false };
    const [counts] = await tx
      .select({
        submitted: sql<number>`count(*) filter (where ${asmAttempt.status} = 'submitted')::int`,
        last: sql<number>`coalesce(max(${asmAttempt.number}), 0)::int`,
      })
      .from(asmAttempt)
      .where(and(eq(asmAttempt.enrollmentId, learner.enrollment.id), eq(asmAttempt.blockEntityId, block.entityId)));
    if (quiz.attemptsAllowed !== null && (counts?.submitted ?? 0) >= quiz.attemptsAllowed) {
      throw noAttemptsLeft(quiz.attemptsAllowed);
    }
    const uuid = randomUUID();
    const [row] = await tx
      .insert(asmAttempt)
      .values({
        uuid,
        enrollmentId: learner.enrollment.id,
        runId: learner.run.id,
        userId: learner.enrollment.userId,
        blockEntityId: block.entityId,
        versionId: block.versionId,
        number: (counts?.last ?? 0) + 1,
        layout: buildAttemptLayout(quiz, uuid),
        startedAt: now,
      })
      .returning();
    await recordLearningActions(tx, buildStartStatements(context, now), now);
    return { attempt: row!, created: true };
  });
}

/**
 * Starts an attempt, or returns the one already open (so a double click or a retry starts
 * nothing new). Shuffled quizzes keep the order chosen here for the attempt's life.
 * Errors: unauthenticated, not_found, forbidden 'enrollment.required', conflict 'quiz.not_started',
 * 'quiz.closed', 'quiz.no_attempts_left'.
 */
export async function startQuizAttempt(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  blockKey: string,
): Promise<{ attempt: LearnerAttempt; created: boolean }> {
  const context = await requireLearnerQuiz(ctx, courseKey, runCode, blockKey);
  const { learner, block } = context;
  const existing = await selectOpenAttempt(ctx.db, learner.enrollment.id, block.entityId);
  if (existing) return { attempt: presentOwnAttempt(ctx, context, existing), created: false };
  requireOpenWindow(context, ctx.clock.now());
  for (let round = 0; round < 3; round += 1) {
    try {
      const { attempt, created } = await insertAttempt(ctx, context);
      return { attempt: presentOwnAttempt(ctx, context, attempt), created };
    } catch (error) {
      // Another request opened one at the same moment: the unique index kept it to one, use it.
      if (!isUniqueViolation(error)) throw error;
      const open = await selectOpenAttempt(ctx.db, learner.enrollment.id, block.entityId);
      if (open) return { attempt: presentOwnAttempt(ctx, context, open), created: false };
    }
  }
  throw conflict('quiz.busy', 'The quiz is busy; please try again.');
}

/** One of the learner's own attempts; anyone else's is not found. Errors: as requireLearnerQuiz, not_found. */
export async function getQuizAttempt(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  blockKey: string,
  attemptUuid: string,
): Promise<LearnerAttempt> {
  const context = await requireLearnerQuiz(ctx, courseKey, runCode, blockKey);
  const attempt = await selectOwnAttempt(ctx.db, {
    uuid: attemptUuid,
    enrollmentId: context.learner.enrollment.id,
    blockEntityId: context.block.entityId,
  });
  if (!attempt) throw attemptNotFound();
  return presentOwnAttempt(ctx, context, attempt);
}

/**
 * Saves the open attempt's draft answers (autosave or the "Save answers" button). The answers
 * are checked against the quiz's questions. Errors: as requireLearnerQuiz, not_found, invalid
 * 'quiz.invalid_answer', conflict 'quiz.closed', 'quiz.already_submitted'.
 */
export async function saveQuizAnswers(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  blockKey: string,
  attemptUuid: string,
  answers: unknown,
): Promise<{ savedAt: Date; answers: StoredAnswers }> {
  const context = await requireLearnerQuiz(ctx, courseKey, runCode, blockKey);
  const own = { uuid: attemptUuid, enrollmentId: context.learner.enrollment.id, blockEntityId: context.block.entityId };
  const attempt = await selectOwnAttempt(ctx.db, own);
  if (!attempt) throw attemptNotFound();
  if (attempt.status === 'submitted') throw alreadySubmitted();
  const now = ctx.clock.now();
  requireOpenWindow(context, now);
  const draft = validateAnswers(context.quiz, answers);
  const saved = await ctx.db
    .update(asmAttempt)
    .set({ draftAnswers: draft, savedAt: now })
    .where(and(eq(asmAttempt.id, attempt.id), eq(asmAttempt.status, 'in_progress')))
    .returning({ id: asmAttempt.id });
  if (saved.length === 0) throw alreadySubmitted();
  return { savedAt: now, answers: draft };
}

export function alreadySubmitted(): DomainError {
  return conflict('quiz.already_submitted', 'This attempt has already been submitted.');
}
