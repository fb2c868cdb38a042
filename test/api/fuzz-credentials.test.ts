import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCredential, listCredentialsOfUser } from '../../src/modules/credentials/index.ts';
import { listAuditEvents } from '../../src/platform/audit/index.ts';
import {
  createCredentialApiWorld,
  type CredentialApiWorld,
  type CredentialRole,
} from '../../src/web/api/credentials/test-world.ts';
import { requestsFor, type FuzzOperation, type FuzzRequest } from './fuzz-arbitraries.ts';
import { fuzzOperation, readOperationsTagged } from './fuzz-harness.ts';

/**
 * Every credential operation gets hostile requests from the owner of a private certificate,
 * another learner and the awarding institution's registrar. None may fail on our side; the other
 * learner never sees the owner's certificate; only the registrar ever revokes or defines a
 * program; no credential appears or disappears. Verification also gets the real credential with random changes, so the
 * proof, status and shape checks are fuzzed and not only the validator.
 */
const RUNS_PER_OPERATION = 150;
const OPERATION_IDS = [
  'listMyCredentials',
  'getCredential',
  'verifyCredential',
  'revokeCredential',
  'getIssuerProfile',
  'createProgram',
  'getProgramProgress',
  'exportLearnerRecord',
];
const CALLERS = ['owner', 'otherLearner', 'registrar'] as const satisfies readonly CredentialRole[];

let w: CredentialApiWorld;
let operations: FuzzOperation[];
let validPathValues: string[];
let document: Record<string, unknown>;
let jwt: string;
const PROGRAM_KEY = 'fuzz-program';

/** What no request may change: which credentials exist. */
async function snapshotProtectedState() {
  const holders = [w.owner, w.sharer, w.otherLearner];
  const lists = await Promise.all(holders.map((holder) => listCredentialsOfUser(w.ctx.platform.db, holder.user.id)));
  return lists.map((list) => list.map((credential) => credential.uuid).sort());
}

beforeAll(async () => {
  w = await createCredentialApiWorld();
  ({ document, jwt } = await getCredential(w.sharer.ctx, w.sharer.credentialUuid));
  const { cast } = w.world;
  validPathValues = [
    w.owner.credentialUuid,
    w.sharer.credentialUuid,
    w.otherLearner.credentialUuid,
    cast.lead.key,
    cast.partner.key,
    cast.other.key,
    PROGRAM_KEY,
  ];
  operations = await readOperationsTagged(w.ctx.app, ['Credentials']);
  const created = await w.call('registrar', 'POST', '/api/v1/programs', {
    key: PROGRAM_KEY,
    title: { en: 'Climate Data Professional' },
    leadInstitution: cast.lead.key,
    courses: [w.world.key],
  });
  if (created.statusCode !== 201) throw new Error(`the program was not created: ${created.body}`);
});
afterAll(() => w?.close());

const asRequest = (url: string, body?: unknown): FuzzRequest => ({
  credential: 'token',
  url,
  body: body === undefined ? undefined : JSON.stringify(body),
  contentType: body === undefined ? undefined : 'application/json',
  origin: undefined,
});

/** The real credential with one field replaced, removed or added, or its JWT with a character changed. */
function alteredCredentials(): fc.Arbitrary<FuzzRequest> {
  const keys = Object.keys(document);
  const altered = fc.oneof(
    fc
      .tuple(fc.constantFrom(...keys, 'extra', '@context'), fc.jsonValue({ maxDepth: 3 }))
      .map(([key, value]) => ({ ...document, [key]: value })),
    fc
      .constantFrom(...keys)
      .map((key) => Object.fromEntries(Object.entries(document).filter(([name]) => name !== key))),
    fc.constant(document),
  );
  const alteredJwt = fc
    .tuple(fc.nat({ max: jwt.length - 1 }), fc.constantFrom('A', '-', '_', '.', '=', ''))
    .map(([at, character]) => `${jwt.slice(0, at)}${character}${jwt.slice(at + 1)}`);
  return fc.oneof(
    altered.map((credential) => asRequest('/api/v1/credentials/verify', { credential })),
    alteredJwt.map((text) => asRequest('/api/v1/credentials/verify', { jwt: text })),
  );
}

/** Revocations of real certificates with reasons of every shape. */
function plausibleRevocations(): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      fc.constantFrom(w.owner.credentialUuid, w.sharer.credentialUuid, w.otherLearner.credentialUuid),
      fc.oneof(fc.string({ maxLength: 600 }), fc.constantFrom('Fraud', '  ', 'ab', '\u0000abc', 'نص عربي')),
    )
    .map(([uuid, reason]) => asRequest(`/api/v1/credentials/${uuid}/revoke`, { reason }));
}

/** Program definitions that mostly pass validation, naming real and unknown institutions and courses. */
function plausiblePrograms(): fc.Arbitrary<FuzzRequest> {
  const { cast } = w.world;
  return fc
    .record(
      {
        key: fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}$/),
        title: fc.dictionary(fc.constantFrom('en', 'ar', 'zh-Hans', 'x'), fc.string({ maxLength: 40 })),
        description: fc.dictionary(fc.constantFrom('en', 'fr'), fc.string({ maxLength: 200 })),
        leadInstitution: fc.constantFrom(cast.lead.key, cast.partner.key, cast.other.key, 'no-such-institution'),
        partnerInstitutions: fc.array(fc.constantFrom(cast.lead.key, cast.partner.key, 'ghost'), { maxLength: 3 }),
        courses: fc.array(fc.constantFrom(w.world.key, 'no-such-course'), { maxLength: 3 }),
        rule: fc.constantFrom('all', 'any_n'),
        requiredCount: fc.integer({ min: -1, max: 4 }),
      },
      { requiredKeys: ['key', 'title', 'leadInstitution', 'courses'] },
    )
    .map((body) => asRequest('/api/v1/programs', body));
}

function generatorFor(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
  const hostile = requestsFor(operation, validPathValues);
  if (operation.operationId === 'createProgram') return fc.oneof(hostile, plausiblePrograms());
  if (operation.operationId === 'verifyCredential') return fc.oneof(hostile, alteredCredentials());
  if (operation.operationId === 'revokeCredential') return fc.oneof(hostile, plausibleRevocations());
  return hostile;
}

function inspect(operation: FuzzOperation) {
  return (response: LightMyRequestResponse, caller: (typeof CALLERS)[number]) => {
    if (response.statusCode >= 300) return;
    if (caller === 'otherLearner' && operation.operationId !== 'verifyCredential') {
      expect(response.body).not.toContain(w.owner.credentialUuid);
    }
    if (operation.operationId === 'revokeCredential') expect(caller).toBe('registrar');
    if (operation.operationId === 'createProgram') expect(caller).toBe('registrar');
  };
}

/** Answers given after the input was accepted: a success, a refusal or a report of any verdict. */
function reachedService(response: LightMyRequestResponse): boolean {
  return [200, 403, 404, 409].includes(response.statusCode);
}

describe('fuzzing every credential operation', () => {
  it('covers every credential operation the document lists', () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual([...OPERATION_IDS].sort());
  });

  it.each(OPERATION_IDS)('never fails with a 5xx nor leaks or changes what it must not: %s', async (operationId) => {
    const operation = operations.find((entry) => entry.operationId === operationId)!;
    const before = await snapshotProtectedState();
    const callers = Object.fromEntries(
      CALLERS.map((role) => [role, { token: w.callers[role].token, cookie: w.callers[role].cookie }]),
    ) as Record<(typeof CALLERS)[number], { token: string; cookie: string }>;
    const reached = await fuzzOperation({
      app: w.ctx.app,
      operation,
      requests: generatorFor(operation),
      callers,
      numRuns: RUNS_PER_OPERATION,
      onlyOwnRouteFailures: false,
      inspect: inspect(operation),
      reachedService,
    });
    expect(await snapshotProtectedState()).toEqual(before);
    expect(reached).toBeGreaterThanOrEqual(RUNS_PER_OPERATION / 10);
  });

  it('left every revocation to the registrar', async () => {
    const revocations = await listAuditEvents(w.ctx.platform.db, { action: 'credentials.revoked' });
    expect(revocations.every((event) => event.actorId === w.callers.registrar.userId)).toBe(true);
  });
});
