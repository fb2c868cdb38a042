import { describe, expect, it } from 'vitest';
import { createLocalKeyEncryption, KeyUnwrapError } from './key-encryption.ts';
import {
  exportPrivateJwk,
  exportPublicJwk,
  exportPublicMultikey,
  generateEd25519KeyPair,
  importPrivateJwk,
  importPublicJwk,
  importPublicMultikey,
  KeyFormatError,
  openPrivateKey,
  sealPrivateKey,
  signEd25519,
  verifyEd25519,
} from './keys.ts';
import { decodeBase58btc, encodeBase58btc } from './multibase.ts';

const SECRET = 'a-key-encryption-secret-of-at-least-32-characters';

describe('Ed25519 keys', () => {
  it('round-trips through JWK and signs and verifies', () => {
    const pair = generateEd25519KeyPair();
    const publicJwk = exportPublicJwk(pair.privateKey);
    expect(publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String) });
    expect(publicJwk).not.toHaveProperty('d');
    const restored = importPrivateJwk(exportPrivateJwk(pair));
    const data = new TextEncoder().encode('hello');
    const signature = signEd25519(restored.privateKey, data);
    expect(verifyEd25519(importPublicJwk(publicJwk), data, signature)).toBe(true);
    expect(verifyEd25519(pair.publicKey, new TextEncoder().encode('hellO'), signature)).toBe(false);
    expect(verifyEd25519(pair.publicKey, data, signature.subarray(0, 63))).toBe(false);
  });

  it('writes Multikeys as z6Mk… and reads them back', () => {
    const pair = generateEd25519KeyPair();
    const multikey = exportPublicMultikey(pair.publicKey);
    expect(multikey).toMatch(/^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/);
    expect(exportPublicJwk(importPublicMultikey(multikey))).toEqual(exportPublicJwk(pair.publicKey));
  });

  it('reads the Multikey of the W3C did:key example', () => {
    // did:key spec example; its JWK x value is the same key in base64url.
    const key = importPublicMultikey('z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK');
    expect(exportPublicJwk(key).x).toBe('Lm_M42cB3HkUiODQsXRcweM6TByfzEHGO9ND274JcOY');
  });

  it('refuses keys that are not Ed25519 public keys', () => {
    expect(() => importPublicMultikey('zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')).toThrow(KeyFormatError);
    expect(() => importPublicMultikey('z6Mk0OIl')).toThrow(KeyFormatError);
    const jwk = exportPrivateJwk(generateEd25519KeyPair());
    expect(() => importPublicJwk(jwk)).toThrow(/must not carry the private part/);
    expect(() => importPublicJwk({ kty: 'OKP', crv: 'X25519', x: jwk.x })).toThrow(KeyFormatError);
    expect(() => importPublicJwk({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' })).toThrow(KeyFormatError);
    expect(() => importPrivateJwk({ ...jwk, x: exportPublicJwk(generateEd25519KeyPair().publicKey).x })).toThrow(
      /does not match/,
    );
  });

  it('encodes base58btc as the IETF base58 draft examples do, leading zeros included', () => {
    expect(encodeBase58btc(new TextEncoder().encode('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U');
    const bytes = Uint8Array.of(0x00, 0x00, 0x28, 0x7f, 0xb4, 0xcd);
    expect(encodeBase58btc(bytes)).toBe('11233QC4');
    expect(decodeBase58btc('11233QC4')).toEqual(bytes);
    expect(decodeBase58btc('0OIl')).toBeNull();
  });
});

describe('key encryption', () => {
  it('unwraps what it wrapped, in the same context only', async () => {
    const encryption = createLocalKeyEncryption(SECRET);
    const plain = Uint8Array.of(1, 2, 3, 4);
    const wrapped = await encryption.wrap(plain, 'institution:7:key-1');
    expect(wrapped).toMatch(/^lk1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await encryption.unwrap(wrapped, 'institution:7:key-1')).toEqual(plain);
    await expect(encryption.unwrap(wrapped, 'institution:8:key-1')).rejects.toThrow(KeyUnwrapError);
    expect(await encryption.wrap(plain, 'institution:7:key-1')).not.toBe(wrapped);
  });

  it('refuses tampered, truncated, foreign and unversioned values', async () => {
    const encryption = createLocalKeyEncryption(SECRET);
    const wrapped = await encryption.wrap(new Uint8Array(48).fill(7), 'ctx');
    const [version, keyId, iv, sealed] = wrapped.split('.') as [string, string, string, string];
    const flipped = `${sealed.slice(0, 5)}${sealed[5] === 'A' ? 'B' : 'A'}${sealed.slice(6)}`;
    await expect(encryption.unwrap([version, keyId, iv, flipped].join('.'), 'ctx')).rejects.toThrow(/altered/);
    await expect(encryption.unwrap([version, keyId, iv, sealed.slice(0, 10)].join('.'), 'ctx')).rejects.toThrow(
      KeyUnwrapError,
    );
    await expect(encryption.unwrap(['lk2', keyId, iv, sealed].join('.'), 'ctx')).rejects.toThrow(/known format/);
    const other = createLocalKeyEncryption(`${SECRET}-rotated`);
    await expect(other.unwrap(wrapped, 'ctx')).rejects.toThrow(/another key-encryption secret/);
    expect(() => createLocalKeyEncryption('short')).toThrow(/at least 32/);
  });

  it('seals a private key for storage and opens it again', async () => {
    const encryption = createLocalKeyEncryption(SECRET);
    const pair = generateEd25519KeyPair();
    const sealed = await sealPrivateKey(encryption, pair, 'did:web:orbis.example:institutions:a#key-1');
    expect(sealed).not.toContain(exportPrivateJwk(pair).d);
    const opened = await openPrivateKey(encryption, sealed, 'did:web:orbis.example:institutions:a#key-1');
    expect(exportPrivateJwk(opened)).toEqual(exportPrivateJwk(pair));
    await expect(openPrivateKey(encryption, sealed, 'did:web:orbis.example:institutions:b#key-1')).rejects.toThrow(
      KeyUnwrapError,
    );
  });
});
