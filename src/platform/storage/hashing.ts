import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type WrittenFile = { size: number; sha256: string };

export function hashBytes(bytes: Uint8Array): WrittenFile {
  return { size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Writes a body to a new file (failing if it exists) while counting and hashing it, so the
 * checksum describes exactly the bytes on disk.
 */
export async function writeHashedFile(body: Uint8Array | Readable, filePath: string): Promise<WrittenFile> {
  const hash = createHash('sha256');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.byteLength;
      callback(null, chunk);
    },
  });
  const source = body instanceof Readable ? body : Readable.from([Buffer.from(body)]);
  await pipeline(source, measure, createWriteStream(filePath, { flags: 'wx', mode: 0o640 }));
  return { size, sha256: hash.digest('hex') };
}
