import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET } from '../../src/modules/courseware/courseware-test-fixtures.ts';
import { summarizeProgress } from '../../src/modules/courseware/index.ts';
import { getReleaseTree } from '../../src/modules/courses/index.ts';
import { requireLearnerRun } from '../../src/modules/enrollment/index.ts';
import { createLearnWorld, type LearnWorld } from '../../src/web/pages/learn/test-world.ts';
import { requestsFor, type FuzzOperation, type FuzzRequest } from './fuzz-arbitraries.ts';
import { OWN_ORIGIN, createTokenFor } from './support.ts';

/**
 * Every courseware operation gets hostile requests from an enrolled learner: none may fail on
 * our side, none may change the release or another learner's progress, and no answer to a quiz
 * may ever appear in a response.
 */
const RUNS_PER_OPERATION = 150;
const OPERATION_IDS = ['getCourseOutline', 'getUnit', 'reportBlockProgress'];
const SECRETS = [SECRET.feedback, SECRET.explanation, SECRET.accepted, String(SECRET.numeric)];

type OpenApiOperation = {
  operationId: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
};

let http: LearnWorld;
let token: string;
let operations: FuzzOperation[];
let validPathValues: string[];

async function readCoursewareOperations(): Promise<FuzzOperation[]> {
  const document = (await http.ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, operation]) => operation.tags?.includes('Courseware'))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
        parameterNames: (operation.parameters ?? []).filter((entry) => entry.in === 'query').map((entry) => entry.name),
        bodyFields: Object.keys(operation.requestBody?.content['application/json']?.schema.properties ?? {}),
      })),
  );
}

/** What no request of the learner may change: the release, and another learner's progress. */
async function snapshotProtectedState() {
  const { db } = http.ctx.platform;
  const other = await requireLearnerRun(http.people.otherRun.ctx, http.world.key, 'LATER');
  return {
    release: JSON.stringify(await getReleaseTree(db, http.world.runs.selfPaced.releaseId)),
    other: await summarizeProgress(db, other),
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
  const pattern = new RegExp(`^${operation.path.replace(/\{\w+\}/g, '[^/]+')}$`);
  return instance === undefined || pattern.test(instance);
}

/** Well-formed reports on real blocks, so the service is exercised and not only the validator. */
function plausibleReports(): fc.Arbitrary<FuzzRequest> {
  const second = fc.double({ min: -10, max: 200, noNaN: true });
  return fc
    .record({
      block: fc.constantFrom(...Object.values(http.world.blocks).map((block) => block.key)),
      run: fc.constantFrom('SP', 'LATER', 'PAST'),
      ranges: fc.option(fc.array(fc.tuple(second, second), { maxLength: 5 }), { nil: undefined }),
      positionSeconds: fc.option(second, { nil: undefined }),
      durationSeconds: fc.option(second, { nil: undefined }),
      complete: fc.option(fc.constant(true as const), { nil: undefined }),
    })
    .map(({ block, run, ...body }) => ({
      credential: 'token' as const,
      url: `/api/v1/courses/${http.world.key}/runs/${run}/blocks/${block}/progress`,
      body: JSON.stringify(body),
      contentType: 'application/json',
      origin: undefined,
    }));
}

function generatorFor(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
  const hostile = requestsFor(operation, validPathValues);
  return operation.operationId === 'reportBlockProgress' ? fc.oneof(hostile, plausibleReports()) : hostile;
}

function headersFor(request: FuzzRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  if (request.credential === 'token') headers.authorization = `Bearer ${token}`;
  if (request.credential === 'session') {
    headers.cookie = http.sessions.learner.cookies;
    headers.origin = request.origin ?? OWN_ORIGIN;
  } else if (request.origin) headers.origin = request.origin;
  if (request.body !== undefined && request.contentType) headers['content-type'] = request.contentType;
  return headers;
}

beforeAll(async () => {
  http = await createLearnWorld();
  token = await createTokenFor(http.ctx, http.people.learner.user as Parameters<typeof createTokenFor>[1]);
  const { units, blocks } = http.world;
  validPathValues = [
    http.world.key,
    'SP',
    'PAST',
    ...Object.values(units).map((unit) => unit.key),
    ...Object.values(blocks).map((block) => block.key),
  ];
  operations = await readCoursewareOperations();
});
afterAll(() => http.close());

describe('fuzzing every courseware operation', () => {
  it('covers every courseware operation the document lists', () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual([...OPERATION_IDS].sort());
  });

  it.each(OPERATION_IDS)('never fails with a 5xx, leaks an answer or touches protected state: %s', async (id) => {
    const operation = operations.find((entry) => entry.operationId === id)!;
    const before = await snapshotProtectedState();
    let reached = 0;
    await fc.assert(
      fc.asyncProperty(generatorFor(operation), async (request) => {
        const response = await http.ctx.app.inject({
          method: operation.method as 'GET',
          url: request.url,
          headers: headersFor(request),
          ...(request.body === undefined ? {} : { payload: request.body }),
        });
        if (response.statusCode >= 500 && reachedRoute(operation, response)) {
          throw new Error(`${operation.method} ${request.url} answered ${response.statusCode}: ${response.body}`);
        }
        for (const secret of SECRETS) expect(response.body).not.toContain(secret);
        if (passedValidation(response)) reached += 1;
      }),
      { numRuns: RUNS_PER_OPERATION },
    );
    expect(await snapshotProtectedState()).toEqual(before);
    expect(reached).toBeGreaterThanOrEqual(RUNS_PER_OPERATION / 100);
  });
});
