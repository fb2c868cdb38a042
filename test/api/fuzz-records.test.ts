import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearningDataWorld, type LearningDataWorld } from '../../src/web/pages/learning-data/test-world.ts';
import { requestsFor, type FuzzOperation, type FuzzRequest } from './fuzz-arbitraries.ts';
import { OWN_ORIGIN } from './support.ts';

/**
 * The learning record operations get hostile paths and query strings from a lead instructor (who
 * may read the run's records), a learner and nobody: none may fail on our side, and no answer
 * may carry a learner's data to someone else.
 */
const RUNS_PER_OPERATION = 150;
const OPERATION_IDS = ['listMyStatements', 'listRunStatements', 'exportMyLearningData'];

type OpenApiOperation = { operationId: string; tags?: string[]; parameters?: Array<{ name: string; in: string }> };

let world: LearningDataWorld;
let operations: FuzzOperation[];
let validPathValues: string[];

beforeAll(async () => {
  world = await createLearningDataWorld();
  const document = (await world.ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, operation]) => operation.tags?.includes('Learning records'))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
        parameterNames: (operation.parameters ?? []).filter((entry) => entry.in === 'query').map((entry) => entry.name),
        bodyFields: [],
      })),
  );
  validPathValues = [world.course.cast.course.key, world.course.run.code, world.otherCourse.cast.course.key];
});
afterAll(() => world?.close());

/** Plausible queries too, so the generators reach the store and not only the validators. */
function plausibleQuery(): fc.Arbitrary<string> {
  return fc
    .record(
      {
        verb: fc.constantFrom('completed', 'answered', 'http://adlnet.gov/expapi/verbs/scored'),
        limit: fc.integer({ min: 1, max: 500 }).map(String),
        after: fc.oneof(fc.nat().map(String), fc.constant(String(Number.MAX_SAFE_INTEGER))),
        since: fc
          .date({ min: new Date('1970-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString()),
      },
      { requiredKeys: [] },
    )
    .map((query) => new URLSearchParams(query).toString());
}

function generatorFor(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
  const hostile = requestsFor(operation, validPathValues);
  const plausible = fc.record({
    credential: fc.constantFrom<FuzzRequest['credential']>('token', 'session'),
    url: plausibleQuery().map((query) => {
      const path = operation.path
        .replace('{key}', world.course.cast.course.key)
        .replace('{code}', world.course.run.code);
      return query ? `${path}?${query}` : path;
    }),
    body: fc.constant(undefined),
    contentType: fc.constant(undefined),
    origin: fc.constant(undefined),
  });
  return fc.oneof(hostile, plausible);
}

function headersFor(request: FuzzRequest, caller: 'lead' | 'ada'): Record<string, string> {
  const headers: Record<string, string> = {};
  if (request.credential === 'token') headers.authorization = `Bearer ${world.sessions[caller].apiToken}`;
  if (request.credential === 'session') {
    headers.cookie = world.sessions[caller].cookies;
    headers.origin = request.origin ?? OWN_ORIGIN;
  } else if (request.origin) headers.origin = request.origin;
  if (request.body !== undefined && request.contentType) headers['content-type'] = request.contentType;
  return headers;
}

function reachedService(response: LightMyRequestResponse): boolean {
  return response.statusCode === 200 || response.statusCode === 403 || response.statusCode === 404;
}

describe('fuzzing the learning record operations', () => {
  it('covers every learning record operation the document lists', () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual([...OPERATION_IDS].sort());
  });

  it.each(OPERATION_IDS)('never fails with a 5xx nor leaks another learner’s data: %s', async (operationId) => {
    const operation = operations.find((entry) => entry.operationId === operationId)!;
    let reached = 0;
    await fc.assert(
      fc.asyncProperty(
        generatorFor(operation),
        fc.constantFrom<'lead' | 'ada'>('lead', 'ada'),
        async (request, caller) => {
          const response = await world.ctx.app.inject({
            method: operation.method as 'GET',
            url: request.url,
            headers: headersFor(request, caller),
            ...(request.body === undefined ? {} : { payload: request.body }),
          });
          if (response.statusCode >= 500) {
            throw new Error(`${operation.method} ${request.url} answered ${response.statusCode}: ${response.body}`);
          }
          // Only the run's staff may see every learner; a learner never sees another one's records.
          if (caller === 'ada' && response.statusCode === 200) expect(response.body).not.toContain(world.bo.id);
          if (reachedService(response)) reached += 1;
        },
      ),
      { numRuns: RUNS_PER_OPERATION },
    );
    expect(reached).toBeGreaterThanOrEqual(RUNS_PER_OPERATION / 10);
  });
});
