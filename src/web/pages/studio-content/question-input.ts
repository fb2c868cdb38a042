import { randomBytes } from 'node:crypto';
import { QUESTION_KINDS, type BlockInput, type Question, type QuestionKind } from '../../../modules/courses/index.ts';
import { isChecked, readField, readList, type FieldErrors } from './shared.ts';

/** A question as the quiz block's input takes it. */
export type QuestionInput = NonNullable<Extract<BlockInput, { type: 'quiz' }>['questions']>[number];

export type ChoiceRow = { id: string; text: string; correct: boolean; feedback: string };

/** A question form as typed: kind-specific fields, choice rows and the flags of short answers. */
export type QuestionValues = { kind: QuestionKind; fields: Record<string, string>; choices: ChoiceRow[] };

export const EMPTY_CHOICE_ROWS = 2;
export const NORMALISATION_FLAGS = ['caseSensitive', 'ignoreWhitespace', 'ignorePunctuation', 'ignoreAccents'] as const;

export const isQuestionKind = (value: string): value is QuestionKind =>
  (QUESTION_KINDS as readonly string[]).includes(value);

export function emptyQuestionValues(kind: QuestionKind): QuestionValues {
  return {
    kind,
    fields: { prompt: '', points: '1', explanation: '', tolerance: '0', ignoreWhitespace: 'yes' },
    choices: [],
  };
}

export function questionValuesOf(question: Question): QuestionValues {
  const fields: Record<string, string> = {
    prompt: question.prompt,
    points: String(question.points),
    explanation: question.explanation,
  };
  switch (question.kind) {
    case 'single_choice':
    case 'multiple_choice':
      return { kind: question.kind, fields, choices: question.choices.map((choice) => ({ ...choice })) };
    case 'numeric':
      return {
        kind: question.kind,
        fields: { ...fields, answer: String(question.answer), tolerance: String(question.tolerance) },
        choices: [],
      };
    case 'short_text': {
      const flags = Object.fromEntries(
        NORMALISATION_FLAGS.map((flag) => [flag, question.normalisation[flag] ? 'yes' : '']),
      );
      return {
        kind: question.kind,
        fields: { ...fields, ...flags, acceptedAnswers: question.acceptedAnswers.join('\n') },
        choices: [],
      };
    }
  }
}

/** A decimal number as people type it (a comma works as the decimal mark too). */
function readDecimal(text: string): number | null {
  const normalised = text.replace(',', '.');
  return /^-?\d{1,12}(\.\d{1,12})?$/.test(normalised) ? Number(normalised) : null;
}

/** A short id for a new question or choice that the quiz does not use yet. */
export function generateId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (;;) {
    const id = `${prefix}${[...randomBytes(6)].map((byte) => (byte % 36).toString(36)).join('')}`;
    if (!used.has(id)) return id;
  }
}

function readChoices(body: unknown): ChoiceRow[] {
  const texts = readList(body, 'choiceText');
  const feedback = readList(body, 'choiceFeedback');
  const ids = readList(body, 'choiceId');
  const correct = new Set(readList(body, 'correct'));
  const rows: ChoiceRow[] = [];
  texts.forEach((text, index) => {
    const row = {
      id: (ids[index] ?? '').trim(),
      text: text.trim(),
      feedback: (feedback[index] ?? '').trim(),
      correct: correct.has(String(index)),
    };
    if (row.text || row.feedback) rows.push(row);
  });
  return rows.map((row) =>
    row.id
      ? row
      : {
          ...row,
          id: generateId(
            'c',
            rows.map((other) => other.id),
          ),
        },
  );
}

/**
 * Reads a question form. Numbers that are not numbers become field errors here; the quiz
 * schema in the service checks the rest (one correct choice, at least one answer…).
 */
export function readQuestionForm(
  kind: QuestionKind,
  id: string,
  body: unknown,
): { values: QuestionValues; question: QuestionInput; errors: FieldErrors } {
  const prompt = readField(body, 'prompt', false);
  const explanation = readField(body, 'explanation', false);
  const fields: Record<string, string> = { prompt, points: readField(body, 'points'), explanation };
  const errors: FieldErrors = {};
  const points = readDecimal(fields.points!);
  if (points === null) errors.points = 'studioContent.error.points';
  const base = { id, prompt, points: points ?? 0, explanation };
  switch (kind) {
    case 'single_choice':
    case 'multiple_choice': {
      const choices = readChoices(body);
      const question = kind === 'single_choice' ? { ...base, kind, choices } : { ...base, kind, choices };
      return { values: { kind, fields, choices }, question, errors };
    }
    case 'numeric': {
      fields.answer = readField(body, 'answer');
      fields.tolerance = readField(body, 'tolerance') || '0';
      const answer = readDecimal(fields.answer);
      const tolerance = readDecimal(fields.tolerance);
      if (answer === null) errors.answer = 'studioContent.error.answer';
      if (tolerance === null) errors.tolerance = 'studioContent.error.tolerance';
      return {
        values: { kind, fields, choices: [] },
        question: { ...base, kind, answer: answer ?? 0, tolerance: tolerance ?? 0 },
        errors,
      };
    }
    case 'short_text': {
      fields.acceptedAnswers = readField(body, 'acceptedAnswers', false);
      for (const flag of NORMALISATION_FLAGS) fields[flag] = isChecked(body, flag) ? 'yes' : '';
      const acceptedAnswers = fields.acceptedAnswers
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
      const normalisation = {
        caseSensitive: fields.caseSensitive === 'yes',
        ignoreWhitespace: fields.ignoreWhitespace === 'yes',
        ignorePunctuation: fields.ignorePunctuation === 'yes',
        ignoreAccents: fields.ignoreAccents === 'yes',
      };
      return {
        values: { kind, fields, choices: [] },
        question: { ...base, kind, acceptedAnswers, normalisation },
        errors,
      };
    }
  }
}
