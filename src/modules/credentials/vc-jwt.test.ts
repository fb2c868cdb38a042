import { decodeProtectedHeader, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { addEddsaRdfc2022Proof } from './data-integrity.ts';
import {
  buildTestCredential,
  createTestInstitution,
  createTestResolver,
  TEST_LEARNER,
  TEST_NOW,
} from './test-support.ts';
import { CredentialJwtError, signCredentialJwt, verifyCredentialJwt } from './vc-jwt.ts';

describe('VC-JWT', () => {
  it('signs the credential with the OB 3.0 claims and an EdDSA header naming the key', async () => {
    const issuer = createTestInstitution('uni-a');
    const credential = await addEddsaRdfc2022Proof(
      buildTestCredential(issuer, { validUntil: new Date('2030-01-01T00:00:00Z') }),
      issuer.signer,
      TEST_NOW,
    );
    const jwt = await signCredentialJwt(credential, issuer.signer, TEST_NOW);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'EdDSA', kid: `${issuer.did}#key-1`, typ: 'JWT' });
    const payload = decodeJwt(jwt);
    expect(payload).toMatchObject({
      iss: issuer.did,
      sub: TEST_LEARNER,
      jti: credential.id,
      nbf: Date.parse('2026-05-01T09:00:00Z') / 1000,
      exp: Date.parse('2030-01-01T00:00:00Z') / 1000,
      iat: TEST_NOW.getTime() / 1000,
      proof: credential.proof,
    });

    const result = await verifyCredentialJwt(jwt, { resolveKey: createTestResolver(issuer.document), now: TEST_NOW });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.credential).toEqual(credential);
  });

  it('reads the VC Data Model 1.1 form with the credential in a vc claim', async () => {
    const issuer = createTestInstitution('uni-a');
    const credential = buildTestCredential(issuer);
    const { CompactSign } = await import('jose');
    const payload = {
      iss: issuer.did,
      sub: TEST_LEARNER,
      jti: credential.id,
      nbf: Date.parse('2026-05-01T09:00:00Z') / 1000,
      vc: credential,
    };
    const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'EdDSA', kid: issuer.signer.verificationMethod })
      .sign(issuer.signer.privateKey);
    const result = await verifyCredentialJwt(jwt, { resolveKey: createTestResolver(issuer.document), now: TEST_NOW });
    expect(result).toMatchObject({ ok: true, credential });
  });

  it('refuses to sign with a key of another issuer or without the claims it needs', async () => {
    const issuer = createTestInstitution('uni-a');
    const other = createTestInstitution('uni-b');
    await expect(signCredentialJwt(buildTestCredential(issuer), other.signer, TEST_NOW)).rejects.toThrow(
      CredentialJwtError,
    );
    const { validFrom: _validFrom, ...withoutDate } = buildTestCredential(issuer);
    await expect(signCredentialJwt(withoutDate, issuer.signer, TEST_NOW)).rejects.toThrow(CredentialJwtError);
  });

  it('honours nbf and exp with the given clock', async () => {
    const issuer = createTestInstitution('uni-a');
    const resolveKey = createTestResolver(issuer.document);
    const jwt = await signCredentialJwt(
      buildTestCredential(issuer, { validUntil: new Date('2027-01-01T00:00:00Z') }),
      issuer.signer,
      TEST_NOW,
    );
    expect(await verifyCredentialJwt(jwt, { resolveKey, now: new Date('2026-05-01T08:59:59Z') })).toMatchObject({
      reason: 'not_yet_valid',
    });
    expect(
      await verifyCredentialJwt(jwt, { resolveKey, now: new Date('2026-05-01T08:59:59Z'), clockToleranceSeconds: 5 }),
    ).toMatchObject({
      ok: true,
    });
    expect(await verifyCredentialJwt(jwt, { resolveKey, now: new Date('2027-01-01T00:00:00Z') })).toMatchObject({
      reason: 'expired',
    });
  });
});
