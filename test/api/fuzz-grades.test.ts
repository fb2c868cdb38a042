import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutboxEvents } from '../../src/platform/outbox/index.ts';
import { listTeam } from '../../src/modules/courses/index.ts';
import { createGradesPageWorld, type GradesPageWorld, type Role } from '../../src/web/pages/grades/test-world.ts';
import { requestsFor, type FuzzOperation, type FuzzRequest } from './fuzz-arbitraries.ts';
import { OWN_ORIGIN } from './support.ts';

/**
 * Every grade operation gets hostile requests: getProgress from an enrolled learner, the others
 * from a teaching assistant (who may override). None may fail on our side; none may change the
 * course team, and no pass may be announced twice.
 */
const RUNS_PER_OPERATION = 150;
const OPERATION_IDS = ['getProgress', 'getGradebook', 'exportGradebook', 'overrideGrade'];
const CALLER: Record<string, Role> = {
  getProgress: 'enrolled',
  getGradebook: 'assistant',
  exportGradebook: 'assistant',
  overrideGrade: 'assistant',
};

type OpenApiOperation = {
  operationId: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
};

let w: GradesPageWorld;
let operations: FuzzOperation[];
let validPathValues: string[];

async function readGradeOperations(): Promise<FuzzOperation[]> {
  const document = (await w.ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, operation]) => operation.tags?.includes('Grades'))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
        parameterNames: (operation.parameters ?? []).filter((entry) => entry.in === 'query').map((entry) => entry.name),
        bodyFields: Object.keys(operation.requestBody?.content['application/json']?.schema.properties ?? {}),
      })),
  );
}

/** What no grade request may change: the team, and the one-event-per-pass rule. */
async function snapshotProtectedState() {
  const { db } = w.ctx.platform;
  const team = await listTeam(w.world.cast.leadInstructor.ctx, w.world.key);
  const events = await listOutboxEvents(db, { topic: 'course.passed' });
  return {
    team: team.map((member) => `${member.userId}:${member.role}`).sort(),
    duplicatePasses: events.length - new Set(events.map((event) => event.dedupeKey)).size,
  };
}

function passedValidation(response: LightMyRequestResponse): boolean {
  if (response.statusCode < 300) return true;
  if (![403, 404, 409].includes(response.statusCode)) return false;
  const { code } = response.json() as { code?: string };
  return code !== 'cross_site_write' && code !== 'not_found';
}

function reachedRoute(operation: FuzzOperation, response: LightMyRequestResponse): boolean {
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) return true;
  const { instance } = response.json() as { instance?: string };
  const pattern = new RegExp(`^${operation.path.replace(/\{\w+\}/g, '[^/]+').replace('.', '\\.')}$`);
  return instance === undefined || pattern.test(instance);
}

/** Overrides that pass validation, so the service is exercised and not only the validator. */
function plausibleOverrides(): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      enrollment: fc.constantFrom(w.enrolled.learner.enrollment.uuid, w.otherLearner.learner.enrollment.uuid),
      grade: fc.option(fc.double({ min: -0.5, max: 1.5, noNaN: true }), { nil: null }),
      reason: fc.string({ minLength: 0, maxLength: 600 }),
    })
    .map(({ enrollment, grade, reason }) => ({
      credential: 'token' as const,
      url: `/api/v1/courses/${w.world.key}/runs/SP/grades/${enrollment}/override`,
      body: JSON.stringify({ grade, reason }),
      contentType: 'application/json',
      origin: undefined,
    }));
}

/** Gradebook queries made of the declared parameters with values of every shape. */
function plausibleQueries(): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      q: fc.option(fc.constantFrom('amina', 'CHEN', '%', '_', '\\', 'نور', ''), { nil: undefined }),
      status: fc.option(fc.constantFrom('passed', 'not_passed', 'x'), { nil: undefined }),
      assignmentType: fc.option(fc.constantFrom('Exam', 'homework', 'Lab', ''), { nil: undefined }),
      page: fc.option(fc.constantFrom('1', '2', '0', '99999', '1e3'), { nil: undefined }),
      pageSize: fc.option(fc.constantFrom('1', '50', '200', '201'), { nil: undefined }),
    })
    .map((query) => {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, value);
      return {
        credential: 'token' as const,
        url: `/api/v1/courses/${w.world.key}/runs/SP/gradebook?${params.toString()}`,
        body: undefined,
        contentType: undefined,
        origin: undefined,
      };
    });
}

function generatorFor(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
  const hostile = requestsFor(operation, validPathValues);
  if (operation.operationId === 'overrideGrade') return fc.oneof(hostile, plausibleOverrides());
  if (operation.operationId === 'getGradebook') return fc.oneof(hostile, plausibleQueries());
  return hostile;
}

function headersFor(operationId: string, request: FuzzRequest): Record<string, string> {
  const caller = w.visitors[CALLER[operationId]!];
  const headers: Record<string, string> = {};
  if (request.credential === 'token') headers.authorization = `Bearer ${caller.apiToken}`;
  if (request.credential === 'session') {
    headers.cookie = caller.cookies;
    headers.origin = request.origin ?? OWN_ORIGIN;
  } else if (request.origin) headers.origin = request.origin;
  if (request.body !== undefined && request.contentType) headers['content-type'] = request.contentType;
  return headers;
}

beforeAll(async () => {
  w = await createGradesPageWorld();
  validPathValues = [
    w.world.key,
    'SP',
    w.enrolled.learner.enrollment.uuid,
    w.otherLearner.learner.enrollment.uuid,
    w.world.cast.learner.user.id,
  ];
  operations = await readGradeOperations();
});
afterAll(() => w.ctx.close());

describe('fuzzing every grade operation', () => {
  it('covers every grade operation the document lists', () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual([...OPERATION_IDS].sort());
  });

  it.each(OPERATION_IDS)('never fails with a 5xx nor touches protected state: %s', async (operationId) => {
    const operation = operations.find((entry) => entry.operationId === operationId)!;
    const before = await snapshotProtectedState();
    let reached = 0;
    await fc.assert(
      fc.asyncProperty(generatorFor(operation), async (request) => {
        const response = await w.ctx.app.inject({
          method: operation.method as 'GET',
          url: request.url,
          headers: headersFor(operationId, request),
          ...(request.body === undefined ? {} : { payload: request.body }),
        });
        if (response.statusCode >= 500 && reachedRoute(operation, response)) {
          throw new Error(`${operation.method} ${request.url} answered ${response.statusCode}: ${response.body}`);
        }
        if (passedValidation(response)) reached += 1;
      }),
      { numRuns: RUNS_PER_OPERATION },
    );
    expect(await snapshotProtectedState()).toEqual(before);
    expect(reached).toBeGreaterThanOrEqual(RUNS_PER_OPERATION / 100);
  });
});
