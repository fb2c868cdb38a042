/**
 * Fixtures of the C1 forgery suite (forgery-*.test.ts): a genuine credential and JWT of
 * institution A, a second institution, a forger's key, and helpers to forge from them.
 */
import { sign, type KeyObject } from 'node:crypto';
import { expect } from 'vitest';
import { buildInstitutionDidDocument, type DidDocument } from './did.ts';
import { generateEd25519KeyPair } from './keys.ts';
import { encodeBase64url } from './multibase.ts';
import {
  buildTestCredential,
  createTestInstitution,
  createTestResolver,
  TEST_LEARNER,
  TEST_NOW,
  type TestInstitution,
} from './test-support.ts';
import { issueCredential, verifyCredential } from './verify-credential.ts';
import { verifyCredentialJwt } from './vc-jwt.ts';
import type { VerificationFailureReason } from './verification.ts';

export type Json = Record<string, unknown>;

export const issuerA = createTestInstitution('uni-a');
export const issuerB = createTestInstitution('uni-b');
export const attacker = generateEd25519KeyPair();
export const VALID_FROM = Date.parse('2026-05-01T09:00:00Z') / 1000;

/** Filled by `prepareGenuine()` in each suite's beforeAll. */
export const genuine = { signed: {} as Json & { proof: unknown[] }, jwt: '' };

export async function prepareGenuine(): Promise<void> {
  const issued = await issueCredential(buildTestCredential(issuerA), issuerA.signer, TEST_NOW);
  genuine.signed = issued.credential;
  genuine.jwt = issued.jwt;
}

export function mutate(change: (credential: Json) => void): Json {
  const copy = structuredClone(genuine.signed);
  change(copy);
  return copy;
}

export function subject(credential: Json): Json {
  return credential.credentialSubject as Json;
}

export function achievement(credential: Json): Json {
  return subject(credential).achievement as Json;
}

export function firstProof(credential: Json): Json {
  return (credential.proof as Json[])[0] as Json;
}

export function signRaw(header: Json, payload: Json, signer: (data: Buffer) => Buffer): string {
  const input = `${encodeBase64url(Buffer.from(JSON.stringify(header)))}.${encodeBase64url(Buffer.from(JSON.stringify(payload)))}`;
  return `${input}.${encodeBase64url(signer(Buffer.from(input)))}`;
}

export const ed25519 = (key: KeyObject) => (data: Buffer) => sign(null, data, key);

export function jwtPayload(overrides: Json = {}, credential: Json = buildTestCredential(issuerA)): Json {
  return {
    ...credential,
    iss: issuerA.did,
    sub: TEST_LEARNER,
    jti: credential.id,
    nbf: VALID_FROM,
    iat: VALID_FROM,
    ...overrides,
  };
}

export function jwtHeader(overrides: Json = {}): Json {
  return { alg: 'EdDSA', kid: `${issuerA.did}#key-1`, typ: 'JWT', ...overrides };
}

export type ForgeryCase = {
  name: string;
  expected: VerificationFailureReason;
  documents?: () => DidDocument[];
  now?: Date;
} & ({ credential: () => Promise<Json> | Json } | { jwt: () => Promise<string> | string });

export const compromised = (institution: TestInstitution, at: string) =>
  buildInstitutionDidDocument(institution.did, [{ ...institution.keys[0]!, revoked: new Date(at) }]);

/** Runs one forgery: it must be refused for exactly the expected reason. */
export async function expectRefused(forgery: ForgeryCase): Promise<void> {
  const resolveKey = createTestResolver(...(forgery.documents?.() ?? [issuerA.document, issuerB.document]));
  const now = forgery.now ?? TEST_NOW;
  const result =
    'credential' in forgery
      ? await verifyCredential(await forgery.credential(), { resolveKey, now })
      : await verifyCredentialJwt(await forgery.jwt(), { resolveKey, now });
  expect(result).toMatchObject({ ok: false, reason: forgery.expected });
}
