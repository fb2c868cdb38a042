import { createHash } from 'node:crypto';
import type { Database } from '../../platform/db/index.ts';
import type { Enrollment } from '../enrollment/index.ts';
import { asmAttempt, asmCourseGrade, asmQuizScore, type QuestionResult, type StoredAnswers } from './schema.ts';

/* Assessment rows for data export tests, written straight into the tables. */

type Quiz = { entityId: number; versionId: number };

export async function insertExportAttempt(
  db: Database,
  enrollment: Enrollment,
  quiz: Quiz,
  attempt: {
    number?: number;
    startedAt: Date;
    /** A submitted attempt: its answers and marking; otherwise an attempt in progress with a draft. */
    submitted?: { answers: StoredAnswers; results: QuestionResult[]; at: Date };
    draftAnswers?: StoredAnswers;
  },
): Promise<{ id: number; uuid: string }> {
  const submitted = attempt.submitted;
  const score = submitted?.results.reduce((sum, result) => sum + result.points, 0) ?? null;
  const maxScore = submitted?.results.reduce((sum, result) => sum + result.maxPoints, 0) ?? null;
  const [row] = await db
    .insert(asmAttempt)
    .values({
      enrollmentId: enrollment.id,
      runId: enrollment.runId,
      userId: enrollment.userId,
      blockEntityId: quiz.entityId,
      versionId: quiz.versionId,
      number: attempt.number ?? 1,
      status: submitted ? 'submitted' : 'in_progress',
      draftAnswers: attempt.draftAnswers ?? submitted?.answers ?? {},
      startedAt: attempt.startedAt,
      savedAt: attempt.startedAt,
      submittedAt: submitted?.at ?? null,
      answers: submitted?.answers ?? null,
      answersSha256: submitted ? createHash('sha256').update(JSON.stringify(submitted.answers)).digest('hex') : null,
      results: submitted?.results ?? null,
      score,
      maxScore,
    })
    .returning({ id: asmAttempt.id, uuid: asmAttempt.uuid });
  return row!;
}

export async function insertExportQuizScore(
  db: Database,
  enrollment: Enrollment,
  quiz: Quiz,
  best: { attemptId: number; score: number; maxScore: number; attemptsUsed: number; at: Date },
): Promise<void> {
  await db.insert(asmQuizScore).values({
    enrollmentId: enrollment.id,
    blockEntityId: quiz.entityId,
    runId: enrollment.runId,
    score: best.score,
    maxScore: best.maxScore,
    attemptsUsed: best.attemptsUsed,
    bestAttemptId: best.attemptId,
    updatedAt: best.at,
  });
}

export async function insertExportCourseGrade(
  db: Database,
  enrollment: Enrollment,
  grade: {
    computed: number;
    override?: { value: number; reason: string; by: string; at: Date };
    passMark?: number;
    at: Date;
  },
): Promise<void> {
  const effective = grade.override?.value ?? grade.computed;
  const passed = effective >= (grade.passMark ?? 0.5);
  await db.insert(asmCourseGrade).values({
    enrollmentId: enrollment.id,
    runId: enrollment.runId,
    userId: enrollment.userId,
    computed: grade.computed,
    override: grade.override?.value ?? null,
    overrideReason: grade.override?.reason ?? null,
    overriddenBy: grade.override?.by ?? null,
    overriddenAt: grade.override?.at ?? null,
    breakdown: [{ type: 'Homework', average: grade.computed, weight: 1, dropped: 0 }],
    passed,
    passedAt: passed ? grade.at : null,
    updatedAt: grade.at,
  });
}
