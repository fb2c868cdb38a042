import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUserProfile, listApiTokens } from '../../src/modules/identity/index.ts';
import { listMembershipsOfUser } from '../../src/modules/institutions/index.ts';
import { createTestApp, type TestContext } from '../support/app.ts';
import { requestsFor, type FuzzOperation, type FuzzRequest } from './fuzz-arbitraries.ts';
import { OWN_ORIGIN, createApiWorld, createTokenFor, type ApiWorld } from './support.ts';

/**
 * Every JSON operation the OpenAPI document lists gets a thousand hostile requests. None may
 * fail on our side, and none may change anything about the caller but the fields they may edit.
 */
const RUNS_PER_OPERATION = 1000;
const EDITABLE_PROFILE_FIELDS = new Set(['name', 'country', 'locale', 'bio']);

type OpenApiOperation = {
  operationId: string;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
};

let ctx: TestContext;
let world: ApiWorld;
let validPathValues: string[];
let operations: FuzzOperation[];

async function readOperations(): Promise<FuzzOperation[]> {
  const document = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      operationId: operation.operationId,
      parameterNames: (operation.parameters ?? []).filter((entry) => entry.in === 'query').map((entry) => entry.name),
      bodyFields: Object.keys(operation.requestBody?.content['application/json']?.schema.properties ?? {}),
    })),
  );
}

/** Everything about the fuzzing person that no API request of theirs may change. */
async function snapshotProtectedState() {
  const { db, clock } = ctx.platform;
  const userId = world.adminA.user.id;
  const profile = await getUserProfile(db, userId);
  const memberships = await listMembershipsOfUser(db, userId);
  const tokens = await listApiTokens({
    db,
    clock,
    actor: { userId, isSecretariat: false, memberships: [], via: 'session' },
  });
  const protectedFields = Object.fromEntries(
    Object.entries(profile ?? {}).filter(([field]) => !EDITABLE_PROFILE_FIELDS.has(field)),
  );
  return {
    profile: protectedFields,
    memberships: memberships.map((entry) => `${entry.institutionId}:${entry.role}`).sort(),
    fuzzTokenActive: tokens.some((token) => world.adminA.token.startsWith(token.prefix)),
  };
}

/** Successes, and refusals that only a service or handler gives after the input was accepted. */
function passedValidation(response: LightMyRequestResponse): boolean {
  if (response.statusCode < 300) return true;
  if (response.statusCode !== 403 && response.statusCode !== 404) return false;
  const { code } = response.json() as { code?: string };
  return code !== 'cross_site_write' && code !== 'not_found';
}

function headersFor(request: FuzzRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  if (request.credential === 'token') headers.authorization = `Bearer ${world.adminA.token}`;
  if (request.credential === 'session') {
    headers.cookie = world.adminA.cookie;
    headers.origin = request.origin ?? OWN_ORIGIN;
  } else if (request.origin) headers.origin = request.origin;
  if (request.body !== undefined && request.contentType) headers['content-type'] = request.contentType;
  return headers;
}

beforeAll(async () => {
  ctx = await createTestApp();
  world = await createApiWorld(ctx);
  const spare = await createTokenFor(ctx, world.secretariat.user, 'someone else’s');
  const { db, clock } = ctx.platform;
  const secretariatTokens = await listApiTokens({
    db,
    clock,
    actor: { userId: world.secretariat.user.id, isSecretariat: true, memberships: [], via: 'session' },
  });
  expect(spare.startsWith(secretariatTokens[0]!.prefix)).toBe(true);
  validPathValues = [world.memberA.key, world.memberB.key, world.applicant.key, secretariatTokens[0]!.uuid];
  operations = await readOperations();
});
afterAll(() => ctx.close());

describe('fuzzing every JSON operation', () => {
  it('finds the operations in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(8);
  });

  const OPERATION_IDS = [
    'getCurrentUser',
    'updateCurrentUser',
    'listMyApiTokens',
    'createApiToken',
    'revokeApiToken',
    'listInstitutions',
    'getInstitution',
    'listInstitutionMembers',
  ];

  it('leaves no operation of the document unfuzzed (here or in another fuzz file)', () => {
    // Fuzz files live here, or beside an area's API routes (src/web/api/<area>/fuzz*.test.ts).
    const areas = fs
      .readdirSync('src/web/api', { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join('src/web/api', entry.name));
    const fuzzFiles = ['test/api', ...areas]
      .flatMap((dir) =>
        fs
          .readdirSync(dir)
          .filter((name) => /^fuzz.*\.test\.ts$/.test(name))
          .map((name) => fs.readFileSync(path.join(dir, name), 'utf8')),
      )
      .join('\n');
    const unfuzzed = operations
      .map((operation) => operation.operationId)
      .filter((id) => !fuzzFiles.includes(`'${id}'`));
    expect(unfuzzed).toEqual([]);
    for (const id of OPERATION_IDS) expect(operations.map((operation) => operation.operationId)).toContain(id);
  });

  it.each(OPERATION_IDS)('never fails with a 5xx nor changes protected state: %s', async (operationId) => {
    const operation = operations.find((entry) => entry.operationId === operationId)!;
    const before = await snapshotProtectedState();
    let reached = 0;
    await fc.assert(
      fc.asyncProperty(requestsFor(operation, validPathValues), async (request) => {
        const response = await ctx.app.inject({
          method: operation.method as 'GET',
          url: request.url,
          headers: headersFor(request),
          ...(request.body === undefined ? {} : { payload: request.body }),
        });
        if (response.statusCode >= 500) {
          throw new Error(`${operation.method} ${request.url} answered ${response.statusCode}: ${response.body}`);
        }
        if (passedValidation(response)) reached += 1;
        // Failed requests roll back; the final check below catches any that did not.
        if (operation.method !== 'GET' && response.statusCode < 300) {
          expect(await snapshotProtectedState()).toEqual(before);
        }
      }),
      { numRuns: RUNS_PER_OPERATION },
    );
    expect(await snapshotProtectedState()).toEqual(before);
    // The generators must also reach the services, not only the validators.
    expect(reached).toBeGreaterThanOrEqual(RUNS_PER_OPERATION / 100);
  });
});
