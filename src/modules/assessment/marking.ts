import type { Question, QuizBlock } from '../courses/index.ts';
import type { QuestionResult, StoredAnswers } from './schema.ts';

type ShortTextQuestion = Extract<Question, { kind: 'short_text' }>;

/**
 * Text as the question's options compare it: Unicode-normalised, trimmed (accepted answers are
 * stored trimmed), then folded as the author chose.
 */
export function normaliseText(text: string, options: ShortTextQuestion['normalisation']): string {
  let value = text.normalize('NFC');
  if (options.ignoreAccents) value = value.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
  if (options.ignorePunctuation) value = value.replace(/\p{P}/gu, '');
  if (!options.caseSensitive) value = value.toLowerCase();
  value = value.trim();
  if (options.ignoreWhitespace) value = value.replace(/\s+/gu, ' ');
  return value;
}

/**
 * Rounding slack for numeric answers: `0.1 + 0.2` must count as `0.3` within a tolerance of 0,
 * yet the slack stays relative so that tiny values are still told apart.
 */
const RELATIVE_SLACK = 1e-12;

function isNumberWithin(answer: number, value: number, tolerance: number): boolean {
  const slack = RELATIVE_SLACK * Math.max(Math.abs(answer), Math.abs(value));
  return Math.abs(answer - value) <= tolerance + slack;
}

function hasSameMembers(selected: readonly string[], expected: ReadonlySet<string>): boolean {
  const chosen = new Set(selected);
  if (chosen.size !== expected.size) return false;
  for (const id of chosen) if (!expected.has(id)) return false;
  return true;
}

/** Whether one answer is right; an unanswered question (undefined) never is. */
export function isAnswerCorrect(question: Question, answer: StoredAnswers[string] | undefined): boolean {
  if (answer === undefined) return false;
  switch (question.kind) {
    case 'single_choice':
    case 'multiple_choice': {
      if (!Array.isArray(answer) || answer.length === 0) return false;
      const expected = new Set(question.choices.filter((choice) => choice.correct).map((choice) => choice.id));
      return hasSameMembers(answer, expected);
    }
    case 'numeric':
      return typeof answer === 'number' && Number.isFinite(answer)
        ? isNumberWithin(answer, question.answer, question.tolerance)
        : false;
    case 'short_text': {
      if (typeof answer !== 'string') return false;
      const given = normaliseText(answer, question.normalisation);
      if (given === '') return false;
      return question.acceptedAnswers.some((accepted) => normaliseText(accepted, question.normalisation) === given);
    }
  }
}

export type AttemptMarking = { results: QuestionResult[]; score: number; maxScore: number };

/**
 * Marks answers against a quiz: each question all or nothing, in the quiz's own order. Pure:
 * the same quiz and answers always give the same marking.
 */
export function markAttempt(quiz: QuizBlock, answers: StoredAnswers): AttemptMarking {
  const results = quiz.questions.map((question): QuestionResult => {
    const answer = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    const correct = isAnswerCorrect(question, answer);
    return { questionId: question.id, points: correct ? question.points : 0, maxPoints: question.points, correct };
  });
  return {
    results,
    score: results.reduce((sum, result) => sum + result.points, 0),
    maxScore: computeMaxScore(quiz),
  };
}

export function computeMaxScore(quiz: Pick<QuizBlock, 'questions'>): number {
  return quiz.questions.reduce((sum, question) => sum + question.points, 0);
}
