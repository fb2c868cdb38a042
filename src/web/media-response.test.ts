import { mkdtemp, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import compress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '../platform/errors/index.ts';
import { createLocalStorage } from '../platform/storage/index.ts';
import { contentDisposition, parseRangeHeader, sendStoredObject } from './media-response.ts';

const BODY = '0123456789';
const ETAG = `"${createHash('sha256').update(BODY).digest('hex')}"`;

let app: FastifyInstance;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'orbis-media-response-'));
  const storage = createLocalStorage(root);
  await storage.put('files/digits.txt', Buffer.from(BODY), { contentType: 'text/plain; charset=utf-8' });
  app = Fastify();
  // Registered as in the real application, to show that media routes must opt out of it.
  await app.register(compress, { global: true, threshold: 1, encodings: ['br', 'gzip'] });
  app.setErrorHandler((error, _request, reply) => {
    void reply.code(isDomainError(error) && error.kind === 'not_found' ? 404 : 500).send({ code: 'error' });
  });
  app.get<{ Params: { '*': string }; Querystring: { public?: string } }>(
    '/media/*',
    { compress: false },
    async (request, reply) =>
      sendStoredObject(reply, request, storage, request.params['*'], {
        filename: 'Résumé 2024 – final "v2".txt',
        disposition: 'attachment',
        cacheSeconds: 3600,
        isPublic: request.query.public === '1',
      }),
  );
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await rm(root, { recursive: true, force: true });
});

function get(headers: Record<string, string> = {}, url = '/media/files/digits.txt') {
  return app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, br', ...headers } });
}

describe('sendStoredObject', () => {
  it('sends the whole object with type, length, ETag and safety headers', async () => {
    const response = await get();
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(BODY);
    expect(response.headers).toMatchObject({
      'content-type': 'text/plain; charset=utf-8',
      'content-length': '10',
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
      etag: ETAG,
      'cache-control': 'private, max-age=3600',
    });
    expect(response.headers['content-encoding']).toBeUndefined();
  });

  it('lets shared caches keep public objects', async () => {
    expect((await get({}, '/media/files/digits.txt?public=1')).headers['cache-control']).toBe('public, max-age=3600');
  });

  it('encodes non-ASCII file names as RFC 6266 asks', async () => {
    expect((await get()).headers['content-disposition']).toBe(
      `attachment; filename="Resume 2024  final _v2_.txt"; filename*=UTF-8''R%C3%A9sum%C3%A9%202024%20%E2%80%93%20final%20%22v2%22.txt`,
    );
  });

  it.each([
    ['bytes=2-4', '234', 'bytes 2-4/10'],
    ['bytes=7-', '789', 'bytes 7-9/10'],
    ['bytes=-3', '789', 'bytes 7-9/10'],
    ['bytes=8-100', '89', 'bytes 8-9/10'],
    ['bytes=0-0', '0', 'bytes 0-0/10'],
  ])('answers Range %s with 206', async (range, body, contentRange) => {
    const response = await get({ range });
    expect(response.statusCode).toBe(206);
    expect(response.body).toBe(body);
    expect(response.headers['content-range']).toBe(contentRange);
    expect(response.headers['content-length']).toBe(String(body.length));
  });

  it.each(['bytes=10-20', 'bytes=100-', 'bytes=-0'])('answers the unsatisfiable Range %s with 416', async (range) => {
    const response = await get({ range });
    expect(response.statusCode).toBe(416);
    expect(response.headers['content-range']).toBe('bytes */10');
  });

  it.each(['bytes=0-1,4-5', 'bytes=5-2', 'items=0-1', 'bytes=abc', 'bytes=-'])(
    'ignores the Range %s it does not serve and sends everything',
    async (range) => {
      const response = await get({ range });
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(BODY);
    },
  );

  it('answers 304 when the client already has this version', async () => {
    for (const ifNoneMatch of [ETAG, `W/${ETAG}`, `"other", ${ETAG}`, '*']) {
      const response = await get({ 'if-none-match': ifNoneMatch });
      expect(response.statusCode).toBe(304);
      expect(response.body).toBe('');
      expect(response.headers.etag).toBe(ETAG);
    }
    expect((await get({ 'if-none-match': '"other"' })).statusCode).toBe(200);
  });

  it('sends everything when If-Range names an older version', async () => {
    const stale = await get({ range: 'bytes=2-4', 'if-range': '"older"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toBe(BODY);
    const current = await get({ range: 'bytes=2-4', 'if-range': ETAG });
    expect(current.statusCode).toBe(206);
  });

  it('answers HEAD with the headers only', async () => {
    const response = await app.inject({
      method: 'HEAD',
      url: '/media/files/digits.txt',
      headers: { range: 'bytes=1-2' },
    });
    expect(response.statusCode).toBe(206);
    expect(response.headers['content-length']).toBe('2');
    expect(response.body).toBe('');
  });

  it('answers 404 for missing objects and keys that are not keys', async () => {
    expect((await get({}, '/media/files/missing.txt')).statusCode).toBe(404);
    expect((await get({}, '/media/files/..%2F..%2Fetc%2Fpasswd')).statusCode).toBe(404);
    expect((await get({}, '/media/.hidden')).statusCode).toBe(404);
  });
});

describe('parseRangeHeader', () => {
  it('treats every range of an empty object as unsatisfiable', () => {
    expect(parseRangeHeader('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRangeHeader('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRangeHeader(undefined, 0)).toEqual({ kind: 'none' });
  });
});

describe('contentDisposition', () => {
  it('keeps plain names simple and drops path and control characters', () => {
    expect(contentDisposition('inline', 'slides.pdf')).toBe('inline; filename="slides.pdf"');
    expect(contentDisposition('attachment', '../../etc/passwd')).toBe('attachment; filename=".._.._etc_passwd"');
    expect(contentDisposition('attachment', 'a\r\nSet-Cookie: x=1')).toBe('attachment; filename="a__Set-Cookie: x=1"');
    expect(contentDisposition('inline')).toBe('inline');
    expect(contentDisposition('attachment', '讲义.pdf')).toBe(
      'attachment; filename=".pdf"; filename*=UTF-8\'\'%E8%AE%B2%E4%B9%89.pdf',
    );
  });
});
