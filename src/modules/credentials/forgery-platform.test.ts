/**
 * Forgeries against the platform's own verifier, with keys and status lists from the database:
 * what the cryptographic suites (forgery-*.test.ts) cannot see on their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { getCredential, listMyCredentials } from './credentials-store.ts';
import { buildDidKey } from './did.ts';
import { buildIssuerDid, loadIssuerSigner } from './issuer-keys.ts';
import { generateEd25519KeyPair } from './keys.ts';
import { buildCourseCredential } from './ob3-build.ts';
import { buildStatusListEntry } from './status-list.ts';
import { TEST_BASE_URL, createCredentialsWorld, type CredentialsWorld } from './test-credentials-world.ts';
import { verifyPresentedCredential, type VerificationReport } from './verify-service.ts';
import { issueCredential } from './verify-credential.ts';

type Json = Record<string, unknown>;

let handle: DatabaseHandle;
let world: CredentialsWorld;
let genuine: { document: Json; jwt: string };

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createCredentialsWorld(handle.db);
  const person = await world.buildPassedLearner('Genuine Learner');
  await world.issueDueCredentials();
  const [summary] = await listMyCredentials(person.ctx);
  const stored = await getCredential(person.ctx, summary!.uuid);
  genuine = { document: stored.document, jwt: stored.jwt };
}, 60_000);
afterAll(() => handle.close());

const now = () => world.helpers.clock.now();

/** A credential the "other" institution signs with its own, genuine key. */
async function signAsOther(change: (input: Parameters<typeof buildCourseCredential>[0]) => void) {
  const other = world.cast.other;
  const input: Parameters<typeof buildCourseCredential>[0] = {
    id: `urn:uuid:${crypto.randomUUID()}`,
    issuer: { id: buildIssuerDid(other.key), name: 'Other University' },
    learner: { id: 'urn:uuid:00000000-0000-4000-8000-000000000001', name: 'Mallory' },
    achievement: {
      id: `${TEST_BASE_URL}/courses/${world.key}`,
      name: 'Climate Data 101',
      description: 'A course of another institution.',
      criteriaNarrative: 'Passed.',
    },
    validFrom: now(),
  };
  change(input);
  const signer = await handle.db.transaction((tx) => loadIssuerSigner(tx, other, now()));
  return issueCredential(buildCourseCredential(input), signer, now());
}

function failedStep(report: VerificationReport) {
  return report.steps.find((step) => step.outcome === 'failed');
}

describe('forgeries against the platform verifier', () => {
  it('accepts the genuine credential in both forms', async () => {
    for (const input of [genuine.document, genuine.jwt, JSON.stringify(genuine.document)]) {
      expect((await verifyPresentedCredential(handle.db, input, now())).verdict).toBe('verified');
    }
  });

  const tampered: Array<[string, (credential: Json) => void]> = [
    ['grade raised', (c) => ((c.credentialSubject as Json).result = [{ type: ['Result'], value: '100' }])],
    ['learner renamed', (c) => ((c.credentialSubject as Json).identifier = [])],
    ['status entry pointed elsewhere', (c) => ((c.credentialStatus as Json).statusListIndex = '1')],
    ['endorsement removed', (c) => delete ((c.credentialSubject as Json).achievement as Json).endorsement],
  ];
  for (const [name, change] of tampered) {
    it(`refuses a tampered credential: ${name}`, async () => {
      const forged = structuredClone(genuine.document);
      change(forged);
      const report = await verifyPresentedCredential(handle.db, forged, now());
      expect(report.verdict).toBe('invalid');
      expect(failedStep(report)).toMatchObject({ id: 'proof' });
    });
  }

  it('refuses another institution awarding our course, with or without naming the real creator', async () => {
    const silent = await signAsOther(() => undefined);
    for (const input of [silent.credential, silent.jwt]) {
      const report = await verifyPresentedCredential(handle.db, input, now());
      expect(report.verdict).toBe('invalid');
      expect(failedStep(report)).toMatchObject({ id: 'type', reason: 'achievement_not_issuers' });
    }
  });

  it('refuses a credential whose status list belongs to another issuer', async () => {
    const borrowed = await signAsOther((input) => {
      input.achievement.id = 'https://other.example/achievements/1';
      input.credentialStatus = [
        buildStatusListEntry(
          (genuine.document.credentialStatus as Json).statusListCredential as string,
          'revocation',
          7,
        ),
      ];
    });
    const report = await verifyPresentedCredential(handle.db, borrowed.credential, now());
    expect(report.verdict).toBe('invalid');
    expect(failedStep(report)).toMatchObject({ id: 'status', reason: 'status_untrusted' });
  });

  it('refuses a status list that cannot be found', async () => {
    const missing = await signAsOther((input) => {
      input.achievement.id = 'https://other.example/achievements/2';
      input.credentialStatus = [
        buildStatusListEntry(
          `${TEST_BASE_URL}/credentials/status/00000000-0000-4000-8000-000000000000`,
          'revocation',
          7,
        ),
      ];
    });
    const report = await verifyPresentedCredential(handle.db, missing.credential, now());
    expect(failedStep(report)).toMatchObject({ id: 'status', reason: 'status_unreachable' });
  });

  it('accepts another issuer’s own achievement with no status list, so others’ badges verify too', async () => {
    const theirs = await signAsOther((input) => {
      input.achievement.id = 'https://other.example/achievements/3';
    });
    const report = await verifyPresentedCredential(handle.db, theirs.jwt, now());
    expect(report.verdict).toBe('verified');
    expect(report.steps.find((step) => step.id === 'status')).toMatchObject({ outcome: 'skipped' });
  });

  it('verifies an Open Badges 3.0 credential from an issuer outside the platform (did:key)', async () => {
    const pair = generateEd25519KeyPair();
    const did = buildDidKey(pair.publicKey);
    const outside = buildCourseCredential({
      id: 'urn:uuid:5b7f3c1e-0000-4000-8000-000000000009',
      issuer: { id: did, name: 'A bootcamp elsewhere' },
      learner: { id: 'urn:uuid:00000000-0000-4000-8000-000000000002' },
      achievement: {
        id: 'https://bootcamp.example/achievements/data',
        name: 'Data wrangling',
        description: 'Cleaning and joining open data.',
        criteriaNarrative: 'Built three pipelines.',
      },
      validFrom: now(),
    });
    const signer = { verificationMethod: `${did}#${did.slice('did:key:'.length)}`, privateKey: pair.privateKey };
    const issued = await issueCredential(outside, signer, now());
    for (const input of [issued.credential, issued.jwt]) {
      expect((await verifyPresentedCredential(handle.db, input, now())).verdict).toBe('verified');
    }
    const tampered = structuredClone(issued.credential) as Json;
    (tampered.credentialSubject as Json).id = 'urn:uuid:00000000-0000-4000-8000-000000000003';
    expect((await verifyPresentedCredential(handle.db, tampered, now())).verdict).toBe('invalid');
  });

  it('reports unreadable input as a failed format step, never a throw', async () => {
    for (const input of ['', 'hello', '{', '[1,2]', '{"@context":1}', 'a.b', 'a.b.c', '{}']) {
      const report = await verifyPresentedCredential(handle.db, input, now());
      expect(report.verdict).toBe('invalid');
      expect(report.steps).toHaveLength(6);
    }
  });

  it('refuses a JWT whose issuer is unknown to everyone (no remote fetching in tests)', async () => {
    const [header, payload, signature] = genuine.jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Json;
    claims.iss = 'did:web:evil.example';
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const report = await verifyPresentedCredential(handle.db, forged, now());
    expect(report.verdict).toBe('invalid');
  });
});
