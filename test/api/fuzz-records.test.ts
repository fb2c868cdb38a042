import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearningDataWorld, type LearningDataWorld } from '../../src/web/pages/learning-data/test-world.ts';
import { requestsFor, type FuzzOperation, type FuzzRequest } from './fuzz-arbitraries.ts';
import { fuzzOperation, readOperationsTagged } from './fuzz-harness.ts';

/**
 * The learning record operations get hostile paths and query strings from a lead instructor (who
 * may read the run's records), a learner and nobody: none may fail on our side, and no answer
 * may carry a learner's data to someone else.
 */
const RUNS_PER_OPERATION = 150;
const OPERATION_IDS = ['listMyStatements', 'listRunStatements', 'exportMyLearningData'];

let world: LearningDataWorld;
let operations: FuzzOperation[];
let validPathValues: string[];

beforeAll(async () => {
  world = await createLearningDataWorld();
  operations = await readOperationsTagged(world.ctx.app, ['Learning records']);
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

function reachedService(response: LightMyRequestResponse): boolean {
  return response.statusCode === 200 || response.statusCode === 403 || response.statusCode === 404;
}

describe('fuzzing the learning record operations', () => {
  it('covers every learning record operation the document lists', () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual([...OPERATION_IDS].sort());
  });

  it.each(OPERATION_IDS)('never fails with a 5xx nor leaks another learner’s data: %s', async (operationId) => {
    const operation = operations.find((entry) => entry.operationId === operationId)!;
    const { lead, ada } = world.sessions;
    const reached = await fuzzOperation({
      app: world.ctx.app,
      operation,
      requests: generatorFor(operation),
      callers: {
        lead: { token: lead.apiToken, cookie: lead.cookies },
        ada: { token: ada.apiToken, cookie: ada.cookies },
      },
      numRuns: RUNS_PER_OPERATION,
      onlyOwnRouteFailures: false,
      // Only the run's staff may see every learner; a learner never sees another one's records.
      inspect: (response, caller) => {
        if (caller === 'ada' && response.statusCode === 200) expect(response.body).not.toContain(world.bo.id);
      },
      reachedService,
    });
    expect(reached).toBeGreaterThanOrEqual(RUNS_PER_OPERATION / 10);
  });
});
