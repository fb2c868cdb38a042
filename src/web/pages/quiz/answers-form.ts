import type { LearnerQuestion, StoredAnswers } from '../../../modules/assessment/index.ts';
import { parseTypedNumber } from './typed-number.ts';

function readValue(body: unknown, name: string): unknown {
  return body && typeof body === 'object' && Object.hasOwn(body, name)
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

/** One form field as text: the first value when a field was sent twice. */
export function readField(body: unknown, name: string): string {
  const value = readValue(body, name);
  if (typeof value === 'string') return value;
  return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
}

/** A repeated field (checkboxes) as a list. */
function readList(body: unknown, name: string): string[] {
  const value = readValue(body, name);
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** A question the form could not read, by its position on the page. */
export type AnswerProblem = { questionId: string; number: number; kind: 'number' | 'text' | 'answer' };

/** What the learner typed, kept as text so that a refused form gives every answer back. */
export type TypedAnswers = Record<string, string[] | string>;

export const answerField = (questionId: string): string => `answers.${questionId}`;

/** Reads the answer fields of a quiz form (`answers.<question id>`) as typed. */
export function readTypedAnswers(body: unknown, questions: readonly LearnerQuestion[]): TypedAnswers {
  return Object.fromEntries(
    questions.map((question) => {
      const name = answerField(question.id);
      const value =
        question.kind === 'single_choice' || question.kind === 'multiple_choice'
          ? readList(body, name)
          : readField(body, name);
      return [question.id, value];
    }),
  );
}

/** Typed answers as the services take them; unreadable numbers come back as problems. */
export function toAnswers(
  typed: TypedAnswers,
  questions: readonly LearnerQuestion[],
): { answers: StoredAnswers; problems: AnswerProblem[] } {
  const entries: Array<[string, StoredAnswers[string]]> = [];
  const problems: AnswerProblem[] = [];
  questions.forEach((question, index) => {
    const value = Object.hasOwn(typed, question.id) ? typed[question.id] : undefined;
    if (value === undefined) return;
    if (Array.isArray(value)) {
      if (value.length > 0) entries.push([question.id, value]);
      return;
    }
    if (value.trim() === '') return;
    if (question.kind === 'numeric') {
      const number = parseTypedNumber(value);
      if (number === null) problems.push({ questionId: question.id, number: index + 1, kind: 'number' });
      else entries.push([question.id, number]);
      return;
    }
    entries.push([question.id, value]);
  });
  return { answers: Object.fromEntries(entries), problems };
}

/** Stored answers shown again in the form. */
export function toTypedAnswers(answers: StoredAnswers): TypedAnswers {
  return Object.fromEntries(
    Object.entries(answers).map(([id, value]) => [id, Array.isArray(value) ? value : String(value)]),
  );
}
