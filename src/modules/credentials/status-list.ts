/**
 * W3C Bitstring Status List v1.0: a list of at least 131,072 bits, GZIP then base64url with
 * the multibase prefix 'u'; bit 0 is the most significant bit of the first byte. Indexes are
 * handed out at random so that a credential's index says nothing about when it was issued or
 * about its neighbours (herd privacy).
 */
import { randomInt } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeBase64url, encodeBase64url } from './multibase.ts';
import { VC_V2_CONTEXT } from './contexts.ts';

/** The spec's minimum: 16 KiB of bits. */
export const MIN_STATUS_LIST_LENGTH = 131_072;
/** A decoded list larger than this is refused (a small GZIP could expand to anything). */
export const MAX_STATUS_LIST_LENGTH = 16 * 1024 * 1024 * 8;

export type StatusPurpose = 'revocation' | 'suspension';

export type BitstringStatusListEntry = {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  statusListIndex: string;
  statusListCredential: string;
};

export type BitstringStatusListSubject = {
  id: string;
  type: 'BitstringStatusList';
  statusPurpose: StatusPurpose;
  encodedList: string;
  ttl?: number;
};

export class StatusListError extends Error {
  override readonly name = 'StatusListError';
}

export class StatusList {
  readonly bits: Uint8Array;

  private constructor(bits: Uint8Array) {
    this.bits = bits;
  }

  /** An all-zero list; the length is rounded up to whole bytes and never below the minimum. */
  static create(length = MIN_STATUS_LIST_LENGTH): StatusList {
    if (!Number.isInteger(length) || length < MIN_STATUS_LIST_LENGTH || length > MAX_STATUS_LIST_LENGTH) {
      throw new StatusListError(`A status list holds ${MIN_STATUS_LIST_LENGTH} to ${MAX_STATUS_LIST_LENGTH} entries.`);
    }
    return new StatusList(new Uint8Array(Math.ceil(length / 8)));
  }

  /** Reads an `encodedList`; refuses a list shorter than the minimum or not in the format. */
  static decode(encodedList: string): StatusList {
    if (!encodedList.startsWith('u')) throw new StatusListError('The encoded list lacks the multibase prefix "u".');
    const compressed = decodeBase64url(encodedList.slice(1));
    if (!compressed) throw new StatusListError('The encoded list is not base64url.');
    let bits: Buffer;
    try {
      bits = gunzipSync(compressed, { maxOutputLength: MAX_STATUS_LIST_LENGTH / 8 });
    } catch {
      throw new StatusListError('The encoded list is not GZIP data of an acceptable size.');
    }
    if (bits.length * 8 < MIN_STATUS_LIST_LENGTH)
      throw new StatusListError('The status list is shorter than 131,072 entries.');
    return new StatusList(new Uint8Array(bits));
  }

  get length(): number {
    return this.bits.length * 8;
  }

  private locate(index: number): { byte: number; mask: number } {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new StatusListError(`Index ${index} is outside the list (0 to ${this.length - 1}).`);
    }
    return { byte: index >> 3, mask: 0x80 >> (index & 7) };
  }

  get(index: number): boolean {
    const { byte, mask } = this.locate(index);
    return ((this.bits[byte] ?? 0) & mask) !== 0;
  }

  set(index: number, value: boolean): void {
    const { byte, mask } = this.locate(index);
    const current = this.bits[byte] ?? 0;
    this.bits[byte] = value ? current | mask : current & ~mask;
  }

  encode(): string {
    return `u${encodeBase64url(gzipSync(this.bits))}`;
  }
}

/**
 * A random index not yet taken. Random draws first; when the list is nearly full, a scan
 * from a random start guarantees an answer while one is free.
 */
export function allocateStatusIndex(
  taken: ReadonlySet<number> | ((index: number) => boolean),
  length = MIN_STATUS_LIST_LENGTH,
): number {
  const isTaken = typeof taken === 'function' ? taken : (index: number) => taken.has(index);
  for (let attempt = 0; attempt < 64; attempt += 1) {
    const index = randomInt(length);
    if (!isTaken(index)) return index;
  }
  const start = randomInt(length);
  for (let offset = 0; offset < length; offset += 1) {
    const index = (start + offset) % length;
    if (!isTaken(index)) return index;
  }
  throw new StatusListError('The status list is full.');
}

export function buildStatusListEntry(
  statusListCredential: string,
  statusPurpose: StatusPurpose,
  index: number,
): BitstringStatusListEntry {
  if (!Number.isInteger(index) || index < 0)
    throw new StatusListError('A status list index is a non-negative integer.');
  return {
    id: `${statusListCredential}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose,
    statusListIndex: String(index),
    statusListCredential,
  };
}

export type StatusListCredentialInput = {
  /** The URL the list credential is served at. */
  id: string;
  issuer: string | { id: string; [key: string]: unknown };
  statusPurpose: StatusPurpose;
  list: StatusList;
  validFrom: string;
  validUntil?: string;
  /** How long, in milliseconds, a verifier may cache the list. */
  ttl?: number;
};

/** The unsigned `BitstringStatusListCredential`; sign it like any other credential. */
export function buildStatusListCredential(input: StatusListCredentialInput): Record<string, unknown> {
  const credentialSubject: BitstringStatusListSubject = {
    id: `${input.id}#list`,
    type: 'BitstringStatusList',
    statusPurpose: input.statusPurpose,
    encodedList: input.list.encode(),
  };
  if (input.ttl !== undefined) credentialSubject.ttl = input.ttl;
  return {
    '@context': [VC_V2_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: input.validFrom,
    ...(input.validUntil === undefined ? {} : { validUntil: input.validUntil }),
    credentialSubject,
  };
}

/**
 * The bit a credential's entry points at, read from its (already verified) list credential.
 * Throws StatusListError when the entry and the list do not belong together.
 */
export function readStatusBit(entry: BitstringStatusListEntry, listCredential: Record<string, unknown>): boolean {
  if (listCredential.id !== entry.statusListCredential)
    throw new StatusListError('The list is not the one the entry names.');
  const subject = listCredential.credentialSubject as Partial<BitstringStatusListSubject> | undefined;
  if (!subject || subject.type !== 'BitstringStatusList' || typeof subject.encodedList !== 'string') {
    throw new StatusListError('The list credential has no BitstringStatusList subject.');
  }
  if (subject.statusPurpose !== entry.statusPurpose)
    throw new StatusListError('The list serves another status purpose.');
  if (!/^(0|[1-9]\d*)$/.test(entry.statusListIndex))
    throw new StatusListError('The status list index is not a number.');
  return StatusList.decode(subject.encodedList).get(Number(entry.statusListIndex));
}
