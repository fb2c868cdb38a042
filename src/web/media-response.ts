import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../platform/errors/index.ts';
import {
  StorageKeyError,
  isStorageNotFound,
  type ByteRange,
  type ObjectInfo,
  type ObjectStorage,
} from '../platform/storage/index.ts';

export type StoredObjectResponseOptions = {
  /** The name a browser offers when saving; omitted: no file name is suggested. */
  filename?: string;
  /** Overrides the type recorded at upload (e.g. `text/vtt; charset=utf-8`). */
  contentType?: string;
  disposition: 'inline' | 'attachment';
  cacheSeconds: number;
  /** Public objects may be kept by shared caches; private ones only by the visitor's browser. */
  isPublic: boolean;
};

/** What the `Range` header asks for, judged against the object's size. */
export type RangeRequest = { kind: 'none' } | { kind: 'satisfiable'; range: ByteRange } | { kind: 'unsatisfiable' };

/**
 * Sends a stored object with the headers media players and download managers rely on: byte
 * ranges (206/416), a strong ETag from the checksum (304), `nosniff`, a safe Content-Disposition
 * and Cache-Control. Routes using it must set `compress: false`: compressing would break ranges
 * and Content-Length.
 */
export async function sendStoredObject(
  reply: FastifyReply,
  request: FastifyRequest,
  storage: ObjectStorage,
  key: string,
  options: StoredObjectResponseOptions,
): Promise<FastifyReply> {
  const info = await headOrNotFound(storage, key);
  const etag = info.sha256 ? `"${info.sha256}"` : null;
  reply.header('cache-control', cacheControl(options));
  reply.header('x-content-type-options', 'nosniff');
  reply.header('accept-ranges', 'bytes');
  if (etag) reply.header('etag', etag);

  if (etag && matchesIfNoneMatch(request.headers['if-none-match'], etag)) {
    return reply.code(304).send();
  }

  const rangeAllowed = ifRangeAllows(singleHeader(request.headers['if-range']), etag);
  const wanted = rangeAllowed ? parseRangeHeader(request.headers.range, info.size) : { kind: 'none' as const };
  if (wanted.kind === 'unsatisfiable') {
    reply.header('content-range', `bytes */${info.size}`);
    return reply.code(416).type('text/plain; charset=utf-8').send('Requested range not satisfiable');
  }

  reply.header('content-type', options.contentType ?? info.contentType);
  reply.header('content-disposition', contentDisposition(options.disposition, options.filename));
  const range = wanted.kind === 'satisfiable' ? wanted.range : null;
  if (range) {
    reply.code(206);
    reply.header('content-range', `bytes ${range.start}-${range.end}/${info.size}`);
  }
  reply.header('content-length', range ? range.end - range.start + 1 : info.size);
  // Fastify's HEAD handling keeps Content-Length only for a stream body; an empty one reads nothing.
  if (request.method === 'HEAD') return reply.send(Readable.from([]));

  const body = await storage.get(key, range ?? undefined).catch((error: unknown) => {
    throw isStorageNotFound(error) ? notFound('file') : error;
  });
  return reply.send(body.stream);
}

async function headOrNotFound(storage: ObjectStorage, key: string): Promise<ObjectInfo> {
  try {
    const info = await storage.head(key);
    if (info) return info;
  } catch (error) {
    if (!(error instanceof StorageKeyError)) throw error;
  }
  throw notFound('file');
}

/**
 * Reads a single `bytes=` range (RFC 9110 §14). Malformed headers and multiple ranges are
 * ignored, which means the whole object is sent with 200, as the RFC allows.
 */
export function parseRangeHeader(header: string | undefined, size: number): RangeRequest {
  if (!header) return { kind: 'none' };
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header.trim());
  if (!match) return { kind: 'none' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'none' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'satisfiable', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === '' ? Number.MAX_SAFE_INTEGER : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return { kind: 'none' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'satisfiable', range: { start, end: Math.min(end, size - 1) } };
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  // Weak comparison, as RFC 9110 asks for If-None-Match.
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/** A range applies only while the client's copy is still current (strong comparison). */
function ifRangeAllows(header: string | undefined, etag: string | null): boolean {
  if (!header) return true;
  return etag !== null && header.trim() === etag;
}

function cacheControl({ isPublic, cacheSeconds }: StoredObjectResponseOptions): string {
  const seconds = Math.max(0, Math.floor(cacheSeconds));
  return `${isPublic ? 'public' : 'private'}, max-age=${seconds}`;
}

/**
 * RFC 6266: an ASCII fallback in `filename` for old clients and the exact name, percent-encoded
 * UTF-8, in `filename*`. Path separators and control characters never reach the header.
 */
export function contentDisposition(disposition: 'inline' | 'attachment', filename?: string): string {
  const cleaned = Array.from(filename ?? '', (character) => (isUnsafeInFileName(character) ? '_' : character))
    .join('')
    .trim()
    .slice(0, 200);
  if (!cleaned) return disposition;
  const fallback =
    cleaned
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\%]/g, '_')
      .trim() || 'download';
  if (fallback === cleaned) return `${disposition}; filename="${cleaned}"`;
  const encoded = encodeURIComponent(cleaned).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function isUnsafeInFileName(character: string): boolean {
  const code = character.charCodeAt(0);
  return code < 0x20 || code === 0x7f || character === '/' || character === '\\';
}
