import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { createCourseTestHelpers } from '../courses/test-helpers.ts';
import type { Enrollment } from '../enrollment/index.ts';
import {
  insertExportEnrollment,
  publishExportCourse,
  type ExportCourse,
} from '../enrollment/export-data-test-fixtures.ts';
import { insertExportAttempt, insertExportCourseGrade, insertExportQuizScore } from './export-data-test-fixtures.ts';
import { exportLearnerAssessment } from './index.ts';

let handle: DatabaseHandle;
let course: ExportCourse;
let ada: Enrollment;
let bo: Enrollment;
let staffId: string;
let bestUuid: string;
const ENROLLED = new Date('2027-03-01T09:00:00Z');
const BEFORE_DUE = new Date('2027-03-05T09:00:00Z');
const AFTER_DUE = new Date('2027-03-08T09:00:00Z');
const answers = { q1: ['a'], q2: 'CO2' };
const results = [
  { questionId: 'q1', points: 1, maxPoints: 1, correct: true },
  { questionId: 'q2', points: 0, maxPoints: 1, correct: false },
];
const submitted = { answers, results, at: new Date('2027-03-02T10:00:00Z') };

beforeAll(async () => {
  handle = await createTestDatabase();
  const helpers = createCourseTestHelpers(handle.db);
  course = await publishExportCourse(helpers);
  staffId = course.cast.leadInstructor.user.id;
  ada = await insertExportEnrollment(handle.db, course.run, (await helpers.buildUser()).id, { enrolledAt: ENROLLED });
  bo = await insertExportEnrollment(handle.db, course.run, (await helpers.buildUser()).id, { enrolledAt: ENROLLED });
  const { db } = handle;
  const { immediately, afterDue, never } = course.quizzes;
  const first = await insertExportAttempt(db, ada, immediately, {
    startedAt: new Date('2027-03-02T09:00:00Z'),
    submitted,
  });
  bestUuid = first.uuid;
  await insertExportAttempt(db, ada, afterDue, { startedAt: new Date('2027-03-02T09:10:00Z'), submitted });
  await insertExportAttempt(db, ada, never, { startedAt: new Date('2027-03-02T09:20:00Z'), submitted });
  await insertExportAttempt(db, ada, immediately, {
    number: 2,
    startedAt: new Date('2027-03-02T09:30:00Z'),
    draftAnswers: { q1: ['b'] },
  });
  await insertExportQuizScore(db, ada, immediately, {
    attemptId: first.id,
    score: 1,
    maxScore: 2,
    attemptsUsed: 1,
    at: submitted.at,
  });
  await insertExportCourseGrade(db, ada, {
    computed: 0.25,
    override: { value: 0.6, reason: 'Medical certificate accepted', by: staffId, at: submitted.at },
    at: submitted.at,
  });
  const other = await insertExportAttempt(db, bo, immediately, {
    startedAt: new Date('2027-03-02T11:00:00Z'),
    submitted: { ...submitted, answers: { q1: ['b'], q2: 'methane' } },
  });
  await insertExportQuizScore(db, bo, immediately, {
    attemptId: other.id,
    score: 0,
    maxScore: 2,
    attemptsUsed: 1,
    at: submitted.at,
  });
  await insertExportCourseGrade(db, bo, { computed: 0, at: submitted.at });
});
afterAll(() => handle.close());

describe('exporting a learner’s quiz attempts', () => {
  it('includes answers, the receipt hash and the score of every attempt, in the order started', async () => {
    const { attempts } = await exportLearnerAssessment(handle.db, ada.userId, BEFORE_DUE);
    expect(attempts.map((attempt) => attempt.quiz.title)).toEqual(['Check-in', 'Weekly quiz', 'Exam', 'Check-in']);
    expect(attempts[0]).toMatchObject({
      registration: ada.uuid,
      courseKey: course.cast.course.key,
      runCode: course.run.code,
      submissionId: bestUuid,
      number: 1,
      status: 'submitted',
      submittedAt: '2027-03-02T10:00:00.000Z',
      answers,
      draftAnswers: null,
      score: 1,
      maxScore: 2,
    });
    expect(attempts[0]!.answersSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows per-question marking only as the reveal policy allows', async () => {
    const before = (await exportLearnerAssessment(handle.db, ada.userId, BEFORE_DUE)).attempts;
    expect(before[0]).toMatchObject({ results, resultsRevealAt: null });
    expect(before[1]).toMatchObject({ results: null, resultsRevealAt: '2027-03-08T09:00:00.000Z', score: 1 });
    expect(before[2]).toMatchObject({ results: null, resultsRevealAt: null, score: 1 });
    const after = (await exportLearnerAssessment(handle.db, ada.userId, AFTER_DUE)).attempts;
    expect(after[1]).toMatchObject({ results, resultsRevealAt: null });
    expect(after[2]).toMatchObject({ results: null });
  });

  it('keeps the draft of an attempt in progress, with nothing marked', async () => {
    const [, , , open] = (await exportLearnerAssessment(handle.db, ada.userId, AFTER_DUE)).attempts;
    expect(open).toMatchObject({
      status: 'in_progress',
      number: 2,
      draftAnswers: { q1: ['b'] },
      answers: null,
      answersSha256: null,
      score: null,
      results: null,
      submittedAt: null,
    });
  });
});

describe('exporting a learner’s scores and grades', () => {
  it('names the best attempt of each quiz score', async () => {
    const { quizScores } = await exportLearnerAssessment(handle.db, ada.userId, BEFORE_DUE);
    expect(quizScores).toEqual([
      expect.objectContaining({
        quiz: expect.objectContaining({ uuid: course.quizzes.immediately.uuid }),
        score: 1,
        maxScore: 2,
        attemptsUsed: 1,
        bestSubmissionId: bestUuid,
      }),
    ]);
  });

  it('includes an override and its reason, but not who made it', async () => {
    const exported = await exportLearnerAssessment(handle.db, ada.userId, BEFORE_DUE);
    expect(exported.courseGrades).toEqual([
      expect.objectContaining({
        registration: ada.uuid,
        grade: 0.6,
        computed: 0.25,
        override: 0.6,
        overrideReason: 'Medical certificate accepted',
        overriddenAt: '2027-03-02T10:00:00.000Z',
        passed: true,
      }),
    ]);
    expect(JSON.stringify(exported)).not.toContain(staffId);
  });

  it('never includes another learner’s attempts, scores or grades', async () => {
    const exported = JSON.stringify(await exportLearnerAssessment(handle.db, ada.userId, AFTER_DUE));
    expect(exported).not.toContain('methane');
    expect(exported).not.toContain(bo.uuid);
    const theirs = await exportLearnerAssessment(handle.db, bo.userId, AFTER_DUE);
    expect(theirs.attempts).toHaveLength(1);
    expect(theirs.courseGrades).toHaveLength(1);
    expect(JSON.stringify(theirs)).not.toContain(ada.uuid);
    expect(await exportLearnerAssessment(handle.db, '00000000-0000-4000-8000-000000000000', AFTER_DUE)).toEqual({
      attempts: [],
      quizScores: [],
      courseGrades: [],
    });
  });
});
