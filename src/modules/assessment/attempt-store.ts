import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import type { AttemptLayout } from './layout.ts';
import { asmAttempt, asmQuizScore, type QuestionResult, type StoredAnswers } from './schema.ts';

/** One attempt as the quiz services read it. */
export type StoredAttempt = {
  id: number;
  uuid: string;
  enrollmentId: number;
  runId: number;
  userId: string;
  blockEntityId: number;
  versionId: number;
  number: number;
  status: 'in_progress' | 'submitted';
  layout: AttemptLayout;
  draftAnswers: StoredAnswers;
  startedAt: Date;
  savedAt: Date | null;
  submittedAt: Date | null;
  answers: StoredAnswers | null;
  answersSha256: string | null;
  idempotencyKey: string | null;
  results: QuestionResult[] | null;
  score: number | null;
  maxScore: number | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid the database can compare; anything else names no attempt (and must not reach SQL as one). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The attempt `uuid` of one enrollment's quiz, locked for the transaction when asked. */
export async function selectOwnAttempt(
  executor: Executor,
  where: { uuid: string; enrollmentId: number; blockEntityId: number },
  options: { forUpdate?: boolean } = {},
): Promise<StoredAttempt | null> {
  if (!isUuid(where.uuid)) return null;
  const query = executor
    .select()
    .from(asmAttempt)
    .where(
      and(
        eq(asmAttempt.uuid, where.uuid),
        eq(asmAttempt.enrollmentId, where.enrollmentId),
        eq(asmAttempt.blockEntityId, where.blockEntityId),
      ),
    );
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export async function selectOpenAttempt(
  executor: Executor,
  enrollmentId: number,
  blockEntityId: number,
): Promise<StoredAttempt | null> {
  const [row] = await executor
    .select()
    .from(asmAttempt)
    .where(
      and(
        eq(asmAttempt.enrollmentId, enrollmentId),
        eq(asmAttempt.blockEntityId, blockEntityId),
        eq(asmAttempt.status, 'in_progress'),
      ),
    );
  return row ?? null;
}

/** Every attempt of one quiz by one learner, newest first. */
export async function selectAttemptsOfQuiz(
  executor: Executor,
  enrollmentId: number,
  blockEntityId: number,
): Promise<StoredAttempt[]> {
  return executor
    .select()
    .from(asmAttempt)
    .where(and(eq(asmAttempt.enrollmentId, enrollmentId), eq(asmAttempt.blockEntityId, blockEntityId)))
    .orderBy(desc(asmAttempt.number));
}

/** The attempt a learner's idempotency key already belongs to, if any. */
export async function selectAttemptByKey(
  executor: Executor,
  userId: string,
  idempotencyKey: string,
): Promise<StoredAttempt | null> {
  const [row] = await executor
    .select()
    .from(asmAttempt)
    .where(and(eq(asmAttempt.userId, userId), eq(asmAttempt.idempotencyKey, idempotencyKey)));
  return row ?? null;
}

/** Per quiz of one enrollment: submitted attempts, whether one is open, the highest number used. */
export async function countAttempts(
  executor: Executor,
  enrollmentId: number,
): Promise<Map<number, { submitted: number; open: boolean; lastNumber: number }>> {
  const rows = await executor
    .select({
      blockEntityId: asmAttempt.blockEntityId,
      submitted: sql<number>`count(*) filter (where ${asmAttempt.status} = 'submitted')::int`,
      open: sql<number>`count(*) filter (where ${asmAttempt.status} = 'in_progress')::int`,
      lastNumber: sql<number>`max(${asmAttempt.number})::int`,
    })
    .from(asmAttempt)
    .where(eq(asmAttempt.enrollmentId, enrollmentId))
    .groupBy(asmAttempt.blockEntityId);
  return new Map(
    rows.map((row) => [
      row.blockEntityId,
      { submitted: row.submitted, open: row.open > 0, lastNumber: row.lastNumber },
    ]),
  );
}

/** Best scores of one enrollment, by quiz. */
export async function selectBestScores(
  executor: Executor,
  enrollmentId: number,
): Promise<Map<number, { score: number; maxScore: number }>> {
  const rows = await executor
    .select({ blockEntityId: asmQuizScore.blockEntityId, score: asmQuizScore.score, maxScore: asmQuizScore.maxScore })
    .from(asmQuizScore)
    .where(eq(asmQuizScore.enrollmentId, enrollmentId));
  return new Map(rows.map((row) => [row.blockEntityId, { score: row.score, maxScore: row.maxScore }]));
}

/**
 * Keeps the best submitted attempt as the quiz's score: the new one replaces the stored best only
 * when it scored a higher fraction (a tie keeps the earlier attempt); the count of submitted
 * attempts moves by one (the caller holds the attempt's lock, so each submission counts once).
 */
export async function upsertBestScore(
  tx: Executor,
  entry: {
    enrollmentId: number;
    blockEntityId: number;
    runId: number;
    attemptId: number;
    score: number;
    maxScore: number;
    at: Date;
  },
): Promise<void> {
  // Compared as fractions: after a run moves to a new release, one quiz may have two maximums.
  const better = sql`coalesce(excluded.score / nullif(excluded.max_score, 0), 0) > coalesce(${asmQuizScore.score} / nullif(${asmQuizScore.maxScore}, 0), 0)`;
  await tx
    .insert(asmQuizScore)
    .values({
      enrollmentId: entry.enrollmentId,
      blockEntityId: entry.blockEntityId,
      runId: entry.runId,
      score: entry.score,
      maxScore: entry.maxScore,
      attemptsUsed: 1,
      bestAttemptId: entry.attemptId,
      updatedAt: entry.at,
    })
    .onConflictDoUpdate({
      target: [asmQuizScore.enrollmentId, asmQuizScore.blockEntityId],
      set: {
        score: sql`case when ${better} then excluded.score else ${asmQuizScore.score} end`,
        maxScore: sql`case when ${better} then excluded.max_score else ${asmQuizScore.maxScore} end`,
        bestAttemptId: sql`case when ${better} then excluded.best_attempt_id else ${asmQuizScore.bestAttemptId} end`,
        attemptsUsed: sql`${asmQuizScore.attemptsUsed} + 1`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}
