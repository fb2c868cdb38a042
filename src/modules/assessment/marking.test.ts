import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quizBlockSchema, type QuizBlock } from '../courses/index.ts';
import { validateAnswers } from './answers.ts';
import { isAnswerCorrect, markAttempt, normaliseText } from './marking.ts';

function quizOf(questions: unknown[]): QuizBlock {
  return quizBlockSchema.parse({ type: 'quiz', title: 'Quiz', questions });
}

const choices = (ids: string[], correct: string[]) =>
  ids.map((id) => ({ id, text: `Choice ${id}`, correct: correct.includes(id) }));

const QUIZ = quizOf([
  { id: 'single', kind: 'single_choice', prompt: 'Pick one', points: 2, choices: choices(['a', 'b', 'c'], ['b']) },
  {
    id: 'multi',
    kind: 'multiple_choice',
    prompt: 'Pick many',
    points: 3,
    choices: choices(['a', 'b', 'c'], ['a', 'c']),
  },
  { id: 'number', kind: 'numeric', prompt: 'How many?', points: 1, answer: 3.5, tolerance: 0.25 },
  {
    id: 'text',
    kind: 'short_text',
    prompt: 'Capital?',
    points: 4,
    acceptedAnswers: ['Nairobi', 'Nairobi City'],
    normalisation: { caseSensitive: false, ignoreWhitespace: true, ignorePunctuation: true, ignoreAccents: true },
  },
]);

describe('marking an attempt', () => {
  it('gives every question its points when every answer is right', () => {
    const marking = markAttempt(QUIZ, { single: ['b'], multi: ['c', 'a'], number: 3.6, text: '  nairobi   city! ' });
    expect(marking.score).toBe(10);
    expect(marking.maxScore).toBe(10);
    expect(marking.results.map((result) => result.correct)).toEqual([true, true, true, true]);
  });

  it('gives nothing for unanswered questions and keeps the quiz order', () => {
    const marking = markAttempt(QUIZ, {});
    expect(marking.score).toBe(0);
    expect(marking.results.map((result) => result.questionId)).toEqual(['single', 'multi', 'number', 'text']);
    expect(marking.results.every((result) => result.points === 0 && !result.correct)).toBe(true);
  });

  it('marks multiple choice all or nothing: a subset or a superset of the right choices is wrong', () => {
    expect(markAttempt(QUIZ, { multi: ['a'] }).score).toBe(0);
    expect(markAttempt(QUIZ, { multi: ['a', 'b', 'c'] }).score).toBe(0);
    expect(markAttempt(QUIZ, { multi: ['a', 'c'] }).score).toBe(3);
  });

  it('marks a number inside the tolerance (edges included) and outside it', () => {
    expect(markAttempt(QUIZ, { number: 3.25 }).score).toBe(1);
    expect(markAttempt(QUIZ, { number: 3.75 }).score).toBe(1);
    expect(markAttempt(QUIZ, { number: 3.76 }).score).toBe(0);
    expect(markAttempt(QUIZ, { number: '3.5' as unknown as number }).score).toBe(0);
  });

  it('counts 0.1 + 0.2 as 0.3 with no tolerance, yet tells tiny values apart', () => {
    const quiz = quizOf([{ id: 'n', kind: 'numeric', prompt: 'p', answer: 0.3, tolerance: 0 }]);
    expect(markAttempt(quiz, { n: 0.1 + 0.2 }).score).toBe(1);
    const tiny = quizOf([{ id: 'n', kind: 'numeric', prompt: 'p', answer: 1e-15, tolerance: 0 }]);
    expect(markAttempt(tiny, { n: 2e-15 }).score).toBe(0);
  });

  it('follows the short-text options', () => {
    const strict = { caseSensitive: true, ignoreWhitespace: false, ignorePunctuation: false, ignoreAccents: false };
    expect(normaliseText('  São  Paulo ', strict)).toBe('São  Paulo');
    expect(normaliseText('São  Paulo!', { ...strict, ignoreAccents: true, ignoreWhitespace: true })).toBe('Sao Paulo!');
    expect(normaliseText('SÃO, Paulo', { ...strict, caseSensitive: false, ignorePunctuation: true })).toBe('são paulo');
    const question = QUIZ.questions[3]!;
    expect(isAnswerCorrect(question, 'NAIROBI')).toBe(true);
    expect(isAnswerCorrect(question, 'Nairóbi')).toBe(true);
    expect(isAnswerCorrect(question, 'Mombasa')).toBe(false);
    expect(isAnswerCorrect(question, '   ')).toBe(false);
  });
});

describe('marking, as properties', () => {
  const idArbitrary = fc.stringMatching(/^[a-z]{1,3}$/);

  it('gives single and multiple choice full points exactly for the set of right choices', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(idArbitrary, { minLength: 2, maxLength: 8 }),
        fc.infiniteStream(fc.boolean()),
        fc.infiniteStream(fc.boolean()),
        (ids, correctFlags, pickFlags) => {
          const flags = ids.map(() => correctFlags.next().value as boolean);
          if (!flags.some(Boolean)) flags[0] = true;
          const correct = ids.filter((_, index) => flags[index]);
          const quiz = quizOf([
            { id: 'q', kind: 'multiple_choice', prompt: 'p', points: 5, choices: choices(ids, correct) },
          ]);
          const picked = ids.filter(() => pickFlags.next().value as boolean);
          const expected = picked.length === correct.length && picked.every((id) => correct.includes(id));
          expect(markAttempt(quiz, { q: [...picked].reverse() }).score).toBe(expected ? 5 : 0);
        },
      ),
    );
  });

  it('gives numeric questions full points exactly within the tolerance', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (value, tolerance, fraction) => {
          const quiz = quizOf([{ id: 'n', kind: 'numeric', prompt: 'p', answer: value, tolerance }]);
          const answer = value + fraction * tolerance;
          const score = markAttempt(quiz, { n: answer }).score;
          if (Math.abs(fraction) <= 0.999) expect(score).toBe(1);
          if (Math.abs(fraction) >= 1.001 && tolerance > 1e-6) expect(score).toBe(0);
        },
      ),
    );
  });

  it('accepts every accepted answer however its case and spacing are changed, when told to ignore them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-z]{1,8}$/), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (words, upper) => {
          const accepted = words.join(' ');
          const quiz = quizOf([{ id: 't', kind: 'short_text', prompt: 'p', acceptedAnswers: [accepted] }]);
          const typed = `  ${words.join('   ')}  `;
          expect(markAttempt(quiz, { t: upper ? typed.toUpperCase() : typed.toLowerCase() }).score).toBe(1);
        },
      ),
    );
  });

  it('never scores above the maximum nor below zero, whatever the answers', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('single', 'multi', 'number', 'text', 'x'), fc.jsonValue()), (raw) => {
        const marking = markAttempt(QUIZ, raw as never);
        expect(marking.score).toBeGreaterThanOrEqual(0);
        expect(marking.score).toBeLessThanOrEqual(marking.maxScore);
      }),
    );
  });
});

describe('checking answers before they are stored', () => {
  it('keeps answers in the quiz order, choices in the question order, and drops empty ones', () => {
    const stored = validateAnswers(QUIZ, { text: ' Nairobi ', multi: ['c', 'a', 'c'], single: [], number: -0 });
    expect(stored).toEqual({ multi: ['a', 'c'], number: 0, text: 'Nairobi' });
    expect(Object.keys(stored)).toEqual(['multi', 'number', 'text']);
  });

  it.each([
    [{ nope: ['a'] }, 'nope'],
    [{ single: ['a', 'b'] }, 'single'],
    [{ single: ['z'] }, 'single'],
    [{ multi: 'a' }, 'multi'],
    [{ number: '3' }, 'number'],
    [{ number: Number.NaN }, 'number'],
    [{ text: 42 }, 'text'],
    [{ text: 'x'.repeat(1001) }, 'text'],
    [{ text: 'a\u0000b' }, 'text'],
  ])('refuses %j, naming the question', (answers, questionId) => {
    expect(() => validateAnswers(QUIZ, answers)).toThrow(expect.objectContaining({ code: 'quiz.invalid_answer' }));
    try {
      validateAnswers(QUIZ, answers);
    } catch (error) {
      expect((error as Error).message).toContain(`"${questionId}"`);
    }
  });

  it('refuses answers that are not an object', () => {
    for (const value of [null, [], 'a', 3]) {
      expect(() => validateAnswers(QUIZ, value)).toThrow(expect.objectContaining({ code: 'quiz.invalid_answers' }));
    }
  });

  it('handles a question whose id is __proto__ as any other', () => {
    const quiz = quizOf([{ id: '__proto__', kind: 'numeric', prompt: 'p', answer: 1 }]);
    const stored = validateAnswers(quiz, JSON.parse('{"__proto__": 1}'));
    expect(Object.hasOwn(stored, '__proto__')).toBe(true);
    expect(markAttempt(quiz, stored).score).toBe(1);
  });
});
