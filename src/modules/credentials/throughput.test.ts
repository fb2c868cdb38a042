/**
 * A measurement, not a check: run with ORBIS_MEASURE_CREDENTIALS=1 to log how many credentials
 * one core issues (both proofs) and verifies per second. Skipped otherwise.
 */
import { describe, expect, it } from 'vitest';
import { canonicalizeRdfc, canonicalizeRdfcUncached } from './contexts.ts';
import { buildTestCredential, createTestInstitution, createTestResolver, TEST_NOW } from './test-support.ts';
import { issueCredential, verifyCredential, type IssuedCredential } from './verify-credential.ts';
import { verifyCredentialJwt } from './vc-jwt.ts';

const COUNT = 400;

async function measure(label: string, count: number, run: (index: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < count; index += 1) await run(index);
  const perSecond = count / ((performance.now() - started) / 1000);
  console.log(`${label}: ${perSecond.toFixed(0)} per second (${count} in a row)`);
  return perSecond;
}

describe.skipIf(!process.env.ORBIS_MEASURE_CREDENTIALS)('credential throughput on one core', () => {
  it('issues and verifies', async () => {
    const issuer = createTestInstitution('uni-a');
    const resolveKey = createTestResolver(issuer.document);
    const inputs = Array.from({ length: COUNT }, (_, index) =>
      buildTestCredential(issuer, {
        id: `urn:uuid:00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        learner: { id: `did:example:learner-${index}`, name: `Learner ${index}` },
      }),
    );
    await measure('canonicalize, plain jsonld', 50, (index) => canonicalizeRdfcUncached(inputs[index]!));
    await measure('canonicalize, templated', COUNT, (index) => canonicalizeRdfc(inputs[index]!));
    const issued: IssuedCredential[] = [];
    await measure('issue with Data Integrity proof and VC-JWT', COUNT, async (index) => {
      issued.push(await issueCredential(inputs[index]!, issuer.signer, new Date(TEST_NOW.getTime() + index * 1000)));
    });
    const diRate = await measure('verify Data Integrity', COUNT, async (index) => {
      expect((await verifyCredential(issued[index]!.credential, { resolveKey, now: TEST_NOW })).ok).toBe(true);
    });
    await measure('verify VC-JWT', COUNT, async (index) => {
      expect((await verifyCredentialJwt(issued[index]!.jwt, { resolveKey, now: TEST_NOW })).ok).toBe(true);
    });
    expect(diRate).toBeGreaterThan(0);
  });
});
