/**
 * Private signing keys are stored wrapped. `KeyEncryption` is the seam where a KMS can take
 * over later; the local default derives an AES-256-GCM key from a configured secret.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { decodeBase64url, encodeBase64url } from './multibase.ts';

export interface KeyEncryption {
  /** Encrypts `plain`; `context` (e.g. which institution and key) is bound to the result. */
  wrap(plain: Uint8Array, context: string): Promise<string>;
  /** Refuses (throws `KeyUnwrapError`) a value wrapped for another context, key or version. */
  unwrap(wrapped: string, context: string): Promise<Uint8Array>;
}

export class KeyUnwrapError extends Error {
  override readonly name = 'KeyUnwrapError';
}

const FORMAT_VERSION = 'lk1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const MIN_KEY_ENCRYPTION_SECRET_LENGTH = 32;

function deriveBytes(secret: string, info: string, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'orbis.credentials.key-encryption', info, length));
}

function additionalData(keyId: string, context: string): Buffer {
  return Buffer.from(`${FORMAT_VERSION}\u0000${keyId}\u0000${context}`, 'utf8');
}

/**
 * Output: `lk1.<key id>.<iv>.<ciphertext and tag>`, base64url parts. The key id (derived
 * separately from the secret) tells a value wrapped under another secret from a tampered one.
 */
export function createLocalKeyEncryption(secret: string): KeyEncryption {
  if (secret.length < MIN_KEY_ENCRYPTION_SECRET_LENGTH) {
    throw new Error(`The key-encryption secret must be at least ${MIN_KEY_ENCRYPTION_SECRET_LENGTH} characters.`);
  }
  const key = deriveBytes(secret, 'aes-256-gcm key v1', 32);
  const keyId = encodeBase64url(deriveBytes(secret, 'key id v1', 9));

  return {
    async wrap(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(additionalData(keyId, context));
      const sealed = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return [FORMAT_VERSION, keyId, encodeBase64url(iv), encodeBase64url(sealed)].join('.');
    },
    async unwrap(wrapped, context) {
      const parts = wrapped.split('.');
      if (parts.length !== 4 || parts[0] !== FORMAT_VERSION) {
        throw new KeyUnwrapError('Not a wrapped key of a known format.');
      }
      if (parts[1] !== keyId) {
        throw new KeyUnwrapError('The key was wrapped under another key-encryption secret.');
      }
      const iv = decodeBase64url(parts[2] ?? '');
      const sealed = decodeBase64url(parts[3] ?? '');
      if (!iv || iv.length !== IV_BYTES || !sealed || sealed.length < TAG_BYTES) {
        throw new KeyUnwrapError('The wrapped key is malformed.');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(additionalData(keyId, context));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      try {
        const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
        return new Uint8Array(plain);
      } catch {
        throw new KeyUnwrapError('The wrapped key was altered or belongs to another context.');
      }
    },
  };
}
