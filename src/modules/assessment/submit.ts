import type { ServiceContext } from '../../platform/access/index.ts';
import { isUniqueViolation, type Executor } from '../../platform/db/index.ts';
import { conflict, invalid, notFound, type DomainError } from '../../platform/errors/index.ts';
import { markBlockCompleted } from '../courseware/index.ts';
import { recordLearningActions, type LearningAction } from '../records/index.ts';
import { validateAnswers } from './answers.ts';
import { isUuid, selectAttemptByKey, selectOwnAttempt, storeSubmission, type StoredAttempt } from './attempt-store.ts';
import { refreshCourseGrade } from './course-grade-refresh.ts';
import { alreadySubmitted, presentOwnAttempt } from './attempts.ts';
import { markAttempt, type AttemptMarking } from './marking.ts';
import { requireLearnerQuiz, requireOpenWindow, type LearnerQuizContext } from './quiz-context.ts';
import type { SubmissionOutcome } from './quiz-model.ts';
import { buildSubmitStatements } from './quiz-statements.ts';
import { buildReceipt, hashAnswers } from './receipts.ts';
import { decideReveal } from './reveal.ts';
import type { StoredAnswers } from './schema.ts';

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

/** A submission checked, marked and hashed before any database work, or why it could not be. */
type PreparedSubmission =
  { ok: true; answers: StoredAnswers; marking: AttemptMarking; answersSha256: string } | { ok: false; error: unknown };

/*
 * Done before the transaction, so row locks are held only for the writes. A failure is kept, not
 * thrown: a retry of an attempt already submitted gets its receipt even after the due date, so
 * the attempt's state decides first which error (if any) the learner sees.
 */
function prepareSubmission(context: LearnerQuizContext, answersInput: unknown, now: Date): PreparedSubmission {
  try {
    requireOpenWindow(context, now);
    const answers = validateAnswers(context.quiz, answersInput);
    return { ok: true, answers, marking: markAttempt(context.quiz, answers), answersSha256: hashAnswers(answers) };
  } catch (error) {
    return { ok: false, error };
  }
}

type OwnAttempt = { uuid: string; enrollmentId: number; blockEntityId: number };

/** Why an attempt was not submitted: unknown, a retry (its receipt again), already submitted, or the prepared error. */
async function explainRefusal(
  tx: Executor,
  ctx: ServiceContext,
  context: LearnerQuizContext,
  request: { own: OwnAttempt; key: string | null },
  prepared: PreparedSubmission,
): Promise<SubmissionOutcome> {
  const attempt = await selectOwnAttempt(tx, request.own, { forUpdate: true });
  if (!attempt) throw notFound('attempt');
  if (attempt.status === 'submitted') {
    if (request.key !== null && attempt.idempotencyKey === request.key) return replay(ctx, context, attempt);
    throw alreadySubmitted();
  }
  if (!prepared.ok) throw prepared.error;
  throw notFound('attempt');
}

/** The statements of one submission: the block's completion (when new) first, then the quiz's own. */
async function completeQuizBlock(
  tx: Executor,
  context: LearnerQuizContext,
  submitted: StoredAttempt,
  prepared: { answers: StoredAnswers; marking: AttemptMarking },
  now: Date,
): Promise<LearningAction[]> {
  const { learner, block, quiz, unit } = context;
  const completable = {
    entityId: block.entityId,
    versionId: block.versionId,
    uuid: block.uuid,
    title: quiz.title,
    type: 'quiz' as const,
    unit: { uuid: unit.uuid, title: unit.title },
  };
  const statements: LearningAction[] = [];
  const completedByCourseware = await markBlockCompleted(tx, learner, completable, 'submitted', now, {
    collect: statements,
  });
  const reveal = decideReveal(quiz, submitted, context.dueAt, now);
  statements.push(
    ...buildSubmitStatements(context, prepared.marking, prepared.answers, {
      completedByCourseware,
      revealed: reveal.revealed,
      at: now,
    }),
  );
  return statements;
}

/**
 * Stores one submission with everything that follows from it, in the caller's transaction. The
 * learner's grade lock is taken last, after the attempt, its best score, the completion and the
 * statements are written: submissions of one learner wait for each other only while the grade
 * is computed and stored. The best scores and the run's policy are read once the lock is held,
 * so the grade counts every submission committed before it and a recomputation for a policy
 * change is never undone by a submission in flight. Nothing that holds a grade lock waits for
 * an attempt, score or completion row, so the order cannot deadlock.
 */
async function gradeAttempt(
  tx: Executor,
  ctx: ServiceContext,
  context: LearnerQuizContext,
  request: { own: OwnAttempt; key: string | null; now: Date },
  prepared: PreparedSubmission,
): Promise<SubmissionOutcome> {
  const { learner, block, quiz } = context;
  const { own, key, now } = request;
  if (!prepared.ok) return explainRefusal(tx, ctx, context, request, prepared);
  const submitted = await storeSubmission(tx, own, {
    at: now,
    answers: prepared.answers,
    answersSha256: prepared.answersSha256,
    idempotencyKey: key,
    results: prepared.marking.results,
    score: prepared.marking.score,
    maxScore: prepared.marking.maxScore,
    // The version answered is the one the run serves now.
    versionId: block.versionId,
  });
  if (!submitted) return explainRefusal(tx, ctx, context, request, prepared);
  await recordLearningActions(tx, await completeQuizBlock(tx, context, submitted, prepared, now), now);
  if (quiz.mode === 'graded') await refreshCourseGrade(tx, learner, now, { tree: context.tree });
  const receipt = buildReceipt({
    ...submitted,
    submittedAt: now,
    answersSha256: prepared.answersSha256,
    quizUuid: block.uuid,
  });
  return { receipt, attempt: presentOwnAttempt(ctx, context, submitted), replayed: false };
}

/**
 * Submits an attempt, once. The answers are checked, marked and hashed first; then, in one
 * transaction, the attempt is stored as submitted only while still in progress, and the best
 * score, the block's completion, the xAPI statements and the course grade follow. A retry with the
 * same idempotency key returns the same receipt and writes nothing; a second submission under another key is refused.
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
  if (!isUuid(attemptUuid)) throw notFound('attempt');
  const now = ctx.clock.now();
  const prepared = prepareSubmission(context, input.answers, now);
  try {
    // A key already used for another attempt fails the unique index; handled below.
    return await ctx.db.transaction((tx) => gradeAttempt(tx, ctx, context, { own, key, now }, prepared));
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
