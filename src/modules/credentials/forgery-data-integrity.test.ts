/** C1 forgery suite, Data Integrity half: each forged credential is refused for its own reason. */
import { beforeAll, describe, expect, it } from 'vitest';
import { addEddsaRdfc2022Proof, createEddsaRdfc2022Proof } from './data-integrity.ts';
import { buildDidKey } from './did.ts';
import {
  achievement,
  attacker,
  compromised,
  expectRefused,
  firstProof,
  genuine,
  issuerA,
  issuerB,
  mutate,
  prepareGenuine,
  subject,
  type ForgeryCase,
  type Json,
} from './test-forgery-support.ts';
import { buildTestCredential, createTestResolver, TEST_NOW } from './test-support.ts';
import { issueCredential, verifyCredential } from './verify-credential.ts';

beforeAll(prepareGenuine);

const cases: ForgeryCase[] = [
  // Data Integrity
  {
    name: 'subject id changed',
    expected: 'invalid_signature',
    credential: () => mutate((c) => (subject(c).id = 'did:example:mallory')),
  },
  {
    name: 'grade raised',
    expected: 'invalid_signature',
    credential: () => mutate((c) => ((subject(c).result as Json[])[0]!.value = '100')),
  },
  {
    name: 'achievement renamed',
    expected: 'invalid_signature',
    credential: () => mutate((c) => (achievement(c).name = 'Medical Doctor')),
  },
  {
    name: 'credits inflated',
    expected: 'invalid_signature',
    credential: () => mutate((c) => (achievement(c).creditsAvailable = 60)),
  },
  {
    name: 'issuer name changed',
    expected: 'invalid_signature',
    credential: () => mutate((c) => ((c.issuer as Json).name = 'Harvard')),
  },
  {
    name: 'validFrom backdated',
    expected: 'invalid_signature',
    credential: () => mutate((c) => (c.validFrom = '2020-01-01T00:00:00Z')),
  },
  {
    name: 'validUntil added',
    expected: 'invalid_signature',
    credential: () => mutate((c) => (c.validUntil = '2099-01-01T00:00:00Z')),
  },
  {
    name: 'status entry removed',
    expected: 'invalid_signature',
    credential: () => mutate((c) => delete c.credentialStatus),
  },
  {
    name: 'issuer swapped for another institution, proof kept',
    expected: 'issuer_mismatch',
    credential: () => mutate((c) => ((c.issuer as Json).id = issuerB.did)),
  },
  {
    name: 'proof by a key not in the DID document, under the issuer DID',
    expected: 'unknown_verification_method',
    credential: async () => ({
      ...buildTestCredential(issuerA),
      proof: [
        await createEddsaRdfc2022Proof(
          buildTestCredential(issuerA),
          { verificationMethod: `${issuerA.did}#key-9`, privateKey: attacker.privateKey },
          TEST_NOW,
        ),
      ],
    }),
  },
  {
    name: 'proof by another key claiming the issuer key id',
    expected: 'invalid_signature',
    credential: () =>
      createEddsaRdfc2022Proof(
        buildTestCredential(issuerA),
        { verificationMethod: `${issuerA.did}#key-1`, privateKey: attacker.privateKey },
        TEST_NOW,
      ).then((proof) => ({ ...buildTestCredential(issuerA), proof: [proof] })),
  },
  {
    name: 'proof by the forger own did:key',
    expected: 'issuer_mismatch',
    credential: () => {
      const did = buildDidKey(attacker.publicKey);
      return addEddsaRdfc2022Proof(
        buildTestCredential(issuerA),
        { verificationMethod: `${did}#${did.slice(8)}`, privateKey: attacker.privateKey },
        TEST_NOW,
      );
    },
  },
  {
    name: 'institution B signs a credential naming institution A as issuer',
    expected: 'issuer_mismatch',
    credential: () => addEddsaRdfc2022Proof(buildTestCredential(issuerA), issuerB.signer, TEST_NOW),
  },
  {
    name: 'unknown context added',
    expected: 'unknown_context',
    credential: () =>
      mutate((c) => (c['@context'] = [...(c['@context'] as string[]), 'https://evil.example/context.json'])),
  },
  {
    name: 'inline context redefining a term',
    expected: 'unknown_context',
    credential: () =>
      mutate((c) => (c['@context'] = [...(c['@context'] as string[]), { name: 'https://evil.example/name' }])),
  },
  {
    name: 'undefined term smuggled in',
    expected: 'malformed_credential',
    credential: () => mutate((c) => (achievement(c).honours = 'summa cum laude')),
  },
  { name: 'proof removed', expected: 'no_proof', credential: () => mutate((c) => delete c.proof) },
  { name: 'empty proof set', expected: 'no_proof', credential: () => mutate((c) => (c.proof = [])) },
  {
    name: 'proofValue truncated',
    expected: 'malformed_proof',
    credential: () => mutate((c) => (firstProof(c).proofValue = String(firstProof(c).proofValue).slice(0, 40))),
  },
  {
    name: 'proofValue altered',
    expected: 'invalid_signature',
    credential: () =>
      mutate((c) => {
        const value = String(firstProof(c).proofValue);
        firstProof(c).proofValue = `${value.slice(0, 20)}${value[20] === '2' ? '3' : '2'}${value.slice(21)}`;
      }),
  },
  {
    name: 'proof created changed',
    expected: 'invalid_signature',
    credential: () => mutate((c) => (firstProof(c).created = '2026-01-01T00:00:00Z')),
  },
  {
    name: 'proof purpose authentication',
    expected: 'wrong_proof_purpose',
    credential: () => mutate((c) => (firstProof(c).proofPurpose = 'authentication')),
  },
  {
    name: 'proof of an unsupported suite only',
    expected: 'unsupported_proof',
    credential: () => mutate((c) => (firstProof(c).cryptosuite = 'eddsa-jcs-2022')),
  },
  {
    name: 'status list named "__proto__" (would write into the runtime’s shared prototype)',
    expected: 'malformed_credential',
    credential: () => mutate((c) => ((c.credentialStatus as Json).statusListCredential = '__proto__')),
  },
  {
    name: 'status list named "constructor"',
    expected: 'malformed_credential',
    credential: () => mutate((c) => ((c.credentialStatus as Json).statusListCredential = 'constructor')),
  },
  {
    name: 'key marked compromised before the proof was created',
    expected: 'key_revoked',
    documents: () => [compromised(issuerA, '2026-05-04T09:00:00Z')],
    credential: () => genuine.signed,
  },
  {
    name: 'key not listed as an assertion method',
    expected: 'key_not_for_assertion',
    documents: () => [{ ...issuerA.document, assertionMethod: [] }],
    credential: () => genuine.signed,
  },
  {
    name: 'expired credential',
    expected: 'expired',
    now: new Date('2026-07-01T00:00:00Z'),
    credential: async () =>
      (
        await issueCredential(
          buildTestCredential(issuerA, { validUntil: new Date('2026-06-01T00:00:00Z') }),
          issuerA.signer,
          TEST_NOW,
        )
      ).credential,
  },
  {
    name: 'credential not yet valid',
    expected: 'not_yet_valid',
    credential: async () =>
      (
        await issueCredential(
          buildTestCredential(issuerA, { validFrom: new Date('2026-09-01T00:00:00Z') }),
          issuerA.signer,
          TEST_NOW,
        )
      ).credential,
  },
];

describe('Data Integrity forgeries', () => {
  it('the table has at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('refuses: $name ($expected)', expectRefused);

  it('leaves the runtime’s shared objects as they were after every forgery', () => {
    expect([...Object.keys(Object.prototype), ...Object.keys(Object)]).toEqual([]);
  });

  it('accepts the genuine credential the forgeries start from', async () => {
    const resolveKey = createTestResolver(issuerA.document, issuerB.document);
    expect(await verifyCredential(genuine.signed, { resolveKey, now: TEST_NOW })).toMatchObject({ ok: true });
  });
});
