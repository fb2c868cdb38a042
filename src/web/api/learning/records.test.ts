import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStatementProblems, type XapiStatement } from '../../../modules/records/index.ts';
import { listAuditEvents } from '../../../platform/audit/index.ts';
import { expectProblem } from '../../../../test/api/support.ts';
import { createLearningDataWorld, type LearningDataWorld, type Role } from '../../pages/learning-data/test-world.ts';

let world: LearningDataWorld;
let runStatements: string;
beforeAll(async () => {
  world = await createLearningDataWorld();
  const { course } = world;
  runStatements = `/api/v1/courses/${course.cast.course.key}/runs/${course.run.code}/statements`;
});
afterAll(() => world?.close());

type StatementResult = { statements: XapiStatement[]; more: string };

const ME_STATEMENTS = '/api/v1/me/statements';
const ME_EXPORT = '/api/v1/me/learning-data';

describe('GET /api/v1/me/statements (listMyStatements)', () => {
  it('asks anonymous callers to sign in', async () => {
    expectProblem(await world.get('anonymous', ME_STATEMENTS), 401);
  });

  it.each<Role>(['ada', 'bo'])('gives %s their own statements only, with the xAPI version header', async (role) => {
    const response = await world.get(role, ME_STATEMENTS);
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-experience-api-version']).toBe('2.0.0');
    const { statements, more } = response.json() as StatementResult;
    const learner = world[role as 'ada' | 'bo'];
    expect(statements).toHaveLength(learner.statements);
    expect(more).toBe('');
    for (const statement of statements) {
      expect(statement.actor.account.name).toBe(learner.id);
      expect(listStatementProblems(statement)).toEqual([]);
    }
  });

  it('answers a personal API token the same way', async () => {
    const response = await world.getWithToken('ada', ME_STATEMENTS);
    expect(response.statusCode).toBe(200);
    expect(JSON.stringify(response.json())).not.toContain(world.bo.canary);
  });

  it('gives a staff member no one else’s statements', async () => {
    const { statements } = (await world.get('lead', ME_STATEMENTS)).json() as StatementResult;
    expect(statements).toEqual([]);
  });

  it('pages with `more` until it is empty, keeping the filters', async () => {
    const seen: string[] = [];
    let url = `${ME_STATEMENTS}?limit=1&verb=http%3A%2F%2Fadlnet.gov%2Fexpapi%2Fverbs%2Fattempted`;
    const first = (await world.get('ada', url)).json() as StatementResult;
    expect(first.statements).toHaveLength(1);
    expect(first.more).toBe('');
    url = `${ME_STATEMENTS}?limit=1`;
    for (let pages = 0; url && pages < 10; pages += 1) {
      const page = (await world.get('ada', url)).json() as StatementResult;
      seen.push(...page.statements.map((statement) => statement.id));
      if (page.more) expect(page.more).toMatch(/^\/api\/v1\/me\/statements\?limit=1&after=\d+$/);
      url = page.more;
    }
    expect(new Set(seen).size).toBe(world.ada.statements);
    const bounded = (await world.get('ada', `${ME_STATEMENTS}?limit=2&since=2027-01-01T00:00:00Z&verb=scored`)).json();
    expect((bounded as StatementResult).statements.map((s) => s.verb.id)).toEqual([
      'http://adlnet.gov/expapi/verbs/scored',
    ]);
  });

  it.each([
    'limit=0',
    'limit=501',
    'limit=ten',
    'after=-1',
    'after=1e40',
    'verb=liked',
    'since=yesterday',
    'since=2027-03-01T09:00:00',
    'until=0001-01-01T00:00:00Z',
    'colour=red',
  ])('refuses the query %s with a 400 naming the field', async (query) => {
    const problem = expectProblem(await world.get('ada', `${ME_STATEMENTS}?${query}`), 400);
    expect(JSON.stringify(problem.errors)).toContain('querystring');
  });
});

describe('GET /api/v1/courses/{key}/runs/{code}/statements (listRunStatements)', () => {
  const allowed: Role[] = ['lead', 'instructor', 'assistant', 'ownerAdmin', 'partnerAdmin'];
  const refused: Role[] = ['ada', 'bo', 'author', 'otherAdmin', 'otherLead', 'secretariat'];

  it('asks anonymous callers to sign in', async () => {
    expectProblem(await world.get('anonymous', runStatements), 401);
  });

  it.each(allowed)('lets %s (view_learners) read every learner’s statements of the run', async (role) => {
    const response = await world.get(role, runStatements);
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-experience-api-version']).toBe('2.0.0');
    const { statements } = response.json() as StatementResult;
    expect(statements).toHaveLength(world.ada.statements + world.bo.statements);
    expect(new Set(statements.map((s) => s.actor.account.name))).toEqual(new Set([world.ada.id, world.bo.id]));
    // Actors are ids: no name, no e-mail of any learner.
    const text = JSON.stringify(statements);
    for (const learner of [world.ada, world.bo]) {
      expect(text).not.toContain(learner.email);
      expect(text).not.toContain(`${learner.canary}-name`);
    }
  });

  it.each(refused)('refuses %s with a 403', async (role) => {
    expectProblem(await world.get(role, runStatements), 403);
  });

  it('answers 404 for a course or run that does not exist, to staff as to anyone', async () => {
    const key = world.course.cast.course.key;
    expectProblem(await world.get('lead', `/api/v1/courses/no-such-course/runs/2027-T1/statements`), 404);
    expectProblem(await world.get('lead', `/api/v1/courses/${key}/runs/nope/statements`), 404);
    expectProblem(await world.get('ada', `/api/v1/courses/no-such-course/runs/2027-T1/statements`), 404);
  });

  it('refuses an outsider before it reads the query, and explains bad input to staff', async () => {
    expectProblem(await world.get('ada', `${runStatements}?limit=0`), 403);
    expectProblem(await world.get('lead', `${runStatements}?limit=0`), 400);
    expectProblem(await world.get('lead', `/api/v1/courses/NOT_A_KEY/runs/2027-T1/statements`), 400);
  });

  it('pages the run with `more` and a personal API token', async () => {
    const first = (await world.getWithToken('assistant', `${runStatements}?limit=3`)).json() as StatementResult;
    expect(first.statements).toHaveLength(3);
    expect(first.more).toMatch(new RegExp(`^${runStatements}\\?limit=3&after=\\d+$`));
    const second = (await world.getWithToken('assistant', first.more)).json() as StatementResult;
    expect(second.statements.map((s) => s.id)).not.toContain(first.statements[0]!.id);
  });
});

describe('GET /api/v1/me/learning-data (exportMyLearningData)', () => {
  it('asks anonymous callers to sign in', async () => {
    expectProblem(await world.get('anonymous', ME_EXPORT), 401);
  });

  it.each<Role>(['ada', 'bo'])('gives %s a JSON attachment of only their own data, audited', async (role) => {
    const learner = world[role as 'ada' | 'bo'];
    const other = role === 'ada' ? world.bo : world.ada;
    const response = await world.getWithToken(role, ME_EXPORT);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="orbis-learning-data-\d{4}-\d{2}-\d{2}\.json"/,
    );
    expect(response.body).toContain(learner.canary);
    expect(response.body).not.toContain(other.canary);
    const exported = response.json() as { account: { id: string }; statements: unknown[] };
    expect(exported.account.id).toBe(learner.id);
    expect(exported.statements).toHaveLength(learner.statements);
    const [event] = await listAuditEvents(world.ctx.platform.db, { action: 'privacy.export', actorId: learner.id });
    expect(event).toMatchObject({ after: { channel: 'api', via: 'token' } });
  });
});

describe('the OpenAPI document', () => {
  it('documents the learning record operations under their own tag', async () => {
    const document = (await world.ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { operationId: string; tags: string[]; responses: Record<string, unknown> }>
      >;
    };
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
    const ours = operations.filter((operation) => operation.tags.includes('Learning records'));
    expect(ours.map((operation) => operation.operationId).sort()).toEqual([
      'exportMyLearningData',
      'listMyStatements',
      'listRunStatements',
    ]);
    for (const operation of ours) expect(operation.responses['200']).toBeDefined();
  });
});
