import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import type { QuizBlock } from '../courses/index.ts';
import {
  describeContent,
  describeRun,
  indexEnrollmentsForExport,
  type EnrollmentForExport,
  type ExportedContentRef,
  type ExportedRunRef,
} from '../enrollment/index.ts';
import { quizDueAt } from './due.ts';
import { decideReveal } from './reveal.ts';
import {
  asmAttempt,
  asmCourseGrade,
  asmQuizScore,
  type ATTEMPT_STATUSES,
  type QuestionResult,
  type StoredAnswers,
} from './schema.ts';

export type ExportedAttempt = ExportedRunRef & {
  /** The attempt's uuid: the `submissionId` of its receipt. */
  submissionId: string;
  quiz: ExportedContentRef;
  number: number;
  status: (typeof ATTEMPT_STATUSES)[number];
  startedAt: string;
  savedAt: string | null;
  submittedAt: string | null;
  /** Answers saved but not yet submitted. */
  draftAnswers: StoredAnswers | null;
  answers: StoredAnswers | null;
  answersSha256: string | null;
  score: number | null;
  maxScore: number | null;
  /** Per-question marking, only once the quiz's reveal policy shows it to the learner. */
  results: QuestionResult[] | null;
  resultsRevealAt: string | null;
};

export type ExportedAssessment = {
  attempts: ExportedAttempt[];
  quizScores: Array<
    ExportedRunRef & {
      quiz: ExportedContentRef;
      score: number;
      maxScore: number;
      attemptsUsed: number;
      bestSubmissionId: string | null;
      updatedAt: string;
    }
  >;
  courseGrades: Array<
    ExportedRunRef & {
      grade: number;
      computed: number;
      override: number | null;
      overrideReason: string | null;
      overriddenAt: string | null;
      breakdown: Array<{ type: string; average: number; weight: number; dropped: number }>;
      passed: boolean;
      passedAt: string | null;
      updatedAt: string;
    }
  >;
};

type AttemptRow = typeof asmAttempt.$inferSelect;

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

function quizOf(entry: EnrollmentForExport | undefined, entityId: number): QuizBlock | null {
  const block = entry?.content.get(entityId)?.block;
  return block?.type === 'quiz' ? block : null;
}

/**
 * The export is one more way for a learner to read their marking, so it follows the same reveal
 * rule as the quiz pages: a quiz the release no longer has reveals nothing.
 */
function presentAttempt(row: AttemptRow, entry: EnrollmentForExport, now: Date): ExportedAttempt {
  const quiz = quizOf(entry, row.blockEntityId);
  const reveal = quiz
    ? decideReveal(quiz, row, quizDueAt(entry.run, entry.enrollment, quiz), now)
    : { revealed: false, revealsAt: null };
  const submitted = row.status === 'submitted';
  return {
    ...describeRun(entry),
    submissionId: row.uuid,
    quiz: describeContent(entry, row.blockEntityId),
    number: row.number,
    status: row.status,
    startedAt: row.startedAt.toISOString(),
    savedAt: iso(row.savedAt),
    submittedAt: iso(row.submittedAt),
    draftAnswers: submitted ? null : row.draftAnswers,
    answers: row.answers,
    answersSha256: row.answersSha256,
    score: row.score,
    maxScore: row.maxScore,
    results: reveal.revealed ? row.results : null,
    resultsRevealAt: submitted ? iso(reveal.revealsAt) : null,
  };
}

/**
 * One person's quiz attempts (answers, receipt hashes, scores), best quiz scores and course
 * grades with any override, as plain JSON for their data export. `now` decides what the reveal
 * policies show. Who overrode a grade is left out: that is another person's data.
 */
export async function exportLearnerAssessment(
  executor: Executor,
  userId: string,
  now: Date,
): Promise<ExportedAssessment> {
  const enrollments = await indexEnrollmentsForExport(executor, userId);
  const ids = [...enrollments.keys()];
  if (ids.length === 0) return { attempts: [], quizScores: [], courseGrades: [] };
  const [attempts, scores, grades] = await Promise.all([
    executor
      .select()
      .from(asmAttempt)
      .where(inArray(asmAttempt.enrollmentId, ids))
      .orderBy(asc(asmAttempt.startedAt), asc(asmAttempt.id)),
    executor
      .select()
      .from(asmQuizScore)
      .where(inArray(asmQuizScore.enrollmentId, ids))
      .orderBy(asc(asmQuizScore.updatedAt), asc(asmQuizScore.blockEntityId)),
    executor
      .select()
      .from(asmCourseGrade)
      .where(eq(asmCourseGrade.userId, userId))
      .orderBy(asc(asmCourseGrade.updatedAt)),
  ]);
  const uuidOfAttempt = new Map(attempts.map((row) => [row.id, row.uuid]));
  const mine = <Row extends { enrollmentId: number }>(rows: Row[]) =>
    rows.flatMap((row) => {
      const entry = enrollments.get(row.enrollmentId);
      return entry ? [{ row, entry }] : [];
    });
  return {
    attempts: mine(attempts)
      .filter(({ row }) => row.userId === userId)
      .map(({ row, entry }) => presentAttempt(row, entry, now)),
    quizScores: mine(scores).map(({ row, entry }) => ({
      ...describeRun(entry),
      quiz: describeContent(entry, row.blockEntityId),
      score: row.score,
      maxScore: row.maxScore,
      attemptsUsed: row.attemptsUsed,
      bestSubmissionId: uuidOfAttempt.get(row.bestAttemptId) ?? null,
      updatedAt: row.updatedAt.toISOString(),
    })),
    courseGrades: mine(grades).map(({ row, entry }) => ({
      ...describeRun(entry),
      grade: row.override ?? row.computed,
      computed: row.computed,
      override: row.override,
      overrideReason: row.overrideReason,
      overriddenAt: iso(row.overriddenAt),
      breakdown: row.breakdown,
      passed: row.passed,
      passedAt: iso(row.passedAt),
      updatedAt: row.updatedAt.toISOString(),
    })),
  };
}
