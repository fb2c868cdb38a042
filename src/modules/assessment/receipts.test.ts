import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quizBlockSchema } from '../courses/index.ts';
import { buildAttemptLayout, orderByLayout, QUESTION_ORDER, readLayoutOrder } from './layout.ts';
import { canonicalJson, hashAnswers } from './receipts.ts';

describe('the answers hash of a receipt', () => {
  it('does not depend on the order of keys', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
    expect(hashAnswers({ q2: 'x', q1: ['a', 'b'] })).toBe(hashAnswers({ q1: ['a', 'b'], q2: 'x' }));
  });

  it('is the SHA-256 of the canonical JSON', () => {
    expect(hashAnswers({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });

  it('survives a JSON round trip, as the database stores answers', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/),
          fc.oneof(fc.array(fc.string()), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string()),
        ),
        (answers) => {
          expect(hashAnswers(JSON.parse(JSON.stringify(answers)))).toBe(hashAnswers(answers));
        },
      ),
    );
  });
});

describe('the layout of a shuffled attempt', () => {
  const quiz = quizBlockSchema.parse({
    type: 'quiz',
    title: 'Quiz',
    shuffleQuestions: true,
    shuffleChoices: true,
    questions: Array.from({ length: 8 }, (_, index) => ({
      id: `q${index}`,
      kind: 'single_choice',
      prompt: 'p',
      choices: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: id, correct: id === 'a' })),
    })),
  });

  it('is the same for the same attempt and a permutation of the questions and choices', () => {
    const layout = buildAttemptLayout(quiz, 'attempt-1');
    expect(buildAttemptLayout(quiz, 'attempt-1')).toEqual(layout);
    expect([...readLayoutOrder(layout, QUESTION_ORDER)!].sort()).toEqual(quiz.questions.map((q) => q.id).sort());
    expect([...readLayoutOrder(layout, 'q0')!].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('differs between attempts', () => {
    const orders = new Set(
      Array.from({ length: 10 }, (_, index) => JSON.stringify(buildAttemptLayout(quiz, `attempt-${index}`))),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it('is empty when nothing is shuffled, and puts unknown items last', () => {
    expect(buildAttemptLayout({ ...quiz, shuffleQuestions: false, shuffleChoices: false }, 'x')).toEqual({});
    const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(orderByLayout(items, ['c', 'a']).map((item) => item.id)).toEqual(['c', 'a', 'b']);
    expect(readLayoutOrder({}, 'constructor')).toBeUndefined();
  });
});
