import { describe, expect, it } from 'vitest';
import { activityIri, buildStatement, verbIri, VERBS, type LearningAction, type VerbName } from './statements.ts';
import { isAbsoluteIri, listStatementProblems } from './validate.ts';

const HOME = 'https://orbis.example';
const USER = '0b9d6f0e-3c43-4a8e-9f57-2d9e3f7d2c11';
const REGISTRATION = '5f1c1a52-8b0e-4d59-a3a8-1d1f0e5c7a10';
const RUN = '7d4a3b2c-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const AT = new Date('2027-03-01T09:30:00.000Z');
const STORED = new Date('2027-03-01T09:30:00.250Z');

function action(overrides: Partial<LearningAction> = {}): LearningAction {
  return {
    userId: USER,
    verb: 'completed',
    object: { kind: 'video', ref: 'b1b2b3b4-0000-4000-8000-000000000001', name: 'Reading a record', language: 'en' },
    context: {
      runId: 7,
      runUuid: RUN,
      registration: REGISTRATION,
      courseKey: 'climate-data-101',
      language: 'en',
      parent: { kind: 'unit', ref: 'c1c2c3c4-0000-4000-8000-000000000002' },
    },
    at: AT,
    ...overrides,
  };
}

describe('statements built from learning actions', () => {
  it.each(Object.keys(VERBS) as VerbName[])('make a valid xAPI 2.0 statement for the verb %s', (verb) => {
    const statement = buildStatement(HOME, action({ verb }), STORED);
    expect(listStatementProblems(statement)).toEqual([]);
    expect(statement.verb).toEqual({ id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } });
  });

  it('carry the required properties, version 2.0.0 and times with a zone', () => {
    const statement = buildStatement(HOME, action(), STORED, 'a0a0a0a0-1111-4222-8333-444444444444');
    expect(statement).toMatchObject({
      id: 'a0a0a0a0-1111-4222-8333-444444444444',
      version: '2.0.0',
      timestamp: '2027-03-01T09:30:00.000Z',
      stored: '2027-03-01T09:30:00.250Z',
    });
    expect(Object.keys(statement).sort()).toEqual(
      ['actor', 'context', 'id', 'object', 'stored', 'timestamp', 'verb', 'version'].sort(),
    );
  });

  it('name the actor only by an account on the platform: no e-mail, no name', () => {
    const statement = buildStatement(`${HOME}/`, action(), STORED);
    expect(statement.actor).toEqual({ objectType: 'Agent', account: { homePage: HOME, name: USER } });
    const text = JSON.stringify(statement.actor);
    expect(text).not.toContain('mbox');
    expect(text).not.toContain('"name":"Reading');
  });

  it('use absolute activity IRIs under the home page, the course page for a course', () => {
    const statement = buildStatement(HOME, action(), STORED);
    expect(statement.object.id).toBe(`${HOME}/xapi/activities/video/b1b2b3b4-0000-4000-8000-000000000001`);
    expect(statement.object.definition.type).toBe('http://adlnet.gov/expapi/activities/media');
    expect(activityIri(HOME, { kind: 'course', ref: 'climate-data-101' })).toBe(`${HOME}/courses/climate-data-101`);
    expect(activityIri(HOME, { kind: 'question', ref: 'q/1 x' })).toBe(`${HOME}/xapi/activities/question/q%2F1%20x`);
    expect(verbIri('progressed')).toBe('http://adlnet.gov/expapi/verbs/progressed');
  });

  it('put the enrollment in the registration, the run and course in grouping, the unit as parent', () => {
    const { context } = buildStatement(HOME, action(), STORED);
    expect(context).toEqual({
      registration: REGISTRATION,
      platform: 'Orbis',
      language: 'en',
      contextActivities: {
        parent: [{ objectType: 'Activity', id: `${HOME}/xapi/activities/unit/c1c2c3c4-0000-4000-8000-000000000002` }],
        grouping: [
          { objectType: 'Activity', id: `${HOME}/xapi/activities/run/${RUN}` },
          { objectType: 'Activity', id: `${HOME}/courses/climate-data-101` },
        ],
      },
    });
  });

  it('group a statement about the run itself under the course only', () => {
    const { parent: _parent, ...context } = action().context;
    const statement = buildStatement(
      HOME,
      action({ verb: 'registered', object: { kind: 'run', ref: RUN }, context }),
      STORED,
    );
    expect(statement.context.contextActivities).toEqual({
      grouping: [{ objectType: 'Activity', id: `${HOME}/courses/climate-data-101` }],
    });
  });

  it('give object names as a language map, from one title or from titles in several languages', () => {
    const one = buildStatement(HOME, action({ object: { kind: 'unit', ref: 'u', name: 'Week 1' } }), STORED);
    expect(one.object.definition.name).toEqual({ und: 'Week 1' });
    const many = buildStatement(
      HOME,
      action({
        object: { kind: 'run', ref: RUN, name: { en: 'Climate', 'zh-Hans': '气候', 'not a tag!': 'x', ar: '' } },
      }),
      STORED,
    );
    expect(many.object.definition.name).toEqual({ en: 'Climate', 'zh-Hans': '气候' });
    expect(listStatementProblems(many)).toEqual([]);
    const nameless = buildStatement(HOME, action({ object: { kind: 'unit', ref: 'u' } }), STORED);
    expect(nameless.object.definition).not.toHaveProperty('name');
  });

  it('keep a score and a duration that xAPI accepts', () => {
    const statement = buildStatement(
      HOME,
      action({
        verb: 'scored',
        result: {
          score: { raw: 3, min: 0, max: 4, scaled: 0.75 },
          success: true,
          completion: true,
          duration: 'PT4M30.5S',
        },
      }),
      STORED,
    );
    expect(statement.result).toEqual({
      score: { raw: 3, min: 0, max: 4, scaled: 0.75 },
      success: true,
      completion: true,
      duration: 'PT4M30.5S',
    });
  });

  it.each([
    ['a scaled score above 1', { score: { scaled: 1.5 } }, 'result.score.scaled'],
    ['a raw score above the maximum', { score: { raw: 5, min: 0, max: 4 } }, 'result.score.raw'],
    ['a range upside down', { score: { min: 4, max: 1 } }, 'result.score.min'],
    ['a score that is not a number', { score: { scaled: Number.NaN } }, 'result.score.scaled'],
    ['a duration that is not ISO 8601', { duration: '4 minutes' }, 'result.duration'],
    ['extensions not keyed by IRIs', { extensions: { progress: 50 } }, 'result.extensions'],
  ])('refuse to build a statement with %s', (_label, result, field) => {
    expect(() => buildStatement(HOME, action({ result }), STORED)).toThrow(field);
  });

  it('leave out the empty score range of something worth no points', () => {
    const result = { score: { raw: 0, min: 0, max: 0 }, success: true };
    const statement = buildStatement(HOME, action({ verb: 'answered', result }), STORED);
    expect(statement.result).toEqual({ score: { raw: 0 }, success: true });
  });

  it('refuse a registration that is not a UUID and a time that is not a time', () => {
    const context = { ...action().context, registration: 'enrollment-1' };
    expect(() => buildStatement(HOME, action({ context }), STORED)).toThrow('context.registration');
    expect(() => buildStatement(HOME, action({ at: new Date(Number.NaN) }), STORED)).toThrow();
  });
});

describe('the xAPI 2.0 checker', () => {
  it('answers the same for an IRI seen before, and still refuses what is not one', () => {
    for (let round = 0; round < 3; round += 1) {
      expect(isAbsoluteIri('https://orbis.example/xapi/activities/quiz/q1')).toBe(true);
      expect(isAbsoluteIri('urn:uuid:7d3c1a52-9b1e-4c8a-8f57-3a1c2b9d0e11')).toBe(true);
      expect(isAbsoluteIri('not an iri')).toBe(false);
      expect(isAbsoluteIri('https://exa mple.org/')).toBe(false);
      expect(isAbsoluteIri('/relative/path')).toBe(false);
      expect(isAbsoluteIri(42)).toBe(false);
    }
  });

  const valid = () => JSON.parse(JSON.stringify(buildStatement(HOME, action(), STORED))) as Record<string, unknown>;

  it.each([
    ['a missing actor', (s: Record<string, unknown>) => delete s.actor, 'actor is required'],
    ['a missing verb', (s: Record<string, unknown>) => delete s.verb, 'verb is required'],
    ['a missing object', (s: Record<string, unknown>) => delete s.object, 'object must be an Activity'],
    ['a missing timestamp', (s: Record<string, unknown>) => delete s.timestamp, 'timestamp'],
    ['another version', (s: Record<string, unknown>) => (s.version = '1.0.3'), 'version must be 2.0.0'],
    ['an upper-case id', (s: Record<string, unknown>) => (s.id = String(s.id).toUpperCase()), 'id must be'],
    [
      'an actor with an e-mail',
      (s: Record<string, unknown>) => ((s.actor as Record<string, unknown>).mbox = 'mailto:a@example.test'),
      'actor.mbox is not allowed',
    ],
    [
      'an actor with a name',
      (s: Record<string, unknown>) => ((s.actor as Record<string, unknown>).name = 'Ada'),
      'actor.name is not allowed',
    ],
    [
      'a relative activity id',
      (s: Record<string, unknown>) => ((s.object as Record<string, unknown>).id = '/xapi/activities/unit/1'),
      'object.id must be an absolute IRI',
    ],
    [
      'a relative verb id',
      (s: Record<string, unknown>) => ((s.verb as Record<string, unknown>).id = 'completed'),
      'verb.id must be an absolute IRI',
    ],
    ['a time without a zone', (s: Record<string, unknown>) => (s.timestamp = '2027-03-01T09:30:00'), 'timestamp'],
    ['the offset -00:00', (s: Record<string, unknown>) => (s.timestamp = '2027-03-01T09:30:00-00:00'), 'timestamp'],
    ['a date only', (s: Record<string, unknown>) => (s.timestamp = '2027-03-01'), 'timestamp'],
    [
      'a single activity where xAPI 2.0 wants a list',
      (s: Record<string, unknown>) => {
        const context = s.context as { contextActivities: Record<string, unknown> };
        context.contextActivities.parent = { id: `${HOME}/x` };
      },
      'contextActivities.parent must be an array',
    ],
    [
      'an invalid context language',
      (s: Record<string, unknown>) => ((s.context as Record<string, unknown>).language = 'english please'),
      'context.language',
    ],
    ['an unknown property', (s: Record<string, unknown>) => (s.extra = 1), 'statement.extra is not allowed'],
  ])('finds %s', (_label, mutate, problem) => {
    const statement = valid();
    mutate(statement);
    expect(listStatementProblems(statement).join('\n')).toContain(problem);
  });

  it('accepts times with an offset and without fractions', () => {
    const statement = valid();
    statement.timestamp = '2027-03-01T12:30:00+03:00';
    expect(listStatementProblems(statement)).toEqual([]);
  });
});
