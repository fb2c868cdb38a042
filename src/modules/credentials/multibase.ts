/**
 * Multibase and multicodec helpers for keys and proofs: base58btc ('z') and base64url ('u').
 * Written here rather than taken from a package because the formats are tiny and fixed.
 */
const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE58_INDEX = new Map([...BASE58_ALPHABET].map((character, index) => [character, index]));

/** Multicodec prefix of an Ed25519 public key (varint of 0xed). */
export const ED25519_PUBLIC_KEY_PREFIX = Uint8Array.of(0xed, 0x01);

export function encodeBase58btc(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros += 1;
  const digits: number[] = [];
  for (let index = zeros; index < bytes.length; index += 1) {
    let carry = bytes[index] ?? 0;
    for (let position = 0; position < digits.length; position += 1) {
      carry += (digits[position] ?? 0) << 8;
      digits[position] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let text = '1'.repeat(zeros);
  for (let position = digits.length - 1; position >= 0; position -= 1) {
    text += BASE58_ALPHABET[digits[position] ?? 0];
  }
  return text;
}

/** Returns null for text that is not base58btc. */
export function decodeBase58btc(text: string): Uint8Array | null {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros += 1;
  const bytes: number[] = [];
  for (let index = zeros; index < text.length; index += 1) {
    const value = BASE58_INDEX.get(text[index] ?? '');
    if (value === undefined) return null;
    let carry = value;
    for (let position = 0; position < bytes.length; position += 1) {
      carry += (bytes[position] ?? 0) * 58;
      bytes[position] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const result = new Uint8Array(zeros + bytes.length);
  for (let position = 0; position < bytes.length; position += 1) {
    result[result.length - 1 - position] = bytes[position] ?? 0;
  }
  return result;
}

export function encodeMultibaseBase58btc(bytes: Uint8Array): string {
  return `z${encodeBase58btc(bytes)}`;
}

/** Returns null unless the text is 'z' followed by base58btc. */
export function decodeMultibaseBase58btc(text: string): Uint8Array | null {
  if (!text.startsWith('z')) return null;
  return decodeBase58btc(text.slice(1));
}

export function encodeBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/** Strict: returns null for anything but unpadded base64url. */
export function decodeBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  return new Uint8Array(Buffer.from(text, 'base64url'));
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}

export function startsWithBytes(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((byte, index) => bytes[index] === byte);
}
