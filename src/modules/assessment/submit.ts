import type { ServiceContext } from '../../platform/access/index.ts';
import {
  createGroupCommitter,
  isUniqueViolation,
  type Database,
  type Executor,
  type GroupCommitter,
  type GroupOutcome,
} from '../../platform/db/index.ts';
import { conflict, invalid, notFound, type DomainError } from '../../platform/errors/index.ts';
import { markBlocksCompleted, type CompletableBlock } from '../courseware/index.ts';
import { recordLearningActions } from '../records/index.ts';
import { validateAnswers } from './answers.ts';
import {
  isUuid,
  selectAttemptByKey,
  selectOwnAttempt,
  storeSubmissions,
  type AttemptRef,
  type StoredAttempt,
} from './attempt-store.ts';
import { refreshCourseGrades } from './course-grade-refresh.ts';
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

/** One submission as it is stored: who, which attempt, the key, the server time and the prepared answers. */
type SubmissionRequest = {
  ctx: ServiceContext;
  context: LearnerQuizContext;
  own: AttemptRef;
  key: string | null;
  now: Date;
  prepared: PreparedSubmission;
};

type ReadySubmission = SubmissionRequest & { prepared: Extract<PreparedSubmission, { ok: true }> };

/** Why an attempt was not submitted: unknown, a retry (its receipt again), already submitted, or the prepared error. */
async function explainRefusal(tx: Executor, request: SubmissionRequest): Promise<SubmissionOutcome> {
  const { ctx, context, key, prepared } = request;
  const attempt = await selectOwnAttempt(tx, request.own, { forUpdate: true });
  if (!attempt) throw notFound('attempt');
  if (attempt.status === 'submitted') {
    if (key !== null && attempt.idempotencyKey === key) return replay(ctx, context, attempt);
    throw alreadySubmitted();
  }
  if (!prepared.ok) throw prepared.error;
  throw notFound('attempt');
}

function completableOf(context: LearnerQuizContext): CompletableBlock {
  const { block, quiz, unit } = context;
  return {
    entityId: block.entityId,
    versionId: block.versionId,
    uuid: block.uuid,
    title: quiz.title,
    type: 'quiz',
    unit: { uuid: unit.uuid, title: unit.title },
  };
}

function latestOf(dates: readonly Date[]): Date {
  return new Date(Math.max(...dates.map((date) => date.getTime())));
}

/**
 * Stores submissions with everything that follows from them, in the caller's transaction, with
 * one round trip per kind of row for the whole group: the attempts and their best scores, the
 * quizzes' completions, the xAPI statements (each block's completion, when new, before the
 * quiz's own). The learners' grade locks are taken last, after all of that, in enrollment order:
 * submissions of one learner wait for each other only while the grade
 * is computed and stored. The best scores and the run's policy are read once the lock is held, so
 * the grade counts every submission committed before it and a recomputation for a policy change
 * is never undone by a submission in flight. Nothing that holds a grade lock waits for an attempt,
 * score or completion row, so the order cannot deadlock. Returns the outcome of each attempt
 * stored, by attempt UUID in lower case; an attempt not in progress is missing.
 */
async function storeSubmissionGroup(
  tx: Executor,
  requests: readonly ReadySubmission[],
): Promise<Map<string, SubmissionOutcome>> {
  const attempts = await storeSubmissions(
    tx,
    requests.map(({ own, key, now, prepared, context }) => ({
      where: own,
      submission: {
        at: now,
        answers: prepared.answers,
        answersSha256: prepared.answersSha256,
        idempotencyKey: key,
        results: prepared.marking.results,
        score: prepared.marking.score,
        maxScore: prepared.marking.maxScore,
        // The version answered is the one the run serves now.
        versionId: context.block.versionId,
      },
    })),
  );
  const stored = requests.flatMap((request) => {
    const attempt = attempts.get(request.own.uuid.toLowerCase());
    return attempt ? [{ request, attempt }] : [];
  });
  if (stored.length === 0) return new Map();
  const completions = await markBlocksCompleted(
    tx,
    stored.map(({ request }) => ({
      learner: request.context.learner,
      block: completableOf(request.context),
      kind: 'submitted' as const,
      at: request.now,
    })),
  );
  const statements = stored.flatMap(({ request, attempt }, index) => {
    const { context, prepared, now } = request;
    const completion = completions[index] ?? null;
    const reveal = decideReveal(context.quiz, attempt, context.dueAt, now);
    const own = buildSubmitStatements(context, prepared.marking, prepared.answers, {
      completedByCourseware: completion !== null,
      revealed: reveal.revealed,
      at: now,
    });
    return completion ? [completion, ...own] : own;
  });
  await recordLearningActions(tx, statements, latestOf(stored.map(({ request }) => request.now)));
  const graded = stored.filter(({ request }) => request.context.quiz.mode === 'graded');
  await refreshCourseGrades(
    tx,
    graded.map(({ request: { context, now } }) => ({ learner: context.learner, at: now, tree: context.tree })),
  );
  return new Map(
    stored.map(({ request, attempt }) => {
      const { ctx, context, prepared, now } = request;
      const receipt = buildReceipt({
        ...attempt,
        submittedAt: now,
        answersSha256: prepared.answersSha256,
        quizUuid: context.block.uuid,
      });
      const outcome = { receipt, attempt: presentOwnAttempt(ctx, context, attempt), replayed: false };
      return [attempt.uuid.toLowerCase(), outcome];
    }),
  );
}

function isReady(request: SubmissionRequest): request is ReadySubmission {
  return request.prepared.ok;
}

/**
 * One submission in its own transaction: stored with what follows from it, or refused with the
 * reason (a retry gets its receipt again).
 */
async function submitAlone(request: SubmissionRequest): Promise<SubmissionOutcome> {
  const { ctx, context, own, key } = request;
  try {
    return await ctx.db.transaction(async (tx) => {
      if (!isReady(request)) return explainRefusal(tx, request);
      const outcome = (await storeSubmissionGroup(tx, [request])).get(own.uuid.toLowerCase());
      return outcome ?? explainRefusal(tx, request);
    });
  } catch (error) {
    // A key already used for another attempt fails the unique index (before, or in the same instant).
    if (key !== null && isUniqueViolation(error)) {
      const holder = await selectAttemptByKey(ctx.db, context.learner.enrollment.userId, key);
      if (holder && holder.uuid === own.uuid && holder.status === 'submitted') return replay(ctx, context, holder);
      throw keyReused();
    }
    throw error;
  }
}

async function settle(run: () => Promise<SubmissionOutcome>): Promise<GroupOutcome<SubmissionOutcome>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * A group of submissions in one transaction. When it fails as a whole (one key used by another
 * attempt, a deadlock with other work), nothing of it is stored and each submission runs alone,
 * so one bad submission never costs the others theirs. A submission the group did not store (its
 * attempt was not in progress) runs alone afterwards to learn why.
 */
async function runSubmissionGroup(
  db: Database,
  requests: readonly ReadySubmission[],
): Promise<GroupOutcome<SubmissionOutcome>[]> {
  if (requests.length === 1) return [await settle(() => submitAlone(requests[0]!))];
  let outcomes: Map<string, SubmissionOutcome>;
  try {
    outcomes = await db.transaction((tx) => storeSubmissionGroup(tx, requests));
  } catch {
    return Promise.all(requests.map((request) => settle(() => submitAlone(request))));
  }
  return Promise.all(
    requests.map((request) => {
      const outcome = outcomes.get(request.own.uuid.toLowerCase());
      return outcome ? { ok: true as const, value: outcome } : settle(() => submitAlone(request));
    }),
  );
}

/*
 * Submissions of one database handle commit in groups (ADR 0026): under load, one transaction and
 * one commit serve many learners. Two submissions of one attempt, or under one learner's key,
 * never share a group, so a group's statements never meet the same row twice.
 */
const submissionGroups = new WeakMap<Database, GroupCommitter<ReadySubmission, SubmissionOutcome>>();

function sharesRowsWith(group: readonly ReadySubmission[], request: ReadySubmission): boolean {
  const uuid = request.own.uuid.toLowerCase();
  const userId = request.context.learner.enrollment.userId;
  return group.some(
    (other) =>
      other.own.uuid.toLowerCase() === uuid ||
      (request.key !== null && other.key === request.key && other.context.learner.enrollment.userId === userId),
  );
}

function submissionGroupOf(db: Database): GroupCommitter<ReadySubmission, SubmissionOutcome> {
  let committer = submissionGroups.get(db);
  if (!committer) {
    committer = createGroupCommitter<ReadySubmission, SubmissionOutcome>({
      maxItems: 64,
      concurrency: 2,
      // A second group in flight pays off only when it is more than a few submissions.
      whileBusy: { minItems: 8, maxWaitMs: 10 },
      canJoin: (group, request) => !sharesRowsWith(group, request),
      runGroup: (requests) => runSubmissionGroup(db, requests),
    });
    submissionGroups.set(db, committer);
  }
  return committer;
}

/**
 * Submits an attempt, once. The answers are checked, marked and hashed first; then, in one
 * transaction (shared with other learners' submissions arriving at the same moment), the attempt
 * is stored as submitted only while still in progress, and the best score, the block's
 * completion, the xAPI statements and the course grade follow. The learner is answered only after
 * that transaction commits. A retry with the same idempotency key returns the same receipt and
 * writes nothing; a second submission under another key is refused.
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
  const request: SubmissionRequest = {
    ctx,
    context,
    own,
    key,
    now,
    prepared: prepareSubmission(context, input.answers, now),
  };
  if (!isReady(request)) return submitAlone(request);
  return submissionGroupOf(ctx.db).run(request);
}
