import type { Readable } from 'node:stream';

export type PutOptions = { contentType: string };

/** What a successful write stored: the size and SHA-256 (hex) of exactly the bytes written. */
export type StoredObject = { key: string; size: number; sha256: string };

/** Inclusive byte positions, as in an HTTP `Range: bytes=start-end` header. */
export type ByteRange = { start: number; end: number };

export type ObjectInfo = {
  key: string;
  size: number;
  contentType: string;
  /** Hex SHA-256 of the whole object when the driver recorded it at write time. */
  sha256: string | null;
};

export type ObjectBody = ObjectInfo & {
  /** The requested bytes only: the whole object, or the range asked for. */
  stream: Readable;
  /** The range the stream covers, or null for the whole object. */
  range: ByteRange | null;
};

/**
 * Byte storage addressed by key, with no knowledge of what the bytes mean. Drivers: local disk
 * (the default) and S3-compatible buckets; both pass the same contract tests.
 */
export interface ObjectStorage {
  readonly kind: 'local' | 's3';
  /** Stores bytes under a key, replacing what was there; readers never see a half-written object. */
  put(key: string, body: Uint8Array | Readable, options: PutOptions): Promise<StoredObject>;
  /** Reads an object or part of it; throws `StorageNotFoundError` when there is none. */
  get(key: string, range?: ByteRange): Promise<ObjectBody>;
  /** Describes an object without reading it; null when there is none. */
  head(key: string): Promise<ObjectInfo | null>;
  /** Removes an object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Releases connections (S3); the local driver has nothing to release. */
  close(): Promise<void>;
}

export class StorageNotFoundError extends Error {
  override name = 'StorageNotFoundError';
  constructor(readonly key: string) {
    super(`No stored object with key "${key}"`);
  }
}

/** A key that could escape the storage root or does not fit every driver. */
export class StorageKeyError extends Error {
  override name = 'StorageKeyError';
}

/** A range outside the object, e.g. starting past its end. */
export class StorageRangeError extends Error {
  override name = 'StorageRangeError';
}

export function isStorageNotFound(error: unknown): error is StorageNotFoundError {
  return error instanceof StorageNotFoundError;
}
