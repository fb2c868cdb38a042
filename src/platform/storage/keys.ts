import { StorageKeyError, StorageRangeError, type ByteRange } from './types.ts';

const MAX_KEY_LENGTH = 512;
/** Segments of letters, digits, `.`, `_` and `-`, joined by single slashes. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * Rejects any key that could leave a driver's root or mean different things to different
 * drivers: no absolute paths, no `.`/`..` segments, no empty segments, no backslashes, no
 * characters outside a small safe set. Callers build keys from ids, never from user file names.
 */
export function assertValidKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new StorageKeyError('Storage key must not be empty');
  if (key.length > MAX_KEY_LENGTH) {
    throw new StorageKeyError(`Storage key must be at most ${MAX_KEY_LENGTH} characters`);
  }
  for (const segment of key.split('/')) {
    if (!SEGMENT.test(segment) || segment.includes('..')) {
      throw new StorageKeyError(
        `Invalid storage key "${key}": use segments of letters, digits, ".", "_" and "-" separated by "/", with no leading "/" and no ".."`,
      );
    }
  }
  // Sidecar files of the local driver end in this suffix; keep them out of the key space.
  if (key.endsWith(SIDECAR_SUFFIX)) throw new StorageKeyError(`Storage key must not end in "${SIDECAR_SUFFIX}"`);
}

export function isValidKey(key: string): boolean {
  try {
    assertValidKey(key);
    return true;
  } catch {
    return false;
  }
}

export const SIDECAR_SUFFIX = '.meta.json';

/** Checks a range against an object's size and clamps an end past the last byte. */
export function resolveRange(range: ByteRange | undefined, size: number): ByteRange | null {
  if (range === undefined) return null;
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new StorageRangeError(`Invalid byte range ${start}-${end}`);
  }
  if (start >= size) throw new StorageRangeError(`Byte range ${start}-${end} starts past the end (${size} bytes)`);
  return { start, end: Math.min(end, size - 1) };
}
