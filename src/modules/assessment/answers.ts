import type { Question, QuizBlock } from '../courses/index.ts';
import { invalid, type DomainError } from '../../platform/errors/index.ts';
import type { StoredAnswers } from './schema.ts';

/** Longest text answer kept; accepted answers are at most 500 characters. */
export const MAX_TEXT_ANSWER = 1000;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;
const LONE_SURROGATE = /\p{Cs}/u;

function answerProblem(questionId: string, message: string): DomainError {
  return invalid('quiz.invalid_answer', `Question "${questionId}": ${message}`, {
    fields: [{ field: `answers.${questionId}`, message }],
    questionId,
  });
}

function readChoices(question: Extract<Question, { kind: 'single_choice' | 'multiple_choice' }>, value: unknown) {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw answerProblem(question.id, 'must be a list of choice ids');
  }
  const known = new Set(question.choices.map((choice) => choice.id));
  const chosen = [...new Set(value as string[])];
  const unknown = chosen.find((id) => !known.has(id));
  if (unknown !== undefined) throw answerProblem(question.id, 'names a choice that is not in this question');
  if (question.kind === 'single_choice' && chosen.length > 1) throw answerProblem(question.id, 'takes one choice');
  // Kept in the question's order, so equal selections store (and hash) equally.
  return question.choices.map((choice) => choice.id).filter((id) => chosen.includes(id));
}

function readAnswer(question: Question, value: unknown): StoredAnswers[string] | undefined {
  switch (question.kind) {
    case 'single_choice':
    case 'multiple_choice': {
      const chosen = readChoices(question, value);
      return chosen.length === 0 ? undefined : chosen;
    }
    case 'numeric':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw answerProblem(question.id, 'must be a number');
      return Object.is(value, -0) ? 0 : value;
    case 'short_text': {
      if (typeof value !== 'string') throw answerProblem(question.id, 'must be text');
      if (value.length > MAX_TEXT_ANSWER) {
        throw answerProblem(question.id, `must be at most ${MAX_TEXT_ANSWER} characters`);
      }
      if (CONTROL_CHARACTERS.test(value) || LONE_SURROGATE.test(value)) {
        throw answerProblem(question.id, 'must be plain text');
      }
      const text = value.trim();
      return text === '' ? undefined : text;
    }
  }
}

/**
 * Checks answers against the quiz's questions and returns them as they are stored: keys in the
 * quiz's order, choices deduplicated in the question's order, empty answers left out. A key
 * that is not a question, or a value of the wrong kind, is refused with a message naming the
 * question. Errors: invalid 'quiz.invalid_answer', 'quiz.invalid_answers'.
 */
export function validateAnswers(quiz: Pick<QuizBlock, 'questions'>, input: unknown): StoredAnswers {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw invalid('quiz.invalid_answers', 'answers: must be an object keyed by question id', {
      fields: [{ field: 'answers', message: 'must be an object keyed by question id' }],
    });
  }
  const given = input as Record<string, unknown>;
  const byId = new Map(quiz.questions.map((question) => [question.id, question]));
  for (const key of Object.keys(given)) {
    if (!byId.has(key)) throw answerProblem(key.slice(0, 60), 'is not a question of this quiz');
  }
  const entries: Array<[string, StoredAnswers[string]]> = [];
  for (const question of quiz.questions) {
    if (!Object.hasOwn(given, question.id) || given[question.id] === null) continue;
    const answer = readAnswer(question, given[question.id]);
    if (answer !== undefined) entries.push([question.id, answer]);
  }
  // fromEntries defines own properties, even for an id such as "__proto__".
  return Object.fromEntries(entries);
}
