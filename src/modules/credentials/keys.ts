/**
 * Ed25519 signing keys (node:crypto) and their public forms: JWK and Multikey
 * (`publicKeyMultibase`, multicodec 0xed01 then base58btc, so always `z6Mk…`).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { KeyEncryption } from './key-encryption.ts';
import {
  concatBytes,
  decodeBase64url,
  decodeMultibaseBase58btc,
  ED25519_PUBLIC_KEY_PREFIX,
  encodeBase64url,
  encodeMultibaseBase58btc,
  startsWithBytes,
} from './multibase.ts';

export type Ed25519KeyPair = { publicKey: KeyObject; privateKey: KeyObject };
export type Ed25519PublicJwk = { kty: 'OKP'; crv: 'Ed25519'; x: string; kid?: string };
export type Ed25519PrivateJwk = Ed25519PublicJwk & { d: string };

export const ED25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;

export class KeyFormatError extends Error {
  override readonly name = 'KeyFormatError';
}

export function generateEd25519KeyPair(): Ed25519KeyPair {
  return generateKeyPairSync('ed25519');
}

function assertEd25519(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new KeyFormatError(`Expected an Ed25519 key, got ${key.asymmetricKeyType ?? key.type}.`);
  }
}

/** Accepts the public or the private key; never includes `d`. */
export function exportPublicJwk(key: KeyObject): Ed25519PublicJwk {
  assertEd25519(key);
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const { x } = publicKey.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new KeyFormatError('The key has no public part.');
  return { kty: 'OKP', crv: 'Ed25519', x };
}

export function exportPrivateJwk(pair: Ed25519KeyPair): Ed25519PrivateJwk {
  assertEd25519(pair.privateKey);
  const { d } = pair.privateKey.export({ format: 'jwk' });
  if (typeof d !== 'string') throw new KeyFormatError('Not a private key.');
  return { ...exportPublicJwk(pair.publicKey), d };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Refuses anything but an Ed25519 public JWK, and refuses a JWK carrying a private part. */
export function importPublicJwk(jwk: unknown): KeyObject {
  if (!isRecord(jwk) || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new KeyFormatError('Not an Ed25519 public JWK (kty OKP, crv Ed25519, x).');
  }
  if ('d' in jwk) throw new KeyFormatError('A public JWK must not carry the private part "d".');
  const bytes = decodeBase64url(jwk.x);
  if (!bytes || bytes.length !== ED25519_PUBLIC_KEY_BYTES) {
    throw new KeyFormatError('The JWK "x" is not a 32-byte base64url value.');
  }
  return importPublicKeyBytes(bytes);
}

/** PKCS#8 wrapping of a 32-byte Ed25519 seed (RFC 8410): the fixed prefix, then the seed. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function importPrivateJwk(jwk: unknown): Ed25519KeyPair {
  if (!isRecord(jwk) || typeof jwk.d !== 'string') throw new KeyFormatError('Not a private JWK.');
  const { d, ...publicPart } = jwk;
  const publicKey = importPublicJwk(publicPart);
  const seed = decodeBase64url(d);
  if (!seed || seed.length !== 32) throw new KeyFormatError('The private JWK could not be read.');
  // From the seed alone, so the comparison below decides, whatever Node checks on import.
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  } catch {
    throw new KeyFormatError('The private JWK could not be read.');
  }
  assertEd25519(privateKey);
  if (exportPublicJwk(privateKey).x !== exportPublicJwk(publicKey).x) {
    throw new KeyFormatError('The private JWK does not match its public part.');
  }
  return { publicKey, privateKey };
}

export function exportPublicKeyBytes(key: KeyObject): Uint8Array {
  const bytes = decodeBase64url(exportPublicJwk(key).x);
  if (!bytes) throw new KeyFormatError('The key could not be exported.');
  return bytes;
}

export function importPublicKeyBytes(bytes: Uint8Array): KeyObject {
  if (bytes.length !== ED25519_PUBLIC_KEY_BYTES) throw new KeyFormatError('An Ed25519 public key is 32 bytes.');
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: encodeBase64url(bytes) }, format: 'jwk' });
  } catch {
    throw new KeyFormatError('The bytes are not an Ed25519 public key.');
  }
}

/** The Multikey `publicKeyMultibase` of an Ed25519 key: `z6Mk…`. */
export function exportPublicMultikey(key: KeyObject): string {
  return encodeMultibaseBase58btc(concatBytes(ED25519_PUBLIC_KEY_PREFIX, exportPublicKeyBytes(key)));
}

export function importPublicMultikey(publicKeyMultibase: string): KeyObject {
  const bytes = decodeMultibaseBase58btc(publicKeyMultibase);
  if (!bytes || !startsWithBytes(bytes, ED25519_PUBLIC_KEY_PREFIX)) {
    throw new KeyFormatError('Not an Ed25519 Multikey (z6Mk…).');
  }
  return importPublicKeyBytes(bytes.subarray(ED25519_PUBLIC_KEY_PREFIX.length));
}

export function signEd25519(privateKey: KeyObject, data: Uint8Array): Uint8Array {
  assertEd25519(privateKey);
  return new Uint8Array(sign(null, data, privateKey));
}

/** False (never a throw) for a signature of the wrong length or a key of another type. */
export function verifyEd25519(publicKey: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.asymmetricKeyType !== 'ed25519' || signature.length !== ED25519_SIGNATURE_BYTES) return false;
  try {
    return verify(null, data, publicKey, signature);
  } catch {
    return false;
  }
}

/** Wraps the private key (PKCS#8 DER) for storage; `context` names the key, e.g. its DID URL. */
export async function sealPrivateKey(
  encryption: KeyEncryption,
  pair: Ed25519KeyPair,
  context: string,
): Promise<string> {
  assertEd25519(pair.privateKey);
  const der = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
  return encryption.wrap(new Uint8Array(der), context);
}

export async function openPrivateKey(
  encryption: KeyEncryption,
  wrapped: string,
  context: string,
): Promise<Ed25519KeyPair> {
  const der = await encryption.unwrap(wrapped, context);
  const privateKey = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
  assertEd25519(privateKey);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}
