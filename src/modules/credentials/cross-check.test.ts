/**
 * C1: what we sign verifies with independent implementations (digitalbazaar's vc +
 * eddsa-rdfc-2022 for Data Integrity, plain jose for the JWT), and what they sign verifies
 * with ours. Their document loader serves the contexts straight from the npm packages and
 * our DID documents, offline.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { addEddsaRdfc2022Proof } from './data-integrity.ts';
import { buildInstitutionDid, buildInstitutionDidDocument, type DidDocument } from './did.ts';
import { exportPublicJwk } from './keys.ts';
import { buildEndorsement } from './ob3-build.ts';
import { buildStatusListCredential, buildStatusListEntry, StatusList } from './status-list.ts';
import {
  buildTestCredential,
  createTestInstitution,
  createTestResolver,
  signerFor,
  TEST_LEARNER,
  TEST_NOW,
  TEST_ORIGIN,
} from './test-support.ts';
import { issueCredential, verifyCredential } from './verify-credential.ts';
import { verifyCredentialJwt } from './vc-jwt.ts';
import {
  createIndependentLoader,
  verifyIndependently as verifyWithIndependentLibrary,
} from './test-independent-verifier.ts';

type Json = Record<string, unknown>;

const verifyIndependently = (credential: Json, documents: DidDocument[], lists: Json[] = []) =>
  verifyWithIndependentLibrary(credential, documents, lists, TEST_NOW);

describe('independent verification of what we sign', () => {
  const issuer = createTestInstitution('uni-a', 2);
  const statusUrl = 'https://orbis.example:8443/status/uni-a/revocation/1';
  const statusList = StatusList.create();
  statusList.set(1234, true);
  const listCredential = buildStatusListCredential({
    id: statusUrl,
    issuer: issuer.did,
    statusPurpose: 'revocation',
    list: statusList,
    validFrom: '2026-05-01T00:00:00Z',
  });

  it('a course credential with both proofs passes digitalbazaar vc and plain jose', async () => {
    const issued = await issueCredential(buildTestCredential(issuer), issuer.signer, TEST_NOW);
    const result = await verifyIndependently(issued.credential, [issuer.document], [listCredential]);
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);

    const publicKey = await importJWK(exportPublicJwk(issuer.keyPairs[1]!.publicKey), 'EdDSA');
    const { payload, protectedHeader } = await jwtVerify(issued.jwt, publicKey, {
      currentDate: TEST_NOW,
      algorithms: ['EdDSA'],
    });
    expect(protectedHeader.kid).toBe(`${issuer.did}#key-2`);
    expect(payload).toMatchObject({
      iss: issuer.did,
      sub: TEST_LEARNER,
      jti: issued.credential.id,
      proof: issued.credential.proof,
    });
  });

  it('many different credentials, proof sets, endorsements and status lists pass too', async () => {
    const partner = createTestInstitution('uni-b');
    const documents = [issuer.document, partner.document];
    const signedList = await addEddsaRdfc2022Proof(listCredential, issuer.signer, TEST_NOW);
    const credentials: Json[] = [signedList];
    for (let index = 0; index < 12; index += 1) {
      const input = buildTestCredential(issuer, {
        id: `urn:uuid:00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        learner: {
          id: `did:example:learner-${index}`,
          ...(index % 2 === 0 ? { name: `Learner “${index}” \\ \n ok` } : {}),
        },
        credentialStatus: [buildStatusListEntry(statusUrl, 'revocation', 5000 + index)],
        ...(index % 3 === 0 ? { validUntil: new Date(Date.UTC(2030, 0, 1 + index)) } : {}),
      });
      const once = await addEddsaRdfc2022Proof(
        input,
        signerFor(issuer, 1 + (index % 2)),
        new Date(TEST_NOW.getTime() + index * 1000),
      );
      credentials.push(index % 4 === 0 ? await addEddsaRdfc2022Proof(once, signerFor(issuer, 1), TEST_NOW) : once);
    }
    const endorsement = buildEndorsement({
      id: 'urn:uuid:0d5a5d50-8f5a-4a0e-9a4e-0f2b1b3c4d5e',
      endorser: { id: partner.did, name: 'Partner University' },
      subjectId: 'https://orbis.example:8443/courses/climate-data/achievement',
      comment: 'Recognised for 5 ECTS.',
      validFrom: new Date('2026-05-01T00:00:00Z'),
    });
    credentials.push(await addEddsaRdfc2022Proof(endorsement, partner.signer, TEST_NOW));
    for (const credential of credentials) {
      const result = await verifyIndependently(credential, documents, [listCredential]);
      expect(result.error, String(credential.id)).toBeUndefined();
      expect(result.verified).toBe(true);
    }
  });

  it('the independent stack also rejects what ours rejects: tampering and a revoked status', async () => {
    const issued = await issueCredential(buildTestCredential(issuer), issuer.signer, TEST_NOW);
    const tampered = structuredClone(issued.credential);
    (tampered.credentialSubject as Json).id = 'did:example:mallory';
    expect((await verifyIndependently(tampered, [issuer.document], [listCredential])).verified).toBe(false);
    const revoked = await issueCredential(
      buildTestCredential(issuer, { credentialStatus: [buildStatusListEntry(statusUrl, 'revocation', 1234)] }),
      issuer.signer,
      TEST_NOW,
    );
    expect((await verifyIndependently(revoked.credential, [issuer.document], [listCredential])).verified).toBe(false);
  });
});

describe('our verification of what the independent stack signs', () => {
  it('accepts a credential signed by digitalbazaar vc with eddsa-rdfc-2022', async () => {
    const did = buildInstitutionDid(TEST_ORIGIN, 'uni-c');
    const keyPair = await Ed25519Multikey.generate({ id: `${did}#key-1`, controller: did });
    const document = buildInstitutionDidDocument(did, [{ number: 1, publicKey: keyPair.publicKeyMultibase }]);
    const issuer = { ...createTestInstitution('uni-c'), did, document };
    const signed = await vc.issue({
      credential: buildTestCredential(issuer),
      suite: new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 }),
      documentLoader: createIndependentLoader([document]),
    });
    const resolveKey = createTestResolver(document);
    const result = await verifyCredential(signed, { resolveKey, now: new Date('2030-01-01T00:00:00Z') });
    expect(result).toMatchObject({ ok: true, verifiedBy: [`${did}#key-1`] });

    const tampered = structuredClone(signed);
    ((tampered.credentialSubject as Json).achievement as Json).name = 'Quantum Computing';
    expect(await verifyCredential(tampered, { resolveKey, now: TEST_NOW })).toMatchObject({
      ok: false,
      reason: 'invalid_signature',
    });
  });

  it('accepts a VC-JWT signed by plain jose with the issuer key', async () => {
    const issuer = createTestInstitution('uni-a');
    const credential = buildTestCredential(issuer);
    const { SignJWT } = await import('jose');
    const jwt = await new SignJWT({ ...credential })
      .setProtectedHeader({ alg: 'EdDSA', kid: issuer.signer.verificationMethod, typ: 'JWT' })
      .setIssuer(issuer.did)
      .setSubject(TEST_LEARNER)
      .setJti(String(credential.id))
      .setNotBefore(Date.parse(String(credential.validFrom)) / 1000)
      .sign(issuer.signer.privateKey);
    expect(
      await verifyCredentialJwt(jwt, { resolveKey: createTestResolver(issuer.document), now: TEST_NOW }),
    ).toMatchObject({
      ok: true,
      credential,
    });
  });
});
