import { and, desc, eq, sql } from 'drizzle-orm';
import { defineStatement, readTimestamp, runStatement, type Executor } from '../../platform/db/index.ts';
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

/** asm_attempt as the driver returns it (bigint as text on node-postgres, timestamps as text). */
type RawAttempt = {
  id: number | string;
  uuid: string;
  enrollment_id: number | string;
  run_id: number | string;
  user_id: string;
  block_entity_id: number | string;
  version_id: number | string;
  number: number;
  status: 'in_progress' | 'submitted';
  layout: AttemptLayout;
  draft_answers: StoredAnswers;
  started_at: string;
  saved_at: string | null;
  submitted_at: string | null;
  answers: StoredAnswers | null;
  answers_sha256: string | null;
  idempotency_key: string | null;
  results: QuestionResult[] | null;
  score: number | null;
  max_score: number | null;
};

/**
 * What the submitting statement returns: every column but the three JSON documents the caller
 * already holds (answers and results it just wrote) or no longer reads (the draft, once submitted).
 * Reading them back cost more to parse than anything else in the statement's answer.
 */
type RawSubmitted = Omit<RawAttempt, 'draft_answers' | 'answers' | 'results'>;

function toStoredAttempt(raw: RawAttempt): StoredAttempt {
  return {
    id: Number(raw.id),
    uuid: raw.uuid,
    enrollmentId: Number(raw.enrollment_id),
    runId: Number(raw.run_id),
    userId: raw.user_id,
    blockEntityId: Number(raw.block_entity_id),
    versionId: Number(raw.version_id),
    number: raw.number,
    status: raw.status,
    layout: raw.layout,
    draftAnswers: raw.draft_answers,
    startedAt: readTimestamp(raw.started_at),
    savedAt: raw.saved_at === null ? null : readTimestamp(raw.saved_at),
    submittedAt: raw.submitted_at === null ? null : readTimestamp(raw.submitted_at),
    answers: raw.answers,
    answersSha256: raw.answers_sha256,
    idempotencyKey: raw.idempotency_key,
    results: raw.results,
    score: raw.score,
    maxScore: raw.max_score,
  };
}

/*
 * Submissions, one statement prepared once per connection (ADR 0023) for any number of them
 * (arrays unnested; answers and results as one JSON array each, matched by position, so that
 * they are not escaped again as elements of a text[]), so a group of submissions committed
 * together costs one round trip: each attempt is marked submitted only while still in progress
 * (the UPDATE takes its row lock, so of two concurrent submissions the second finds it submitted
 * and changes nothing) and the quiz's best score follows it (the same rule as `upsertBestScore`).
 * At most one attempt of a learner and quiz is open, so no two rows of one call meet on the same
 * best score. The course grade reads the best scores later, once it holds the learner's grade lock.
 */
const BETTER = `coalesce(excluded.score / nullif(excluded.max_score, 0), 0) > coalesce(q.score / nullif(q.max_score, 0), 0)`;
const SUBMIT_ATTEMPTS = defineStatement<RawSubmitted>(
  'asm_submit_attempts',
  `with input as (
     select s.*, a.answers, r.results
     from unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::timestamptz[], $6::text[], $7::text[], $9::float8[],
         $10::float8[], $11::bigint[]) with ordinality
         as s(uuid, enrollment_id, block_entity_id, at, answers_sha256, idempotency_key, score, max_score, version_id,
           position)
       join jsonb_array_elements($5::text::jsonb) with ordinality as a(answers, position) using (position)
       join jsonb_array_elements($8::text::jsonb) with ordinality as r(results, position) using (position)
   ), submitted as (
     update asm_attempt a set status = 'submitted', submitted_at = i.at, answers = i.answers,
       answers_sha256 = i.answers_sha256, idempotency_key = i.idempotency_key, results = i.results,
       score = i.score, max_score = i.max_score, version_id = i.version_id
     from input i
     where a.uuid = i.uuid and a.enrollment_id = i.enrollment_id and a.block_entity_id = i.block_entity_id
       and a.status = 'in_progress'
     returning a.id, a.uuid, a.enrollment_id, a.run_id, a.user_id, a.block_entity_id, a.version_id, a.number,
       a.status, a.layout, a.started_at, a.saved_at, a.submitted_at, a.answers_sha256, a.idempotency_key,
       a.score, a.max_score
   ), best as (
     insert into asm_quiz_score as q
       (enrollment_id, block_entity_id, run_id, score, max_score, attempts_used, best_attempt_id, updated_at)
     select enrollment_id, block_entity_id, run_id, score, max_score, 1, id, submitted_at from submitted
     on conflict (enrollment_id, block_entity_id) do update set
       score = case when ${BETTER} then excluded.score else q.score end,
       max_score = case when ${BETTER} then excluded.max_score else q.max_score end,
       best_attempt_id = case when ${BETTER} then excluded.best_attempt_id else q.best_attempt_id end,
       attempts_used = q.attempts_used + 1,
       updated_at = excluded.updated_at
   )
   select * from submitted`,
);

/** Which attempt a submission is for: its UUID, within the learner's enrollment and the quiz. */
export type AttemptRef = { uuid: string; enrollmentId: number; blockEntityId: number };

/** A marked submission, ready to store. */
export type SubmissionRecord = {
  at: Date;
  answers: StoredAnswers;
  answersSha256: string;
  idempotencyKey: string | null;
  results: QuestionResult[];
  score: number;
  maxScore: number;
  versionId: number;
};

/**
 * Stores marked submissions of attempts still in progress, with the quizzes' best scores, in one
 * statement. Returns the attempts stored, by UUID in lower case, with the answers and results as
 * given and an empty draft; an attempt not (or no longer) in progress is missing, and the caller
 * finds out why. A key already used by another attempt of the learner
 * fails the whole statement (unique violation).
 */
export async function storeSubmissions(
  tx: Executor,
  entries: ReadonlyArray<{ where: AttemptRef; submission: SubmissionRecord }>,
): Promise<Map<string, StoredAttempt>> {
  const valid = entries.filter((entry) => isUuid(entry.where.uuid));
  if (valid.length === 0) return new Map();
  const rows = await runStatement(tx, SUBMIT_ATTEMPTS, [
    valid.map((entry) => entry.where.uuid),
    valid.map((entry) => entry.where.enrollmentId),
    valid.map((entry) => entry.where.blockEntityId),
    valid.map((entry) => entry.submission.at.toISOString()),
    JSON.stringify(valid.map((entry) => entry.submission.answers)),
    valid.map((entry) => entry.submission.answersSha256),
    valid.map((entry) => entry.submission.idempotencyKey),
    JSON.stringify(valid.map((entry) => entry.submission.results)),
    valid.map((entry) => entry.submission.score),
    valid.map((entry) => entry.submission.maxScore),
    valid.map((entry) => entry.submission.versionId),
  ]);
  const written = new Map(valid.map(({ where, submission }) => [where.uuid.toLowerCase(), submission]));
  return new Map(
    rows.map((raw) => {
      const submission = written.get(raw.uuid)!;
      const attempt = toStoredAttempt({
        ...raw,
        draft_answers: {},
        answers: submission.answers,
        results: submission.results,
      });
      return [raw.uuid, attempt];
    }),
  );
}

/**
 * Stores one marked submission of an attempt still in progress, with the quiz's best score.
 * Null when the attempt is not (or no longer) in progress; the caller finds out why.
 */
export async function storeSubmission(
  tx: Executor,
  where: AttemptRef,
  submission: SubmissionRecord,
): Promise<StoredAttempt | null> {
  const stored = await storeSubmissions(tx, [{ where, submission }]);
  return stored.get(where.uuid.toLowerCase()) ?? null;
}
