import { describe, expect, it } from 'vitest';
import { buildStatementBatch } from './statement-batch.ts';
import { buildStatement, type LearningAction } from './statements.ts';

const HOME = 'https://orbis.example/';
const ADA = '0b9d6f0e-3c43-4a8e-9f57-2d9e3f7d2c11';
const BO = '1c8e5a0f-2d54-4b9f-8e46-3c8f4e6d3b22';
const AT = new Date('2027-03-01T09:30:00.000Z');
const LATER = new Date('2027-03-01T09:31:00.000Z');
const STORED = new Date('2027-03-01T09:31:00.250Z');

function contextIn(parent?: LearningAction['context']['parent']): LearningAction['context'] {
  return {
    runId: 7,
    runUuid: '7d4a3b2c-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
    registration: '5f1c1a52-8b0e-4d59-a3a8-1d1f0e5c7a10',
    courseKey: 'climate-data-101',
    language: 'en',
    ...(parent ? { parent } : {}),
  };
}

const inQuiz = contextIn({ kind: 'quiz', ref: 'a1a2a3a4-0000-4000-8000-000000000003', name: 'Check' });
const inUnit = contextIn({ kind: 'unit', ref: 'c1c2c3c4-0000-4000-8000-000000000002' });
const inRun = contextIn();

function answered(question: number, overrides: Partial<LearningAction> = {}): LearningAction {
  return {
    userId: ADA,
    verb: 'answered',
    object: { kind: 'question', ref: `a1a2a3a4-0000-4000-8000-000000000003.q${question}` },
    result: { response: `choice ${question}`, success: question % 2 === 0 },
    context: inQuiz,
    at: AT,
    ...overrides,
  };
}

describe('statements built in a batch', () => {
  it('shares an envelope only among actions of one context object, user, moment and kind of object', () => {
    const actions: LearningAction[] = [
      answered(1),
      answered(2),
      answered(3, { userId: BO }),
      answered(4, { at: LATER }),
      answered(5),
      { ...answered(6), context: { ...inQuiz } },
      { userId: ADA, verb: 'scored', object: { kind: 'quiz', ref: 'q' }, context: inUnit, at: AT },
      { userId: ADA, verb: 'registered', object: { kind: 'run', ref: 'r' }, context: inRun, at: AT },
      { userId: ADA, verb: 'experienced', object: { kind: 'unit', ref: 'u' }, context: inRun, at: AT },
    ];
    const batch = buildStatementBatch(HOME, actions, STORED);
    expect(batch.envelopeOf).toEqual([1, 1, 2, 3, 1, 4, 5, 6, 7]);
    expect(batch.envelopes).toHaveLength(7);
    actions.forEach((action, index) => {
      const statement = batch.statements[index]!;
      // The same statement as built alone, the envelope and own part joined again.
      expect(statement).toEqual(buildStatement(HOME, action, STORED, statement.id));
      expect({ ...batch.envelopes[batch.envelopeOf[index]! - 1], ...batch.owns[index] }).toEqual(statement);
    });
    expect(new Set(batch.statements.map((statement) => statement.id)).size).toBe(actions.length);
  });

  it('refuses an invalid own part even when its envelope was already checked', () => {
    const actions = [answered(1), answered(2, { result: { score: { scaled: 2 } } })];
    expect(() => buildStatementBatch(HOME, actions, STORED)).toThrow('answered): result.score.scaled');
  });

  it('refuses an invalid envelope', () => {
    const broken = { ...inQuiz, registration: 'not-a-uuid' };
    expect(() => buildStatementBatch(HOME, [answered(1, { context: broken })], STORED)).toThrow('context.registration');
  });

  it('builds nothing from no actions', () => {
    expect(buildStatementBatch(HOME, [], STORED)).toEqual({ statements: [], envelopes: [], owns: [], envelopeOf: [] });
  });
});
