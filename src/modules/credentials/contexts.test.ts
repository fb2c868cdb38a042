import { describe, expect, it } from 'vitest';
import {
  CanonicalizationError,
  canonicalizeRdfc,
  canonicalizeRdfcUncached,
  findRuntimeKey,
  findRuntimeNodeId,
} from './contexts.ts';
import { buildTestCredential, createTestInstitution } from './test-support.ts';

type Json = Record<string, unknown>;

const institution = createTestInstitution('uni-runtime');

/** Own enumerable properties that canonicalization must never add to the runtime's shared objects. */
function listRuntimeAdditions(): string[] {
  const shared: [string, object][] = [
    ['Object.prototype', Object.prototype],
    ['Object', Object],
    ['Function.prototype', Function.prototype],
    ['Array.prototype', Array.prototype],
    ['Object.prototype.toString', Object.prototype.toString],
  ];
  return shared.flatMap(([name, target]) => Object.keys(target).map((key) => `${name}.${key}`));
}

function withStatusList(value: string): Json {
  const credential = structuredClone(buildTestCredential(institution)) as Json;
  (credential.credentialStatus as Json).statusListCredential = value;
  return credential;
}

describe('canonicalization and the runtime’s own names', () => {
  const genuine = buildTestCredential(institution);

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'refuses "%s" as a relative reference, on both paths, and changes nothing shared',
    async (name) => {
      const before = await canonicalizeRdfcUncached(genuine);
      for (const canonicalize of [canonicalizeRdfc, canonicalizeRdfcUncached]) {
        const refusal = canonicalize(withStatusList(name));
        await expect(refusal).rejects.toBeInstanceOf(CanonicalizationError);
        await expect(refusal).rejects.toThrow(`"${name}"`);
      }
      expect(listRuntimeAdditions()).toEqual([]);
      expect(await canonicalizeRdfcUncached(genuine)).toBe(before);
      expect(await canonicalizeRdfc(genuine)).toBe(before);
    },
  );

  it('refuses such a name as a key, even one JSON.parse made an own property', async () => {
    const credential = JSON.parse(
      JSON.stringify(genuine).replace('"credentialSubject":{', '"credentialSubject":{"__proto__":{"id":"x"},'),
    ) as Json;
    expect(Object.hasOwn(credential.credentialSubject as Json, '__proto__')).toBe(true);
    await expect(canonicalizeRdfcUncached(credential)).rejects.toThrow('"__proto__"');
    expect(listRuntimeAdditions()).toEqual([]);
  });

  it.each(['__proto__', 'constructor', 'toString'])(
    'takes "%s" as text: an achievement and a learner so named canonicalize the same on both paths',
    async (name) => {
      const credential = structuredClone(buildTestCredential(institution)) as Json;
      const subject = credential.credentialSubject as Json;
      (subject.achievement as Json).name = name;
      subject.identifier = [{ type: 'IdentityObject', identityHash: name, identityType: 'name', hashed: false }];
      const plain = await canonicalizeRdfcUncached(credential);
      expect(plain).toContain(`"${name}"`);
      for (let round = 0; round < 3; round += 1) expect(await canonicalizeRdfc(credential)).toBe(plain);
      expect(listRuntimeAdditions()).toEqual([]);
    },
  );

  it('finds the names as whole keys, and as node ids of an expanded document', () => {
    expect(findRuntimeKey({ a: [{ b: { constructor: 1 } }] })).toBe('constructor');
    expect(findRuntimeKey({ name: 'constructor', valueOfThings: 1 })).toBeNull();
    expect(findRuntimeNodeId([{ '@id': 'https://x.example/a', p: [{ '@id': 'toString' }] }])).toBe('toString');
    expect(
      findRuntimeNodeId([{ p: [{ '@value': 'toString' }], q: [{ '@id': 'https://x.example/__proto__' }] }]),
    ).toBeNull();
    expect(findRuntimeKey(genuine)).toBeNull();
  });
});
