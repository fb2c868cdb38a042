import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/access/index.ts';
import { isUniqueViolation, type Executor } from '../../platform/db/index.ts';
import { conflict, invalid, notFound, type DomainError } from '../../platform/errors/index.ts';
import { markBlockCompleted } from '../courseware/index.ts';
import { recordLearningActions, type LearningAction } from '../records/index.ts';
import { validateAnswers } from './answers.ts';
import { refreshCourseGrade } from './api-grading.ts';
import { selectAttemptByKey, selectOwnAttempt, upsertBestScore, type StoredAttempt } from './attempt-store.ts';
import { alreadySubmitted, presentOwnAttempt } from './attempts.ts';
import { markAttempt } from './marking.ts';
import { requireLearnerQuiz, requireOpenWindow, type LearnerQuizContext } from './quiz-context.ts';
import type { SubmissionOutcome } from './quiz-model.ts';
import { buildSubmitStatements } from './quiz-statements.ts';
import { buildReceipt, hashAnswers } from './receipts.ts';
import { decideReveal } from './reveal.ts';
import { asmAttempt } from './schema.ts';

/** Printable ASCII, as HTTP headers carry it; a UUID is the usual choice. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

function readIdempotencyKey(key: string | null | undefined): string | null {
  if (key === undefined || key === null || key === '') return null;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw invalid('quiz.invalid_idempotency_key', 'idempotencyKey: must be 1–200 printable ASCII characters', {
      fields: [{ field: 'idempotencyKey', message: 'must be 1–200 printable ASCII characters' }],
    });
  }
  return key;
}

function keyReused(): DomainError {
  return conflict(
    'quiz.idempotency_key_reused',
    'This idempotency key was already used for another submission; send a new key for each submission.',
  );
}

function replay(ctx: ServiceContext, context: LearnerQuizContext, attempt: StoredAttempt): SubmissionOutcome {
  const presented = presentOwnAttempt(ctx, context, attempt);
  return { receipt: presented.receipt!, attempt: presented, replayed: true };
}

/** Marks and stores one open attempt, with everything that follows from it, in the caller's transaction. */
async function gradeAttempt(
  tx: Executor,
  ctx: ServiceContext,
  context: LearnerQuizContext,
  attempt: StoredAttempt,
  input: { answers: unknown; key: string | null },
): Promise<SubmissionOutcome> {
  const { learner, block, quiz, unit } = context;
  const now = ctx.clock.now();
  requireOpenWindow(context, now);
  const answers = validateAnswers(quiz, input.answers);
  const marking = markAttempt(quiz, answers);
  const [row] = await tx
    .update(asmAttempt)
    .set({
      status: 'submitted',
      submittedAt: now,
      answers,
      answersSha256: hashAnswers(answers),
      idempotencyKey: input.key,
      results: marking.results,
      score: marking.score,
      maxScore: marking.maxScore,
      // The version answered is the one the run serves now.
      versionId: block.versionId,
    })
    .where(eq(asmAttempt.id, attempt.id))
    .returning();
  const submitted = row!;
  await upsertBestScore(tx, {
    enrollmentId: learner.enrollment.id,
    blockEntityId: block.entityId,
    runId: learner.run.id,
    attemptId: submitted.id,
    score: marking.score,
    maxScore: marking.maxScore,
    at: now,
  });
  const completable = {
    entityId: block.entityId,
    versionId: block.versionId,
    uuid: block.uuid,
    title: quiz.title,
    type: 'quiz' as const,
    unit: { uuid: unit.uuid, title: unit.title },
  };
  // The completion's own 'completed' statement goes into the one insert below, first as before.
  const statements: LearningAction[] = [];
  const completedByCourseware = await markBlockCompleted(tx, learner, completable, 'submitted', now, {
    collect: statements,
  });
  const reveal = decideReveal(quiz, submitted, context.dueAt, now);
  statements.push(
    ...buildSubmitStatements(context, marking, answers, {
      completedByCourseware,
      revealed: reveal.revealed,
      at: now,
    }),
  );
  await recordLearningActions(tx, statements, now);
  // Last: the learner's grade row stays locked until commit, so take it as late as possible —
  // a learner's submissions to different quizzes queue on that lock only for this short tail.
  if (quiz.mode === 'graded') await refreshCourseGrade(tx, learner, now, { tree: context.tree });
  const receipt = buildReceipt({
    ...submitted,
    submittedAt: now,
    answersSha256: submitted.answersSha256!,
    quizUuid: block.uuid,
  });
  return { receipt, attempt: presentOwnAttempt(ctx, context, submitted), replayed: false };
}

/**
 * Submits an attempt, once. In one transaction with the attempt row locked: the answers are
 * checked, marked, stored with their SHA-256; the best score, the block's completion, the course
 * grade and the xAPI statements follow. A retry with the same idempotency key returns the same
 * receipt and writes nothing; a second submission under another key is refused.
 * Errors: unauthenticated, not_found, forbidden 'enrollment.required', invalid 'quiz.invalid_answer',
 * 'quiz.invalid_idempotency_key', conflict 'quiz.already_submitted', 'quiz.idempotency_key_reused',
 * 'quiz.not_started', 'quiz.closed'.
 */
export async function submitQuizAttempt(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  blockKey: string,
  attemptUuid: string,
  input: { answers: unknown; idempotencyKey?: string | null | undefined },
): Promise<SubmissionOutcome> {
  const context = await requireLearnerQuiz(ctx, courseKey, runCode, blockKey);
  const key = readIdempotencyKey(input.idempotencyKey);
  const own = { uuid: attemptUuid, enrollmentId: context.learner.enrollment.id, blockEntityId: context.block.entityId };
  try {
    return await ctx.db.transaction(async (tx) => {
      const attempt = await selectOwnAttempt(tx, own, { forUpdate: true });
      if (!attempt) throw notFound('attempt');
      if (attempt.status === 'submitted') {
        if (key !== null && attempt.idempotencyKey === key) return replay(ctx, context, attempt);
        throw alreadySubmitted();
      }
      // A key already used for another attempt fails the unique index; handled below.
      return gradeAttempt(tx, ctx, context, attempt, { answers: input.answers, key });
    });
  } catch (error) {
    // The key was used for another attempt (before, or in the same instant).
    if (key !== null && isUniqueViolation(error)) {
      const holder = await selectAttemptByKey(ctx.db, context.learner.enrollment.userId, key);
      if (holder && holder.uuid === attemptUuid && holder.status === 'submitted') return replay(ctx, context, holder);
      throw keyReused();
    }
    throw error;
  }
}
