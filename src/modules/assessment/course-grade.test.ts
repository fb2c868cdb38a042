import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GradingPolicy } from '../courses/index.ts';
import { computeCourseGrade, roundGrade, toGradeInputs, type GradeInput, type ReleaseQuiz } from './course-grade.ts';

const policy = (types: Array<[string, number, number?]>, passMark = 0.5): GradingPolicy => ({
  assignmentTypes: types.map(([name, weight, dropLowest]) => ({ name, weight, dropLowest: dropLowest ?? 0 })),
  passMark,
});

const quiz = (assignmentType: string, score: number | null, maxScore: number, graded = true): GradeInput => ({
  assignmentType,
  score,
  maxScore,
  graded,
});

describe('computeCourseGrade', () => {
  it('weighs each assignment type’s average by its weight', () => {
    const result = computeCourseGrade(
      policy([
        ['Homework', 0.4],
        ['Exam', 0.6],
      ]),
      [quiz('Homework', 1, 2), quiz('Homework', 2, 2), quiz('Exam', 3, 4)],
    );
    expect(result.grade).toBe(0.75);
    expect(result.breakdown).toEqual([
      { type: 'Homework', average: 0.75, weight: 0.4, dropped: 0 },
      { type: 'Exam', average: 0.75, weight: 0.6, dropped: 0 },
    ]);
  });

  it('drops the lowest scores of a type before averaging', () => {
    const result = computeCourseGrade(policy([['Homework', 1, 2]]), [
      quiz('Homework', 0, 1),
      quiz('Homework', 1, 4),
      quiz('Homework', 1, 1),
      quiz('Homework', 1, 2),
    ]);
    expect(result.breakdown[0]).toEqual({ type: 'Homework', average: 0.75, weight: 1, dropped: 2 });
    expect(result.grade).toBe(0.75);
  });

  it('never drops the last quiz of a type', () => {
    const result = computeCourseGrade(policy([['Homework', 1, 5]]), [quiz('Homework', 1, 2), quiz('Homework', 2, 2)]);
    expect(result.breakdown[0]!.dropped).toBe(1);
    expect(result.grade).toBe(1);
  });

  it('counts an unattempted quiz as zero', () => {
    expect(
      computeCourseGrade(policy([['Homework', 1]]), [quiz('Homework', null, 2), quiz('Homework', 2, 2)]).grade,
    ).toBe(0.5);
  });

  it('leaves practice quizzes out', () => {
    const result = computeCourseGrade(policy([['Homework', 1]]), [
      quiz('Homework', 0, 5, false),
      quiz('Homework', 2, 2),
    ]);
    expect(result.grade).toBe(1);
  });

  it('leaves out quizzes whose type the policy does not name, and matches names without case', () => {
    const result = computeCourseGrade(policy([['Homework', 1]]), [quiz('Lab', 0, 3), quiz(' homework ', 1, 1)]);
    expect(result.grade).toBe(1);
  });

  it('ignores quizzes worth no points', () => {
    expect(computeCourseGrade(policy([['Homework', 1]]), [quiz('Homework', 0, 0), quiz('Homework', 1, 1)]).grade).toBe(
      1,
    );
  });

  it('gives a type without quizzes an average of zero', () => {
    const result = computeCourseGrade(
      policy([
        ['Homework', 0.5],
        ['Exam', 0.5],
      ]),
      [quiz('Homework', 1, 1)],
    );
    expect(result.grade).toBe(0.5);
    expect(result.breakdown[1]).toEqual({ type: 'Exam', average: 0, weight: 0.5, dropped: 0 });
  });

  it('takes the plain average of every graded quiz when the policy names no type', () => {
    const result = computeCourseGrade(policy([]), [
      quiz('Homework', 1, 2),
      quiz('Exam', 1, 1),
      quiz('Lab', 0, 1),
      quiz('Exam', 0, 1, false),
    ]);
    expect(result.grade).toBe(0.5);
    expect(result.breakdown).toEqual([]);
    expect(computeCourseGrade(policy([]), []).grade).toBe(0);
  });

  it('rounds to six decimals and stays within 0..1', () => {
    const result = computeCourseGrade(policy([['Homework', 1]]), [quiz('Homework', 1, 3)]);
    expect(result.grade).toBe(0.333333);
    expect(roundGrade(1.0000004)).toBe(1);
    expect(roundGrade(-0.2)).toBe(0);
    expect(roundGrade(Number.NaN)).toBe(0);
    expect(computeCourseGrade(policy([['Homework', 1]]), [quiz('Homework', 7, 3)]).grade).toBe(1);
  });

  it('is the same whatever the order of the quizzes', () => {
    const inputs = fc.array(
      fc.record({
        assignmentType: fc.constantFrom('Homework', 'Exam', 'Lab'),
        score: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: null }),
        maxScore: fc.constantFrom(0, 1, 3, 10),
        graded: fc.boolean(),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(inputs, fc.integer({ min: 0, max: 3 }), (quizzes, drop) => {
        const rules = policy([
          ['Homework', 0.3, drop],
          ['Exam', 0.7, drop],
        ]);
        const forward = computeCourseGrade(rules, quizzes);
        const backward = computeCourseGrade(rules, [...quizzes].reverse());
        expect(backward).toEqual(forward);
        expect(forward.grade).toBeGreaterThanOrEqual(0);
        expect(forward.grade).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('toGradeInputs', () => {
  const release: ReleaseQuiz[] = [
    { entityId: 1, uuid: 'u1', key: 'a', title: 'A', mode: 'graded', assignmentType: 'Homework', maxScore: 4 },
    { entityId: 2, uuid: 'u2', key: 'b', title: 'B', mode: 'practice', assignmentType: 'Homework', maxScore: 2 },
  ];

  it('keeps the fraction of a score earned on another version of the quiz', () => {
    const inputs = toGradeInputs(release, new Map([[1, { blockEntityId: 1, score: 1, maxScore: 2 }]]));
    expect(inputs).toEqual([
      { assignmentType: 'Homework', maxScore: 4, graded: true, score: 2 },
      { assignmentType: 'Homework', maxScore: 2, graded: false, score: null },
    ]);
  });
});
