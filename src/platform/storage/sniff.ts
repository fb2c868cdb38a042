import { Readable } from 'node:stream';
import { MEDIA_SNIFF_BYTES } from './media-type.ts';

/**
 * Reads the first bytes of a stream for type detection and returns a stream that still yields
 * every byte, so an upload can be checked before it is stored without buffering it whole.
 */
export async function peekStream(
  source: Readable,
  bytes: number = MEDIA_SNIFF_BYTES,
): Promise<{ head: Uint8Array; stream: Readable }> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const buffered: Buffer[] = [];
  let length = 0;
  let finished = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      finished = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    buffered.push(chunk);
    length += chunk.byteLength;
  }
  const head = Buffer.concat(buffered).subarray(0, bytes);
  async function* replay(): AsyncGenerator<Buffer> {
    yield* buffered;
    while (!finished) {
      const next = await iterator.next();
      if (next.done) return;
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  }
  return { head, stream: Readable.from(replay(), { objectMode: false }) };
}
