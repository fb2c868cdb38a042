import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADING_POLICY, type CourseRun } from '../courses/index.ts';
import { quizDueAt, readQuizWindow } from './due.ts';
import { decideReveal } from './reveal.ts';

const DAY = 86_400_000;
const START = new Date('2030-01-10T00:00:00Z');
const END = new Date('2030-03-10T00:00:00Z');
const ENROLLED = new Date('2030-01-20T12:00:00Z');

function runOf(changes: Partial<CourseRun>): CourseRun {
  return {
    id: 1,
    uuid: '00000000-0000-4000-8000-000000000001',
    courseId: 1,
    code: 'R',
    pacing: 'scheduled',
    language: 'en',
    enrollmentOpensAt: null,
    enrollmentClosesAt: null,
    startsAt: START,
    endsAt: END,
    releaseId: 1,
    releaseNumber: 1,
    capacity: null,
    certificatePolicy: 'none',
    gradingPolicy: DEFAULT_GRADING_POLICY,
    ...changes,
  };
}

const enrollment = { enrolledAt: ENROLLED };
const selfPaced = runOf({ pacing: 'self_paced', startsAt: null, endsAt: null });

describe('the due date of a quiz', () => {
  it('is the end of the run when the quiz sets no days (and none when the run never ends)', () => {
    expect(quizDueAt(runOf({}), enrollment, { dueAfterDays: null })).toEqual(END);
    expect(quizDueAt(selfPaced, enrollment, { dueAfterDays: null })).toBeNull();
  });

  it('counts days from the start of a scheduled run', () => {
    expect(quizDueAt(runOf({}), enrollment, { dueAfterDays: 7 })).toEqual(new Date(START.getTime() + 7 * DAY));
    expect(quizDueAt(runOf({}), enrollment, { dueAfterDays: 0 })).toEqual(START);
  });

  it('counts days from the enrollment in a self-paced run', () => {
    expect(quizDueAt(selfPaced, enrollment, { dueAfterDays: 14 })).toEqual(new Date(ENROLLED.getTime() + 14 * DAY));
  });

  it('never runs past the end of the run', () => {
    expect(quizDueAt(runOf({}), enrollment, { dueAfterDays: 365 })).toEqual(END);
    const endingSelfPaced = runOf({ pacing: 'self_paced', startsAt: null, endsAt: END });
    expect(quizDueAt(endingSelfPaced, enrollment, { dueAfterDays: 365 })).toEqual(END);
  });
});

describe('the window of a quiz, to the second', () => {
  const run = runOf({});
  const due = new Date(START.getTime() + 7 * DAY);
  const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

  it('opens with a scheduled run', () => {
    expect(readQuizWindow(run, due, at(START, -1))).toBe('not_started');
    expect(readQuizWindow(run, due, START)).toBe('open');
    expect(readQuizWindow(run, due, at(START, 1))).toBe('open');
  });

  it('closes at the due moment', () => {
    expect(readQuizWindow(run, due, at(due, -1))).toBe('open');
    expect(readQuizWindow(run, due, due)).toBe('closed');
    expect(readQuizWindow(run, due, at(due, 1))).toBe('closed');
  });

  it('is always open in a self-paced run without dates', () => {
    expect(readQuizWindow(selfPaced, null, new Date('1990-01-01T00:00:00Z'))).toBe('open');
    expect(readQuizWindow(selfPaced, null, new Date('2999-01-01T00:00:00Z'))).toBe('open');
  });
});

describe('the reveal decision', () => {
  const due = new Date('2030-02-01T00:00:00Z');
  const before = new Date(due.getTime() - 1000);
  const after = new Date(due.getTime() + 1000);
  const submitted = { status: 'submitted' as const };
  const open = { status: 'in_progress' as const };

  it('never reveals an attempt that is still open', () => {
    for (const reveal of ['immediately', 'after_due', 'never'] as const) {
      for (const now of [before, due, after]) expect(decideReveal({ reveal }, open, due, now).revealed).toBe(false);
    }
  });

  it("reveals at once under 'immediately'", () => {
    expect(decideReveal({ reveal: 'immediately' }, submitted, due, before).revealed).toBe(true);
    expect(decideReveal({ reveal: 'immediately' }, submitted, null, before).revealed).toBe(true);
  });

  it("reveals from the due moment under 'after_due', and never without a due date", () => {
    expect(decideReveal({ reveal: 'after_due' }, submitted, due, before)).toEqual({
      policy: 'after_due',
      revealed: false,
      revealsAt: due,
    });
    expect(decideReveal({ reveal: 'after_due' }, submitted, due, due).revealed).toBe(true);
    expect(decideReveal({ reveal: 'after_due' }, submitted, due, after).revealed).toBe(true);
    expect(decideReveal({ reveal: 'after_due' }, submitted, null, after).revealed).toBe(false);
  });

  it("never reveals under 'never'", () => {
    expect(decideReveal({ reveal: 'never' }, submitted, due, after).revealed).toBe(false);
  });
});
