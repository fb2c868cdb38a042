import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizeRdfc, canonicalizeRdfcUncached, clearCanonicalizationTemplates } from './contexts.ts';
import { addEddsaRdfc2022Proof } from './data-integrity.ts';
import { describeShape } from './canonical-template.ts';
import { buildTestCredential, createTestInstitution, TEST_NOW } from './test-support.ts';

type Json = Record<string, unknown>;

/** Replaces the string leaves (not types or contexts) with the given values, in walk order. */
function replaceLeaves(document: Json, values: (string | null)[]): Json {
  let position = 0;
  const walk = (value: unknown, key: string): unknown => {
    if (key === 'type' || key === '@context') return value;
    if (typeof value === 'string') {
      const replacement = values[position++ % values.length];
      return replacement ?? value;
    }
    if (Array.isArray(value)) return value.map((item) => walk(item, ''));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([childKey, child]) => [childKey, walk(child, childKey)]));
    }
    return value;
  };
  return walk(document, '') as Json;
}

async function outcome(run: () => Promise<string>): Promise<string> {
  try {
    return await run();
  } catch (error) {
    return `error: ${(error as Error).name}`;
  }
}

const institution = createTestInstitution('uni-a');
const tricky = fc.constantFrom(
  institution.did,
  'did:web:orbis.example%3A8443:institutions:uni-a',
  'https://orbis.example:8443/courses/climate-data/achievement',
  'urn:uuid:6f1c2d6e-8d0a-4c39-9a0e-3b1f9f3b2a10',
  'xsd:string',
  'obi:Achievement',
  'cred:issuer',
  '_:b0',
  'relative/path',
  '',
  'https://x.example/a b',
  'https://x.example/<>',
  'assertionMethod',
  'urn:orbis-c14n-slot:0',
  '2026-05-01T09:00:00Z',
  'line\nbreak "quoted" \\ back',
  'mailto:someone@example.org',
);
const value = fc.oneof(fc.constant(null), fc.string(), fc.webUrl(), tricky);

describe('templated canonicalization', () => {
  it('gives exactly what plain jsonld gives, whatever the values', async () => {
    clearCanonicalizationTemplates();
    const base = buildTestCredential(institution);
    const signed = await addEddsaRdfc2022Proof(base, institution.signer, TEST_NOW);
    const { proofValue: _proofValue, ...proofOptions } = signed.proof[0] as Json;
    const proofConfig: Json = { '@context': base['@context'], ...proofOptions };
    for (const document of [base, proofConfig]) {
      await canonicalizeRdfc(document);
      await canonicalizeRdfc(document);
    }
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 80 }), fc.boolean(), async (values, useProof) => {
        const document = replaceLeaves(useProof ? proofConfig : base, values);
        const expected = await outcome(() => canonicalizeRdfcUncached(document));
        const actual = await outcome(() => canonicalizeRdfc(document));
        expect(actual).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps types, contexts, numbers and keys in the shape and everything else out', () => {
    const shape = describeShape({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      id: 'urn:uuid:1',
      credits: 5,
      nested: [{ type: 'Profile', name: 'A' }],
    })!;
    expect(shape.values).toEqual(['urn:uuid:1', 'A']);
    expect(shape.key).toContain('"credits":5');
    expect(shape.key).toContain('"type":"Profile"');
    expect(shape.key).not.toContain('urn:uuid:1');
  });

  it('never templates a document whose kept parts read as a slot, so no other value takes their place', async () => {
    const issuer = createTestInstitution('uni-slot');
    const signed = await addEddsaRdfc2022Proof(buildTestCredential(issuer), issuer.signer, TEST_NOW);
    const { proofValue: _proofValue, ...proofOptions } = signed.proof[0] as Json;
    const proofConfig: Json = {
      '@context': signed['@context'],
      ...proofOptions,
      proofPurpose: 'urn:orbis-c14n-slot:0',
    };
    expect(describeShape(proofConfig)).toBeNull();
    expect(describeShape({ ...proofConfig, proofPurpose: 'assertionMethod', 'urn:orbis-c14n-slot:1': 'x' })).toBeNull();
    clearCanonicalizationTemplates();
    for (let round = 0; round < 3; round += 1) {
      const document = { ...proofConfig, created: `2026-05-0${round + 1}T09:00:00Z` };
      expect(await outcome(() => canonicalizeRdfc(document))).toBe(
        await outcome(() => canonicalizeRdfcUncached(document)),
      );
    }
  });

  it('templates documents that embed a signed credential (its proofPurpose is a vocabulary term)', async () => {
    const issuer = createTestInstitution('uni-template');
    const endorsement = await addEddsaRdfc2022Proof(buildTestCredential(issuer), issuer.signer, TEST_NOW);
    const shape = describeShape({ ...endorsement })!;
    expect(shape.values).not.toContain('assertionMethod');
    expect(shape.key).toContain('"proofPurpose":"assertionMethod"');
    clearCanonicalizationTemplates();
    for (let round = 0; round < 3; round += 1) {
      const document = replaceLeaves(endorsement, [null, `urn:uuid:${round}`]);
      expect(await outcome(() => canonicalizeRdfc(document))).toBe(
        await outcome(() => canonicalizeRdfcUncached(document)),
      );
    }
  });
});
