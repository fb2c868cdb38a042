import { describe, expect, it } from 'vitest';
import { addEddsaRdfc2022Proof, createEddsaRdfc2022Proof, verifyDataIntegrityProofs } from './data-integrity.ts';
import { buildInstitutionDidDocument } from './did.ts';
import { buildTestCredential, createTestInstitution, createTestResolver, signerFor, TEST_NOW } from './test-support.ts';
import { issueCredential, verifyCredential } from './verify-credential.ts';

describe('eddsa-rdfc-2022 proofs', () => {
  it('creates the proof the cryptosuite specifies and verifies it', async () => {
    const issuer = createTestInstitution('uni-a');
    const credential = buildTestCredential(issuer);
    const proof = await createEddsaRdfc2022Proof(credential, issuer.signer, new Date('2026-05-04T10:00:00.789Z'));
    expect(proof).toEqual({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      created: '2026-05-04T10:00:00Z',
      verificationMethod: `${issuer.did}#key-1`,
      proofPurpose: 'assertionMethod',
      proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]{86,88}$/),
    });
    const result = await verifyDataIntegrityProofs(
      { ...credential, proof: [proof] },
      { resolveKey: createTestResolver(issuer.document) },
    );
    expect(result).toMatchObject({ ok: true, verifiedBy: [`${issuer.did}#key-1`] });
  });

  it('keeps proofs as a set: each signs the document without proofs, all must hold', async () => {
    const issuer = createTestInstitution('uni-a', 2);
    const resolveKey = createTestResolver(issuer.document);
    const once = await addEddsaRdfc2022Proof(buildTestCredential(issuer), signerFor(issuer, 1), TEST_NOW);
    const twice = await addEddsaRdfc2022Proof(once, signerFor(issuer, 2), TEST_NOW);
    expect(twice.proof).toHaveLength(2);
    const result = await verifyDataIntegrityProofs(twice, { resolveKey });
    expect(result).toMatchObject({ ok: true, verifiedBy: [`${issuer.did}#key-1`, `${issuer.did}#key-2`] });

    const [first, second] = twice.proof as Record<string, unknown>[];
    const broken = { ...twice, proof: [first, { ...second, created: '2026-05-04T10:00:01Z' }] };
    expect(await verifyDataIntegrityProofs(broken, { resolveKey })).toMatchObject({
      ok: false,
      reason: 'invalid_signature',
    });
  });

  it('ignores a proof of another suite but needs one it can check', async () => {
    const issuer = createTestInstitution('uni-a');
    const resolveKey = createTestResolver(issuer.document);
    const signed = await addEddsaRdfc2022Proof(buildTestCredential(issuer), issuer.signer, TEST_NOW);
    const foreign = { type: 'DataIntegrityProof', cryptosuite: 'ecdsa-rdfc-2019', proofPurpose: 'assertionMethod' };
    const mixed = await verifyDataIntegrityProofs({ ...signed, proof: [...signed.proof, foreign] }, { resolveKey });
    expect(mixed.ok).toBe(true);
    expect(mixed.proofs[1]).toMatchObject({ ok: false, reason: 'unsupported_proof' });
    expect(await verifyDataIntegrityProofs({ ...signed, proof: [foreign] }, { resolveKey })).toMatchObject({
      ok: false,
      reason: 'unsupported_proof',
    });
  });

  it('still verifies old credentials after a rotation, and signs new ones with the new key', async () => {
    const issuer = createTestInstitution('uni-a', 2);
    const before = buildInstitutionDidDocument(issuer.did, [issuer.keys[0]!]);
    const old = await issueCredential(buildTestCredential(issuer), signerFor(issuer, 1), TEST_NOW);
    expect((await verifyCredential(old.credential, { resolveKey: createTestResolver(before), now: TEST_NOW })).ok).toBe(
      true,
    );
    const afterRotation = createTestResolver(issuer.document);
    expect((await verifyCredential(old.credential, { resolveKey: afterRotation, now: TEST_NOW })).ok).toBe(true);
    const fresh = await issueCredential(buildTestCredential(issuer), issuer.signer, TEST_NOW);
    expect(fresh.credential.proof[0]).toMatchObject({ verificationMethod: `${issuer.did}#key-2` });
    expect(
      await verifyCredential(fresh.credential, { resolveKey: createTestResolver(before), now: TEST_NOW }),
    ).toMatchObject({
      ok: false,
      reason: 'unknown_verification_method',
    });
  });

  it('refuses proofs made at or after a key was marked compromised, not those before', async () => {
    const issuer = createTestInstitution('uni-a');
    const compromisedAt = new Date('2026-05-04T12:00:00Z');
    const resolveKey = createTestResolver(
      buildInstitutionDidDocument(issuer.did, [{ ...issuer.keys[0]!, revoked: compromisedAt }]),
    );
    const before = await issueCredential(buildTestCredential(issuer), issuer.signer, new Date('2026-05-04T11:59:59Z'));
    const at = await issueCredential(buildTestCredential(issuer), issuer.signer, compromisedAt);
    const now = new Date('2026-06-01T00:00:00Z');
    expect((await verifyCredential(before.credential, { resolveKey, now })).ok).toBe(true);
    expect(await verifyCredential(at.credential, { resolveKey, now })).toMatchObject({
      ok: false,
      reason: 'key_revoked',
    });
  });

  it('checks the validity period with the given clock', async () => {
    const issuer = createTestInstitution('uni-a');
    const resolveKey = createTestResolver(issuer.document);
    const { credential } = await issueCredential(
      buildTestCredential(issuer, { validUntil: new Date('2027-05-01T00:00:00Z') }),
      issuer.signer,
      TEST_NOW,
    );
    expect((await verifyCredential(credential, { resolveKey, now: TEST_NOW })).ok).toBe(true);
    expect(await verifyCredential(credential, { resolveKey, now: new Date('2026-04-30T00:00:00Z') })).toMatchObject({
      reason: 'not_yet_valid',
    });
    expect(await verifyCredential(credential, { resolveKey, now: new Date('2027-05-01T00:00:00Z') })).toMatchObject({
      reason: 'expired',
    });
  });
});
