import { describe, expect, it } from 'vitest';
import {
  buildDidKey,
  buildInstitutionDid,
  buildInstitutionDidDocument,
  DidError,
  didWebToUrl,
  renderJwks,
  resolveDidKey,
  splitDidUrl,
} from './did.ts';
import { createKeyResolver, findVerificationKey } from './key-resolver.ts';
import { exportPublicJwk, exportPublicMultikey, generateEd25519KeyPair } from './keys.ts';

describe('did:web', () => {
  it('names an institution on the platform host, encoding the port', () => {
    expect(buildInstitutionDid('https://orbis.example', 'uni-a')).toBe('did:web:orbis.example:institutions:uni-a');
    expect(buildInstitutionDid('https://Orbis.Example:8443/ignored', 'uni-a')).toBe(
      'did:web:orbis.example%3A8443:institutions:uni-a',
    );
    expect(() => buildInstitutionDid('https://orbis.example', 'Uni A')).toThrow(DidError);
    expect(() => buildInstitutionDid('ftp://orbis.example', 'uni-a')).toThrow(DidError);
  });

  it('maps DIDs to document URLs as the did:web spec examples do', () => {
    expect(didWebToUrl('did:web:w3c-ccg.github.io').href).toBe('https://w3c-ccg.github.io/.well-known/did.json');
    expect(didWebToUrl('did:web:w3c-ccg.github.io:user:alice').href).toBe(
      'https://w3c-ccg.github.io/user/alice/did.json',
    );
    expect(didWebToUrl('did:web:example.com%3A3000:user:alice').href).toBe(
      'https://example.com:3000/user/alice/did.json',
    );
    expect(didWebToUrl(buildInstitutionDid('https://orbis.example:8443', 'uni-a')).href).toBe(
      'https://orbis.example:8443/institutions/uni-a/did.json',
    );
  });

  it('refuses DIDs that would leave the host or the path', () => {
    for (const did of [
      'did:key:z6Mk',
      'did:web:',
      'did:web:example.com:..:secrets',
      'did:web:example.com:a%2Fb',
      'did:web:user@evil.example',
      'did:web:example.com%3A99999',
      'did:web:example.com%2F..%2F',
      'did:web:exa mple.com',
    ]) {
      expect(() => didWebToUrl(did), did).toThrow(DidError);
    }
  });

  it('lists every key with its number, marks a compromised one, and renders a JWKS', () => {
    const did = buildInstitutionDid('https://orbis.example', 'uni-a');
    const [first, second] = [generateEd25519KeyPair(), generateEd25519KeyPair()];
    const revoked = new Date('2026-03-01T00:00:00Z');
    const document = buildInstitutionDidDocument(did, [
      { number: 2, publicKey: second.publicKey },
      { number: 1, publicKey: exportPublicMultikey(first.publicKey), revoked },
    ]);
    expect(document).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [
        {
          id: `${did}#key-1`,
          type: 'Multikey',
          controller: did,
          publicKeyMultibase: exportPublicMultikey(first.publicKey),
          revoked: '2026-03-01T00:00:00.000Z',
        },
        {
          id: `${did}#key-2`,
          type: 'Multikey',
          controller: did,
          publicKeyMultibase: exportPublicMultikey(second.publicKey),
        },
      ],
      assertionMethod: [`${did}#key-1`, `${did}#key-2`],
    });
    expect(renderJwks(document)).toEqual({
      keys: [{ ...exportPublicJwk(second.publicKey), kid: `${did}#key-2`, use: 'sig', alg: 'EdDSA' }],
    });
    expect(() =>
      buildInstitutionDidDocument(did, [
        { number: 1, publicKey: first.publicKey },
        { number: 1, publicKey: second.publicKey },
      ]),
    ).toThrow(DidError);

    const key = findVerificationKey(document, did, `${did}#key-1`);
    expect(key?.revoked?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(key?.assertionMethod).toBe(true);
    expect(findVerificationKey(document, did, `${did}#key-3`)).toBeNull();
    expect(findVerificationKey(document, 'did:web:other.example', `${did}#key-1`)).toBeNull();
  });
});

describe('did:key', () => {
  it('resolves an Ed25519 did:key without any fetch', async () => {
    const pair = generateEd25519KeyPair();
    const did = buildDidKey(pair.publicKey);
    const document = resolveDidKey(did);
    const method = `${did}#${did.slice('did:key:'.length)}`;
    expect(document.assertionMethod).toEqual([method]);
    const key = await createKeyResolver()(method);
    expect(key && exportPublicJwk(key.publicKey)).toEqual(exportPublicJwk(pair.publicKey));
    expect(() => resolveDidKey('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')).toThrow(DidError);
    expect(await createKeyResolver()('did:web:orbis.example#key-1')).toBeNull();
  });

  it('splits DID URLs', () => {
    expect(splitDidUrl('did:web:a.example#key-1')).toEqual({ did: 'did:web:a.example', fragment: 'key-1' });
    expect(splitDidUrl('did:web:a.example')).toBeNull();
    expect(splitDidUrl('did:web:a.example#')).toBeNull();
  });
});
