import { describe, expect, it } from 'vitest';
import { quizBlockSchema } from '../../../modules/courses/index.ts';
import { blockValuesOf, emptyBlockValues, readBlockForm } from '../studio-content/block-input.ts';

const BASE = { title: 'Weekly quiz', mode: 'graded', assignmentType: 'Homework', attemptsAllowed: '2' };

describe('the quiz settings form of the studio', () => {
  it('reads the days until due and the reveal policy', () => {
    const { input, errors } = readBlockForm('quiz', { ...BASE, dueAfterDays: '7', reveal: 'after_due' }, null);
    expect(errors).toEqual({});
    expect(input).toMatchObject({ type: 'quiz', dueAfterDays: 7, reveal: 'after_due', attemptsAllowed: 2 });
  });

  it('reads an empty number of days as no due date and an unknown policy as the default', () => {
    const { input, errors } = readBlockForm('quiz', { ...BASE, dueAfterDays: '', reveal: 'sometimes' }, null);
    expect(errors).toEqual({});
    expect(input).toMatchObject({ dueAfterDays: null, reveal: 'immediately' });
  });

  it.each(['-1', '1.5', 'soon', '3651'])('refuses %s days with a field error', (days) => {
    const { errors, values } = readBlockForm('quiz', { ...BASE, dueAfterDays: days }, null);
    expect(errors).toEqual({ dueAfterDays: 'studioContent.error.dueAfterDays' });
    expect(values.fields.dueAfterDays).toBe(days);
  });

  it('shows a stored quiz’s settings again, and starts new quizzes without a due date', () => {
    const quiz = quizBlockSchema.parse({ type: 'quiz', title: 'Q', dueAfterDays: 14, reveal: 'never' });
    expect(blockValuesOf(quiz).fields).toMatchObject({ dueAfterDays: '14', reveal: 'never' });
    expect(emptyBlockValues('quiz').fields).toMatchObject({ dueAfterDays: '', reveal: 'immediately' });
  });

  it('keeps the questions of the quiz being edited', () => {
    const current = quizBlockSchema.parse({
      type: 'quiz',
      title: 'Q',
      questions: [{ id: 'q1', kind: 'numeric', prompt: 'p', answer: 1 }],
    });
    const { input } = readBlockForm('quiz', { ...BASE, reveal: 'never' }, current);
    expect(input).toMatchObject({ questions: current.questions, reveal: 'never' });
  });
});
