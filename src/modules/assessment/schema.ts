import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { enrEnrollment } from '../enrollment/schema.ts';
import { idnUser } from '../identity/schema.ts';

export const ATTEMPT_STATUSES = ['in_progress', 'submitted'] as const;

/** Raw answers, keyed by question id: a choice id list, a number, or a text. */
export type StoredAnswers = Record<string, string[] | number | string>;

/** The server's marking of one question of a submitted attempt. */
export type QuestionResult = { questionId: string; points: number; maxPoints: number; correct: boolean };

/**
 * One attempt at a quiz. Started on the server (the clock starts here), autosaved as a draft,
 * submitted once: the answers, their SHA-256 and the marking are then immutable. The quiz is a
 * publishing entity; `versionId` is the version the learner answered.
 */
export const asmAttempt = pgTable(
  'asm_attempt',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    uuid: uuid().notNull().defaultRandom().unique(),
    enrollmentId: bigint({ mode: 'number' })
      .notNull()
      .references(() => enrEnrollment.id, { onDelete: 'cascade' }),
    runId: bigint({ mode: 'number' }).notNull(),
    userId: uuid()
      .notNull()
      .references(() => idnUser.id, { onDelete: 'cascade' }),
    blockEntityId: bigint({ mode: 'number' }).notNull(),
    versionId: bigint({ mode: 'number' }).notNull(),
    number: integer().notNull(),
    status: text({ enum: ATTEMPT_STATUSES }).notNull().default('in_progress'),
    /** The order questions (and choices) were shown in, so a reload shows the same order. */
    layout: jsonb().$type<Record<string, string[]>>().notNull().default({}),
    draftAnswers: jsonb().$type<StoredAnswers>().notNull().default({}),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    savedAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    answers: jsonb().$type<StoredAnswers>(),
    answersSha256: text(),
    idempotencyKey: text(),
    results: jsonb().$type<QuestionResult[]>(),
    score: doublePrecision(),
    maxScore: doublePrecision(),
  },
  (table) => [
    uniqueIndex('asm_attempt_number_unique').on(table.enrollmentId, table.blockEntityId, table.number),
    uniqueIndex('asm_attempt_one_open')
      .on(table.enrollmentId, table.blockEntityId)
      .where(sql`${table.status} = 'in_progress'`),
    uniqueIndex('asm_attempt_idempotency_unique')
      .on(table.userId, table.idempotencyKey)
      .where(sql`${table.idempotencyKey} is not null`),
    index('asm_attempt_run_idx').on(table.runId, table.blockEntityId),
    check('asm_attempt_status_valid', sql`${table.status} in ('in_progress', 'submitted')`),
    check(
      'asm_attempt_submitted_complete',
      sql`${table.status} = 'in_progress' or (${table.submittedAt} is not null and ${table.answers} is not null and ${table.score} is not null)`,
    ),
  ],
);

/** The score that counts for one learner and quiz (the best submitted attempt). */
export const asmQuizScore = pgTable(
  'asm_quiz_score',
  {
    enrollmentId: bigint({ mode: 'number' })
      .notNull()
      .references(() => enrEnrollment.id, { onDelete: 'cascade' }),
    blockEntityId: bigint({ mode: 'number' }).notNull(),
    runId: bigint({ mode: 'number' }).notNull(),
    score: doublePrecision().notNull(),
    maxScore: doublePrecision().notNull(),
    attemptsUsed: integer().notNull(),
    bestAttemptId: bigint({ mode: 'number' }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.enrollmentId, table.blockEntityId] }),
    index('asm_quiz_score_run_idx').on(table.runId, table.blockEntityId),
  ],
);

/** A learner's course grade in a run under the run's grading policy, and any staff override. */
export const asmCourseGrade = pgTable(
  'asm_course_grade',
  {
    enrollmentId: bigint({ mode: 'number' })
      .primaryKey()
      .references(() => enrEnrollment.id, { onDelete: 'cascade' }),
    runId: bigint({ mode: 'number' }).notNull(),
    userId: uuid()
      .notNull()
      .references(() => idnUser.id, { onDelete: 'cascade' }),
    /** 0..1 as computed from the quiz scores, rounded to 1e-6. */
    computed: doublePrecision().notNull(),
    override: doublePrecision(),
    overrideReason: text(),
    overriddenBy: uuid().references(() => idnUser.id, { onDelete: 'set null' }),
    overriddenAt: timestamp({ withTimezone: true }),
    /** Per assignment type: average after dropping, weight, contribution. */
    breakdown: jsonb().$type<Array<{ type: string; average: number; weight: number; dropped: number }>>().notNull(),
    passed: boolean().notNull(),
    passedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    index('asm_course_grade_run_idx').on(table.runId),
    check(
      'asm_course_grade_range',
      sql`${table.computed} between 0 and 1 and (${table.override} is null or ${table.override} between 0 and 1)`,
    ),
  ],
);
